"""System checks for configuration mistakes, caught when the app starts."""
from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def integration_settings_check(app_configs, **kwargs):
    errors = []
    if bool(settings.STRIPE_SECRET_KEY) != bool(settings.STRIPE_WEBHOOK_SECRET):
        errors.append(
            Error(
                "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together.",
                hint="Without the webhook secret no payment could ever be verified.",
                id="resume2website.E001",
            )
        )
    if not 0 <= settings.RESUME_GATE_THRESHOLD <= 100:
        errors.append(Error("RESUME_GATE_THRESHOLD must be between 0 and 100.", id="resume2website.E002"))
    if not 0 <= settings.EXTRACTION_CACHE_MIN_CONFIDENCE <= 1:
        errors.append(
            Error("EXTRACTION_CACHE_MIN_CONFIDENCE must be between 0 and 1.", id="resume2website.E003")
        )
    if settings.UPLOAD_MAX_BYTES <= 0:
        errors.append(Error("UPLOAD_MAX_BYTES must be positive.", id="resume2website.E004"))
    for name, cfg in settings.OAUTH_PROVIDERS.items():
        if bool(cfg["client_id"]) != bool(cfg["secret"]):
            errors.append(
                Error(
                    f"OAuth provider {name}: client id and secret must be set together.",
                    id="resume2website.E005",
                )
            )
    if settings.AWS_STORAGE_BUCKET_NAME and not getattr(settings, "AWS_S3_ENDPOINT_URL", None):
        errors.append(
            Warning(
                "AWS_STORAGE_BUCKET_NAME is set without AWS_S3_ENDPOINT_URL; Amazon S3 itself will be used.",
                id="resume2website.W001",
            )
        )
    return errors
