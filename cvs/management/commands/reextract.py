"""Queue extraction again for one job or for every failed job."""
import uuid

from django.core.management.base import BaseCommand, CommandError

from cvs.models import ExtractionJob
from cvs.services import cv_extraction_start
from resume2website.errors import ApplicationError


class Command(BaseCommand):
    help = "Extract a CV again (bypassing the cache): one job id, or --all-failed."

    def add_arguments(self, parser):
        parser.add_argument("job_id", nargs="?")
        parser.add_argument("--all-failed", action="store_true")

    def jobs(self, job_id, all_failed):
        if bool(job_id) == bool(all_failed):
            raise CommandError("Give one job id, or --all-failed.")
        if all_failed:
            return list(ExtractionJob.objects.filter(status=ExtractionJob.Status.FAILED, owner__isnull=False))
        try:
            job = ExtractionJob.objects.filter(pk=uuid.UUID(job_id)).first()
        except ValueError:
            job = None
        if job is None:
            raise CommandError(f"No extraction job {job_id}.")
        return [job]

    def handle(self, *args, job_id=None, all_failed=False, **options):
        queued = 0
        for job in self.jobs(job_id, all_failed):
            try:
                cv_extraction_start(job=job, force=True)
                queued += 1
            except ApplicationError as exc:
                self.stderr.write(f"{job.id}: {exc.detail}")
        self.stdout.write(f"Queued {queued} job(s) for extraction.")
