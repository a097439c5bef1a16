"""Two deliveries at once grant once: real threads, each with its own connection and transaction.

On PostgreSQL the threads share the test database. On SQLite they share a file database set up
like production (WAL, IMMEDIATE transactions, busy timeout), since the in-memory test database
locks whole tables and answers "table is locked" instead of waiting.
"""
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

from payments.models import CheckoutSession, Entitlement, Plan, WebhookEvent
from tests.factories import UserFactory
from tests.fakes.stripe import FakeStripe

pytestmark = pytest.mark.django_db(transaction=True)


def in_thread(fn, *args):
    """Run fn on a fresh thread (so a fresh database connection) and return its result."""
    result: dict = {}

    def run():
        try:
            result["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            result["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if "error" in result:
        raise result["error"]
    return result.get("value")


@pytest.fixture
def concurrent_db(tmp_path):
    if connection.vendor != "sqlite":
        yield
        return
    settings_dict = connection.settings_dict
    original = settings_dict["NAME"]
    settings_dict["NAME"] = str(tmp_path / "concurrency.sqlite3")
    try:
        in_thread(lambda: call_command("migrate", verbosity=0))
        yield
    finally:
        settings_dict["NAME"] = original


@pytest.fixture
def paid_session(fake_stripe, concurrent_db):
    session = fake_stripe._create_session({
        "mode": "payment", "success_url": "http://testserver/ok",
        "line_items": [{"price_data": {"unit_amount": "4900", "currency": "usd"}, "quantity": "1"}],
    })

    def create():
        user = UserFactory(email="carol@example.com")
        CheckoutSession.objects.create(session_id=session["id"], user=user, ui_mode="hosted",
                                       plan=Plan.objects.get(code="lifetime"))
        return user.pk

    return in_thread(create), session["id"]


def _deliver_at_once(fake: FakeStripe, events: list[dict]) -> list[int]:
    barrier = threading.Barrier(len(events))
    statuses: list[int] = []

    def deliver(event):
        try:
            body, signature = fake.signed(event)
            barrier.wait(timeout=10)
            response = Client().post("/api/v1/payments/webhook", data=body, content_type="application/json",
                                     HTTP_STRIPE_SIGNATURE=signature)
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver, args=(event,)) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


def _counts(user_id: int) -> tuple[int, int, int]:
    return (
        Entitlement.objects.filter(user_id=user_id).count(),
        Entitlement.objects.filter(user_id=user_id).active().count(),
        WebhookEvent.objects.count(),
    )


def test_the_same_event_delivered_four_times_at_once_grants_once(fake_stripe, paid_session):
    user_id, session_id = paid_session
    event = fake_stripe.complete_session(session_id)
    assert _deliver_at_once(fake_stripe, [event] * 4) == [200] * 4
    assert in_thread(_counts, user_id) == (1, 1, 1)


def test_completion_and_async_success_at_once_grant_once(fake_stripe, paid_session):
    user_id, session_id = paid_session
    events = [fake_stripe.complete_session(session_id), fake_stripe.async_payment(session_id, succeeded=True)]
    assert _deliver_at_once(fake_stripe, events) == [200, 200]
    assert in_thread(_counts, user_id) == (1, 1, 2)
