"""A stand-in for the Messages API that checks every request's credentials the way the API does.

Written from the facts sheet (docs/shared "Authentication") with its own code, and deliberately
without importing ``hmac_auth``: a bug shared by signer and verifier would otherwise pass. It
recomputes the HMAC from the request exactly as received (method, raw request target, body bytes,
the headers named in the ``Authorization`` header), checks the body's MD5 and the freshness of
``date``, and accepts Basic too. Bad credentials get 401 with a JSON ``message``; good ones get a
canned, schema-valid answer for each of the eight operations.
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import hmac
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_SKEW_SECONDS = 300

_HASHES: dict[str, Callable[[], Any]] = {"hmac-sha1": hashlib.sha1, "hmac-sha256": hashlib.sha256}
_PARAM = re.compile(r'\s*([A-Za-z]+)="([^"]*)"\s*(?:,|$)')
_UUID = "[0-9a-fA-F-]{36}"

MESSAGE_ID = "877c19ef-fa2e-4cec-827a-e1df9b5509f7"
_MESSAGE: dict[str, Any] = {
    "message_id": MESSAGE_ID,
    "status": "queued",
    "content": "My first message",
    "destination_number": "+61491570156",
    "format": "SMS",
    "delivery_report": False,
}

# (method, path pattern) -> (status, JSON body or None for an empty body)
_ROUTES: list[tuple[str, re.Pattern[str], int, Any]] = [
    ("POST", re.compile(r"/v1/messages"), 202, {"messages": [_MESSAGE]}),
    ("GET", re.compile(rf"/v1/messages/{_UUID}"), 200, _MESSAGE),
    ("PUT", re.compile(rf"/v1/messages/{_UUID}"), 200, None),
    ("GET", re.compile(r"/v1/messaging/credits"), 200, {"credits": 10}),
    ("GET", re.compile(r"/v1/replies"), 200, {"replies": []}),
    ("POST", re.compile(r"/v1/replies/confirmed"), 202, None),
    ("GET", re.compile(r"/v1/delivery_reports"), 200, {"delivery_reports": []}),
    ("POST", re.compile(r"/v1/delivery_reports/confirmed"), 202, None),
]


class _Server(ThreadingHTTPServer):
    # The stdlib's listen backlog of 5 drops connections when tests fire dozens of requests at once.
    request_queue_size = 128
    daemon_threads = True


class RejectedError(Exception):
    """The request's credentials do not verify; the message is returned to the client."""


@dataclass(frozen=True)
class Seen:
    """One request as the server judged it."""

    method: str
    target: str
    scheme: str  # "hmac", "basic" or "" when rejected before the scheme was known
    username: str
    algorithm: str
    signed_headers: tuple[str, ...]
    account: str | None
    accepted: bool
    reason: str


