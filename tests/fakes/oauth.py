"""A fake Google, Facebook and LinkedIn on 127.0.0.1 answering like the real providers.

One HTTP server, one path prefix per provider (`/google`, `/facebook`, `/linkedin`); the app's
<PROVIDER>_OAUTH_BASE_URL setting points each provider's hosts at its prefix, so allauth's
real provider code makes the real requests (token exchange, userinfo, Graph API, OpenID
discovery, signing keys) and reads real-looking answers:

- Google: POST /token (code → access token + signed ID token), GET /oauth2/v2/userinfo,
  GET /oauth2/v1/certs (PEM certificates by key id).
- Facebook: GET /v19.0/oauth/access_token (code, or client_credentials → app token),
  GET /v19.0/me (checks appsecret_proof), GET /v19.0/debug_token.
- LinkedIn (OpenID Connect): GET /oauth/.well-known/openid-configuration, POST
  /oauth/v2/accessToken, GET /v2/userinfo, GET /oauth/openid/jwks.

Codes are single use and bound to the client id and redirect_uri they were issued for.
`fail_with = 503` makes every answer a server error, as during a provider outage.
"""
from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

KEY_ID = "fake-signing-key-1"
GOOGLE_ISSUER = "https://accounts.google.com"
LINKEDIN_ISSUER = "https://www.linkedin.com/oauth"
LINKEDIN_DISCOVERY = {
    "issuer": LINKEDIN_ISSUER,
    "authorization_endpoint": "https://www.linkedin.com/oauth/v2/authorization",
    "token_endpoint": "https://www.linkedin.com/oauth/v2/accessToken",
    "userinfo_endpoint": "https://api.linkedin.com/v2/userinfo",
    "jwks_uri": "https://www.linkedin.com/oauth/openid/jwks",
    "response_types_supported": ["code"],
    "subject_types_supported": ["pairwise"],
    "id_token_signing_alg_values_supported": ["RS256"],
    "scopes_supported": ["openid", "profile", "email"],
    "claims_supported": ["iss", "aud", "iat", "exp", "sub", "name", "given_name", "family_name", "picture",
                         "email", "email_verified", "locale"],
}


