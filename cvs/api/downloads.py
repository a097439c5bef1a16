"""Downloads: the original file, one named artifact, or a ZIP of all of them."""
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.views import APIView

from cvs.api.common import CLAIM_TOKEN_PARAMETERS, job_for_request
from cvs.downloads import ORIGINAL, Artifact, artifact_build, artifact_zip

FILE_RESPONSES = {200: OpenApiTypes.BINARY, 404: OpenApiResponse(description="Not your CV, or no such file"),
                  409: OpenApiResponse(description="Not extracted yet")}


def _attachment(artifact: Artifact) -> HttpResponse:
    response = HttpResponse(artifact.content, content_type=artifact.content_type)
    response["Content-Disposition"] = content_disposition_header(True, artifact.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


class CvDownloadApi(APIView):
    """The original uploaded file, as an attachment under its original name."""

    @extend_schema(operation_id="cv_download", parameters=CLAIM_TOKEN_PARAMETERS, responses=FILE_RESPONSES,
                   tags=["cv"])
    def get(self, request, job_id):
        return _attachment(artifact_build(job=job_for_request(request, job_id), name=ORIGINAL))


class CvDownloadAllApi(APIView):
    """A ZIP of the original, the extracted CV JSON and its JSON Resume export."""

    @extend_schema(operation_id="cv_download_all", parameters=CLAIM_TOKEN_PARAMETERS, responses=FILE_RESPONSES,
                   tags=["cv"])
    def get(self, request, job_id):
        return _attachment(artifact_zip(job=job_for_request(request, job_id)))


class CvDownloadFileApi(APIView):
    """One file by name: `original`, `cv.json` or `json-resume.json` (nothing else exists)."""

    @extend_schema(operation_id="cv_download_file", parameters=CLAIM_TOKEN_PARAMETERS, responses=FILE_RESPONSES,
                   tags=["cv"])
    def get(self, request, job_id, name):
        return _attachment(artifact_build(job=job_for_request(request, job_id), name=name))
