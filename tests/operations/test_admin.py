import pytest
from django.urls import reverse

from operations.models import MaintenanceState
from resume2website.maintenance import maintenance_active
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_maintenance_switch_is_staff_only(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:operations_maintenancestate_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_switch_maintenance_on_and_off_from_the_admin(client, django_capture_on_commit_callbacks):
    root = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    client.force_login(root)
    page = client.get(reverse("admin:operations_maintenancestate_changelist"), follow=True)
    assert page.status_code == 200
    url = reverse("admin:operations_maintenancestate_change", args=[MaintenanceState.SINGLETON_ID])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"enabled": "on", "message": "Back soon"})
    assert response.status_code == 302
    assert maintenance_active()
    state = MaintenanceState.objects.get()
    assert state.changed_by == root and state.message == "Back soon"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"message": ""})
    assert not maintenance_active()
    assert client.get(reverse("admin:operations_maintenancestate_add")).status_code == 403
