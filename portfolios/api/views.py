"""Portfolio API: one view per operation; each loads the portfolio through get_portfolio_for_user."""
from django.http import HttpResponse
from django.templatetags.static import static
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portfolios import selectors, services
from portfolios.builder import HIDEABLE_SECTIONS
from portfolios.themes import DEFAULT_THEME, THEMES

NOT_YOURS = OpenApiResponse(description="No portfolio with this id among yours")
TAGS = ["portfolio"]


class OptionsSerializer(serializers.Serializer):
    accent = serializers.RegexField(r"^#[0-9a-fA-F]{6}$", required=False, help_text="Accent colour, e.g. #2563eb")
    hiddenSections = serializers.ListField(child=serializers.ChoiceField(HIDEABLE_SECTIONS), required=False)


class PortfolioOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    job_id = serializers.UUIDField()
    theme = serializers.CharField()
    options = serializers.JSONField()
    status = serializers.CharField()
    error = serializers.CharField()
    preview_url = serializers.SerializerMethodField()
    public_url = serializers.SerializerMethodField()
    stream = serializers.CharField()
    build_count = serializers.IntegerField()
    last_built_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)
    slug = serializers.CharField(allow_null=True)
    deploy_target = serializers.CharField()
    deploy_status = serializers.CharField()
    deploy_error = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    domain = serializers.CharField(allow_null=True)
    domain_verified = serializers.SerializerMethodField()
    has_photo = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_preview_url(self, obj) -> str:
        return selectors.preview_url(obj)

    def get_public_url(self, obj) -> str:
        return selectors.public_url(obj)

    def get_domain_verified(self, obj) -> bool:
        return obj.domain_verified_at is not None

    def get_has_photo(self, obj) -> bool:
        return bool(obj.photo)


def _out(portfolio, http_status=status.HTTP_200_OK) -> Response:
    return Response(PortfolioOutputSerializer(portfolio).data, status=http_status)


def _portfolio(request, portfolio_id):
    return selectors.get_portfolio_for_user(user=request.user, portfolio_id=portfolio_id)


class PortfolioThemeListApi(APIView):
    """The themes on offer, with a thumbnail made from a real render of each."""

    class OutputSerializer(serializers.Serializer):
        name = serializers.CharField()
        label = serializers.CharField()
        description = serializers.CharField()
        accent = serializers.CharField()
        thumbnail_url = serializers.CharField()
        default = serializers.BooleanField()

    @extend_schema(responses={200: OutputSerializer(many=True)}, tags=TAGS)
    def get(self, request):
        rows = [
            {"name": t.name, "label": t.label, "description": t.description, "accent": t.accent,
             "thumbnail_url": static(t.thumbnail), "default": t.name == DEFAULT_THEME}
            for t in THEMES.values()
        ]
        return Response(self.OutputSerializer(rows, many=True).data)


