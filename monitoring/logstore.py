"""Warnings and errors kept in the database, grouped by a normalised fingerprint.

`AggregatingHandler.emit` only appends to a bounded in-memory buffer (a request never waits
for the database); a flusher thread per process writes the buffer in one transaction every
LOG_FLUSH_SECONDS. Records raised while flushing, or by the database logger, are not stored
(no recursion). When the buffer is full the oldest records are dropped and counted.
"""
from __future__ import annotations

import atexit
import hashlib
import logging
import os
import re
import sys
import threading
import time
from collections import deque
from datetime import UTC, datetime

from django.conf import settings

from resume2website.correlation import get_request_id

IGNORED_LOGGERS = ("django.db.backends", __name__)
_NORMALISERS = [
    (re.compile(r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"), "<uuid>"),
    (re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"), "<email>"),
    (re.compile(r"\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b|\b0x[0-9a-fA-F]+\b"), "<hex>"),
    (re.compile(r"\d+(?:\.\d+)?"), "<n>"),
]
MESSAGE_MAX = 4000
_FORMATTER = logging.Formatter()

_buffer: deque[dict] = deque()
_buffer_lock = threading.Lock()
_flush_lock = threading.Lock()
_guard = threading.local()
_state = {"dropped": 0, "pid": None, "thread": None}


def normalise(message: str) -> str:
    for pattern, replacement in _NORMALISERS:
        message = pattern.sub(replacement, message)
    return " ".join(message.split())[:500]


def fingerprint(*, level: str, logger: str, pattern: str) -> str:
    return hashlib.sha1(f"{level}|{logger}|{pattern}".encode()).hexdigest()


def _request_id(record: logging.LogRecord) -> str:
    request_id = getattr(record, "request_id", None)
    if not request_id or request_id == "-":
        request_id = get_request_id() or getattr(getattr(record, "request", None), "request_id", None) or ""
    return request_id[:128]


class AggregatingHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        if getattr(_guard, "flushing", False) or record.name.startswith(IGNORED_LOGGERS):
            return
        try:
            message = record.getMessage()
            exception = _FORMATTER.formatException(record.exc_info) if record.exc_info else ""
            entry = {
                "level": record.levelname,
                "logger": record.name[:200],
                "message": message[:MESSAGE_MAX],
                "exception": exception[-MESSAGE_MAX:],
                "exception_type": record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else "",
                "request_id": _request_id(record),
                "created_at": datetime.fromtimestamp(record.created, tz=UTC),
            }
        except Exception:  # noqa: BLE001 - a broken record must never break the caller
            self.handleError(record)
            return
        buffer_append(entry)


def buffer_append(entry: dict) -> None:
    with _buffer_lock:
        if len(_buffer) >= settings.LOG_BUFFER_MAX:
            _buffer.popleft()
            _state["dropped"] += 1
        _buffer.append(entry)
    _ensure_flusher()


def buffer_stats() -> dict:
    with _buffer_lock:
        return {"buffered": len(_buffer), "dropped": _state["dropped"]}


def _ensure_flusher() -> None:
    """One daemon flusher per process (started again in a forked worker child)."""
    interval = settings.LOG_FLUSH_SECONDS
    if interval <= 0 or _state["pid"] == os.getpid():
        return
    with _flush_lock:
        if _state["pid"] == os.getpid():
            return
        _state["pid"] = os.getpid()
        thread = threading.Thread(target=_flusher, name="log-flusher", daemon=True)
        _state["thread"] = thread
        thread.start()


def _flusher() -> None:
    """Flush every LOG_FLUSH_SECONDS; stops when the setting turns the background flush off."""
    from django.db import connection

    while (interval := settings.LOG_FLUSH_SECONDS) > 0:
        time.sleep(interval)
        log_buffer_flush()
        connection.close()
    _state["pid"] = None


def log_buffer_flush() -> int:
    """Write the buffered records; returns how many were stored."""
    from django.db import transaction
    from django.db.models import F

    from monitoring.models import LogEntry, LogGroup

    with _flush_lock:
        with _buffer_lock:
            entries = list(_buffer)
            _buffer.clear()
        if not entries:
            return 0
        _guard.flushing = True
        try:
            batch: dict[str, dict] = {}
            for entry in entries:
                pattern = normalise(entry["message"]) + (f" [{entry['exception_type']}]" if entry["exception_type"] else "")
                key = fingerprint(level=entry["level"], logger=entry["logger"], pattern=pattern)
                group = batch.setdefault(key, {"pattern": pattern, "entries": []})
                group["entries"].append(entry)
            with transaction.atomic():
                LogGroup.objects.bulk_create(
                    [LogGroup(fingerprint=key, logger=g["entries"][0]["logger"], level=g["entries"][0]["level"],
                              pattern=g["pattern"][:500], count=0, first_seen=g["entries"][0]["created_at"],
                              last_seen=g["entries"][0]["created_at"], example=g["entries"][0]["message"])
                     for key, g in batch.items()],
                    ignore_conflicts=True,
                )
                ids = dict(LogGroup.objects.filter(fingerprint__in=batch).values_list("fingerprint", "id"))
                for key, g in batch.items():
                    LogGroup.objects.filter(pk=ids[key]).update(
                        count=F("count") + len(g["entries"]), last_seen=max(e["created_at"] for e in g["entries"])
                    )
                LogEntry.objects.bulk_create([
                    LogEntry(group_id=ids[key], level=e["level"], logger=e["logger"], message=e["message"],
                             request_id=e["request_id"], exception=e["exception"], created_at=e["created_at"])
                    for key, g in batch.items() for e in g["entries"]
                ])
            return len(entries)
        except Exception as exc:  # noqa: BLE001 - the database is down: the records go to stderr only
            with _buffer_lock:
                _state["dropped"] += len(entries)
            print(f"log aggregation: {len(entries)} records not stored ({type(exc).__name__}: {exc})", file=sys.stderr)
            return 0
        finally:
            _guard.flushing = False


@atexit.register
def _flush_at_exit() -> None:
    if _buffer and settings.configured and settings.LOG_FLUSH_SECONDS > 0:
        try:
            log_buffer_flush()
        except Exception:  # noqa: BLE001 - the interpreter is going away
            pass
