#!/usr/bin/env python3
"""Set up and run Resume2Website with nothing installed but Python 3.11.

    python3 dev.py run     install what is missing, then start the whole app (web + worker + scheduler)
    python3 dev.py test    install what is missing (Chromium included), then run every test
    python3 dev.py bench   run the benchmarks and print one table

Only the standard library is used here, so it works before anything is installed.
"""
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
CHROMIUM = "/usr/bin/chromium"


def _say(msg: str) -> None:
    print(f"\033[1m==> {msg}\033[0m", flush=True)


def ensure_venv(requirements: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("Resume2Website needs Python 3.11 or newer.")
    if not PY.exists():
        _say("Creating the virtual environment in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    req = ROOT / requirements
    text = req.read_text() + (ROOT / "requirements.txt").read_text()
    stamp = VENV / f".installed-{requirements}"
    digest = hashlib.sha256(text.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    _say(f"Installing {requirements}")
    subprocess.check_call([str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(req)])
    stamp.write_text(digest)


def ensure_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        _say("Installing Chromium (Debian package) for the browser tests")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.call(["apt-get", "update", "-qq"], env=env)
        subprocess.check_call(["apt-get", "install", "-y", "-qq", "chromium"], env=env)
    else:
        sys.exit(f"The browser tests need Chromium at {CHROMIUM}: install Debian's 'chromium' package.")


def manage(*args: str, env: dict | None = None) -> None:
    subprocess.check_call([str(PY), "manage.py", *args], cwd=ROOT, env=env)


def run(argv: list[str]) -> int:
    ensure_venv("requirements.txt")
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "resume2website.settings.local")}
    env.setdefault("SITE_URL", f"http://{host}:{port}")
    manage("migrate", "--noinput", "-v", "0", env=env)
    manage("createcachetable", env=env)
    manage("collectstatic", "--noinput", "-v", "0", env=env)
    processes = [
        subprocess.Popen([str(PY), "-m", "celery", "-A", "resume2website", "worker", "-l", "warning",
                          "--concurrency", os.environ.get("WORKER_CONCURRENCY", "2")], cwd=ROOT, env=env),
        subprocess.Popen([str(PY), "-m", "celery", "-A", "resume2website", "beat", "-l", "warning",
                          "-s", str(ROOT / "var" / "celerybeat-schedule")], cwd=ROOT, env=env),
        subprocess.Popen([str(PY), "-m", "daphne", "-b", host, "-p", port, "resume2website.asgi:application"],
                         cwd=ROOT, env=env),
    ]
    time.sleep(1.5)
    _say(f"Resume2Website is running at http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs/)")
    _say("Worker and scheduler are running too. Press Ctrl-C to stop.")
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for p in processes:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
    return 0


def test(argv: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    ensure_chromium()
    code = subprocess.call([str(PY), "-m", "pytest", *argv], cwd=ROOT)
    if code == 5:
        print("No tests ran: that is a failure.", file=sys.stderr)
        return 1
    return code


def bench(argv: list[str]) -> int:
    ensure_venv("requirements-dev.txt")
    return subprocess.call([str(PY), "bench/run.py", *argv], cwd=ROOT)


def main() -> int:
    commands = {"run": run, "test": test, "bench": bench}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
