"""Extract one CV file and print the CV document as JSON (no database, no job)."""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cvs.services import GateRefused, cv_document_extract
from cvs.validation import validate_upload
from resume2website.errors import ApplicationError


class Command(BaseCommand):
    help = "Run the extraction pipeline on a CV file and print the result as JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--full", action="store_true",
                            help="Print confidence, extractor, timings and dropped values beside the CV.")

    def extract(self, path: Path) -> dict:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            upload = validate_upload(name=path.name, data=path.read_bytes())
            result = cv_document_extract(data=upload.data, file_type=upload.file_type)
        except GateRefused as exc:
            raise CommandError(f"Not a CV (Resume Gate score {exc.gate.score}): {exc.gate.reason}") from exc
        except ApplicationError as exc:
            raise CommandError(f"{exc.code}: {exc.detail}") from exc
        return result

    def handle(self, *args, **options):
        result = self.extract(options["file"])
        output = result.cv
        if options["full"]:
            output = {"cv": result.cv, "confidence": result.confidence, "extractor": result.extractor,
                      "section_confidence": result.section_confidence, "gate_score": result.gate_score,
                      "dropped": result.dropped, "stats": result.stats}
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
