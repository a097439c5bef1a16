from django.urls import reverse

from tests.factories import UserFactory


def test_operators_see_portfolios_and_builds_in_the_admin(built, client):
    admin = UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get(reverse("admin:portfolios_portfolio_changelist"), {"q": "alice@example.com"})
    assert listing.status_code == 200 and str(built.id) in listing.content.decode()
    assert client.get(reverse("admin:portfolios_portfolio_change", args=[built.id])).status_code == 200
    assert client.get(reverse("admin:portfolios_portfoliobuild_changelist")).status_code == 200
