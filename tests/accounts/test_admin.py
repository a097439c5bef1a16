import pytest
from django.urls import reverse

from payments.models import Entitlement
from payments.services import entitlement_grant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(email="root@example.com", is_staff=True, is_superuser=True))
    return client


def test_the_user_admin_is_for_staff_only(client, alice):
    url = reverse("admin:accounts_user_changelist")
    assert client.get(url).status_code == 302
    client.force_login(alice)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_search_and_paid_filter(admin_client, alice, bob):
    entitlement_grant(user=bob, source=Entitlement.Source.ADMIN)
    url = reverse("admin:accounts_user_changelist")
    page = admin_client.get(url, {"q": "alice"}).content.decode()
    assert "alice@example.com" in page and "bob@example.com" not in page
    paid = admin_client.get(url, {"paid": "yes"}).content.decode()
    assert "bob@example.com" in paid and "alice@example.com" not in paid
    unpaid = admin_client.get(url, {"paid": "no"}).content.decode()
    assert "alice@example.com" in unpaid and "bob@example.com" not in unpaid
    assert admin_client.get(url, {"provider": "password"}).status_code == 200


def test_the_change_page_shows_entitlements_and_links_to_cvs(admin_client, bob):
    entitlement_grant(user=bob, source=Entitlement.Source.ADMIN)
    page = admin_client.get(reverse("admin:accounts_user_change", args=[bob.pk])).content.decode()
    assert "Granted by an operator" in page
    cvs = admin_client.get(reverse("admin:cvs_extractionjob_changelist"), {"owner__id__exact": bob.pk})
    assert cvs.status_code == 200


def test_grant_and_deactivate_actions(admin_client, alice, bob):
    url = reverse("admin:accounts_user_changelist")
    admin_client.post(url, {"action": "grant_paid_access", "_selected_action": [alice.pk]})
    assert Entitlement.objects.active().filter(user=alice).exists()
    admin_client.post(url, {"action": "deactivate", "_selected_action": [bob.pk]})
    bob.refresh_from_db()
    assert not bob.is_active
