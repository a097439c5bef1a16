from django.urls import path

from cvs import views

urlpatterns = [
    path("", views.landing, name="home"),
    path("upload/", views.cv_upload, name="cv_upload"),
    path("cv/<uuid:job_id>/", views.cv_progress, name="cv_progress"),
    path("cv/<uuid:job_id>/claim/", views.cv_claim, name="cv_claim"),
    path("cv/<uuid:job_id>/edit/", views.cv_edit, name="cv_edit"),
    path("cv/<uuid:job_id>/themes/", views.cv_themes, name="cv_themes"),
]
