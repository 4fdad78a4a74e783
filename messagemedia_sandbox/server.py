"""HTTP plumbing: a threaded stdlib server in front of `routes.Api`, and the handle to run it.

The handler reads the whole request (Content-Length or chunked, within a size limit) before
anything else looks at it, and turns every failure into a JSON answer: malformed input gets a
4xx, never a 5xx; only a bug in the sandbox itself can produce a 500.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from .callbacks import CallbackWorker
from .config import SandboxConfig
from .lifecycle import Ticker
from .routes import Api, Incoming, Response, error
from .store import Store

_log = logging.getLogger("messagemedia_sandbox")


class _BodyError(Exception):
    """The body could not be read; the connection is closed after the 400."""


class SandboxHTTPServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that knows its Api and can drop idle keep-alive connections on stop."""

    daemon_threads = True
    api: Api
    max_body: int

    def __init__(self, address: tuple[str, int], api: Api, max_body: int) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.api = api
        self.max_body = max_body
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, SandboxHandler)

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._connections_lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def drop_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class SandboxHandler(BaseHTTPRequestHandler):
    """Turns each HTTP request into an `Incoming` for the Api, and its `Response` back into bytes."""

    protocol_version = "HTTP/1.1"
    server_version = "messagemedia-sandbox"
    sys_version = ""
    # Idle keep-alive connections are closed after this long so they do not hold threads forever.
    timeout = 30
    server: SandboxHTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, True)

    def finish(self) -> None:
        self.server.track(self.connection, False)
        super().finish()

    def handle_one_request(self) -> None:
        # The stdlib version answers 501 to any method without a do_* function; the API answers
        # 405 for a known path and 404 otherwise, so every method goes through one dispatcher.
        try:
            self.raw_requestline = self.rfile.readline(65537)
            if len(self.raw_requestline) > 65536:
                self.requestline = ""
                self.request_version = ""
                self.command = ""
                self.send_error(414)
                return
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            self._dispatch()
            self.wfile.flush()
        except TimeoutError:
            self.close_connection = True
        except (ConnectionError, OSError):
            self.close_connection = True

    def _dispatch(self) -> None:
        try:
            body = self._read_body()
        except _BodyError as exc:
            self.close_connection = True
            self._send(error(400, str(exc), [f"body: {exc}"]))
            return
        incoming = Incoming(
            method=self.command,
            target=self.path,
            headers={key: value for key, value in self.headers.items()},
            body=body,
            client_host=str(self.client_address[0]),
        )
        try:
            response = self.server.api.handle(incoming)
        except Exception:
            _log.exception("unhandled error answering %s %s", self.command, self.path)
            response = error(500, "An internal error occurred in the sandbox.")
        self._send(response)

    def _read_body(self) -> bytes:
        limit = self.server.max_body
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked(limit)
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            return b""
        try:
            length = int(length_text.strip())
        except ValueError:
            raise _BodyError(f"Content-Length {length_text!r} is not a number") from None
        if length < 0:
            raise _BodyError("Content-Length is negative")
        if length > limit:
            raise _BodyError(f"Request body too large: {length} bytes, the limit is {limit}")
        body = self.rfile.read(length)
        if len(body) != length:
            raise _BodyError("The body ended before Content-Length bytes")
        return body

    def _read_chunked(self, limit: int) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            size_line = self.rfile.readline(1024)
            try:
                size = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise _BodyError("Malformed chunked body") from None
            if size < 0:
                raise _BodyError("Malformed chunked body")
            if size == 0:
                # Trailers, if any, end with a blank line.
                while self.rfile.readline(1024).strip():
                    pass
                return b"".join(chunks)
            total += size
            if total > limit:
                raise _BodyError(f"Request body too large: more than {limit} bytes")
            chunk = self.rfile.read(size)
            if len(chunk) != size:
                raise _BodyError("The body ended inside a chunk")
            chunks.append(chunk)
            self.rfile.readline(8)

    def _send(self, response: Response) -> None:
        payload = response.encoded()
        self.send_response(response.status)
        if payload:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and payload:
            self.wfile.write(payload)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # The stdlib answers malformed requests with HTML; the API's errors are JSON.
        self.close_connection = True
        text = message or explain or self.responses.get(code, ("Error",))[0]
        self._send(error(code, text))

    def log_message(self, format: str, *args: Any) -> None:
        _log.debug("%s - %s", self.address_string(), format % args)


class SandboxServer:
    """One sandbox: the HTTP server, its lifecycle ticker and its callback worker.

    ``start()`` runs it on background threads of this process and returns its base URL;
    ``stop()`` shuts it down. It is also a context manager.
    """

    def __init__(self, config: SandboxConfig | None = None, **settings: Any) -> None:
        if config is None:
            config = SandboxConfig(**settings)
        elif settings:
            raise TypeError("pass either a SandboxConfig or keyword settings, not both")
        self.config = config
        self._httpd: SandboxHTTPServer | None = None
        self._serve_thread: threading.Thread | None = None
        self._ticker: Ticker | None = None
        self._worker: CallbackWorker | None = None
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the sandbox is not running")
        return self._store

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the sandbox is not running")
        address = self._httpd.server_address
        host = address[0].decode() if isinstance(address[0], bytes) else str(address[0])
        port = int(address[1])
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}"

    def start(self) -> str:
        """Starts serving on background threads and returns the base URL."""
        if self._httpd is not None:
            return self.base_url
        config = self.config
        store = Store(config.data, config.initial_credits)
        for number in config.fail_destinations:
            store.set_destination(number, "failed")
        for number in config.reject_destinations:
            store.set_destination(number, "rejected")
        step = config.step_seconds
        worker = CallbackWorker(
            store, base_delay=step, max_attempts=config.callback_max_attempts, timeout=config.callback_timeout
        )
        api = Api(config, store, worker.notify)
        try:
            httpd = SandboxHTTPServer((config.host, config.port), api, config.max_body_bytes)
        except OSError:
            store.close()
            raise
        self._store, self._worker, self._httpd = store, worker, httpd
        # Steps missed while the sandbox was down are applied before the first request is served.
        api.advance()
        self._ticker = Ticker(api.advance, min(0.2, max(0.02, step / 5)))
        self._serve_thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="sandbox-http", daemon=True
        )
        worker.start()
        self._ticker.start()
        self._serve_thread.start()
        return self.base_url

    def wait(self) -> None:
        """Blocks until the server stops (the CLI's foreground mode)."""
        if self._serve_thread is not None:
            while self._serve_thread.is_alive():
                self._serve_thread.join(0.5)

    def stop(self) -> None:
        """Stops serving and closes the data file; safe to call twice."""
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.drop_connections()
            httpd.server_close()
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        if self._store is not None:
            self._store.close()
            self._store = None
        self._serve_thread = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
