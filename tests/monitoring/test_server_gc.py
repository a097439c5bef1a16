"""The ASGI server process keeps start-up objects out of the garbage collector's scans."""
import json
import os
import subprocess
import sys

from django.conf import settings


def test_loading_the_asgi_application_freezes_start_up_objects_and_relaxes_young_collections():
    script = ("import gc, json, resume2website.asgi as asgi; "
              "print(json.dumps([gc.get_freeze_count(), gc.get_threshold()[0], asgi.GC_YOUNG_THRESHOLD]))")
    out = subprocess.run([sys.executable, "-c", script], cwd=settings.BASE_DIR, capture_output=True, text=True,
                         env={**os.environ, "DJANGO_SETTINGS_MODULE": "resume2website.settings.test"},
                         timeout=120, check=True).stdout
    frozen, young, configured = json.loads(out.strip().splitlines()[-1])
    assert frozen > 50_000  # Django, the apps and their libraries
    assert young == configured == 20_000
