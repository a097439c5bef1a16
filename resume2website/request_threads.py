"""Django's ASGI handler, with each request's thread kept for the next request.

Under ASGI, Django runs a request's synchronous code (the middleware that is not async, the
views, the ORM) on a thread of the request's own (asgiref's ThreadSensitiveContext) and ends
that thread with the request: a thread started and stopped for every request. Here a finished
request hands its thread to the next one; asgiref supports this directly
(`ThreadSensitiveContext(executor=...)`). What a request sees is unchanged: one thread for all
of its synchronous code, used by no other request at the same time.

A thread still busy when its request ends (a client that went away while its view ran on)
is not handed on, so no request waits behind another's leftover work; it ends when that work
does. At most IDLE_THREADS threads wait for work; past a burst the extra ones end. An
application called from synchronous code (async_to_sync) keeps Django's behaviour: its
synchronous work runs on the caller's thread.
"""
from __future__ import annotations

import itertools
from concurrent.futures import Future, ThreadPoolExecutor

from asgiref.sync import AsyncToSync, ThreadSensitiveContext
from django.core.handlers.asgi import ASGIHandler

IDLE_THREADS = 32
_numbers = itertools.count(1)


class RequestThread(ThreadPoolExecutor):
    """One thread, for one request at a time."""

    def __init__(self):
        super().__init__(max_workers=1, thread_name_prefix=f"request-{next(_numbers)}")
        self._last: Future | None = None

    def submit(self, fn, /, *args, **kwargs):
        self._last = future = super().submit(fn, *args, **kwargs)
        return future

    def idle(self) -> bool:
        # One worker runs the work in order: when the last piece is done, all of it is.
        return self._last is None or self._last.done()


class RequestThreads:
    """Threads waiting for the next request (used only from the event loop's thread)."""

    def __init__(self, keep: int = IDLE_THREADS):
        self.keep = keep
        self._idle: list[RequestThread] = []

    def take(self) -> RequestThread:
        return self._idle.pop() if self._idle else RequestThread()

    def give_back(self, thread: RequestThread) -> None:
        if thread.idle() and len(self._idle) < self.keep:
            self._idle.append(thread)
        else:
            thread.shutdown(wait=False)

    def __len__(self) -> int:
        return len(self._idle)


class ReusingASGIHandler(ASGIHandler):
    threads = RequestThreads()

    async def __call__(self, scope, receive, send):
        if getattr(AsyncToSync.executors, "current", None) is not None:
            # Called from synchronous code (async_to_sync: tests drive the app so): as under
            # Django's handler, the request's synchronous work goes back to that code's thread.
            return await super().__call__(scope, receive, send)
        thread = self.threads.take()
        try:
            # Django's own context inside this one finds it set and leaves it as it is.
            async with ThreadSensitiveContext(executor=thread):
                await super().__call__(scope, receive, send)
        finally:
            self.threads.give_back(thread)


def get_asgi_application() -> ReusingASGIHandler:
    """django.core.asgi.get_asgi_application, with the reusing handler."""
    import django

    django.setup(set_prefix=False)
    return ReusingASGIHandler()
