from django.core.checks import run_checks


def test_stripe_key_without_webhook_secret_is_a_configuration_error(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_WEBHOOK_SECRET = ""
    ids = {e.id for e in run_checks()}
    assert "resume2website.E001" in ids


def test_the_default_configuration_passes_the_checks():
    assert [e for e in run_checks() if e.is_serious()] == []
