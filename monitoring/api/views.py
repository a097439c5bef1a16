"""Operations API: health, figures, circuit breaker, rate limits, workflows, alerts, log patterns."""
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from resume2website.permissions import IsStaffOrDebug
from monitoring import alerts, figures, health, ratelimits, selectors, services
from monitoring.models import Workflow


def _window(request, default: int | None = None) -> int:
    try:
        value = int(request.query_params.get("window_seconds") or default or 0)
    except ValueError:
        value = 0
    return max(60, min(value, 7 * 24 * 3600)) if value else None


# --- Metrics ------------------------------------------------------------------------------

class MetricsHealthApi(APIView):
    """Database, cache, broker, storage and worker: 200 when all pass, 503 when degraded."""

    permission_classes = [AllowAny]
    throttle_classes = []  # probes poll this; it must answer even when the cache is down

    class OutputSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=["ok", "degraded"])
        healthy = serializers.BooleanField()
        checks = serializers.DictField(help_text="name -> {ok, detail (staff only), ms}")

    @extend_schema(responses={200: OutputSerializer, 503: OutputSerializer}, tags=["metrics"])
    def get(self, request):
        report = health.health_report()
        if not (request.user and request.user.is_staff):
            report["checks"] = {name: {"ok": c["ok"], "ms": c["ms"]} for name, c in report["checks"].items()}
        return Response(self.OutputSerializer(report).data,
                        status=status.HTTP_200_OK if report["healthy"] else status.HTTP_503_SERVICE_UNAVAILABLE)


class MetricsCurrentApi(APIView):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        requests_last_minute = serializers.DictField()
        workflows_running = serializers.DictField(child=serializers.IntegerField())
        extraction_jobs = serializers.DictField(child=serializers.IntegerField())
        queue_depth = serializers.IntegerField(allow_null=True)
        circuit_breaker = serializers.DictField(allow_null=True)
        alerts_open = serializers.IntegerField()
        throttled_total = serializers.IntegerField()
        worker = serializers.DictField(allow_null=True)
        metrics_since = serializers.DateTimeField(allow_null=True)

    @extend_schema(responses={200: OutputSerializer}, tags=["metrics"])
    def get(self, request):
        return Response(self.OutputSerializer(figures.current_figures()).data)


class MetricsDetailedApi(APIView):
    permission_classes = [IsAdminUser]

    class OutputSerializer(serializers.Serializer):
        current = serializers.DictField()
        performance = serializers.DictField()
        workflows = serializers.ListField(child=serializers.DictField())
        extraction = serializers.DictField()
        rate_limits = serializers.DictField()
        health = serializers.DictField()
        log_buffer = serializers.DictField()

    @extend_schema(responses={200: OutputSerializer}, tags=["metrics"])
    def get(self, request):
        from cvs.selectors import extraction_stats
        from monitoring.logstore import buffer_stats

        window = _window(request)
        data = {
            "current": figures.current_figures(),
            "performance": figures.performance_summary(window_seconds=window),
            "workflows": selectors.workflow_metrics(window_seconds=window or 3600),
            "extraction": extraction_stats(),
            "rate_limits": ratelimits.rate_limit_stats(),
            "health": health.health_report(),
            "log_buffer": buffer_stats(),
        }
        return Response(self.OutputSerializer(data).data)


