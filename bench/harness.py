"""A real services-mode stack on 127.0.0.1 for the api, pipeline and load benchmarks.

PostgreSQL database `r2w_bench` (recreated each run), Redis db 9 (flushed), one daphne
process and any number of Celery worker processes, all started here and ended by their
process ids. The benchmark process itself is configured against the same database, so it
can create users and sessions directly and count jobs without going through HTTP.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples" / "real-pdfs"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
# One database per benchmark process, dropped at the end: runs side by side never collide.
DB_NAME = os.environ.get("BENCH_DB_NAME", f"r2w_bench_{os.getpid()}")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "")  # empty: each stack starts its own redis-server
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_pdfs() -> list[bytes]:
    return [p.read_bytes() for p in sorted(SAMPLES.glob("*.pdf"))]


def unique_pdf(data: bytes, n: int) -> bytes:
    """The same PDF with a trailing comment: new SHA-256 (no cache hit), same content."""
    return data + f"\n% bench copy {n} {time.time_ns()}\n".encode()


class PrivateRedis:
    """A redis-server this stack or test owns: started, stopped and restarted by its process id."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="r2w-redis-")
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", self.dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def rss_tree(pid: int) -> int:
    """Resident memory of a process and its children (a prefork worker's pool), in bytes."""
    try:
        proc = psutil.Process(pid)
        total = proc.memory_info().rss
        for child in proc.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total
    except psutil.Error:
        return 0


