"""A small Vercel REST API on 127.0.0.1 that answers the way the real one does, for the real client.

It checks the Bearer token, stores uploaded files by their SHA-1 (`x-vercel-digest` must
match the body, as on Vercel), refuses a deployment that names a file it was never sent
(400 `missing_files` with the missing digests), moves each deployment QUEUED → BUILDING →
READY as it is polled, keeps project domains with a `verified` flag that a test flips, and
deletes a project with its deployments and domains.

Use the `fake_vercel` fixture (import it into a conftest), which points the settings at it.
"""
import hashlib
import json
import re
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

TOKEN = "vercel_test_token"
STATES = ("QUEUED", "BUILDING", "READY")


@dataclass
class FakeVercel:
    url: str = ""
    files: dict = field(default_factory=dict)
    deployments: dict = field(default_factory=dict)
    domains: dict = field(default_factory=dict)
    verified_domains: set = field(default_factory=set)
    requests: list = field(default_factory=list)
    fail_deployments: bool = False

    def deployment_files(self, deployment_id: str) -> dict[str, bytes]:
        return {f["file"]: self.files[f["sha"]] for f in self.deployments[deployment_id]["files"]}


def _handler(fake: FakeVercel):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _send(self, status: int, body: dict):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int, code: str, message: str, **extra):
            self._send(status, {"error": {"code": code, "message": message, **extra}})

        def _authorised(self) -> bool:
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._error(403, "forbidden", "Not authorized")
                return False
            return True

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _route(self, method: str):
            parts = urlsplit(self.path)
            body = self._body() if method == "POST" else b""
            fake.requests.append({"method": method, "path": parts.path, "query": parse_qs(parts.query),
                                  "headers": dict(self.headers), "size": len(body)})
            if not self._authorised():
                return
            path = parts.path
            if method == "POST" and path == "/v2/files":
                digest = self.headers.get("x-vercel-digest", "")
                if hashlib.sha1(body).hexdigest() != digest:  # noqa: S324 - Vercel's digest
                    return self._error(400, "invalid_digest", "The digest does not match the file's contents")
                fake.files[digest] = body
                return self._send(200, {"urls": [f"https://files.vercel.test/{digest}"]})
            if method == "POST" and path == "/v13/deployments":
                spec = json.loads(body or b"{}")
                missing = [f["sha"] for f in spec.get("files", []) if f.get("sha") not in fake.files]
                if missing:
                    return self._error(400, "missing_files", "Missing files", missing=missing)
                if not re.match(r"^[a-z0-9][a-z0-9._-]{0,99}$", spec.get("name", "")):
                    return self._error(400, "bad_request", "Invalid project name")
                dep_id = "dpl_" + secrets.token_hex(8)
                deployment = {
                    "id": dep_id, "name": spec["name"], "url": f"{spec['name']}-{dep_id[4:12]}.vercel.app",
                    "readyState": "QUEUED", "files": spec["files"], "target": spec.get("target"), "polls": 0,
                }
                fake.deployments[dep_id] = deployment
                return self._send(200, {k: v for k, v in deployment.items() if k not in ("files", "polls")})
            match = re.fullmatch(r"/v13/deployments/([\w-]+)", path)
            if method == "GET" and match:
                deployment = fake.deployments.get(match.group(1))
                if deployment is None:
                    return self._error(404, "not_found", "Deployment not found")
                deployment["polls"] += 1
                if fake.fail_deployments:
                    deployment["readyState"] = "ERROR"
                else:
                    deployment["readyState"] = STATES[min(deployment["polls"], len(STATES) - 1)]
                return self._send(200, {k: v for k, v in deployment.items() if k not in ("files", "polls")})
            match = re.fullmatch(r"/v10/projects/([\w.-]+)/domains", path)
            if method == "POST" and match:
                name = json.loads(body or b"{}").get("name", "")
                fake.domains[name] = match.group(1)
                return self._send(200, {
                    "name": name, "apexName": ".".join(name.split(".")[-2:]), "projectId": match.group(1),
                    "verified": name in fake.verified_domains,
                    "verification": [] if name in fake.verified_domains else [
                        {"type": "TXT", "domain": f"_vercel.{name}", "value": f"vc-domain-verify={name},abc",
                         "reason": "pending_domain_verification"}],
                })
            match = re.fullmatch(r"/v9/projects/([\w.-]+)/domains/([\w.-]+)/verify", path)
            if method == "POST" and match:
                name = match.group(2)
                if name not in fake.domains:
                    return self._error(404, "not_found", "Domain not found on this project")
                return self._send(200, {"name": name, "verified": name in fake.verified_domains})
            match = re.fullmatch(r"/v9/projects/([\w.-]+)", path)
            if method == "DELETE" and match:
                project = match.group(1)
                if not any(d["name"] == project for d in fake.deployments.values()):
                    return self._error(404, "not_found", "Project not found")
                fake.deployments = {k: d for k, d in fake.deployments.items() if d["name"] != project}
                fake.domains = {name: p for name, p in fake.domains.items() if p != project}
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self._error(404, "not_found", f"No route {method} {path}")

        def do_GET(self):  # noqa: N802
            self._route("GET")

        def do_POST(self):  # noqa: N802
            self._route("POST")

        def do_DELETE(self):  # noqa: N802
            self._route("DELETE")

    return Handler


@pytest.fixture
def fake_vercel(settings):
    fake = FakeVercel()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.VERCEL_TOKEN = TOKEN
    settings.VERCEL_API_BASE = fake.url
    settings.VERCEL_POLL_INTERVAL = 0.01
    yield fake
    server.shutdown()
    server.server_close()
