"""A small Stripe API on 127.0.0.1 that answers the way the real one does, for the real client.

It speaks Stripe's wire format (form-encoded requests with bracketed keys, Bearer secret key,
Idempotency-Key replay, JSON objects with ids and `object`, Stripe's error envelope), keeps
customers, Checkout sessions and subscriptions in memory, and records every request so tests
can assert metadata and idempotency keys. It also serves a minimal hosted checkout page: its
"Pay" button completes the session, sends the signed `checkout.session.completed` webhook to
`webhook_url` (exactly as Stripe signs it: `t=<ts>,v1=<HMAC-SHA256(secret, "<ts>.<body>")>`)
and redirects to the session's success URL, so a browser journey can pay for real.

Use the `fake_stripe` fixture (import it into a conftest), which points the settings at it.
"""
import hashlib
import hmac
import html
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest

SECRET_KEY = "sk_test_fake_secret_key"
PUBLISHABLE_KEY = "pk_test_fake_publishable_key"
WEBHOOK_SECRET = "whsec_test_fake_webhook_secret"
API_VERSION = "2026-10-28.endive"
PERIOD_SECONDS = {"day": 86400, "week": 7 * 86400, "month": 30 * 86400, "year": 365 * 86400}


def _new_id(prefix: str) -> str:
    return f"{prefix}_test_{secrets.token_hex(12)}"


def parse_stripe_form(body: str) -> dict:
    """Decode Stripe's form encoding (`a[b][0][c]=v`, `expand[]=x`) into nested dicts and lists."""
    root: dict = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        head, _, rest = key.partition("[")
        tokens = [head] + (rest[:-1].split("][") if rest else [])
        node = root
        for token, nxt in zip(tokens, tokens[1:] + [None]):
            if nxt is None:
                if token == "":
                    node.setdefault("", []).append(value)
                else:
                    node[token] = value
            else:
                node = node.setdefault(token, {})
    return _listify(root)


def _listify(node):
    if isinstance(node, dict):
        if "" in node and len(node) == 1:
            return [_listify(v) for v in node[""]]
        if node and all(k.isdigit() for k in node):
            return [_listify(node[k]) for k in sorted(node, key=int)]
        return {k: _listify(v) for k, v in node.items()}
    return node


