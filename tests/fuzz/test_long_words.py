"""Every text parser stays linear on single words tens of thousands of characters long."""
import pytest

from cvs.extraction.contact import find_phone
from cvs.extraction.dates import find_dates, parse_date
from cvs.extraction.gate import resume_gate_score
from tests.fuzz.test_extraction_fuzz import time_box

N = 50_000
WORDS = {
    "letters": "a" * N,
    "digits": "1" * N,
    "dotted digits": "1." * (N // 2),
    "spaced digits": "1 " * (N // 2),
    "at signs": "a@" * (N // 2),
    "dotted letters": "a." * (N // 2),
    "plus digits": "+1" * (N // 2),
    "dashes": "1-" * (N // 2),
    "years": "2020" * (N // 4),
    "month and year": "jan2020" * (N // 7),
    "two long halves of an email": "a" * N + "@" + "b" * N,
}


@pytest.mark.parametrize("parser", [parse_date, find_dates, find_phone, resume_gate_score],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("word", WORDS.values(), ids=WORDS.keys())
def test_parsers_answer_quickly_on_a_very_long_word(parser, word):
    with time_box(0.5):
        parser(word)


def test_bounded_patterns_still_find_ordinary_contact_details():
    signals = resume_gate_score("Jane Doe\njane.doe+cv@mail.example.co.uk\nSalary 50,000 EUR").signals
    assert signals["email"] and signals["money"] == 1
    assert parse_date("Sept. 2017") == "2017-09" and parse_date("x" * 5000) is None
