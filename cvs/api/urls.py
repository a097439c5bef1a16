from django.urls import path

from cvs.api import documents, downloads, operations, uploads

urlpatterns = [
    path("upload", uploads.CvUploadApi.as_view(), name="cv-upload"),
    path("upload-anonymous", uploads.CvUploadAnonymousApi.as_view(), name="cv-upload-anonymous"),
    path("upload-multiple", uploads.CvUploadMultipleApi.as_view(), name="cv-upload-multiple"),
    path("extract/<uuid:job_id>", uploads.CvExtractApi.as_view(), name="cv-extract"),
    path("claim", uploads.CvClaimApi.as_view(), name="cv-claim"),
    path("cv-enhanced/upload", uploads.CvEnhancedUploadApi.as_view(), name="cv-enhanced-upload"),
    path("cv-enhanced/test-with-sample", operations.CvSampleTestApi.as_view(), name="cv-enhanced-test-with-sample"),
    path("cv/<uuid:job_id>", documents.CvDetailApi.as_view(), name="cv-detail"),
    path("cv/<uuid:job_id>/versions", documents.CvVersionListApi.as_view(), name="cv-versions"),
    path("cv/<uuid:job_id>/versions/<int:number>/restore", documents.CvVersionRestoreApi.as_view(),
         name="cv-version-restore"),
    path("cv/<uuid:job_id>/json-resume", documents.CvJsonResumeApi.as_view(), name="cv-json-resume"),
    path("my-cvs", documents.MyCvListApi.as_view(), name="my-cvs"),
    path("download/<uuid:job_id>", downloads.CvDownloadApi.as_view(), name="cv-download"),
    path("download/<uuid:job_id>/all", downloads.CvDownloadAllApi.as_view(), name="cv-download-all"),
    path("download/<uuid:job_id>/<str:name>", downloads.CvDownloadFileApi.as_view(), name="cv-download-file"),
    path("extraction-stats", operations.ExtractionStatsApi.as_view(), name="extraction-stats"),
    path("cleanup", operations.CvCleanupApi.as_view(), name="cv-cleanup"),
]
