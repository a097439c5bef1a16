"""Reading and editing the CV document: detail, update, versions/undo, JSON Resume, my CVs."""
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cvs import selectors, services
from cvs.api.common import (
    CLAIM_TOKEN_PARAMETERS,
    CVDocumentField,
    JobOutputSerializer,
    NullableCVDocumentField,
    job_for_request,
)
from resume2website.errors import ApplicationError, Conflict

EDIT_ERRORS = {400: OpenApiResponse(description="Not a JSON object"),
               404: OpenApiResponse(description="Not your CV"),
               409: OpenApiResponse(description="Extraction running, or the CV changed since base_version"),
               422: OpenApiResponse(description="Fails the CV schema: {error, detail, fields:[{field, message}]}")}


class CvDetailOutputSerializer(JobOutputSerializer):
    cv_data = NullableCVDocumentField(allow_null=True)
    section_confidence = serializers.JSONField()
    version = serializers.IntegerField(allow_null=True)
    stats = serializers.JSONField()


# One instance for every read: a serializer copies its declared fields for each new instance
# (~0.1 ms per read for these 17 fields), while to_representation keeps no state.
_DETAIL = CvDetailOutputSerializer()


def _detail(job) -> dict:
    return _DETAIL.to_representation(job)


class CvDetailApi(APIView):
    """GET the CV (owner, or the anonymous uploader with the claim token); PUT a new version of it."""

    class InputSerializer(serializers.Serializer):
        cv_data = CVDocumentField(help_text="The whole CV document (validated against the CV schema).")
        base_version = serializers.IntegerField(required=False, min_value=0,
                                                help_text="The version you edited; 409 if it is no longer current.")

    OutputSerializer = CvDetailOutputSerializer

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "PUT" else super().get_permissions()

    @extend_schema(parameters=CLAIM_TOKEN_PARAMETERS, responses={200: OutputSerializer, 404: OpenApiResponse()},
                   tags=["cv"])
    def get(self, request, job_id):
        return Response(_detail(job_for_request(request, job_id)))

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer, **EDIT_ERRORS}, tags=["cv"])
    def put(self, request, job_id):
        job = job_for_request(request, job_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.cv_data_update(job=job, data=data.validated_data["cv_data"], user=request.user,
                                      base_version=data.validated_data.get("base_version"))
        return Response(_detail(job))


class CvVersionListApi(APIView):
    """Every saved state of the CV, newest first: the extraction, each edit, each restore."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        number = serializers.IntegerField()
        source = serializers.CharField()
        created_at = serializers.DateTimeField()
        created_by = serializers.EmailField(source="created_by.email", allow_null=True, default=None)
        data = CVDocumentField(required=False)

    @extend_schema(responses={200: OutputSerializer(many=True), 404: OpenApiResponse()}, tags=["cv"])
    def get(self, request, job_id):
        job = job_for_request(request, job_id)
        versions = selectors.cv_versions(job=job)
        include_data = request.query_params.get("include") == "data"
        rows = self.OutputSerializer(versions, many=True).data
        if not include_data:
            for row in rows:
                row.pop("data", None)
        return Response(rows)


class CvVersionRestoreApi(APIView):
    """Undo: make version n the current CV again (saved as a new version, so the restore can be undone too)."""

    permission_classes = [IsAuthenticated]
    OutputSerializer = CvDetailOutputSerializer

    @extend_schema(request=None, responses={200: OutputSerializer, 404: OpenApiResponse(), 409: OpenApiResponse()},
                   tags=["cv"])
    def post(self, request, job_id, number):
        job = job_for_request(request, job_id)
        job = services.cv_version_restore(job=job, number=number, user=request.user)
        return Response(_detail(job))


class CvJsonResumeApi(APIView):
    """The CV as a JSON Resume (jsonresume.org) document; PUT imports one as a new version."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OpenApiResponse(description="JSON Resume document"), 404: OpenApiResponse(),
                              409: OpenApiResponse(description="Not extracted yet")}, tags=["cv"])
    def get(self, request, job_id):
        from cvs.extraction.jsonresume import to_json_resume

        job = job_for_request(request, job_id)
        if job.cv_data is None:
            raise Conflict("This CV has not been extracted yet.", code="not_extracted")
        return Response(to_json_resume(job.cv_data))

    @extend_schema(request={"application/json": {"type": "object", "description": "JSON Resume document"}},
                   responses={200: CvDetailOutputSerializer, **EDIT_ERRORS}, tags=["cv"])
    def put(self, request, job_id):
        job = job_for_request(request, job_id)
        if not isinstance(request.data, dict):
            raise ApplicationError("A JSON Resume document must be a JSON object.", code="invalid_json_resume")
        job = services.cv_json_resume_import(job=job, data=request.data, user=request.user)
        return Response(_detail(job), status=status.HTTP_200_OK)


class MyCvListApi(APIView):
    """Your CVs, newest first."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(JobOutputSerializer):
        full_name = serializers.SerializerMethodField()
        professional_title = serializers.SerializerMethodField()

        def _hero(self, job) -> dict:
            return ((job.cv_data or {}).get("hero") or {}) if isinstance(job.cv_data, dict) else {}

        def get_full_name(self, job) -> str | None:
            return self._hero(job).get("fullName")

        def get_professional_title(self, job) -> str | None:
            return self._hero(job).get("professionalTitle")

    @extend_schema(responses={200: OutputSerializer(many=True)}, tags=["cv"])
    def get(self, request):
        jobs = selectors.cv_list_for_user(user=request.user)
        return Response(self.OutputSerializer(jobs, many=True).data)
