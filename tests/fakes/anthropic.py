"""A fake Anthropic Messages API on 127.0.0.1, answering like the real one.

`POST /v1/messages` answers a forced tool call with a `tool_use` block whose input is read
from the CV text in the request (name, title, email, phone, skills line), plus one value
that is NOT in the CV, so tests can see grounding drop it. Image requests answer
`image_document` (set by the test). Queue other behaviours with `fake.script(...)`:

    "ok"           a normal tool_use answer
    "500"          HTTP 500 api_error
    "529"          HTTP 529 overloaded_error
    "429"          HTTP 429 rate_limit_error with retry-after
    "timeout"      answer after `delay` seconds (longer than the client's timeout)
    "malformed"    HTTP 200 with a body that is not JSON
    "truncated"    stop_reason "max_tokens" and a partial tool input
    "no_tool"      a text block only, no tool_use
    "no_temperature"  400 invalid_request_error when the request carries `temperature`
                   (as newer models answer), else a normal answer
"""
from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

INVENTED_SKILL = "Underwater Basket Weaving"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PHONE = re.compile(r"\+?\d[\d ()-]{7,}\d")


def document_from_text(text: str) -> dict:
    """What a careful model would record from this CV text (plus one invented skill)."""
    lines = [line.strip() for line in text.replace("<cv>", "").replace("</cv>", "").splitlines() if line.strip()]
    email = EMAIL.search(text)
    phone = PHONE.search(text)
    skills: list[str] = []
    for index, line in enumerate(lines):
        if line.lower() == "skills" and index + 1 < len(lines):
            skills = [s.strip() for s in lines[index + 1].split(",") if s.strip()]
    return {
        "hero": {"fullName": lines[0] if lines else None, "professionalTitle": lines[1] if len(lines) > 1 else None},
        "contact": {"email": email.group(0) if email else None, "phone": phone.group(0).strip() if phone else None},
        "skills": {"ungroupedSkills": skills + [INVENTED_SKILL]},
    }


class FakeAnthropic:
    def __init__(self):
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        self._script: deque[str] = deque()
        self.default = "ok"
        self.delay = 2.0
        self.image_document: dict = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeAnthropic:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def script(self, *behaviours: str) -> None:
        self._script.extend(behaviours)

    def next_behaviour(self) -> str:
        return self._script.popleft() if self._script else self.default

    def answer(self, request: dict, behaviour: str) -> tuple[int, dict, bytes]:
        if behaviour in ("500", "529", "429"):
            kinds = {"500": "api_error", "529": "overloaded_error", "429": "rate_limit_error"}
            body = {"type": "error", "error": {"type": kinds[behaviour], "message": f"fake {behaviour}"}}
            return int(behaviour), {"retry-after-ms": "5", "retry-after": "0"}, json.dumps(body).encode()
        if behaviour == "no_temperature" and "temperature" in request:
            body = {"type": "error", "error": {"type": "invalid_request_error",
                                               "message": "temperature is deprecated for this model."}}
            return 400, {}, json.dumps(body).encode()
        if behaviour == "malformed":
            return 200, {}, b'{"id": "msg_broken", "content": [ {"type": "tool_use", '
        tool = request.get("tool_choice", {}).get("name") or request["tools"][0]["name"]
        content = request["messages"][0]["content"]
        if any(block.get("type") == "image" for block in content):
            document = self.image_document
        else:
            document = document_from_text(" \n".join(b.get("text", "") for b in content if b.get("type") == "text"))
        stop_reason = "tool_use"
        blocks: list[dict] = [{"type": "tool_use", "id": f"toolu_{uuid.uuid4().hex[:20]}", "name": tool,
                               "input": document}]
        if behaviour == "truncated":
            stop_reason = "max_tokens"
            blocks[0]["input"] = {"hero": {"fullName": document.get("hero", {}).get("fullName")}}
        elif behaviour == "no_tool":
            stop_reason = "end_turn"
            blocks = [{"type": "text", "text": "I cannot help with that document."}]
        body = {
            "id": f"msg_{uuid.uuid4().hex[:24]}",
            "type": "message",
            "role": "assistant",
            "model": request.get("model"),
            "content": blocks,
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {
                "input_tokens": 900,
                "output_tokens": 300,
                "cache_creation_input_tokens": 0 if len(self.requests) > 1 else 700,
                "cache_read_input_tokens": 700 if len(self.requests) > 1 else 0,
            },
        }
        return 200, {}, json.dumps(body).encode()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802 - http.server API
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                if self.path.rstrip("/") != "/v1/messages":
                    self.send_response(404)
                    self.end_headers()
                    return
                request = json.loads(raw)
                fake.requests.append(request)
                fake.headers.append({key.lower(): value for key, value in self.headers.items()})
                if not (self.headers.get("x-api-key") or self.headers.get("authorization", "").startswith("Bearer ")):
                    status, headers, body = 401, {}, json.dumps({"type": "error", "error": {
                        "type": "authentication_error", "message": "missing API key"}}).encode()
                else:
                    behaviour = fake.next_behaviour()
                    if behaviour == "timeout":
                        time.sleep(fake.delay)
                        behaviour = "ok"
                    status, headers, body = fake.answer(request, behaviour)
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("request-id", f"req_{uuid.uuid4().hex[:16]}")
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        return Handler
