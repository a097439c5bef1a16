"""Upload, claim and extraction-start endpoints."""
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cvs import services
from cvs.api.common import JobOutputSerializer, job_for_request, request_claim_token, stream_links
from resume2website.errors import ApplicationError
from resume2website.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

ERROR_RESPONSES = {
    400: OpenApiResponse(description="Not a CV: {error, detail, score, reason, suggestion}"),
    401: OpenApiResponse(description="Not signed in"),
    413: OpenApiResponse(description="Larger than the upload limit"),
    415: OpenApiResponse(description="Unsupported or mislabelled file type"),
    422: OpenApiResponse(description="Empty, damaged or password-protected file"),
    503: OpenApiResponse(description="Maintenance: new uploads paused"),
}


class UploadThrottleMixin:
    throttle_classes = [AnonRateThrottle, UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "upload"
    parser_classes = [MultiPartParser, FormParser]


class FileInputSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, help_text="pdf, docx, doc, txt, rtf, png, jpg, webp; 10 MB")


class CvUploadApi(UploadThrottleMixin, APIView):
    """Authenticated upload: validation and Resume Gate now, extraction queued (follow `stream`)."""

    permission_classes = [IsAuthenticated]
    InputSerializer = FileInputSerializer
    OutputSerializer = JobOutputSerializer

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer, **ERROR_RESPONSES}, tags=["cv"])
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.cv_upload_create(file=data.validated_data["file"], user=request.user)
        return Response(self.OutputSerializer(job).data, status=status.HTTP_201_CREATED)


class CvUploadAnonymousApi(UploadThrottleMixin, APIView):
    """Anonymous upload: Resume Gate only, no extraction until the uploader signs up and claims it."""

    InputSerializer = FileInputSerializer

    class OutputSerializer(JobOutputSerializer):
        claim_token = serializers.CharField(help_text="Proves the upload is yours; also kept in your session.")

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer, **ERROR_RESPONSES}, tags=["cv"])
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.cv_upload_create(file=data.validated_data["file"], user=None, session=request.session)
        return Response(self.OutputSerializer(job).data, status=status.HTTP_201_CREATED)


class CvUploadMultipleApi(UploadThrottleMixin, APIView):
    """One job per file; each file's result is reported on its own (207 when some failed)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        files = serializers.ListField(child=serializers.FileField(allow_empty_file=True), allow_empty=False,
                                      max_length=services.UPLOAD_MULTIPLE_MAX_FILES)

    class OutputSerializer(serializers.Serializer):
        created = serializers.IntegerField()
        failed = serializers.IntegerField()
        results = serializers.ListField(child=inline_serializer("UploadResult", {
            "filename": serializers.CharField(),
            "ok": serializers.BooleanField(),
            "job": JobOutputSerializer(required=False),
            "status_code": serializers.IntegerField(),
            "error": serializers.CharField(required=False),
            "detail": serializers.CharField(required=False),
        }))

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer, 207: OutputSerializer,
                                                       **ERROR_RESPONSES}, tags=["cv"])
    def post(self, request):
        files = request.FILES.getlist("files") or request.FILES.getlist("files[]")
        data = self.InputSerializer(data={"files": files})
        data.is_valid(raise_exception=True)
        outcomes = services.cv_upload_create_many(files=data.validated_data["files"], user=request.user)
        results = []
        for outcome in outcomes:
            if outcome.job is not None:
                results.append({"filename": outcome.name, "ok": True, "status_code": 201,
                                "job": JobOutputSerializer(outcome.job).data})
            else:
                exc: ApplicationError = outcome.error
                results.append({"filename": outcome.name, "ok": False, "status_code": exc.status_code,
                                "error": exc.code, "detail": exc.detail, **exc.extra})
        created = sum(1 for r in results if r["ok"])
        body = {"created": created, "failed": len(results) - created, "results": results}
        if created == 0:
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(body, status=status.HTTP_201_CREATED if created == len(results) else 207)


class CvEnhancedUploadApi(UploadThrottleMixin, APIView):
    """Upload that answers with the job and where to follow its progress live."""

    permission_classes = [IsAuthenticated]
    InputSerializer = FileInputSerializer

    class OutputSerializer(serializers.Serializer):
        job = JobOutputSerializer()
        streams = serializers.DictField(child=serializers.CharField())

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer, **ERROR_RESPONSES}, tags=["cv"])
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.cv_upload_create(file=data.validated_data["file"], user=request.user)
        body = {"job": JobOutputSerializer(job).data, "streams": stream_links(request, job)}
        return Response(body, status=status.HTTP_201_CREATED)


class CvClaimApi(APIView):
    """Give an anonymous upload to the signed-in user (token from the body or the session); extraction starts."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        job_id = serializers.UUIDField()
        claim_token = serializers.CharField(required=False, allow_blank=True, max_length=200)

    OutputSerializer = JobOutputSerializer

    @extend_schema(request=InputSerializer, responses={200: OutputSerializer, 404: OpenApiResponse()}, tags=["cv"])
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.cv_claim(user=request.user, job_id=data.validated_data["job_id"],
                                claim_token=data.validated_data.get("claim_token") or None, session=request.session)
        return Response(self.OutputSerializer(job).data)


class CvExtractApi(APIView):
    """Start (or, with force=true, redo) extraction of one of your CVs; an anonymous upload whose
    claim token you hold (session or X-Claim-Token) is claimed first."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        force = serializers.BooleanField(required=False, default=False,
                                         help_text="Read an already extracted CV again, bypassing the cache.")

    OutputSerializer = JobOutputSerializer

    @extend_schema(request=InputSerializer, responses={202: OutputSerializer, 404: OpenApiResponse(),
                                                       409: OpenApiResponse()}, tags=["cv"])
    def post(self, request, job_id):
        data = self.InputSerializer(data=request.data or {})
        data.is_valid(raise_exception=True)
        job = job_for_request(request, job_id)
        if job.owner_id is None:  # the seed's flow: sign up, then extract the anonymous upload
            job = services.cv_claim(user=request.user, job_id=job.id,
                                    claim_token=request_claim_token(request, job.id), session=request.session)
        else:
            job = services.cv_extraction_start(job=job, force=data.validated_data["force"])
        return Response(self.OutputSerializer(job).data, status=status.HTTP_202_ACCEPTED)