@cache
def signing_key():
    """(private key, PEM certificate) shared by every fake provider in the test run."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "fake-oauth-provider")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, cert.public_bytes(serialization.Encoding.PEM).decode()


@dataclass
class Person:
    email: str
    name: str = "Casey Provider"
    email_verified: bool = True
    sub: str = field(default_factory=lambda: str(secrets.randbelow(10**20)))

    @property
    def given_name(self) -> str:
        return self.name.split()[0]

    @property
    def family_name(self) -> str:
        return self.name.split()[-1]


@dataclass
class Grant:
    provider: str
    person: Person
    client_id: str
    redirect_uri: str = ""


class FakeOAuthProviders:
    def __init__(self, clients: dict[str, tuple[str, str]]):
        self.clients = clients  # provider -> (client id, secret)
        self.codes: dict[str, Grant] = {}
        self.tokens: dict[str, Grant] = {}
        self.requests: list[tuple[str, str]] = []
        self.fail_with: int | None = None
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    # --- test API --------------------------------------------------------------------
    def start(self) -> FakeOAuthProviders:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def base_url(self, provider: str) -> str:
        return f"{self.url}/{provider}"

    def issue_code(self, provider: str, person: Person, *, redirect_uri: str) -> str:
        """What the provider hands the browser after the person consents."""
        code = f"{provider}-code-{secrets.token_urlsafe(12)}"
        with self._lock:
            self.codes[code] = Grant(provider, person, self.clients[provider][0], redirect_uri)
        return code

    def issue_access_token(self, provider: str, person: Person) -> str:
        """An access token a client obtained itself (e.g. with the Facebook SDK)."""
        return self._new_token(Grant(provider, person, self.clients[provider][0]))

    def id_token(self, provider: str, person: Person, *, audience: str | None = None, expires_in: int = 3600) -> str:
        issuer = GOOGLE_ISSUER if provider == "google" else LINKEDIN_ISSUER
        now = int(time.time())
        claims = {
            "iss": issuer,
            "aud": audience or self.clients[provider][0],
            "sub": person.sub,
            "email": person.email,
            "email_verified": person.email_verified,
            "name": person.name,
            "given_name": person.given_name,
            "family_name": person.family_name,
            "iat": now,
            "exp": now + expires_in,
        }
        return jwt.encode(claims, signing_key()[0], algorithm="RS256", headers={"kid": KEY_ID})

    # --- provider side -----------------------------------------------------------------
    def _new_token(self, grant: Grant) -> str:
        token = f"{grant.provider}-token-{secrets.token_urlsafe(16)}"
        with self._lock:
            self.tokens[token] = grant
        return token

    def _redeem(self, provider: str, params: dict) -> Grant | None:
        client_id, secret = self.clients[provider]
        if params.get("client_id") != client_id or params.get("client_secret") != secret:
            return None
        with self._lock:
            grant = self.codes.pop(params.get("code", ""), None)
        if grant is None or grant.provider != provider or grant.redirect_uri != params.get("redirect_uri"):
            return None
        return grant

    def _bearer(self, provider: str, headers) -> Grant | None:
        auth = headers.get("Authorization", "")
        grant = self.tokens.get(auth.removeprefix("Bearer ").strip()) if auth.startswith("Bearer ") else None
        return grant if grant and grant.provider == provider else None

    def handle(self, method: str, path: str, params: dict, headers) -> tuple[int, dict]:
        self.requests.append((method, path))
        if self.fail_with:
            return self.fail_with, {"error": "temporarily_unavailable"}
        provider, _, rest = path.lstrip("/").partition("/")
        handler = getattr(self, f"_{provider}", None)
        if handler is None or provider not in self.clients:
            return 404, {"error": "not_found"}
        return handler(method, "/" + rest, params, headers)

    def _google(self, method, path, params, headers):
        if method == "POST" and path == "/token":
            if params.get("grant_type") != "authorization_code":
                return 400, {"error": "unsupported_grant_type"}
            grant = self._redeem("google", params)
            if grant is None:
                return 400, {"error": "invalid_grant", "error_description": "Malformed auth code."}
            return 200, {
                "access_token": self._new_token(grant),
                "expires_in": 3599,
                "token_type": "Bearer",
                "scope": "openid https://www.googleapis.com/auth/userinfo.email "
                "https://www.googleapis.com/auth/userinfo.profile",
                "id_token": self.id_token("google", grant.person),
            }
        if method == "GET" and path == "/oauth2/v2/userinfo":
            grant = self._bearer("google", headers)
            if grant is None:
                return 401, {"error": {"code": 401, "message": "Request is missing required authentication credential.",
                                       "status": "UNAUTHENTICATED"}}
            p = grant.person
            return 200, {"id": p.sub, "email": p.email, "verified_email": p.email_verified, "name": p.name,
                         "given_name": p.given_name, "family_name": p.family_name}
        if method == "GET" and path == "/oauth2/v1/certs":
            return 200, {KEY_ID: signing_key()[1]}
        return 404, {"error": "not_found"}

    def _facebook(self, method, path, params, headers):
        match = re.fullmatch(r"/v\d+\.\d+/(.+)", path)
        endpoint = match.group(1) if match else ""
        client_id, secret = self.clients["facebook"]
        oauth_error = {"error": {"message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190}}
        if method == "GET" and endpoint == "oauth/access_token":
            if params.get("grant_type") == "client_credentials":
                if (params.get("client_id"), params.get("client_secret")) != (client_id, secret):
                    return 400, {"error": {"message": "Error validating client secret.", "type": "OAuthException",
                                           "code": 1}}
                return 200, {"access_token": f"{client_id}|{secret}", "token_type": "bearer"}
            grant = self._redeem("facebook", params)
            if grant is None:
                return 400, {"error": {"message": "Invalid verification code format.", "type": "OAuthException",
                                       "code": 100}}
            return 200, {"access_token": self._new_token(grant), "token_type": "bearer", "expires_in": 5183944}
        if method == "GET" and endpoint == "me":
            token = params.get("access_token", "")
            grant = self.tokens.get(token)
            proof = hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()
            if grant is None or grant.provider != "facebook":
                return 400, oauth_error
            if not hmac.compare_digest(proof, params.get("appsecret_proof", "")):
                return 400, {"error": {"message": "Invalid appsecret_proof provided in the API argument",
                                       "type": "GraphMethodException", "code": 100}}
            p = grant.person
            return 200, {"id": p.sub, "email": p.email, "name": p.name, "first_name": p.given_name,
                         "last_name": p.family_name}
        if method == "GET" and endpoint == "debug_token":
            if params.get("access_token") != f"{client_id}|{secret}":
                return 400, oauth_error
            grant = self.tokens.get(params.get("input_token", ""))
            valid = grant is not None and grant.provider == "facebook"
            return 200, {"data": {"app_id": client_id, "type": "USER", "application": "Resume2Website",
                                  "is_valid": valid, "user_id": grant.person.sub if valid else None,
                                  "scopes": ["email", "public_profile"]}}
        return 404, {"error": {"message": "Unknown path components", "type": "OAuthException", "code": 2500}}

    def _linkedin(self, method, path, params, headers):
        if method == "GET" and path == "/oauth/.well-known/openid-configuration":
            return 200, LINKEDIN_DISCOVERY
        if method == "GET" and path == "/oauth/openid/jwks":
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_key()[0].public_key()))
            return 200, {"keys": [{**jwk, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}
        if method == "POST" and path == "/oauth/v2/accessToken":
            grant = self._redeem("linkedin", params) if params.get("grant_type") == "authorization_code" else None
            if grant is None:
                return 400, {"error": "invalid_request", "error_description": "Unable to retrieve access token: "
                             "appid/redirect uri/code verifier does not match authorization code. Or authorization "
                             "code expired. Or external member binding exists"}
            return 200, {"access_token": self._new_token(grant), "expires_in": 5183999,
                         "scope": "email,openid,profile", "token_type": "Bearer",
                         "id_token": self.id_token("linkedin", grant.person)}
        if method == "GET" and path == "/v2/userinfo":
            grant = self._bearer("linkedin", headers)
            if grant is None:
                return 401, {"serviceErrorCode": 65600, "message": "Invalid access token", "status": 401}
            p = grant.person
            return 200, {"sub": p.sub, "email_verified": p.email_verified, "name": p.name,
                         "locale": {"country": "US", "language": "en"}, "given_name": p.given_name,
                         "family_name": p.family_name, "email": p.email}
        return 404, {"message": "Not found", "status": 404}

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, method: str):
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                if method == "POST":
                    length = int(self.headers.get("Content-Length") or 0)
                    body = self.rfile.read(length).decode()
                    params.update({k: v[0] for k, v in parse_qs(body).items()})
                status, payload = fake.handle(method, parts.path, params, self.headers)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._answer("GET")

            def do_POST(self):
                self._answer("POST")

            def log_message(self, *args):
                pass

        return Handler
