"""Shared pieces of the sandbox tests: a sandbox per test, a request signer of their own, and a
check that every API answer conforms to openapi.yaml.

The signer is written here from the facts sheet on purpose, independent of both `hmac_auth` and
the sandbox's verifier, so that a shared mistake cannot make the tests pass.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import formatdate
from pathlib import Path
from typing import Any

import httpx

from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer
from messagemedia_sandbox.validation import load_spec, response_problems

FAST = 50.0  # 20 ms per status step: a message is final after ~60 ms
DEST = "+61491570156"


def _operations() -> list[tuple[str, re.Pattern[str], str]]:
    """(method, path pattern, operationId) of every operation in openapi.yaml."""
    found = []
    for template, item in load_spec()["paths"].items():
        pattern = re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)))
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                found.append((method.upper(), pattern, str(operation["operationId"])))
    return found


_OPERATIONS = _operations()


@contextmanager
def running_sandbox(tmp_path: Path, **settings: Any) -> Iterator[SandboxServer]:
    settings.setdefault("speed", FAST)
    with SandboxServer(host="127.0.0.1", port=0, data=tmp_path / "sandbox.sqlite3", **settings) as sandbox:
        yield sandbox


def imf_date(epoch: float | None = None) -> str:
    return formatdate(time.time() if epoch is None else epoch, usegmt=True)


def hmac_headers(
    method: str,
    target: str,
    body: bytes,
    *,
    key: str = DEFAULT_KEY,
    secret: str = DEFAULT_SECRET,
    algorithm: str = "hmac-sha1",
    date: str | None = None,
    md5_header: str = "x-content-md5",
    date_header: str = "date",
    list_as: dict[str, str] | None = None,
    sign_as: dict[str, str] | None = None,
    md5_encoding: str = "hex",
) -> dict[str, str]:
    """The date, body-MD5 and Authorization headers of an HMAC-signed request.

    ``date_header`` and ``md5_header`` are the names the headers go on the wire with, and by
    default also how they are listed in ``headers="..."`` and spelled in the signed lines.
    ``list_as`` maps a wire name to the token listed in ``headers="..."`` instead, and ``sign_as``
    to the name its signed line starts with instead (``request-line`` is always listed last), so
    that a test can send, list and sign different spellings. ``md5_encoding``: ``hex``, ``HEX``
    (upper case) or ``base64``.
    """
    headers = {date_header: date or imf_date()}
    wire = [date_header]
    if body:
        digest = hashlib.md5(body).digest()
        headers[md5_header] = {
            "hex": digest.hex(),
            "HEX": digest.hex().upper(),
            "base64": base64.b64encode(digest).decode(),
        }[md5_encoding]
        wire.append(md5_header)
    listed_names = [(list_as or {}).get(name, name) for name in wire]
    signed_names = [
        (sign_as or {}).get(name, listed) for name, listed in zip(wire, listed_names, strict=True)
    ]
    value_of = {name.lower(): value for name, value in headers.items()}
    lines = [f"{name}: {value_of[name.lower()]}" for name in signed_names]
    lines.append(f"{method} {target} HTTP/1.1")
    digest_algorithm = hashlib.sha256 if algorithm == "hmac-sha256" else hashlib.sha1
    signature = base64.b64encode(
        hmac.new(secret.encode(), "\n".join(lines).encode(), digest_algorithm).digest()
    ).decode()
    names = " ".join([*listed_names, "request-line"])
    headers["Authorization"] = (
        f'hmac username="{key}", algorithm="{algorithm}", headers="{names}", signature="{signature}"'
    )
    return headers


def basic_header(key: str = DEFAULT_KEY, secret: str = DEFAULT_SECRET) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()}


class Api:
    """Raw httpx calls to a sandbox, signed with HMAC (or Basic), each checked against the spec."""

    def __init__(
        self, base_url: str, *, scheme: str = "hmac", account: str | None = None, secret: str = DEFAULT_SECRET
    ) -> None:
        self.base_url = base_url
        self.scheme = scheme
        self.account = account
        self.secret = secret
        self.http = httpx.Client(base_url=base_url, timeout=10)

    def close(self) -> None:
        self.http.close()

    def request(
        self, method: str, path: str, body: Any = None, *, raw: bytes | None = None, check: bool = True
    ) -> httpx.Response:
        content = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        headers = {"Content-Type": "application/json"} if content else {}
        if self.scheme == "hmac":
            headers.update(hmac_headers(method, path, content, secret=self.secret))
        else:
            headers.update(basic_header(secret=self.secret))
        if self.account is not None:
            headers["Account"] = self.account
        response = self.http.request(method, path, content=content, headers=headers)
        if check:
            assert_conforms(method, path, response)
        return response

    def get(self, path: str) -> httpx.Response:
        return self.request("GET", path)

    def post(self, path: str, body: Any) -> httpx.Response:
        return self.request("POST", path, body)

    def put(self, path: str, body: Any) -> httpx.Response:
        return self.request("PUT", path, body)

    def patch(self, path: str, body: Any) -> httpx.Response:
        return self.request("PATCH", path, body)

    def delete(self, path: str) -> httpx.Response:
        return self.request("DELETE", path)

    def send(self, *messages: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.post("/v1/messages", {"messages": list(messages)})
        assert response.status_code == 202, response.text
        result: list[dict[str, Any]] = response.json()["messages"]
        return result

    def status(self, message_id: str) -> str:
        response = self.get(f"/v1/messages/{message_id}")
        assert response.status_code == 200, response.text
        return str(response.json()["status"])

    def reports(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.get("/v1/delivery_reports").json()["delivery_reports"]
        return result

    def replies(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.get("/v1/replies").json()["replies"]
        return result

    def credits(self) -> int:
        return int(self.get("/v1/messaging/credits").json()["credits"])


def assert_conforms(method: str, target: str, response: httpx.Response) -> None:
    """Fails when an API answer breaks openapi.yaml (status declared, body shape, formats)."""
    path = target.split("?", 1)[0]
    operation = next((op for m, pattern, op in _OPERATIONS if m == method and pattern.fullmatch(path)), None)
    if operation is None:
        return
    body: Any = None
    if response.content and response.headers["content-type"].startswith("text/plain"):
        body = response.text
    elif response.content:
        assert response.headers["content-type"].startswith("application/json")
        body = response.json()
    problems = response_problems(operation, response.status_code, body)
    assert not problems, f"{method} {target} -> {response.status_code} {response.text}: {problems}"


def wait_until(predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.02) -> Any:
    """Polls until `predicate()` is truthy and returns it; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {predicate}")
        time.sleep(interval)


