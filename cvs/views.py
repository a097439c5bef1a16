"""CV pages: landing with the upload box, upload, claim after sign-up, live extraction, editor, themes.

Views are thin: they call the cvs services and selectors; live updates come from the JSON API
and the SSE stream through a little JavaScript.
"""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cvs.extraction.schema import SECTION_NAMES, cv_document_json_schema
from cvs.validation import EXTENSIONS
from resume2website.errors import ApplicationError, NotFound

UPLOAD_ACCEPT = ",".join(f".{ext}" for ext in EXTENSIONS)
PENDING_CV_SESSION_KEY = "pending_cv"
SECTION_LABELS = {
    "hero": "Name & headline", "contact": "Contact", "summary": "Summary", "experience": "Experience",
    "education": "Education", "skills": "Skills", "projects": "Projects", "achievements": "Achievements",
    "certifications": "Certifications", "languages": "Languages", "courses": "Courses",
    "volunteer": "Volunteering", "publications": "Publications", "speaking": "Speaking",
    "hobbies": "Hobbies & interests",
}

# What to do next after a failed extraction, by the error code of its last event.
NEXT_STEPS = {
    "encrypted": "Remove the password (export or print it to PDF again) and upload the new file.",
    "corrupt": "The file looks damaged: export it again from Word or Google Docs and upload that copy.",
    "too_large": "Upload a shorter version of your CV, without attachments or scanned pages.",
    "empty": "We found no text: upload the original PDF or Word file, or a sharper photo.",
    "not_a_resume": "Upload your CV itself, with your experience, education and contact details.",
    "unsupported": "Upload a PDF, Word (DOCX/DOC), TXT, RTF or an image (PNG, JPG, WEBP).",
    "timeout": "Try again; if it happens again, upload a text-based PDF rather than a scan.",
    "file_missing": "Upload the file again — it only takes a moment.",
    "default": "Try again, or upload a text-based PDF or Word file (a scan or photo is harder to read).",
}


def upload_context() -> dict:
    return {"upload_max_bytes": settings.UPLOAD_MAX_BYTES, "upload_accept": UPLOAD_ACCEPT}


def cv_for_page(request, job_id):
    """The signed-in user's CV job, or a 404 page for anyone else."""
    from cvs.selectors import get_cv_for_user

    try:
        return get_cv_for_user(user=request.user, job_id=job_id)
    except NotFound as exc:
        raise Http404(exc.detail) from exc


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_GET
def landing(request):
    return render(request, "cvs/landing.html", upload_context())


@require_POST
def cv_upload(request):
    """Upload from the web page: JSON for the upload box's XHR, a result page without JavaScript."""
    from cvs.services import cv_upload_create
    from monitoring.ratelimits import throttle_check

    upload = request.FILES.get("file")
    try:
        throttle_check(request, scopes=("upload",))
        if upload is None:
            raise ApplicationError("Choose a CV file to upload.", code="file_missing")
        user = request.user if request.user.is_authenticated else None
        job = cv_upload_create(file=upload, user=user, session=request.session)
    except ApplicationError as exc:
        body = {"error": exc.code, "detail": exc.detail, "threshold": settings.RESUME_GATE_THRESHOLD, **exc.extra}
        if _wants_json(request):
            return JsonResponse(body, status=exc.status_code)
        return render(request, "cvs/upload_result.html", {"error": body, **upload_context()}, status=exc.status_code)

    if user is None:
        request.session[PENDING_CV_SESSION_KEY] = {"id": str(job.id), "name": job.original_name}
        claim_url = reverse("cv_claim", args=[job.id])
        result = {
            "next_url": f"{reverse('account_signup')}?{urlencode({'next': claim_url})}",
            "next_label": "Sign up free to continue",
            "login_url": f"{reverse('account_login')}?{urlencode({'next': claim_url})}",
            "message": "Create a free account and we start reading it straight away.",
        }
    else:
        result = {
            "next_url": reverse("cv_progress", args=[job.id]),
            "next_label": "Watch it being read",
            "login_url": None,
            "message": "We're reading it now.",
        }
    result.update(job_id=str(job.id), gate_score=job.gate_score, original_name=job.original_name)
    if _wants_json(request):
        return JsonResponse(result, status=201)
    return render(request, "cvs/upload_result.html", {"result": result, **upload_context()}, status=201)


