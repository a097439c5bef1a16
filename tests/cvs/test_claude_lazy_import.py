"""The anthropic SDK (seconds to import) is loaded only when Claude is actually called."""
import subprocess
import sys
from pathlib import Path


def test_offline_extraction_does_not_import_the_anthropic_sdk():
    code = (
        "import django, sys; django.setup()\n"
        "from cvs.extraction.pipeline import extract_offline\n"
        "import cvs.extraction.claude, cvs.tasks, cvs.api.operations\n"
        "extract_offline\n"
        "assert 'anthropic' not in sys.modules, 'anthropic imported'\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {"DJANGO_SETTINGS_MODULE": "resume2website.settings.test", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
