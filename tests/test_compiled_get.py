"""CompiledGet: a lookup by key whose SQL the ORM compiles once gives what the ORM's get() gives."""
import datetime
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Session
from cvs.models import ExtractionJob
from resume2website.compiled_get import CompiledGet

pytestmark = pytest.mark.django_db

CV = {"hero": {"fullName": "Alice Example"}, "skills": {"skills": [{"name": "Python"}]}}


def _job(owner, **fields):
    return ExtractionJob.objects.create(owner=owner, original_name="cv.pdf", file_type="pdf", size=10,
                                        sha256=fields.pop("sha256", uuid.uuid4().hex * 2), cv_data=CV,
                                        section_confidence={"hero": 0.9}, confidence=0.8,
                                        finished_at=timezone.now(), **fields)


def _field_values(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def _session(user, *, expires_in=datetime.timedelta(days=1)) -> Session:
    return Session.objects.create(session_key=uuid.uuid4().hex, session_data="data", user=user,
                                  expire_date=timezone.now() + expires_in)


def test_a_row_becomes_the_same_model_instance_the_orm_makes(alice):
    job = _job(alice)
    lookup = CompiledGet(lambda: ExtractionJob.objects.all(), "pk")

    got = lookup.get(job.pk)

    assert _field_values(got) == _field_values(ExtractionJob.objects.get(pk=job.pk))
    assert got.cv_data == CV and got.finished_at.tzinfo is not None  # the fields' converters ran
    assert got._state.adding is False and got._state.db == "default"
    got.status = ExtractionJob.Status.FAILED
    got.save()  # an update of that row, not a new one
    assert ExtractionJob.objects.count() == 1
    assert ExtractionJob.objects.get(pk=job.pk).status == ExtractionJob.Status.FAILED


def test_select_related_models_come_with_the_row_in_one_query(alice, django_assert_num_queries):
    session = _session(alice)
    lookup = CompiledGet(lambda: Session.objects.select_related("user"), "session_key", "expire_date__gt")
    lookup.get(session.session_key, timezone.now())  # compiled here

    with django_assert_num_queries(1):
        got = lookup.get(session.session_key, timezone.now())
        assert got.user.email == "alice@example.com"
    assert _field_values(got.user) == _field_values(type(alice).objects.get(pk=alice.pk))
    assert _field_values(got) == _field_values(Session.objects.get(pk=session.pk))


def test_the_sql_is_compiled_once_and_each_call_runs_it_with_its_own_values(alice, monkeypatch):
    first, second = _job(alice), _job(alice)
    lookup = CompiledGet(lambda: ExtractionJob.objects.all(), "pk")
    assert lookup.get(first.pk).pk == first.pk

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(SQLCompiler, "as_sql", no_compiling)
    with CaptureQueriesContext(connection) as queries:
        assert lookup.get(second.pk).pk == second.pk
        assert lookup.get(uuid.uuid4()) is None
    assert len(queries) == 2
    assert all("ORDER BY" not in query["sql"] for query in queries)


def test_every_lookup_filters(alice):
    live, expired = _session(alice), _session(alice, expires_in=-datetime.timedelta(seconds=1))
    lookup = CompiledGet(lambda: Session.objects.select_related("user"), "session_key", "expire_date__gt")

    assert lookup.get(live.session_key, timezone.now()).pk == live.pk
    assert lookup.get(expired.session_key, timezone.now()) is None
    assert lookup.get(live.session_key, live.expire_date) is None  # strictly after


def test_more_than_one_matching_row_is_refused(alice):
    _job(alice, sha256="a" * 64)
    _job(alice, sha256="a" * 64)

    with pytest.raises(ExtractionJob.MultipleObjectsReturned):
        CompiledGet(lambda: ExtractionJob.objects.all(), "sha256").get("a" * 64)


def test_a_lookup_whose_value_the_orm_prepares_otherwise_is_refused_before_it_queries(alice):
    lookup = CompiledGet(lambda: ExtractionJob.objects.all(), "original_name__contains")

    with pytest.raises(ImproperlyConfigured, match="original_name__contains"):
        lookup.get("cv")  # the ORM sends "%cv%"


def test_the_values_must_match_the_lookups_and_none_is_refused():
    lookup = CompiledGet(lambda: Session.objects.all(), "session_key", "expire_date__gt")

    with pytest.raises(TypeError, match="session_key, expire_date__gt"):
        lookup.get("key")
    with pytest.raises(ValueError, match="None"):
        lookup.get(None, timezone.now())  # the ORM would write IS NULL, another query