class MetricsExtractionApi(APIView):
    """Timings and steps of one CV's extraction runs (its owner only)."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        job_id = serializers.UUIDField()
        status = serializers.CharField()
        extractor = serializers.CharField()
        from_cache = serializers.BooleanField()
        confidence = serializers.FloatField(allow_null=True)
        section_confidence = serializers.DictField()
        attempts = serializers.IntegerField()
        timings_ms = serializers.DictField()
        queued_ms = serializers.IntegerField(allow_null=True)
        runs = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses={200: OutputSerializer}, tags=["metrics"])
    def get(self, request, job_id):
        from cvs.selectors import get_cv_for_user

        job = get_cv_for_user(user=request.user, job_id=job_id)
        runs = Workflow.objects.filter(stream=job.stream).order_by("-start_seq")[:10]
        data = {
            "job_id": job.id, "status": job.status, "extractor": job.extractor, "from_cache": job.from_cache,
            "confidence": job.confidence, "section_confidence": job.section_confidence, "attempts": job.attempts,
            "timings_ms": (job.stats or {}).get("timings_ms", {}),
            "queued_ms": int((job.started_at - job.created_at).total_seconds() * 1000) if job.started_at else None,
            "runs": [WorkflowOutputSerializer(selectors.workflow_detail(run=run)).data for run in runs],
        }
        return Response(self.OutputSerializer(data).data)


class MetricsPerformanceSummaryApi(APIView):
    permission_classes = [IsAdminUser]

    class OutputSerializer(serializers.Serializer):
        window_seconds = serializers.IntegerField()
        since = serializers.DateTimeField()
        operations = serializers.DictField(help_text="operation -> {count, p50_ms, p95_ms, p99_ms, max_ms}")
        notes = serializers.CharField()

    @extend_schema(parameters=[OpenApiParameter("window_seconds", int)], responses={200: OutputSerializer},
                   tags=["metrics"])
    def get(self, request):
        return Response(self.OutputSerializer(figures.performance_summary(window_seconds=_window(request))).data)


class BreakerOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    state = serializers.CharField()
    fail_counter = serializers.IntegerField()
    fail_max = serializers.IntegerField()
    reset_timeout = serializers.IntegerField()
    opened_at = serializers.DateTimeField(allow_null=True)


class CircuitBreakerStatusApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: BreakerOutputSerializer}, tags=["metrics"])
    def get(self, request):
        return Response(BreakerOutputSerializer(figures.breaker_status()).data)


class CircuitBreakerResetApi(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(request=None, responses={200: BreakerOutputSerializer}, tags=["metrics"])
    def post(self, request):
        from cvs.breaker import breaker_reset

        breaker_reset()
        return Response(BreakerOutputSerializer(figures.breaker_status()).data)


class MetricsResetApi(APIView):
    permission_classes = [IsAdminUser]

    class OutputSerializer(serializers.Serializer):
        metrics_since = serializers.DateTimeField()

    @extend_schema(request=None, responses={200: OutputSerializer}, tags=["metrics"])
    def post(self, request):
        return Response(self.OutputSerializer(figures.metrics_reset()).data)


# --- Rate limits -----------------------------------------------------------------------------

class RateLimitStatusApi(APIView):
    permission_classes = [AllowAny]

    class BudgetSerializer(serializers.Serializer):
        scope = serializers.CharField()
        limit = serializers.IntegerField()
        window_seconds = serializers.IntegerField()
        used = serializers.IntegerField()
        remaining = serializers.IntegerField()
        reset_in_seconds = serializers.FloatField()

    class OutputSerializer(serializers.Serializer):
        limits = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses={200: OutputSerializer}, tags=["sse"])
    def get(self, request):
        budgets = self.BudgetSerializer(ratelimits.rate_limit_status(request=request), many=True).data
        return Response(self.OutputSerializer({"limits": budgets}).data)


class RateLimitStatsApi(APIView):
    permission_classes = [IsAdminUser]

    class OutputSerializer(serializers.Serializer):
        throttled_total = serializers.IntegerField()
        fail_open_total = serializers.IntegerField(
            help_text="Requests' rate-limit cache operations that failed (cache down) and were allowed, this process")
        since = serializers.FloatField(allow_null=True)
        last_throttled_at = serializers.FloatField(allow_null=True)
        rates = serializers.DictField()
        top_routes = serializers.ListField(child=serializers.DictField())
        top_clients = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses={200: OutputSerializer}, tags=["sse"])
    def get(self, request):
        return Response(self.OutputSerializer(ratelimits.rate_limit_stats()).data)


# --- Workflows ----------------------------------------------------------------------------

class WorkflowOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="run.id")
    name = serializers.CharField(source="run.name")
    stream = serializers.CharField(source="run.stream")
    status = serializers.CharField(source="run.status")
    created_at = serializers.DateTimeField(source="run.created_at")
    started_at = serializers.DateTimeField(source="run.started_at", allow_null=True)
    finished_at = serializers.DateTimeField(source="run.finished_at", allow_null=True)
    duration_ms = serializers.IntegerField(source="run.duration_ms", allow_null=True)
    percent = serializers.IntegerField(allow_null=True)
    last_message = serializers.CharField()
    steps = serializers.ListField(child=serializers.DictField())


class WorkflowTestApi(APIView):
    """Staff or DEBUG: send a real self-test task through the queue and a worker; follow it on its stream."""

    permission_classes = [IsStaffOrDebug]

    @extend_schema(responses={202: WorkflowOutputSerializer}, tags=["workflows"])
    def get(self, request):
        run = services.workflow_self_test_open(user=request.user if request.user.is_authenticated else None)
        run.refresh_from_db()
        return Response(WorkflowOutputSerializer(selectors.workflow_detail(run=run)).data,
                        status=status.HTTP_202_ACCEPTED)


class WorkflowStartApi(APIView):
    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        name = serializers.ChoiceField(choices=sorted(services.WORKFLOW_STARTERS))
        target_id = serializers.UUIDField(help_text="The CV job id (extraction) or portfolio id (portfolio_build).")

    @extend_schema(request=InputSerializer, responses={202: WorkflowOutputSerializer}, tags=["workflows"])
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.workflow_start(user=request.user, session=request.session, **data.validated_data)
        run.refresh_from_db()
        return Response(WorkflowOutputSerializer(selectors.workflow_detail(run=run)).data,
                        status=status.HTTP_202_ACCEPTED)


class WorkflowStatusApi(APIView):
    @extend_schema(responses={200: WorkflowOutputSerializer}, tags=["workflows"])
    def get(self, request, workflow_id):
        run = selectors.get_workflow_for_user(user=request.user, workflow_id=workflow_id, session=request.session)
        return Response(WorkflowOutputSerializer(selectors.workflow_detail(run=run)).data)


class WorkflowLogsApi(APIView):
    class OutputSerializer(serializers.Serializer):
        id = serializers.UUIDField(source="run.id")
        request_ids = serializers.ListField(child=serializers.CharField())
        lines = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses={200: OutputSerializer}, tags=["workflows"])
    def get(self, request, workflow_id):
        run = selectors.get_workflow_for_user(user=request.user, workflow_id=workflow_id, session=request.session)
        return Response(self.OutputSerializer(selectors.workflow_logs(run=run)).data)


class WorkflowMetricsApi(APIView):
    """Per workflow name: runs by status, success rate and durations over the window."""

    permission_classes = [IsAdminUser]

    class OutputSerializer(serializers.Serializer):
        class WorkflowFiguresSerializer(serializers.Serializer):
            name = serializers.CharField()
            pending = serializers.IntegerField()
            running = serializers.IntegerField()
            completed = serializers.IntegerField()
            failed = serializers.IntegerField()
            success_rate = serializers.FloatField(allow_null=True, help_text="completed / finished; null if none")
            duration = serializers.DictField(child=serializers.FloatField(allow_null=True),
                                             help_text="count, percentiles and max_ms of run durations")

        window_seconds = serializers.IntegerField()
        workflows = WorkflowFiguresSerializer(many=True)

    @extend_schema(parameters=[OpenApiParameter("window_seconds", int)], tags=["workflows"],
                   responses={200: OutputSerializer})
    def get(self, request):
        window = _window(request, 24 * 3600)
        return Response({"window_seconds": window, "workflows": selectors.workflow_metrics(window_seconds=window)})


class AlertOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    rule = serializers.CharField()
    severity = serializers.CharField()
    status = serializers.CharField()
    message = serializers.CharField()
    data = serializers.JSONField()
    opened_at = serializers.DateTimeField()
    last_seen_at = serializers.DateTimeField()
    cleared_at = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    resolution = serializers.CharField()
    resolved_by = serializers.EmailField(source="resolved_by.email", allow_null=True, default=None)


class WorkflowAlertsApi(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(parameters=[OpenApiParameter("include_resolved", bool)],
                   responses={200: AlertOutputSerializer(many=True)}, tags=["workflows"])
    def get(self, request):
        include_resolved = request.query_params.get("include_resolved") in ("1", "true", "yes")
        alerts_ = selectors.alerts_list(include_resolved=include_resolved)
        return Response({"alerts": AlertOutputSerializer(alerts_, many=True).data})


class WorkflowAlertResolveApi(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(request=None, responses={200: AlertOutputSerializer}, tags=["workflows"])
    def post(self, request, alert_id):
        alert = alerts.alert_resolve(alert=selectors.get_alert(alert_id=alert_id), user=request.user)
        return Response(AlertOutputSerializer(alert).data)


class WorkflowPatternsApi(APIView):
    """Top warning/error groups (normalised messages) with counts, first/last seen and an example."""

    permission_classes = [IsAdminUser]

    class InputSerializer(serializers.Serializer):
        hours = serializers.IntegerField(min_value=1, max_value=24 * 90, default=24)
        request_id = serializers.CharField(required=False, default="", max_length=128)
        level = serializers.ChoiceField(choices=["", "WARNING", "ERROR", "CRITICAL"], required=False, default="")
        limit = serializers.IntegerField(min_value=1, max_value=200, default=20)

    class OutputSerializer(serializers.Serializer):
        class PatternSerializer(serializers.Serializer):
            class ExampleSerializer(serializers.Serializer):
                message = serializers.CharField()
                request_id = serializers.CharField()
                exception = serializers.CharField(help_text="the traceback's last 2000 characters")

            fingerprint = serializers.CharField()
            level = serializers.CharField()
            logger = serializers.CharField()
            pattern = serializers.CharField(help_text="the normalised message")
            count = serializers.IntegerField(help_text="in the window")
            total_count = serializers.IntegerField(help_text="since the group was first seen")
            first_seen = serializers.DateTimeField()
            last_seen = serializers.DateTimeField()
            correlation_ids = serializers.IntegerField(help_text="distinct request ids in the window")
            example = ExampleSerializer()

        hours = serializers.IntegerField()
        request_id = serializers.CharField()
        level = serializers.CharField()
        limit = serializers.IntegerField()
        patterns = PatternSerializer(many=True)

    @extend_schema(parameters=[InputSerializer], responses={200: OutputSerializer}, tags=["workflows"])
    def get(self, request):
        data = self.InputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        return Response({**data.validated_data, "patterns": selectors.log_patterns(**data.validated_data)})