class PortfolioGenerateApi(APIView):
    """Create a preview of one of your CVs and build it in the background (answers at once)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        theme = serializers.ChoiceField(choices=list(THEMES), default=DEFAULT_THEME)
        options = OptionsSerializer(required=False)

    @extend_schema(request=InputSerializer, responses={
        202: PortfolioOutputSerializer, 404: OpenApiResponse(description="Not your CV"),
        409: OpenApiResponse(description="CV not extracted yet, or 20 active previews already"),
        503: OpenApiResponse(description="Maintenance")}, tags=TAGS)
    def post(self, request, job_id):
        from cvs.selectors import get_cv_for_user

        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = get_cv_for_user(user=request.user, job_id=job_id)
        portfolio = services.portfolio_create(user=request.user, job=job, theme=data.validated_data["theme"],
                                              options=data.validated_data.get("options"))
        return _out(portfolio, status.HTTP_202_ACCEPTED)


class PortfolioListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PortfolioOutputSerializer(many=True)}, tags=TAGS)
    def get(self, request):
        portfolios = selectors.portfolio_list(user=request.user)
        return Response(PortfolioOutputSerializer(portfolios, many=True).data)


class PortfolioStatusApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: PortfolioOutputSerializer, 404: NOT_YOURS}, tags=TAGS)
    def get(self, request, portfolio_id):
        return _out(_portfolio(request, portfolio_id))


class PortfolioRestartApi(APIView):
    """Rebuild the site (optionally in another theme or with other options); brings back an expired one."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        theme = serializers.ChoiceField(choices=list(THEMES), required=False)
        options = OptionsSerializer(required=False)

    @extend_schema(request=InputSerializer, responses={202: PortfolioOutputSerializer, 404: NOT_YOURS,
                                                       409: OpenApiResponse(description="Preview limit")}, tags=TAGS)
    def post(self, request, portfolio_id):
        portfolio = _portfolio(request, portfolio_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        portfolio = services.portfolio_rebuild(portfolio=portfolio, theme=data.validated_data.get("theme"),
                                               options=data.validated_data.get("options"))
        return _out(portfolio, status.HTTP_202_ACCEPTED)


class PortfolioDeleteApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None, 404: NOT_YOURS}, tags=TAGS)
    def delete(self, request, portfolio_id):
        services.portfolio_delete(portfolio=_portfolio(request, portfolio_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PortfolioCvDataApi(APIView):
    """The CV document the site is built from; PUT validates it, saves a version and rebuilds."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        cv_data = serializers.JSONField(help_text="The whole CV document (validated against the CV schema).")
        base_version = serializers.IntegerField(required=False, min_value=0)

    class OutputSerializer(serializers.Serializer):
        portfolio_id = serializers.UUIDField()
        job_id = serializers.UUIDField()
        status = serializers.CharField()
        cv_data = serializers.JSONField(allow_null=True)

    def _data(self, portfolio, job):
        return self.OutputSerializer(
            {"portfolio_id": portfolio.id, "job_id": job.id, "status": portfolio.status, "cv_data": job.cv_data}
        ).data

    @extend_schema(responses={200: OutputSerializer, 404: NOT_YOURS}, tags=TAGS)
    def get(self, request, portfolio_id):
        portfolio = _portfolio(request, portfolio_id)
        return Response(self._data(portfolio, portfolio.job))

    @extend_schema(request=InputSerializer, responses={
        200: OutputSerializer, 404: NOT_YOURS, 409: OpenApiResponse(description="Edited elsewhere meanwhile"),
        422: OpenApiResponse(description="Fails the CV schema")}, tags=TAGS)
    def put(self, request, portfolio_id):
        from cvs.services import cv_data_update

        portfolio = _portfolio(request, portfolio_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = cv_data_update(job=portfolio.job, data=data.validated_data["cv_data"], user=request.user,
                             source="portfolio", base_version=data.validated_data.get("base_version"))
        portfolio.refresh_from_db()
        return Response(self._data(portfolio, job))


class PortfolioPhotoApi(APIView):
    """Upload a profile photo (JPEG, PNG or WebP); it is square-cropped, resized, stripped of EXIF."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        photo = serializers.FileField()

    @extend_schema(request={"multipart/form-data": InputSerializer}, responses={
        202: PortfolioOutputSerializer, 404: NOT_YOURS, 413: OpenApiResponse(), 415: OpenApiResponse()}, tags=TAGS)
    def post(self, request, portfolio_id):
        portfolio = _portfolio(request, portfolio_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        portfolio = services.portfolio_photo_set(portfolio=portfolio, file=data.validated_data["photo"])
        return _out(portfolio, status.HTTP_202_ACCEPTED)


class PortfolioDeployApi(APIView):
    """Publish at /s/<slug>/ (and to Vercel when it is configured). Needs a paid plan."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        slug = serializers.CharField(required=False, max_length=63,
                                     help_text="The address: /s/<slug>/ (required the first time)")

    @extend_schema(request=InputSerializer, responses={
        202: PortfolioOutputSerializer, 400: OpenApiResponse(description="Invalid or reserved slug"),
        402: OpenApiResponse(description="No paid plan"), 404: NOT_YOURS,
        409: OpenApiResponse(description="Slug taken, or not built")}, tags=TAGS)
    def post(self, request, portfolio_id):
        portfolio = _portfolio(request, portfolio_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        portfolio = services.portfolio_deploy(portfolio=portfolio, user=request.user,
                                              slug=data.validated_data.get("slug"))
        return _out(portfolio, status.HTTP_202_ACCEPTED)


class PortfolioExportApi(APIView):
    """The built site as a ZIP (index.html, style.css, favicon, photo): host it anywhere."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "application/zip"): OpenApiResponse(description="ZIP of the site"),
                              404: NOT_YOURS, 409: OpenApiResponse(description="Not built")}, tags=TAGS)
    def get(self, request, portfolio_id):
        portfolio = _portfolio(request, portfolio_id)
        archive = services.portfolio_export_zip(portfolio=portfolio)
        name = portfolio.slug or f"portfolio-{str(portfolio.id)[:8]}"
        response = HttpResponse(archive, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}-site.zip"'
        return response


class DomainOutputSerializer(serializers.Serializer):
    domain = serializers.CharField()
    verified = serializers.BooleanField()
    records = serializers.ListField(child=serializers.DictField())
    portfolio = PortfolioOutputSerializer()


def _domain_out(portfolio, records: list[dict]) -> Response:
    return Response(DomainOutputSerializer({
        "domain": portfolio.domain, "verified": portfolio.domain_verified_at is not None,
        "records": records, "portfolio": portfolio}).data)


class PortfolioDomainSetupApi(APIView):
    """Connect your own domain: answers with the DNS records to create, then call verify-domain."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        domain = serializers.CharField(max_length=253)

    @extend_schema(request=InputSerializer, responses={
        200: DomainOutputSerializer, 400: OpenApiResponse(description="Invalid domain"),
        402: OpenApiResponse(description="No paid plan with custom domains"), 404: NOT_YOURS,
        409: OpenApiResponse(description="Not published, or domain taken")}, tags=TAGS)
    def post(self, request, portfolio_id):
        portfolio = _portfolio(request, portfolio_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        portfolio = services.portfolio_domain_setup(portfolio=portfolio, user=request.user,
                                                    domain=data.validated_data["domain"])
        return _domain_out(portfolio, services.domain_records(portfolio))


class PortfolioDomainVerifyApi(APIView):
    """Look the DNS records up; once both are there the site is served on the domain."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={200: DomainOutputSerializer, 404: NOT_YOURS,
                                            409: OpenApiResponse(description="No domain connected")}, tags=TAGS)
    def post(self, request, portfolio_id):
        portfolio, checks = services.portfolio_domain_verify(portfolio=_portfolio(request, portfolio_id))
        return _domain_out(portfolio, checks)


class PortfolioMetricsApi(APIView):
    """Previews, builds and build times: yours, or the whole system's for staff."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        class BuildsSerializer(serializers.Serializer):
            total = serializers.IntegerField()
            failed = serializers.IntegerField()
            p50_ms = serializers.FloatField(allow_null=True)
            p95_ms = serializers.FloatField(allow_null=True)
            window = serializers.IntegerField(help_text="How many recent builds the percentiles cover")

        scope = serializers.ChoiceField(choices=["mine", "all"])
        active_previews = serializers.IntegerField()
        published = serializers.IntegerField()
        by_status = serializers.DictField(child=serializers.IntegerField())
        builds = BuildsSerializer()
        expirations = serializers.IntegerField()
        limit_per_user = serializers.IntegerField()

    @extend_schema(responses={200: OutputSerializer}, tags=TAGS)
    def get(self, request):
        metrics = selectors.portfolio_metrics(user=None if request.user.is_staff else request.user)
        return Response(self.OutputSerializer(metrics).data)
