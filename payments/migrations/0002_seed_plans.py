"""Seed the two plans on offer; operators edit prices and Stripe price ids in the admin."""
from django.db import migrations

PLANS = [
    {
        "code": "lifetime",
        "name": "Lifetime",
        "description": "Pay once: publish and deploy your portfolio and connect your own domain, for good.",
        "kind": "one_time",
        "interval": "",
        "price_amount": 4900,
        "currency": "usd",
        "features": ["publish", "custom_domain"],
        "position": 10,
    },
    {
        "code": "monthly",
        "name": "Monthly",
        "description": "Publish and deploy your portfolio with your own domain; cancel any time.",
        "kind": "subscription",
        "interval": "month",
        "price_amount": 900,
        "currency": "usd",
        "features": ["publish", "custom_domain"],
        "position": 20,
    },
]


def seed_plans(apps, schema_editor):
    Plan = apps.get_model("payments", "Plan")
    for plan in PLANS:
        Plan.objects.get_or_create(code=plan["code"], defaults=plan)


def unseed_plans(apps, schema_editor):
    Plan = apps.get_model("payments", "Plan")
    Plan.objects.filter(code__in=[p["code"] for p in PLANS], checkout_sessions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [migrations.RunPython(seed_plans, unseed_plans)]
