"""Sessions are stored with their user (accounts.Session): a session token is one query."""
import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoDBStore
from django.utils import timezone

from accounts.authentication import session_store_class, user_from_session_key
from accounts.models import Session

pytestmark = pytest.mark.django_db


def _signed_in(store, user):
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def test_a_session_knows_its_user_and_goes_with_the_user(alice, django_assert_num_queries):
    key = _signed_in(session_store_class()(), alice)
    assert Session.objects.get(session_key=key).user == alice

    with django_assert_num_queries(1):
        assert user_from_session_key(key) == alice

    alice.delete()
    assert not Session.objects.filter(session_key=key).exists()


def test_a_session_of_a_changed_password_or_inactive_user_is_refused(alice):
    key = _signed_in(session_store_class()(), alice)
    alice.set_password("a new password 123")
    alice.save()
    assert user_from_session_key(key) is None
    key = _signed_in(session_store_class()(), alice)
    alice.is_active = False
    alice.save()
    assert user_from_session_key(key) is None


def test_the_migration_keeps_people_signed_in(alice):
    live = _signed_in(DjangoDBStore(), alice)
    expired = DjangoDBStore()
    expired.set_expiry(timezone.now() - timedelta(days=1))
    expired.create()
    migration = importlib.import_module("accounts.migrations.0002_session")

    migration.copy_live_sessions(apps, None)

    assert Session.objects.get(session_key=live).user == alice
    assert user_from_session_key(live) == alice
    assert not Session.objects.filter(session_key=expired.session_key).exists()


def test_a_session_cookie_loads_its_session_from_sql_compiled_once(alice, monkeypatch, django_assert_num_queries):
    from django.db.models.sql.compiler import SQLCompiler

    store_class = session_store_class()
    key = _signed_in(store_class(), alice)
    expired = store_class()
    expired["note"] = "old"
    expired.set_expiry(timezone.now() - timedelta(seconds=1))
    expired.create()
    assert store_class(key).load()[SESSION_KEY] == str(alice.pk)  # compiled here, or earlier

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(SQLCompiler, "as_sql", no_compiling)
    with django_assert_num_queries(1):
        assert store_class(key).load()[SESSION_KEY] == str(alice.pk)
    gone = store_class(expired.session_key)
    assert gone.load() == {} and gone.session_key is None  # as Django's: an expired session is no session
