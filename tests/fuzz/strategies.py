"""Hypothesis strategies drawn from the CV schema itself (cvs/extraction/schema.py).

The models are walked at import time, so a field added to the schema is fuzzed without
touching this file; date fields are those the schema guards with a date validator.
"""
from __future__ import annotations

import types
import typing

from hypothesis import strategies as st
from pydantic import BaseModel

from cvs.extraction.schema import DATE_RE, CVDocument

XSS_PAYLOADS = (
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</title><svg onload=alert(1)>",
    "{{ 7*7 }}{% debug %}",
    "';alert(String.fromCharCode(88,83,83))//",
    "<a href=\"javascript:alert(1)\">x</a>",
    "\u202egnp.exe",
)

# Text that stresses parsers: control characters, RTL marks, emoji, NUL, long runs.
nasty_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(XSS_PAYLOADS),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.just("\x00"),
    st.just("a" * 5000),
)
dates = st.one_of(st.none(), st.from_regex(DATE_RE, fullmatch=True))


def _date_fields(model: type[BaseModel]) -> set[str]:
    fields: set[str] = set()
    for decorator in model.__pydantic_decorators__.field_validators.values():
        fields.update(decorator.info.fields)
    return fields


def _for_annotation(annotation, *, date: bool = False):
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return st.one_of(st.none(), *(_for_annotation(a, date=date) for a in inner))
    if origin is list:
        return st.lists(_for_annotation(args[0], date=date), max_size=3)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_strategy(annotation)
    if annotation is str:
        return dates if date else nasty_text.filter(lambda s: "\x00" not in s)
    if annotation is bool:
        return st.booleans()
    if annotation is float:
        return st.floats(min_value=0, max_value=80, allow_nan=False)
    raise TypeError(f"no strategy for {annotation!r}")


def model_strategy(model: type[BaseModel]):
    """Valid instances' JSON for any model of the CV schema: any subset of fields, filled."""
    date_fields = _date_fields(model)
    optional = {
        name: _for_annotation(field.annotation, date=name in date_fields) for name, field in model.model_fields.items()
    }
    return st.fixed_dictionaries({}, optional=optional)


cv_documents = model_strategy(CVDocument)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4),
    max_leaves=30,
)

# Section names and field names from the schema, with junk values: closer to real mistakes.
_section_names = list(CVDocument.model_fields)
malformed_documents = st.one_of(
    json_values,
    st.dictionaries(st.sampled_from(_section_names), json_values, max_size=6),
    cv_documents.flatmap(
        lambda doc: st.sampled_from(_section_names).flatmap(
            lambda name: st.just({**doc, name: doc.get(name)}) | json_values.map(lambda junk: {**doc, name: junk})
        )
    ),
)
