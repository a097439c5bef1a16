"""List one user's CVs."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cvs.selectors import cv_list_for_user


class Command(BaseCommand):
    help = "List the CVs of the user with this email."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def rows(self, email: str) -> list[dict]:
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with email {email}.")
        return [
            {"id": str(job.id), "name": job.original_name, "status": job.status,
             "confidence": "" if job.confidence is None else f"{job.confidence:.2f}", "extractor": job.extractor,
             "created": job.created_at.strftime("%Y-%m-%d %H:%M"), "error": job.error}
            for job in cv_list_for_user(user=user)
        ]

    def handle(self, *args, email, **options):
        rows = self.rows(email)
        if not rows:
            self.stdout.write(f"{email} has no CVs.")
            return
        self.stdout.write(f"{'id':36}  {'status':10}  {'conf':4}  {'extractor':9}  {'created':16}  name")
        for row in rows:
            line = (f"{row['id']:36}  {row['status']:10}  {row['confidence']:4}  {row['extractor']:9}  "
                    f"{row['created']:16}  {row['name']}")
            self.stdout.write(line + (f"  ({row['error']})" if row["error"] else ""))
