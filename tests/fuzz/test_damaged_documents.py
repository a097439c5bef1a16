"""Real documents with damaged bytes are read or refused with a clear code, never a raw parser error."""
import random

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.test_extraction_fuzz import FILE_FUZZ, SAMPLES, _read
from tests.hostile.corpus import docx, text_pdf


def _mutate(data: bytes, seed: int) -> bytes:
    rnd = random.Random(seed)
    out = bytearray(data)
    for _ in range(rnd.randint(1, 40)):
        action = rnd.random()
        pos = rnd.randrange(len(out))
        if action < 0.6:
            out[pos] = rnd.randrange(256)
        elif action < 0.8:
            del out[pos:pos + rnd.randint(1, 200)]
        else:
            out[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 50)))
    return bytes(out)


@FILE_FUZZ
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["pdf", "docx"]))
def test_damaged_real_documents_are_read_or_refused_with_a_clear_code(seed, kind):
    original = SAMPLES[seed % len(SAMPLES)].read_bytes() if kind == "pdf" and SAMPLES else (
        text_pdf() if kind == "pdf" else docx())
    _read(_mutate(original, seed), kind)