def sms(**fields: Any) -> dict[str, Any]:
    return {"content": "Hello from the tests", "destination_number": DEST, **fields}


class CallbackReceiver:
    """A local webhook endpoint that records what it is sent and fails the first `failures` posts."""

    def __init__(self, failures: int = 0, port: int = 0) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.received: list[dict[str, Any]] = []
        self.attempts = 0
        self.failures = failures
        lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with lock:
                    receiver.attempts += 1
                    failing = receiver.attempts <= receiver.failures
                    if not failing:
                        receiver.received.append(
                            {"path": self.path, "kind": self.headers.get("X-Messagemedia-Sandbox-Event"),
                             "body": json.loads(body)}
                        )  # fmt: skip
                self.send_response(500 if failing else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hook"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class HttpRecorder:
    """A loopback receiver for webhooks: records every request whole (method, target, headers, raw
    body), answers 204, fails the first ``failures`` requests with 500, and can wait ``delay``
    seconds before answering."""

    def __init__(self, failures: int = 0, delay: float = 0.0) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.requests: list[dict[str, Any]] = []
        self.attempts = 0
        self.failures = failures
        self.delay = delay
        lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if recorder.delay:
                    time.sleep(recorder.delay)
                with lock:
                    recorder.attempts += 1
                    failing = recorder.attempts <= recorder.failures
                    recorder.requests.append(
                        {
                            "method": self.command,
                            "target": self.path,
                            "headers": {name.lower(): value for name, value in self.headers.items()},
                            "body": body,
                            "answered": 500 if failing else 204,
                        }
                    )
                self.send_response(500 if failing else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def accepted(self) -> list[dict[str, Any]]:
        return [request for request in self.requests if request["answered"] == 204]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
