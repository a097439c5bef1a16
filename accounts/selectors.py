from django.apps import apps


def user_summary(*, user) -> dict:
    """Counts shown beside the user: CVs, portfolios, active entitlements."""
    summary = {}
    for key, label, owner_field in (
        ("cvs", "cvs.ExtractionJob", "owner"),
        ("portfolios", "portfolios.Portfolio", "owner"),
        ("entitlements", "payments.Entitlement", "user"),
    ):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        summary[key] = model.objects.filter(**{owner_field: user}).count()
    return summary
