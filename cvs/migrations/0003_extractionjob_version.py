from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery


def backfill_version(apps, schema_editor):
    ExtractionJob = apps.get_model("cvs", "ExtractionJob")
    CVVersion = apps.get_model("cvs", "CVVersion")
    latest = CVVersion.objects.filter(job=OuterRef("pk")).values("job").annotate(n=Max("number")).values("n")
    ExtractionJob.objects.update(version=Subquery(latest))


class Migration(migrations.Migration):

    dependencies = [
        ("cvs", "0002_extractioncache_cvversion"),
    ]

    operations = [
        migrations.AddField(
            model_name="extractionjob",
            name="version",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True,
                                              help_text="Number of the current CVVersion (None before the first)"),
        ),
        migrations.RunPython(backfill_version, migrations.RunPython.noop),
    ]
