from django.apps import AppConfig


class CvsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cvs"
    verbose_name = "CVs and extraction"
