import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("list_users", *args, stdout=out)
    return out.getvalue()


def test_it_lists_every_user_with_counts(alice, bob, staff):
    from payments.services import entitlement_grant

    entitlement_grant(user=bob, source="admin")
    rows = {r["email"]: r for r in json.loads(_run("--json"))}
    assert set(rows) == {"alice@example.com", "bob@example.com", "staff@example.com"}
    assert rows["bob@example.com"]["paid"] is True
    assert rows["alice@example.com"]["paid"] is False
    assert rows["alice@example.com"]["cvs"] == 0
    assert rows["staff@example.com"]["staff"] is True


def test_the_table_and_filters(alice, bob, staff):
    table = _run("--search", "alice")
    assert "alice@example.com" in table and "bob@example.com" not in table
    assert table.strip().endswith("1 user(s)")
    assert "staff@example.com" in _run("--staff") and "alice" not in _run("--staff")


def test_no_users():
    assert _run().strip() == "No users."