class PeakRss:
    """Samples the RSS of some processes every 50 ms in a thread; keeps the peak of each."""

    def __init__(self, pids: dict[str, int]):
        self.pids = pids
        self.peak = dict.fromkeys(pids, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            for name, pid in self.pids.items():
                self.peak[name] = max(self.peak[name], rss_tree(pid))
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


@dataclass
class Stack:
    workers: int = 1
    worker_concurrency: int = 1
    extra_env: dict = field(default_factory=dict)
    db_name: str = DB_NAME
    redis_url: str = REDIS_URL
    configure_here: bool = True  # set up Django in this process against the stack's database
    own_redis: PrivateRedis | None = None
    port: int = 0
    web: subprocess.Popen | None = None
    worker_procs: list = field(default_factory=list)
    var_dir: str = ""

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + self.db_name,
            "REDIS_URL": self.redis_url,
            "R2W_VAR_DIR": self.var_dir,
            "SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            # The benchmarks measure capacity; rate limits have their own tests.
            "API_RATE_LIMIT": "1000000/min",
            "UPLOAD_RATE_LIMIT": "1000000/min",
            "LOGIN_RATE_LIMIT": "1000000/min",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            **self.extra_env,
        }

    # --- lifecycle ------------------------------------------------------------------------
    def __enter__(self):
        self.var_dir = tempfile.mkdtemp(prefix="r2w-bench-")
        if not self.redis_url:
            self.own_redis = PrivateRedis().start()
            self.redis_url = self.own_redis.url
        self._reset_backends()
        env = self.env()
        migrate = subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                                 capture_output=True, text=True)
        if migrate.returncode != 0:
            raise RuntimeError(f"migrate failed: {migrate.stderr[-2000:]}")
        if self.configure_here:
            os.environ.update({k: env[k] for k in self._owned_keys()})
            import django

            django.setup()
        self.start_web()
        self.start_workers(self.workers)
        return self

    def __exit__(self, *exc):
        self.stop_workers()
        if self.web is not None:
            _end(self.web)
            self.web = None
        if self.configure_here:
            from django.db import connections

            connections.close_all()
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        if self.own_redis is not None:
            self.own_redis.stop()

    def _owned_keys(self):
        return {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "R2W_VAR_DIR", "SECRET_KEY",
                "CELERY_TASK_ALWAYS_EAGER", "API_RATE_LIMIT", "UPLOAD_RATE_LIMIT", "LOGIN_RATE_LIMIT",
                "LOG_LEVEL", *self.extra_env}

    def _reset_backends(self):
        import psycopg
        import redis

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        redis.Redis.from_url(self.redis_url).flushdb()

    def _log(self, name: str):
        return open(Path(self.var_dir) / f"{name}.log", "ab")

    def log_tail(self, name: str = "web", chars: int = 3000) -> str:
        path = Path(self.var_dir) / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""

    def start_web(self):
        self.port = free_port()
        self.web = subprocess.Popen(
            [PY, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port), "resume2website.asgi:application"],
            cwd=ROOT, env=self.env(), stdout=self._log("web"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.web.poll() is not None:
                    raise RuntimeError("daphne exited at start")
                time.sleep(0.1)
        raise RuntimeError("daphne did not start within 30 s")

    def start_workers(self, count: int):
        names = []
        for i in range(len(self.worker_procs), len(self.worker_procs) + count):
            name = f"bench{i}@{socket.gethostname()}"
            names.append(name)
            self.worker_procs.append(subprocess.Popen(
                [PY, "-m", "celery", "-A", "resume2website", "worker", "-l", "warning", "-n", name,
                 "--concurrency", str(self.worker_concurrency), "--without-gossip", "--without-mingle"],
                cwd=ROOT, env=self.env(), stdout=self._log(f"worker{i}"), stderr=subprocess.STDOUT,
            ))
        self._wait_workers(names)

    def _wait_workers(self, names: list[str]):
        if not names:
            return
        from celery import Celery

        app = Celery(broker=self.redis_url, set_as_current=False)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            replies = app.control.ping(destination=names, timeout=0.5) or []
            answered = {name for reply in replies for name in reply}
            if set(names) <= answered:
                return
        raise RuntimeError(f"Celery workers {names} did not answer within 60 s")

    def stop_workers(self):
        for proc in self.worker_procs:
            _end(proc)
        self.worker_procs = []

    def worker_pids(self) -> list[int]:
        return [p.pid for p in self.worker_procs]

    # --- data -----------------------------------------------------------------------------
    def user_with_token(self, email: str) -> tuple[object, str]:
        """A user and a live session token, created directly (the login route is rate limited per IP)."""
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
        from accounts.authentication import session_store_class

        user, _ = get_user_model().objects.get_or_create(email=email, defaults={"name": email.split("@")[0]})
        store = session_store_class()()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return user, store.session_key

    def sql(self, query: str, params=()) -> list[tuple]:
        """A query on the stack's database, outside any Django configuration."""
        import psycopg

        with psycopg.connect(self.env()["DATABASE_URL"].replace("postgres://", "postgresql://")) as conn:
            return conn.execute(query, params).fetchall()

    def job_counts(self, ids) -> dict[str, int]:
        ids = [str(i) for i in ids]
        if not ids:
            return {}
        rows = self.sql("SELECT status, count(*) FROM cvs_extractionjob WHERE id::text = ANY(%s) GROUP BY status",
                        (ids,))
        return dict(rows)

    def sweep_stale_jobs(self) -> None:
        """What the scheduler does every minute: fail jobs stuck past EXTRACTION_STALE_AFTER_SECONDS."""
        subprocess.run([PY, "manage.py", "shell", "-c",
                        "from cvs.services import cv_stale_jobs_fail; cv_stale_jobs_fail()"],
                       cwd=ROOT, env=self.env(), check=True, capture_output=True)

    def wait_terminal(self, ids, timeout: float) -> dict[str, int]:
        """Wait until every job is done or failed (or the timeout); returns the status counts."""
        ids = list(ids)
        deadline = time.monotonic() + timeout
        while True:
            counts = self.job_counts(ids)
            if counts.get("done", 0) + counts.get("failed", 0) >= len(ids) or time.monotonic() > deadline:
                return counts
            time.sleep(0.1)


def _end(proc: subprocess.Popen):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