def sign_payload(payload: bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header Stripe would send for this body."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass
class RecordedRequest:
    method: str
    path: str
    params: dict
    headers: dict

    @property
    def idempotency_key(self) -> str | None:
        return self.headers.get("idempotency-key")


class StripeAPIError(Exception):
    def __init__(self, status: int, type_: str, message: str, code: str | None = None, param: str | None = None):
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": type_, "message": message, "code": code, "param": param}}


@dataclass
class FakeStripe:
    secret_key: str = SECRET_KEY
    webhook_secret: str = WEBHOOK_SECRET
    webhook_url: str | None = None
    customers: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)
    subscriptions: dict = field(default_factory=dict)
    prices: dict = field(default_factory=dict)
    events: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    portal_sessions: dict = field(default_factory=dict)
    deliveries: list = field(default_factory=list)
    down: bool = False

    def __post_init__(self):
        self._lock = threading.Lock()
        self._idempotent: dict = {}
        self._last_created = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                fake._handle(self, "GET")

            def do_POST(self):
                fake._handle(self, "POST")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # --- lifecycle ------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self._server.server_address
        return f"http://{host}:{port}"

    def start(self) -> "FakeStripe":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- what tests look at -----------------------------------------------------------------
    def requests_to(self, method: str, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method and r.path == path]

    def add_price(self, price_id: str, *, unit_amount: int, currency: str = "usd", interval: str | None = None) -> dict:
        self.prices[price_id] = {
            "id": price_id,
            "object": "price",
            "unit_amount": unit_amount,
            "currency": currency,
            "recurring": {"interval": interval} if interval else None,
        }
        return self.prices[price_id]

    # --- HTTP -----------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        url = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length).decode() if length else ""
        body = raw if method == "POST" else url.query
        headers = {k.lower(): v for k, v in handler.headers.items()}
        if url.path.startswith("/c/pay/"):
            return self._hosted_page(handler, method, url.path.removeprefix("/c/pay/"))
        if url.path.startswith("/p/session/"):
            return self._portal_page(handler, method, url.path.removeprefix("/p/session/"))
        params = parse_stripe_form(body)
        with self._lock:
            self.requests.append(RecordedRequest(method, url.path, params, headers))
        if self.down:
            return self._send(handler, 500, {"error": {"type": "api_error", "message": "Stripe is down."}})
        if headers.get("authorization") != f"Bearer {self.secret_key}":
            error = StripeAPIError(401, "invalid_request_error", "Invalid API Key provided.")
            return self._send(handler, 401, error.body)
        key = headers.get("idempotency-key") if method == "POST" else None
        with self._lock:
            if key and key in self._idempotent:
                saved_body, status, saved = self._idempotent[key]
                if saved_body != (url.path, body):
                    error = StripeAPIError(
                        400, "idempotency_error",
                        "Keys for idempotent requests can only be used with the same parameters "
                        "they were first used with.",
                    )
                    return self._send(handler, 400, error.body)
                return self._send(handler, status, saved, replayed=True)
            try:
                status, payload = 200, self._route(method, url.path, params)
            except StripeAPIError as exc:
                status, payload = exc.status, exc.body
            if key:
                self._idempotent[key] = ((url.path, body), status, payload)
        self._send(handler, status, payload)

    def _send(self, handler, status: int, payload: dict, replayed: bool = False) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.send_header("Request-Id", _new_id("req"))
        if replayed:
            handler.send_header("Idempotent-Replayed", "true")
        handler.end_headers()
        handler.wfile.write(data)

    def _route(self, method: str, path: str, params: dict) -> dict:
        parts = path.strip("/").split("/")
        if method == "POST" and parts == ["v1", "customers"]:
            return self._create_customer(params)
        if method == "GET" and parts[:2] == ["v1", "customers"] and len(parts) == 3:
            return self._get(self.customers, "customer", parts[2])
        if method == "POST" and parts == ["v1", "checkout", "sessions"]:
            return self._create_session(params)
        if method == "GET" and parts[:3] == ["v1", "checkout", "sessions"] and len(parts) == 4:
            return self._get(self.sessions, "checkout.session", parts[3])
        if method == "GET" and parts[:2] == ["v1", "subscriptions"] and len(parts) == 3:
            return self._get(self.subscriptions, "subscription", parts[2])
        if method == "POST" and parts == ["v1", "billing_portal", "sessions"]:
            return self._create_portal_session(params)
        if method == "GET" and parts == ["v1", "events"]:
            return self._list_events(params)
        raise StripeAPIError(404, "invalid_request_error", f"Unrecognized request URL ({method}: {path}).")

    @staticmethod
    def _get(store: dict, kind: str, object_id: str) -> dict:
        if object_id not in store:
            raise StripeAPIError(404, "invalid_request_error", f"No such {kind}: '{object_id}'",
                                 code="resource_missing", param="id")
        return store[object_id]

    def _list_events(self, params: dict) -> dict:
        """Newest first, filtered by created[gte] and types[], paged by limit/starting_after."""
        since = int((params.get("created") or {}).get("gte", 0))
        types = set(params.get("types") or [])
        matching = [e for e in reversed(self.events) if e["created"] >= since and (not types or e["type"] in types)]
        if params.get("starting_after"):
            ids = [e["id"] for e in matching]
            matching = matching[ids.index(params["starting_after"]) + 1:]
        limit = int(params.get("limit", 10))
        return {"object": "list", "url": "/v1/events", "has_more": len(matching) > limit, "data": matching[:limit]}

    # --- API objects ------------------------------------------------------------------------
    def _create_customer(self, params: dict) -> dict:
        customer = {
            "id": _new_id("cus"),
            "object": "customer",
            "created": int(time.time()),
            "email": params.get("email"),
            "name": params.get("name"),
            "metadata": params.get("metadata", {}),
            "livemode": False,
        }
        self.customers[customer["id"]] = customer
        return customer

    def _amount(self, line_items: list) -> tuple[int, str]:
        total, currency = 0, None
        for item in line_items:
            quantity = int(item.get("quantity", 1))
            if "price" in item:
                price = self._get(self.prices, "price", item["price"])
                unit, item_currency = price["unit_amount"], price["currency"]
            elif "price_data" in item:
                unit, item_currency = int(item["price_data"]["unit_amount"]), item["price_data"]["currency"]
            else:
                raise StripeAPIError(400, "invalid_request_error", "Each line item needs a price or price_data.",
                                     param="line_items")
            total += unit * quantity
            currency = item_currency
        return total, currency

    def _create_session(self, params: dict) -> dict:
        mode = params.get("mode")
        if mode not in ("payment", "subscription", "setup"):
            raise StripeAPIError(400, "invalid_request_error", "Missing required param: mode.", param="mode")
        ui_mode = params.get("ui_mode", "hosted_page")
        if ui_mode == "embedded_page":
            if "return_url" not in params or "success_url" in params:
                raise StripeAPIError(400, "invalid_request_error",
                                     "Embedded sessions take return_url and no success_url.", param="return_url")
        elif "success_url" not in params:
            raise StripeAPIError(400, "invalid_request_error", "Missing required param: success_url.",
                                 param="success_url")
        customer_id = params.get("customer")
        if customer_id and customer_id not in self.customers:
            raise StripeAPIError(400, "invalid_request_error", f"No such customer: '{customer_id}'",
                                 code="resource_missing", param="customer")
        line_items = params.get("line_items") or []
        if not line_items:
            raise StripeAPIError(400, "invalid_request_error", "Missing required param: line_items.",
                                 param="line_items")
        amount, currency = self._amount(line_items)
        session_id = _new_id("cs")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "created": int(time.time()),
            "expires_at": int(time.time()) + 86400,
            "livemode": False,
            "mode": mode,
            "ui_mode": ui_mode,
            "status": "open",
            "payment_status": "unpaid",
            "customer": customer_id,
            "customer_details": {"email": self.customers.get(customer_id, {}).get("email")},
            "client_reference_id": params.get("client_reference_id"),
            "metadata": params.get("metadata", {}),
            "amount_total": amount,
            "currency": currency,
            "success_url": params.get("success_url"),
            "cancel_url": params.get("cancel_url"),
            "return_url": params.get("return_url"),
            "url": f"{self.base_url}/c/pay/{session_id}" if ui_mode == "hosted_page" else None,
            "client_secret": f"{session_id}_secret_{secrets.token_hex(8)}" if ui_mode == "embedded_page" else None,
            "payment_intent": None,
            "subscription": None,
            "line_items_requested": line_items,
            "subscription_data": params.get("subscription_data"),
            "payment_intent_data": params.get("payment_intent_data"),
        }
        self.sessions[session_id] = session
        return session

    def _create_portal_session(self, params: dict) -> dict:
        customer_id = params.get("customer")
        if customer_id not in self.customers:
            raise StripeAPIError(400, "invalid_request_error", f"No such customer: '{customer_id}'",
                                 code="resource_missing", param="customer")
        portal_id = _new_id("bps")
        portal = {
            "id": portal_id,
            "object": "billing_portal.session",
            "created": int(time.time()),
            "customer": customer_id,
            "return_url": params.get("return_url"),
            "url": f"{self.base_url}/p/session/{portal_id}",
            "livemode": False,
        }
        self.portal_sessions[portal_id] = portal
        return portal

    # --- Things that happen at Stripe, each returning the event Stripe would send ----------------
    def event(self, type_: str, obj: dict, *, event_id: str | None = None, created: int | None = None) -> dict:
        with self._lock:
            if created is None:
                created = max(int(time.time()), self._last_created + 1)
            self._last_created = max(self._last_created, created)
        event = {
            "id": event_id or _new_id("evt"),
            "object": "event",
            "api_version": API_VERSION,
            "created": created,
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": type_,
            "data": {"object": json.loads(json.dumps(obj))},
        }
        with self._lock:
            self.events.append(event)
        return event

    def complete_session(self, session_id: str, *, payment_status: str = "paid") -> dict:
        """The customer finished Checkout: paid now ("paid") or by a delayed method ("unpaid")."""
        session = self.sessions[session_id]
        session["status"] = "complete"
        session["payment_status"] = payment_status
        if session["mode"] == "payment":
            session["payment_intent"] = session["payment_intent"] or _new_id("pi")
        elif session["mode"] == "subscription" and not session["subscription"]:
            metadata = (session.get("subscription_data") or {}).get("metadata", {})
            sub = self.create_subscription(customer=session["customer"], metadata=metadata,
                                           status="active" if payment_status == "paid" else "incomplete")
            session["subscription"] = sub["id"]
        return self.event("checkout.session.completed", self._public(session))

    def async_payment(self, session_id: str, *, succeeded: bool) -> dict:
        session = self.sessions[session_id]
        session["payment_status"] = "paid" if succeeded else "unpaid"
        kind = "succeeded" if succeeded else "failed"
        return self.event(f"checkout.session.async_payment_{kind}", self._public(session))

    def expire_session(self, session_id: str) -> dict:
        session = self.sessions[session_id]
        session["status"] = "expired"
        return self.event("checkout.session.expired", self._public(session))

    def create_subscription(self, *, customer: str, metadata: dict, status: str = "active",
                            interval: str = "month") -> dict:
        now = int(time.time())
        sub = {
            "id": _new_id("sub"),
            "object": "subscription",
            "created": now,
            "customer": customer,
            "status": status,
            "metadata": metadata,
            "cancel_at_period_end": False,
            "canceled_at": None,
            "ended_at": None,
            "items": {
                "object": "list",
                "data": [{
                    "id": _new_id("si"),
                    "object": "subscription_item",
                    "current_period_start": now,
                    "current_period_end": now + PERIOD_SECONDS[interval],
                }],
            },
        }
        self.subscriptions[sub["id"]] = sub
        return sub

    def update_subscription(self, sub_id: str, *, status: str | None = None, period_end: int | None = None,
                            deleted: bool = False, created: int | None = None) -> dict:
        sub = self.subscriptions[sub_id]
        if status:
            sub["status"] = status
        if period_end is not None:
            sub["items"]["data"][0]["current_period_end"] = period_end
        if deleted:
            sub["status"] = "canceled"
            sub["canceled_at"] = sub["ended_at"] = int(time.time())
        kind = "deleted" if deleted else "updated"
        return self.event(f"customer.subscription.{kind}", sub, created=created)

    def _charge(self, session_id: str) -> dict:
        session = self.sessions[session_id]
        return {
            "id": _new_id("ch"),
            "object": "charge",
            "amount": session["amount_total"],
            "currency": session["currency"],
            "customer": session["customer"],
            "payment_intent": session["payment_intent"],
            "paid": True,
            "amount_refunded": 0,
            "refunded": False,
        }

    def refund(self, session_id: str, *, amount: int | None = None) -> dict:
        charge = self._charge(session_id)
        charge["amount_refunded"] = charge["amount"] if amount is None else amount
        charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
        return self.event("charge.refunded", charge)

    def dispute(self, session_id: str) -> dict:
        charge = self._charge(session_id)
        dispute = {
            "id": _new_id("dp"),
            "object": "dispute",
            "amount": charge["amount"],
            "charge": charge["id"],
            "payment_intent": charge["payment_intent"],
            "reason": "fraudulent",
            "status": "needs_response",
        }
        return self.event("charge.dispute.created", dispute)

    @staticmethod
    def _public(session: dict) -> dict:
        hidden = {"line_items_requested", "subscription_data", "payment_intent_data"}
        return {k: v for k, v in session.items() if k not in hidden}

    # --- Webhooks ---------------------------------------------------------------------------
    def signed(self, event: dict, *, secret: str | None = None, timestamp: int | None = None) -> tuple[bytes, str]:
        """The body and Stripe-Signature header of a webhook delivery of this event."""
        body = json.dumps(event).encode()
        return body, sign_payload(body, secret=secret or self.webhook_secret, timestamp=timestamp)

    def deliver(self, event: dict, url: str | None = None) -> int:
        """POST the signed event to the app's webhook URL over HTTP, as Stripe does; returns the status."""
        body, signature = self.signed(event)
        request = urllib.request.Request(
            url or self.webhook_url, data=body, method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "Stripe-Signature": signature,
                     "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        self.deliveries.append((event["type"], status))
        return status

    # --- Hosted checkout page ---------------------------------------------------------------
    def _hosted_page(self, handler, method: str, session_id: str) -> None:
        session = self.sessions.get(session_id)
        if session is None or session["ui_mode"] != "hosted_page":
            return self._send_html(handler, 404, "<h1>This checkout link is not valid.</h1>")
        if method == "POST":
            if session["status"] == "open":
                event = self.complete_session(session_id)
                if self.webhook_url:
                    self.deliver(event)
            handler.send_response(303)
            handler.send_header("Location", session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id))
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return None
        amount = f"{session['amount_total'] / 100:.2f} {session['currency'].upper()}"
        names = ", ".join(
            html.escape(str((i.get("price_data") or {}).get("product_data", {}).get("name") or i.get("price")))
            for i in session["line_items_requested"]
        )
        cancel = html.escape(session["cancel_url"] or "/")
        page = (
            "<!doctype html><html><head><title>Checkout (test)</title></head><body>"
            f"<h1>Pay {html.escape(amount)}</h1><p>{names}</p>"
            f"<form method='post' action='/c/pay/{session_id}'><button type='submit'>Pay</button></form>"
            f"<a href='{cancel}'>Cancel</a></body></html>"
        )
        return self._send_html(handler, 200, page)

    def _portal_page(self, handler, method: str, portal_id: str) -> None:
        """The customer portal: lists the customer's subscriptions; "Cancel" ends one at once and
        sends the signed `customer.subscription.deleted` webhook."""
        portal = self.portal_sessions.get(portal_id)
        if portal is None:
            return self._send_html(handler, 404, "<h1>This portal link is not valid.</h1>")
        subs = [s for s in self.subscriptions.values() if s["customer"] == portal["customer"]]
        if method == "POST":
            for sub in subs:
                if sub["status"] != "canceled":
                    event = self.update_subscription(sub["id"], deleted=True)
                    if self.webhook_url:
                        self.deliver(event)
            handler.send_response(303)
            handler.send_header("Location", portal["return_url"])
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return None
        rows = "".join(f"<li>{html.escape(s['id'])}: {html.escape(s['status'])}</li>" for s in subs)
        page = (
            "<!doctype html><html><head><title>Billing (test)</title></head><body>"
            f"<h1>Your subscriptions</h1><ul>{rows}</ul>"
            f"<form method='post' action='/p/session/{portal_id}'><button type='submit'>Cancel subscription</button>"
            f"</form><a href='{html.escape(portal['return_url'])}'>Back</a></body></html>"
        )
        return self._send_html(handler, 200, page)

    @staticmethod
    def _send_html(handler, status: int, page: str) -> None:
        data = page.encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


@pytest.fixture
def fake_stripe(settings):
    """A running fake Stripe with the app's settings pointed at it (keys set: payments configured)."""
    fake = FakeStripe().start()
    settings.STRIPE_SECRET_KEY = fake.secret_key
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = fake.webhook_secret
    settings.STRIPE_API_BASE = fake.base_url
    yield fake
    fake.stop()
