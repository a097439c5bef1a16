"""Accuracy of the offline extractor on the labelled corpus: a regression fails here."""
import pytest

from bench.extraction.run import KEY_TARGET, OVERALL_TARGET, accuracy, corpus


@pytest.fixture(scope="module")
def scores():
    # the scanned page goes through OCR (seconds per page): the benchmark covers it, not this test
    items = [item for item in corpus() if item[2] != "jpg"]
    assert len(items) >= 30
    return accuracy(items)


def test_key_fields_reach_the_target(scores):
    aggregate, _ = scores
    low = {name: round(f1, 3) for name, (_, _, f1) in aggregate["key_fields"].items() if f1 < KEY_TARGET}
    assert not low, f"key fields under F1 {KEY_TARGET}: {low}"


def test_overall_f1_reaches_the_target(scores):
    aggregate, _ = scores
    assert aggregate["overall"][2] >= OVERALL_TARGET


def test_no_cv_of_the_corpus_is_badly_read(scores):
    _, per_file = scores
    worst = min(per_file, key=lambda row: row["f1"])
    assert worst["f1"] >= 0.6, worst