@dataclass
class VerifyingServer:
    """Credentials it accepts (key -> secret), and what it saw, in arrival order."""

    credentials: dict[str, str]
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base_url: str = ""
    # request target -> (status, Location): answered, once the request verified, instead of the route.
    redirects: dict[str, tuple[int, str]] = field(default_factory=dict)

    def record(self, item: Seen) -> None:
        with self.lock:
            self.seen.append(item)

    def accepted(self) -> list[Seen]:
        with self.lock:
            return [item for item in self.seen if item.accepted]

    def rejected(self) -> list[Seen]:
        with self.lock:
            return [item for item in self.seen if not item.accepted]

    def clear(self) -> None:
        with self.lock:
            self.seen.clear()

    # -- verification ---------------------------------------------------------------------------

    def verify(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Seen:
        """Return what was verified, or raise RejectedError. ``headers`` has lowercase names."""
        authorization = headers.get("authorization", "")
        scheme, _, rest = authorization.partition(" ")
        account = headers.get("account")
        if scheme.lower() == "basic":
            try:
                username, sep, password = base64.b64decode(rest, validate=True).decode().partition(":")
            except ValueError as exc:
                raise RejectedError("malformed Basic credentials") from exc
            expected = self.credentials.get(username)
            if not sep or expected is None or not hmac.compare_digest(password, expected):
                raise RejectedError("invalid Basic credentials")
            return Seen(method, target, "basic", username, "", (), account, True, "")
        if scheme.lower() != "hmac":
            raise RejectedError("missing or unknown Authorization scheme")

        params = dict(_PARAM.findall(rest))
        for needed in ("username", "algorithm", "headers", "signature"):
            if needed not in params:
                raise RejectedError(f"Authorization lacks {needed}")
        digest = _HASHES.get(params["algorithm"])
        if digest is None:
            raise RejectedError("unsupported algorithm")
        secret = self.credentials.get(params["username"])
        if secret is None:
            raise RejectedError("unknown API key")

        names = tuple(params["headers"].lower().split())
        if "date" not in names or "request-line" not in names:
            raise RejectedError("date and request-line must be signed")
        md5_names = [name for name in names if name in ("x-content-md5", "content-md5")]
        if body and not md5_names:
            raise RejectedError("a body must be covered by x-content-md5")
        for name in md5_names:
            if headers.get(name) != hashlib.md5(body, usedforsecurity=False).hexdigest():
                raise RejectedError(f"{name} does not match the body")

        try:
            sent_at = email.utils.parsedate_to_datetime(headers.get("date", ""))
        except (TypeError, ValueError) as exc:
            raise RejectedError("missing or unreadable date") from exc
        if not headers["date"].endswith(" GMT") or sent_at.tzinfo is None:
            raise RejectedError("date must be in GMT")
        if abs((self.now() - sent_at).total_seconds()) > MAX_SKEW_SECONDS:
            raise RejectedError("date is too far from the server's clock")

        lines = []
        for name in names:
            if name == "request-line":
                lines.append(f"{method} {target} HTTP/1.1")
            elif name in headers:
                lines.append(f"{name}: {headers[name]}")
            else:
                raise RejectedError(f"signed header {name} is missing")
        mac = hmac.new(secret.encode(), "\n".join(lines).encode(), digest)
        expected_signature = base64.b64encode(mac.digest()).decode()
        if not hmac.compare_digest(expected_signature, params["signature"]):
            raise RejectedError("signature does not match")
        return Seen(method, target, "hmac", params["username"], params["algorithm"], names, account, True, "")


def _handler_for(server: VerifyingServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            # self.path is the request target exactly as it arrived: still percent-encoded.
            headers = {name.lower(): value for name, value in self.headers.items()}
            try:
                seen = server.verify(self.command, self.path, headers, body)
            except RejectedError as exc:
                server.record(Seen(self.command, self.path, "", "", "", (), None, False, str(exc)))
                self._send(401, {"message": f"Unauthorized: {exc}"})
                return
            server.record(seen)
            path = self.path.partition("?")[0]
            if self.path in server.redirects:  # the whole target: a query makes another one
                status, location = server.redirects[self.path]
                self.send_response(status)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            for method, pattern, status, payload in _ROUTES:
                if method == self.command and pattern.fullmatch(path):
                    self._send(status, payload)
                    return
            self._send(404, {"message": "Resource not found"})

        def _send(self, status: int, payload: Any) -> None:
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            if payload is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            self._answer()

        def do_PUT(self) -> None:
            self._answer()

        def do_DELETE(self) -> None:
            self._answer()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def running(
    credentials: dict[str, str], now: Callable[[], datetime] | None = None
) -> Iterator[VerifyingServer]:
    """Serve on 127.0.0.1 at a free port for the duration of the ``with`` block."""
    state = VerifyingServer(dict(credentials))
    if now is not None:
        state.now = now
    httpd = _Server(("127.0.0.1", 0), _handler_for(state))
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    state.base_url = f"http://{host!s}:{port}"
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
