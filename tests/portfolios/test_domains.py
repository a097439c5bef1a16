import pytest
from django.urls import reverse

from portfolios.services.domains import TXT_PREFIX, TXT_VALUE_PREFIX

DOMAIN = "www.ada-lovelace.dev"


def _setup(client, portfolio, domain=DOMAIN):
    return client.post(reverse("portfolio-setup-custom-domain", args=[portfolio.id]), {"domain": domain}, format="json")


def _verify(client, portfolio):
    return client.post(reverse("portfolio-verify-domain", args=[portfolio.id]))


def _publish_dns(fake_dns, setup_body):
    for record in setup_body["records"]:
        fake_dns.add(record["name"], record["type"], record["value"])


def test_custom_domain_needs_payment(built, alice_client):
    response = _setup(alice_client, built)
    assert response.status_code == 402 and response.json()["feature"] == "custom_domain"


def test_it_gives_dns_records_and_serves_only_after_verification(published, alice_client, client, fake_dns, settings):
    settings.PORTFOLIO_DOMAIN_TARGET = "sites.resume2website.example"
    response = _setup(alice_client, published)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["domain"] == DOMAIN and body["verified"] is False
    txt, target = body["records"]
    assert txt["type"] == "TXT" and txt["name"] == f"{TXT_PREFIX}.{DOMAIN}"
    assert txt["value"].startswith(TXT_VALUE_PREFIX) and len(txt["value"]) > len(TXT_VALUE_PREFIX) + 20
    assert target == {"type": "CNAME", "name": DOMAIN, "value": "sites.resume2website.example",
                      "purpose": "sends visitors to your site"}

    # Not served before verification: Django refuses the unknown host.
    assert client.get("/", HTTP_HOST=DOMAIN).status_code == 400

    # Verification fails while the records are missing, and says which.
    failed = _verify(alice_client, published).json()
    assert failed["verified"] is False and [r["ok"] for r in failed["records"]] == [False, False]
    assert client.get("/", HTTP_HOST=DOMAIN).status_code == 400

    # Only the TXT record: still not verified.
    fake_dns.add(txt["name"], "TXT", txt["value"])
    assert _verify(alice_client, published).json()["verified"] is False

    fake_dns.add(DOMAIN, "CNAME", "sites.resume2website.example")
    verified = _verify(alice_client, published).json()
    assert verified["verified"] is True and all(r["ok"] for r in verified["records"])
    assert (f"{TXT_PREFIX}.{DOMAIN}", "TXT") in fake_dns.queries

    page = client.get("/", HTTP_HOST=DOMAIN)
    assert page.status_code == 200
    assert b"Ada Lovelace-Byron" in page.content
    assert "default-src 'none'" in page["Content-Security-Policy"]
    assert client.get("/style.css", HTTP_HOST=f"{DOMAIN}:443").status_code == 200
    assert client.get("/nope.html", HTTP_HOST=DOMAIN).status_code == 404
    # The app's own pages are not reachable through the customer's domain.
    assert client.get("/api/v1/portfolio/list", HTTP_HOST=DOMAIN).status_code == 404
    status = alice_client.get(reverse("portfolio-status", args=[published.id])).json()
    assert status["public_url"] == f"https://{DOMAIN}/" and status["domain_verified"] is True


def test_a_wrong_txt_value_does_not_verify(published, paid, alice_client, client, fake_dns):
    body = _setup(alice_client, published).json()
    fake_dns.add(body["records"][0]["name"], "TXT", TXT_VALUE_PREFIX + "someone-elses-token")
    fake_dns.add(DOMAIN, body["records"][1]["type"], body["records"][1]["value"])
    assert _verify(alice_client, published).json()["verified"] is False
    assert client.get("/", HTTP_HOST=DOMAIN).status_code == 400


@pytest.mark.parametrize("domain", [
    "192.168.1.10", "[::1]", "localhost", "https://example.com/path", "example", "exa mple.com",
    "-bad-.com", "a" * 64 + ".com", "127.0.0.1", "sub.127.0.0.1", "me.localhost", "x.test",
])
def test_it_refuses_invalid_domains(published, alice_client, domain):
    response = _setup(alice_client, published, domain)
    assert response.status_code == 400, (domain, response.content)
    assert response.json()["error"] == "invalid_domain"


def test_it_refuses_our_own_host(published, alice_client, settings):
    settings.SITE_URL = "https://resume2website.example.com"
    for domain in ("resume2website.example.com", "evil.resume2website.example.com"):
        assert _setup(alice_client, published, domain).json()["error"] == "invalid_domain"


def test_it_accepts_international_names_in_idna_form(published, alice_client):
    body = _setup(alice_client, published, "Bücher.example.com").json()
    assert body["domain"] == "xn--bcher-kva.example.com"


def test_a_domain_is_needed_before_verifying(published, alice_client):
    response = _verify(alice_client, published)
    assert response.status_code == 409 and response.json()["error"] == "no_domain"


def test_an_unpublished_site_cannot_take_a_domain(built, paid, alice_client):
    response = _setup(alice_client, built)
    assert response.status_code == 409 and response.json()["error"] == "not_published"


def test_bob_cannot_touch_alices_domain(published, bob, bob_client):
    from payments.services import entitlement_grant

    entitlement_grant(user=bob, source="admin")
    assert _setup(bob_client, published).status_code == 404
    assert _verify(bob_client, published).status_code == 404


def test_vercel_domains_are_registered_and_verified_there(published, alice_client, client, fake_dns, fake_vercel):
    body = _setup(alice_client, published).json()
    assert fake_vercel.domains == {DOMAIN: "r2w-ada-lovelace"}
    assert body["records"][1] == {"type": "CNAME", "name": DOMAIN, "value": "cname.vercel-dns.com",
                                  "purpose": "sends visitors to your site"}
    _publish_dns(fake_dns, body)
    # Our records are there but Vercel has not verified the domain yet.
    assert _verify(alice_client, published).json()["verified"] is False
    fake_vercel.verified_domains.add(DOMAIN)
    assert _verify(alice_client, published).json()["verified"] is True


def test_apex_domains_on_vercel_get_an_a_record(published, alice_client, fake_vercel):
    body = _setup(alice_client, published, "ada-lovelace.dev").json()
    assert body["records"][1]["type"] == "A" and body["records"][1]["value"] == "76.76.21.21"


def test_a_wildcard_allowed_hosts_does_not_hide_verified_domains(published, alice_client, client, fake_dns, settings):
    settings.ALLOWED_HOSTS = ["*"]
    _publish_dns(fake_dns, _setup(alice_client, published).json())
    assert _verify(alice_client, published).json()["verified"] is True
    assert b"Ada Lovelace-Byron" in client.get("/", HTTP_HOST=DOMAIN).content


def test_a_domain_stops_being_served_when_the_plan_ends(published, paid, alice_client, client, fake_dns):
    from payments.services import entitlement_revoke

    _publish_dns(fake_dns, _setup(alice_client, published).json())
    assert _verify(alice_client, published).json()["verified"] is True
    assert client.get("/", HTTP_HOST=DOMAIN).status_code == 200
    entitlement_revoke(entitlement=paid, reason="refund")
    assert client.get("/", HTTP_HOST=DOMAIN).status_code == 400
