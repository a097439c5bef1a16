"""Shared fixtures: alice (owner), bob (another user), an anonymous client, staff."""
import importlib

import pytest
from rest_framework.test import APIClient

from tests.factories import UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache(db):
    from django.core.cache import cache

    cache.clear()
    _ensure_seed_data()
    yield


def _ensure_seed_data():
    """Data migrations' rows (the plans on offer) come back after a transactional test's flush."""
    from payments.models import Plan

    if not Plan.objects.exists():
        seed = importlib.import_module("payments.migrations.0002_seed_plans")
        for plan in seed.PLANS:
            Plan.objects.get_or_create(code=plan["code"], defaults=plan)


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com", name="Alice Example")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com", name="Bob Other")


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@example.com", name="Staff Person", is_staff=True)


@pytest.fixture
def anon_client():
    return APIClient()


def _client_for(user):
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice):
    return _client_for(alice)


@pytest.fixture
def bob_client(bob):
    return _client_for(bob)


@pytest.fixture
def staff_client(staff):
    return _client_for(staff)
