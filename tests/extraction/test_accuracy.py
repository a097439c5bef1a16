"""Accuracy of the offline extractor, a regression fails here:
- on the generated corpus (tests/corpus, exact labels): the product's targets;
- on held-out real CVs (../shared/samples/real-pdfs, labelled by hand in tests/corpus/real): floors just
  under what the extractor reaches there."""
import pytest

from bench.extraction.run import KEY_TARGET, OVERALL_TARGET, accuracy, corpus, real_accuracy, real_corpus

GENERATED = {"key": dict.fromkeys(("name", "email", "phone", "job titles", "companies", "dates", "institutions", "degrees"),
                                  KEY_TARGET), "overall": OVERALL_TARGET, "worst_cv": 0.6}
REAL = {
    "key": {"name": 0.99, "email": 0.99, "phone": 0.99, "job titles": 0.97, "companies": 0.92, "dates": 0.97,
            "institutions": 0.97, "degrees": 0.97},
    "overall": 0.95,
    "worst_cv": 0.87,
}


@pytest.fixture(scope="module", params=["generated", "real"])
def scored(request):
    if request.param == "real":
        return real_accuracy(), REAL
    # the scanned page goes through OCR (seconds per page): the benchmark covers it, not this test
    items = [item for item in corpus() if item[2] != "jpg"]
    assert len(items) >= 30
    return accuracy(items), GENERATED


def test_every_held_out_real_cv_is_labelled_and_present():
    assert len(real_corpus()) == 9


def test_key_fields_reach_their_floor(scored):
    (aggregate, _), floors = scored
    low = {name: round(aggregate["key_fields"][name][2], 3) for name, floor in floors["key"].items()
           if aggregate["key_fields"][name][2] < floor}
    assert not low, f"key fields under their floor: {low}"


def test_overall_f1_reaches_its_floor(scored):
    (aggregate, _), floors = scored
    assert aggregate["overall"][2] >= floors["overall"]


def test_no_cv_is_badly_read(scored):
    (_, per_file), floors = scored
    worst = min(per_file, key=lambda row: row["f1"])
    assert worst["f1"] >= floors["worst_cv"], worst
