from django.urls import path

from monitoring.api import sse

urlpatterns = [
    path("sse/cv/extract-streaming/<uuid:job_id>", sse.cv_extract_stream, name="sse-cv-extract"),
    path("sse/cv/extract-streaming", sse.cv_extract_stream_upload, name="sse-cv-extract-upload"),
    path("sse/portfolio/generate-streaming/<uuid:portfolio_id>", sse.portfolio_generate_stream,
         name="sse-portfolio-generate"),
    path("sse/sandbox/status-streaming/<uuid:portfolio_id>", sse.portfolio_generate_stream,
         name="sse-sandbox-status"),
    path("sse/heartbeat", sse.heartbeat_stream, name="sse-heartbeat"),
    path("sse/test-error-handling", sse.test_error_stream, name="sse-test-error"),
    path("sse/test-timeout/<int:duration>", sse.test_timeout_stream, name="sse-test-timeout"),
    path("cv-enhanced/stream/<uuid:job_id>", sse.cv_extract_stream, name="cv-enhanced-stream"),
    path("workflows/stream/<uuid:workflow_id>", sse.workflow_stream, name="workflow-stream"),
]