@login_required
def cv_claim(request, job_id):
    """After sign-up or log-in: the CV uploaded anonymously in this browser becomes the user's and is read."""
    from cvs import services

    try:
        job = services.cv_claim(user=request.user, job_id=job_id, session=request.session)
    except ApplicationError as exc:
        return render(request, "cvs/claim_failed.html", {"error": exc}, status=exc.status_code)
    request.session.pop(PENDING_CV_SESSION_KEY, None)
    return redirect("cv_progress", job_id=job.id)


@login_required
@require_GET
def cv_progress(request, job_id):
    """Live extraction: the events so far, then the SSE stream takes over."""
    from monitoring.models import ProgressEvent

    job = cv_for_page(request, job_id)
    events = [e.as_dict() for e in ProgressEvent.objects.filter(stream=job.stream).order_by("seq")]
    if job.status == job.Status.DONE:
        initial_percent = 100
    else:
        initial_percent = max((e["percent"] or 0 for e in events), default=0)
    failure = next((e for e in reversed(events) if e["type"] == "error"), None)
    failure_code = (failure or {}).get("data", {}).get("code", "")
    return render(request, "cvs/progress.html", {
        "job": job,
        "events": events,
        "next_steps": NEXT_STEPS,
        "next_step": NEXT_STEPS.get(failure_code, NEXT_STEPS["default"]),
        "initial_percent": initial_percent,
        "stream_url": reverse("sse-cv-extract", args=[job.id]),
        "retry_url": reverse("cv-extract", args=[job.id]),
    })


@login_required
@require_GET
def cv_edit(request, job_id):
    """The CV editor: a form for all fifteen sections, built from the one CV schema."""
    job = cv_for_page(request, job_id)
    if job.cv_data is None:
        return redirect("cv_progress", job_id=job.id)
    return render(request, "cvs/editor.html", {
        "job": job,
        "cv_data": job.cv_data,
        "cv_schema": cv_document_json_schema(),
        "section_links": [(name, SECTION_LABELS[name]) for name in SECTION_NAMES],
        "version": job.version,
        "api": {
            "save": reverse("cv-detail", args=[job.id]),
            "versions": reverse("cv-versions", args=[job.id]),
            "restore": reverse("cv-version-restore", args=[job.id, 0]),
            "json_resume": reverse("cv-json-resume", args=[job.id]),
        },
    })


@login_required
@require_http_methods(["GET", "POST"])
def cv_themes(request, job_id):
    """Theme picker with thumbnails and a live preview; choosing a theme creates or rebuilds the site."""
    from portfolios import services as portfolio_services
    from portfolios.selectors import portfolio_list
    from portfolios.themes import DEFAULT_THEME, THEMES

    job = cv_for_page(request, job_id)
    portfolio = portfolio_list(user=request.user).filter(job=job).first()
    if request.method == "POST":
        theme = request.POST.get("theme", "")
        try:
            if portfolio is None:
                portfolio_services.portfolio_create(user=request.user, job=job, theme=theme)
            else:
                portfolio_services.portfolio_rebuild(portfolio=portfolio, theme=theme)
        except ApplicationError as exc:
            messages.error(request, exc.detail)
        return redirect("cv_themes", job_id=job.id)
    return render(request, "cvs/themes.html", {
        "job": job,
        "themes": [{"theme": t, "thumbnail": t.thumbnail if finders.find(t.thumbnail) else None}
                   for t in THEMES.values()],
        "selected": portfolio.theme if portfolio else DEFAULT_THEME,
        "portfolio": portfolio,
    })
