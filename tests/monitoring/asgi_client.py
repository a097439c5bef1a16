"""A small SSE client that drives the real ASGI application (daphne's view of the app)."""
import asyncio
import json



def application():
    from resume2website.asgi import application as app

    return app


class _Connection:
    """Runs the app as a task of the current context (like ApplicationCommunicator, but its
    thread-sensitive database calls come back to the test's thread and connection)."""

    def __init__(self, app, scope):
        self.inbox: asyncio.Queue = asyncio.Queue()
        self.outbox: asyncio.Queue = asyncio.Queue()
        self.task = asyncio.get_running_loop().create_task(app(scope, self.inbox.get, self.outbox.put))

    async def send_input(self, message: dict) -> None:
        await self.inbox.put(message)

    async def receive_output(self, timeout: float) -> dict:
        getter = asyncio.ensure_future(self.outbox.get())
        done, _ = await asyncio.wait({getter, self.task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if getter in done:
            return getter.result()
        getter.cancel()
        if self.task in done:
            self.task.result()
            raise AssertionError("the application finished without answering")
        raise TimeoutError(f"no output within {timeout} s")

    async def wait(self, timeout: float) -> None:
        await asyncio.wait_for(self.task, timeout)


class SSEClient:
    def __init__(self, path: str, *, method: str = "GET", headers: dict | None = None, body: bytes = b"",
                 cookies: dict | None = None):
        raw_headers = [(b"host", b"testserver")]
        for name, value in (headers or {}).items():
            raw_headers.append((name.lower().encode(), str(value).encode()))
        if cookies:
            raw_headers.append((b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()))
        path, _, query = path.partition("?")
        self.scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
            "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
            "root_path": "", "headers": raw_headers, "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
        }
        self.body = body
        self.status = None
        self.headers: dict[str, str] = {}
        self.buffer = ""
        self.finished = False
        self.comm = None

    async def open(self, timeout: float = 5) -> "SSEClient":
        self.comm = _Connection(application(), self.scope)
        await self.comm.send_input({"type": "http.request", "body": self.body, "more_body": False})
        start = await self.comm.receive_output(timeout)
        assert start["type"] == "http.response.start", start
        self.status = start["status"]
        self.headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
        return self

    async def _more(self, timeout: float) -> None:
        message = await self.comm.receive_output(timeout)
        assert message["type"] == "http.response.body", message
        self.buffer += message.get("body", b"").decode()
        if not message.get("more_body", False):
            self.finished = True

    async def next_event(self, timeout: float = 5) -> dict | None:
        """The next event as {"id", "event", "data"}; None when the response ended."""
        while True:
            while "\n\n" in self.buffer:
                block, self.buffer = self.buffer.split("\n\n", 1)
                event = {"id": None, "event": "message", "data": None}
                for line in block.split("\n"):
                    name, _, value = line.partition(": ")
                    if name == "id":
                        event["id"] = int(value)
                    elif name == "event":
                        event["event"] = value
                    elif name == "data":
                        event["data"] = json.loads(value)
                if event["data"] is not None:
                    return event
            if self.finished:
                return None
            await self._more(timeout)

    async def next_progress(self, timeout: float = 5) -> dict | None:
        """The next event that is not a heartbeat."""
        while (event := await self.next_event(timeout)) is not None and event["event"] == "heartbeat":
            pass
        return event

    async def events_until_end(self, timeout: float = 5, *, heartbeats: bool = False) -> list[dict]:
        """Every event until the response ends (heartbeats, which depend on timing, left out unless asked)."""
        events = []
        while (event := await self.next_event(timeout)) is not None:
            if heartbeats or event["event"] != "heartbeat":
                events.append(event)
        return events

    async def json(self, timeout: float = 5) -> dict:
        while not self.finished:
            await self._more(timeout)
        return json.loads(self.buffer)

    async def disconnect(self) -> None:
        await self.comm.send_input({"type": "http.disconnect"})
        try:
            await self.comm.wait(timeout=5)
        except asyncio.CancelledError:
            pass
