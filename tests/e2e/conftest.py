"""The real app for browser tests: its own var dir and database, migrations, daphne (HTTP + SSE)
on a free port, a real Celery worker (filesystem broker), the fake Stripe server, and Debian's
Chromium driven by Playwright.

In services mode (DATABASE_URL, REDIS_URL set) the app gets a dedicated PostgreSQL database
(<name>_e2e), created and dropped here, and a Redis database of its own (broker, cache, channels).
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.fakes.stripe import PUBLISHABLE_KEY, FakeStripe

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = REPO / "docs" / "screenshots"
SAMPLES = REPO / ".." / "shared" / "samples" / "real-pdfs"
START_TIMEOUT = 120
E2E_REDIS_DB = 12



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _services_database(url: str) -> tuple[str, str]:
    """(url of a dedicated e2e database, its name) beside the one the suite was given."""
    parts = urlsplit(url)
    name = (parts.path.lstrip("/") or "r2w") + "_e2e"
    return urlunsplit(parts._replace(path="/" + name)), name


def _services_redis(url: str) -> str:
    """A Redis database of its own for the app's broker, cache and channel layer."""
    parts = urlsplit(url)
    db = E2E_REDIS_DB if parts.path.strip("/") != str(E2E_REDIS_DB) else E2E_REDIS_DB - 1
    return urlunsplit(parts._replace(path=f"/{db}"))


def _postgres_admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(sql)


def _wait_http(url: str, processes: list, log_dir: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        for proc in processes:
            if proc.poll() is not None:
                raise RuntimeError(f"{proc.args[2:5]} exited early; logs in {log_dir}:\n" +
                                   "\n".join(p.read_text()[-3000:] for p in log_dir.glob("*.log")))
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT}s; logs in {log_dir}:\n" +
                       "\n".join(p.read_text()[-3000:] for p in log_dir.glob("*.log")))


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class LiveApp:
    def __init__(self, url: str, stripe: FakeStripe, var_dir: Path):
        self.url = url
        self.stripe = stripe
        self.var_dir = var_dir

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="session")
def live_app():
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    var_dir = Path(tempfile.mkdtemp(prefix="r2w-e2e-"))
    log_dir = var_dir / "logs"
    log_dir.mkdir()
    stripe = FakeStripe(webhook_url=url + "/api/v1/payments/webhook").start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "resume2website.settings.local",
        "DEBUG": "false",
        "R2W_VAR_DIR": str(var_dir),
        "SECRET_KEY": "e2e-not-secret-" + str(port),
        "SITE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "STRIPE_SECRET_KEY": stripe.secret_key,
        "STRIPE_WEBHOOK_SECRET": stripe.webhook_secret,
        "STRIPE_PUBLISHABLE_KEY": PUBLISHABLE_KEY,
        "STRIPE_API_BASE": stripe.base_url,
        "API_RATE_LIMIT": "1000/min",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    for key in ("ANTHROPIC_API_KEY", "VERCEL_TOKEN", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(key, None)
    database_name = None
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"], database_name = _services_database(os.environ["DATABASE_URL"])
        _postgres_admin(os.environ["DATABASE_URL"], f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
        _postgres_admin(os.environ["DATABASE_URL"], f'CREATE DATABASE "{database_name}"')
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = env["CELERY_BROKER_URL"] = _services_redis(os.environ["REDIS_URL"])

    def manage(*args):
        subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    manage("migrate", "--noinput", "-v", "0")
    manage("createcachetable")
    manage("collectstatic", "--noinput", "-v", "0")
    processes = []
    try:
        for name, cmd in (
            ("worker", [PYTHON, "-m", "celery", "-A", "resume2website", "worker", "-l", "warning",
                        "--concurrency", "2", "--without-gossip", "--without-mingle", "-n", f"e2e-{port}@%h"]),
            ("web", [PYTHON, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "resume2website.asgi:application"]),
        ):
            log = open(log_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
            processes.append(subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT))
        _wait_http(url + "/health", processes, log_dir)
        yield LiveApp(url, stripe, var_dir)
    finally:
        for proc in reversed(processes):
            _stop(proc)
        stripe.stop()
        if database_name:
            _postgres_admin(os.environ["DATABASE_URL"], f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Playwright's sync API keeps its event loop running in this
    thread while it is open, so Django would take the shared fixtures' database calls for async
    code: they are allowed here, and only until the module's browser closes."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"The browser tests need Debian's Chromium at {CHROMIUM} (python3 dev.py test installs it).")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under docs/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        if full_page:
            page.evaluate("window.scrollTo(0, 0)")  # sticky header and save bar in their places
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        return path

    return take


@pytest.fixture(autouse=True)
def _close_test_connections():
    """Connections the shared fixtures open while Playwright's loop runs are closed here, so the
    test database can be dropped at the end."""
    yield
    from django.db import connections

    connections.close_all()
