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


def user_list(*, search: str = "", staff_only: bool = False):
    """Users with their counts of CVs and portfolios and whether they have paid access now."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Exists, OuterRef, Q

    from payments.models import Entitlement

    users = get_user_model().objects.all()
    if search:
        users = users.filter(Q(email__icontains=search) | Q(name__icontains=search))
    if staff_only:
        users = users.filter(is_staff=True)
    return users.annotate(
        cv_count=Count("cv_jobs", distinct=True),
        portfolio_count=Count("portfolios", distinct=True),
        paid=Exists(Entitlement.objects.active().filter(user=OuterRef("pk"))),
    ).order_by("date_joined", "pk")
