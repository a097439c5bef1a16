"""Extraction figures, housekeeping and the bundled-sample pipeline run."""
from pathlib import Path

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAdminUser, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cvs import selectors, services
from cvs.api.common import CVDocumentField
from cvs.breaker import breaker_status
from cvs.extraction.claude import claude_enabled
from resume2website.permissions import IsStaffOrDebug

SAMPLE_CV = Path(__file__).resolve().parent.parent / "samples" / "sample-cv.pdf"


class ExtractionStatsApi(APIView):
    """Extraction figures: staff see every job, everyone else their own."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        scope = serializers.ChoiceField(choices=["all", "mine"])
        counts = serializers.DictField(child=serializers.IntegerField())
        success_rate = serializers.FloatField(allow_null=True)
        cache = serializers.DictField()
        timings = serializers.DictField()
        extractors = serializers.DictField()
        window = serializers.IntegerField(help_text="Finished jobs the rates and timings are computed over.")
        claude = serializers.DictField(help_text="Whether Claude extraction is on; without a key every CV is read "
                                                 "by the offline extractor.")
        breaker = serializers.DictField(required=False)

    @extend_schema(responses={200: OutputSerializer}, tags=["cv"])
    def get(self, request):
        stats = selectors.extraction_stats(user=None if request.user.is_staff else request.user)
        stats["claude"] = {"configured": claude_enabled(),
                           "model": settings.ANTHROPIC_MODEL if claude_enabled() else None}
        if request.user.is_staff:
            stats["breaker"] = breaker_status()
        return Response(self.OutputSerializer(stats).data)


class CvCleanupApi(APIView):
    """Staff: delete unclaimed anonymous uploads, old failed jobs, their files and expired cache entries."""

    permission_classes = [IsAdminUser]

    class InputSerializer(serializers.Serializer):
        older_than_days = serializers.IntegerField(required=False, default=30, min_value=1, max_value=3650)
        dry_run = serializers.BooleanField(required=False, default=False)

    class OutputSerializer(serializers.Serializer):
        anonymous_jobs = serializers.IntegerField()
        failed_jobs = serializers.IntegerField()
        files = serializers.IntegerField()
        cache_entries = serializers.IntegerField()
        dry_run = serializers.BooleanField()

    @extend_schema(parameters=[InputSerializer], responses={200: OutputSerializer, 403: OpenApiResponse()},
                   tags=["cv"])
    def delete(self, request):
        data = self.InputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        report = services.cv_cleanup(**data.validated_data)
        return Response(self.OutputSerializer(report.as_dict()).data)


class CvSampleTestApi(APIView):
    """Staff or DEBUG: run the whole extraction pipeline on the bundled sample CV and show the result."""

    permission_classes = [IsStaffOrDebug]

    class OutputSerializer(serializers.Serializer):
        sample = serializers.CharField()
        extractor = serializers.CharField()
        confidence = serializers.FloatField()
        section_confidence = serializers.DictField()
        gate_score = serializers.IntegerField(allow_null=True)
        dropped = serializers.ListField()
        stats = serializers.DictField()
        cv_data = CVDocumentField(source="cv")

    @extend_schema(responses={200: OutputSerializer, 403: OpenApiResponse()}, tags=["cv"])
    def get(self, request):
        result = services.cv_document_extract(data=SAMPLE_CV.read_bytes(), file_type="pdf")
        result.sample = SAMPLE_CV.name
        return Response(self.OutputSerializer(result).data)
