"""A scriptable loopback HTTP server that misbehaves on demand, for the messagemedia_runtime tests.

It records every request it receives (before misbehaving, so a test can count what reached the
"API"), then answers with the next scripted ``Step`` or, once the script is used up, with what the
``responder`` callable returns. A step can answer any status, headers and body (also non-JSON
garbage), wait before answering (to force client read timeouts) or close the connection right after
reading the request.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Step:
    """One scripted answer. ``body``: bytes/str as they are, anything else as JSON; None = empty."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    close: bool = False


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


Responder = Callable[[Recorded], Step]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The stdlib's backlog of 5 resets connections when a test opens many at once.
    request_queue_size = 128


class FaultServer:
    def __init__(self, responder: Responder | None = None) -> None:
        self.requests: list[Recorded] = []
        self.responder: Responder = responder or (lambda _request: Step(200, {}))
        self._script: deque[Step] = deque()
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def script(self, *steps: Step) -> None:
        with self._lock:
            self._script.extend(steps)

    def paths(self) -> list[str]:
        return [f"{r.method} {r.path}" for r in self.requests]

    def _next(self, request: Recorded) -> Step:
        with self._lock:
            self.requests.append(request)
            if self._script:
                return self._script.popleft()
        return self.responder(request)

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def _handler_for(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            recorded = Recorded(self.command, self.path, dict(self.headers.items()), body)
            step = server._next(recorded)
            if step.delay:
                time.sleep(step.delay)
            if step.close:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            if step.body is None:
                payload = b""
            elif isinstance(step.body, bytes):
                payload = step.body
            elif isinstance(step.body, str):
                payload = step.body.encode()
            else:
                payload = json.dumps(step.body).encode()
            try:
                self.send_response(step.status)
                headers = {"Content-Type": "application/json", **step.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the client gave up (read timeout) before the answer
                self.close_connection = True

        do_GET = do_POST = do_PUT = do_DELETE = _serve  # noqa: N815 - the names http.server dispatches to

    return Handler


@contextlib.contextmanager
def running(responder: Responder | None = None) -> Iterator[FaultServer]:
    server = FaultServer(responder).start()
    try:
        yield server
    finally:
        server.stop()


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
