"""A small client for the Vercel REST API: file uploads, deployments and project domains.

Base URL and token come from settings (VERCEL_API_BASE, VERCEL_TOKEN, VERCEL_TEAM_ID), so
tests run this exact code against a fake server on 127.0.0.1.
"""
from __future__ import annotations

import hashlib
import time

import httpx
from django.conf import settings
from rest_framework import status

from resume2website.errors import ApplicationError

TERMINAL_STATES = {"READY", "ERROR", "CANCELED"}


class VercelError(ApplicationError):
    status_code = status.HTTP_502_BAD_GATEWAY
    code = "vercel_error"


def vercel_configured() -> bool:
    return bool(settings.VERCEL_TOKEN)


class VercelClient:
    def __init__(self, *, token: str | None = None, base_url: str | None = None, team_id: str | None = None,
                 timeout: float = 30.0):
        self.team_id = settings.VERCEL_TEAM_ID if team_id is None else team_id
        self._http = httpx.Client(
            base_url=base_url or settings.VERCEL_API_BASE,
            headers={"Authorization": f"Bearer {token or settings.VERCEL_TOKEN}"},
            timeout=timeout,
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._http.close()

    def _request(self, method: str, path: str, **kwargs) -> dict:
        params = kwargs.pop("params", {}) or {}
        if self.team_id:
            params["teamId"] = self.team_id
        try:
            response = self._http.request(method, path, params=params, **kwargs)
        except httpx.HTTPError as exc:
            raise VercelError(f"Vercel could not be reached: {exc}") from exc
        try:
            body = response.json() if response.content else {}
        except ValueError:
            body = {}
        if response.status_code >= 400:
            err = body.get("error", {}) if isinstance(body, dict) else {}
            raise VercelError(
                f"Vercel answered {response.status_code}: {err.get('message') or response.text[:200]}",
                vercel_code=err.get("code", ""),
            )
        return body

    def upload_file(self, data: bytes) -> str:
        """Upload one file's bytes; returns its SHA-1 digest (how deployments refer to it)."""
        digest = hashlib.sha1(data).hexdigest()  # noqa: S324 - Vercel's file id is SHA-1 of the content
        self._request("POST", "/v2/files", content=data, headers={
            "Content-Type": "application/octet-stream",
            "x-vercel-digest": digest,
            "Content-Length": str(len(data)),
        })
        return digest

    def create_deployment(self, *, name: str, files: dict[str, bytes]) -> dict:
        manifest = [{"file": path, "sha": self.upload_file(data), "size": len(data)} for path, data in files.items()]
        return self._request("POST", "/v13/deployments", json={
            "name": name,
            "files": manifest,
            "target": "production",
            "projectSettings": {"framework": None, "buildCommand": None, "outputDirectory": None},
        })

    def get_deployment(self, deployment_id: str) -> dict:
        return self._request("GET", f"/v13/deployments/{deployment_id}")

    def wait_ready(self, deployment_id: str, *, timeout: float, interval: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            deployment = self.get_deployment(deployment_id)
            if deployment.get("readyState") in TERMINAL_STATES:
                return deployment
            if time.monotonic() >= deadline:
                raise VercelError(f"The deployment was not ready after {timeout:.0f} s.", code="vercel_timeout")
            time.sleep(interval)

    def delete_project(self, project: str) -> None:
        """Remove a project with its deployments and domains (a project that is already gone is fine)."""
        try:
            self._request("DELETE", f"/v9/projects/{project}")
        except VercelError as exc:
            if exc.extra.get("vercel_code") != "not_found":
                raise

    def add_domain(self, *, project: str, domain: str) -> dict:
        return self._request("POST", f"/v10/projects/{project}/domains", json={"name": domain})

    def verify_domain(self, *, project: str, domain: str) -> dict:
        return self._request("POST", f"/v9/projects/{project}/domains/{domain}/verify")
