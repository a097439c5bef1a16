"""Accuracy of the offline extractor on held-out real CVs (../shared/samples/real-pdfs), labelled by hand in
tests/corpus/real. The floors sit just under what the extractor reaches, so a regression fails here."""
import pytest

from bench.extraction.run import real_accuracy, real_corpus

# key field -> lowest F1 accepted on the held-out set
KEY_FLOORS = {
    "name": 0.99, "email": 0.99, "phone": 0.99, "job titles": 0.97, "companies": 0.92,
    "dates": 0.97, "institutions": 0.97, "degrees": 0.97,
}
OVERALL_FLOOR = 0.91
WORST_CV_FLOOR = 0.70


@pytest.fixture(scope="module")
def scores():
    return real_accuracy()


def test_every_held_out_cv_is_labelled_and_present():
    assert len(real_corpus()) == 9


def test_key_fields_stay_above_their_floor(scores):
    aggregate, _ = scores
    low = {name: round(aggregate["key_fields"][name][2], 3) for name, floor in KEY_FLOORS.items()
           if aggregate["key_fields"][name][2] < floor}
    assert not low, f"key fields under their floor on the real CVs: {low}"


def test_overall_f1_stays_above_its_floor(scores):
    aggregate, _ = scores
    assert aggregate["overall"][2] >= OVERALL_FLOOR


def test_no_real_cv_is_unreadable(scores):
    _, per_file = scores
    worst = min(per_file, key=lambda row: row["f1"])
    assert worst["f1"] >= WORST_CV_FLOOR, worst
