"""The product's URLs plus one bare JSON view: the floor the API benchmark compares against."""
import json
from pathlib import Path

from django.http import JsonResponse
from django.urls import path

from resume2website.urls import urlpatterns as product_urlpatterns

SAMPLE_CV = json.loads((Path(__file__).resolve().parent / "sample_cv.json").read_text())


def bare_json(request):
    """No DRF, no authentication, no database: plain Django returning a CV-sized document."""
    return JsonResponse({"job_id": "00000000-0000-0000-0000-000000000000", "status": "done", "cv_data": SAMPLE_CV})


urlpatterns = [path("bench/bare-json", bare_json, name="bench-bare-json"), *product_urlpatterns]
