"""Runs a sandbox: uvicorn serving the Starlette app of `asgi`, plus the lifecycle ticker and the
callback worker, all on background threads of this process.

uvicorn is told to use h11, its pure-Python HTTP/1.1 implementation, whatever else is installed:
h11 parses strictly by RFC 9112 (a request line that is not HTTP, a second Content-Length that
disagrees with the first, a control character in a header all get 400), the same way on every
machine. The listening socket is bound here, before uvicorn starts, so that its address and port
are known to the callback worker (which refuses to call the sandbox itself) from the first moment.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import secrets
import socket
import threading
from types import TracebackType
from typing import Any

try:
    import h11
    import uvicorn
    from uvicorn.protocols.http.h11_impl import H11Protocol
except ImportError as missing:  # the client installs without them; say how to get the sandbox's
    raise ImportError(
        f"the MessageMedia sandbox needs Starlette and uvicorn ({missing}): "
        "pip install 'messagemedia-messages[sandbox]'"
    ) from missing

from .asgi import create_app
from .callback_targets import Listener, TargetPolicy
from .callbacks import CallbackWorker
from .config import SandboxConfig
from .lifecycle import Ticker
from .routes import Api
from .store import Store

_log = logging.getLogger("messagemedia_sandbox")
# How many connections may wait to be accepted. The kernel caps it at net.core.somaxconn.
BACKLOG = 1024
# Longer than any common client pool keeps an idle connection (httpx: 5 s), so the client, not the
# sandbox, closes idle keep-alive connections, and no request races the server's close.
KEEP_ALIVE_SECONDS = 30
_STARTUP_SECONDS = 10.0


class _RecordingConnection(h11.Connection):
    """An h11 connection that remembers why it refused the last request, for the 400's details."""

    last_error: str = ""

    def next_event(self) -> Any:
        try:
            return super().next_event()
        except h11.RemoteProtocolError as exc:
            self.last_error = str(exc)
            raise


class SandboxH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering malformed HTTP with a JSON 400 in the API's error shape."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = self.config.h11_max_incomplete_event_size
        self.conn = (
            _RecordingConnection(h11.SERVER)
            if limit is None
            else _RecordingConnection(h11.SERVER, max_incomplete_event_size=limit)
        )

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # uvicorn times out idle connections only between requests; a connection that never sends
        # a byte is closed after the same delay (the first byte cancels the timer).
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def send_400_response(self, msg: str) -> None:
        conn = self.conn
        if not isinstance(conn, _RecordingConnection) or conn.our_state not in (h11.IDLE, h11.SEND_RESPONSE):
            # An answer has already begun (or ended): all that is left to do is hang up.
            self.transport.close()
            return
        reason = conn.last_error or "malformed request"
        payload = json.dumps(
            {"message": "Invalid HTTP/1.1 request (RFC 9112)", "details": [f"request: {reason}"]},
            separators=(",", ":"),
        ).encode()
        headers = [
            *self.server_state.default_headers,
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
            (b"connection", b"close"),
        ]
        try:
            output = conn.send(h11.Response(status_code=400, headers=headers, reason=b"Bad Request"))
            output = (output or b"") + (conn.send(h11.Data(data=payload)) or b"")
            output += conn.send(h11.EndOfMessage()) or b""
        except h11.LocalProtocolError:
            self.transport.close()
            return
        self.transport.write(output)
        self.transport.close()


def _bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    if not infos:
        raise OSError(f"cannot resolve {host!r}")
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        # A restart right after a crash finds the old connections in TIME_WAIT on this port.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


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
        self._socket: socket.socket | None = None
        self._uvicorn: uvicorn.Server | None = None
        self._serve_thread: threading.Thread | None = None
        self._serve_error: BaseException | None = None
        self._ticker: Ticker | None = None
        self._worker: CallbackWorker | None = None
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the sandbox is not running")
        return self._store

    @property
    def callback_policy(self) -> TargetPolicy:
        """Where this sandbox's callbacks may go (see `callback_targets`)."""
        if self._worker is None:
            raise RuntimeError("the sandbox is not running")
        return self._worker.policy

    @property
    def listeners(self) -> list[Listener]:
        """The (address, port) pairs the sandbox listens on."""
        if self._socket is None:
            raise RuntimeError("the sandbox is not running")
        name = self._socket.getsockname()
        return [Listener.of(str(name[0]), int(name[1]))]

    @property
    def base_url(self) -> str:
        (listener,) = self.listeners
        host = str(listener.address)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{listener.port}"

    def start(self) -> str:
        """Starts serving on background threads and returns the base URL."""
        if self._socket is not None:
            return self.base_url
        config = self.config
        sock = _bind(config.host, config.port)
        try:
            store = Store(config.data, config.initial_credits)
        except BaseException:
            sock.close()
            raise
        self._socket, self._store = sock, store
        try:
            self._start_parts(config, sock, store)
        except BaseException:
            self.stop()
            raise
        return self.base_url

    def _start_parts(self, config: SandboxConfig, sock: socket.socket, store: Store) -> None:
        for number in config.fail_destinations:
            store.set_destination(number, "failed")
        for number in config.reject_destinations:
            store.set_destination(number, "rejected")
        step = config.step_seconds
        origin_token = secrets.token_urlsafe(16)
        policy = TargetPolicy(allow_external=config.allow_external_callbacks, listeners=tuple(self.listeners))
        if config.callback_resolver is not None:
            policy = dataclasses.replace(policy, resolver=config.callback_resolver)
        worker = CallbackWorker(
            store,
            base_delay=step,
            max_attempts=config.callback_max_attempts,
            timeout=config.callback_timeout,
            policy=policy,
            origin_token=origin_token,
            secure_callbacks=config.secure_callbacks,
        )
        api = Api(config, store, worker.notify)
        self._worker = worker
        # Steps missed while the sandbox was down are applied before the first request is served.
        api.advance()
        app = create_app(api, max_body=config.max_body_bytes, origin_token=origin_token)
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                http=SandboxH11Protocol,
                ws="none",
                lifespan="off",
                loop="asyncio",
                interface="asgi3",
                workers=1,
                log_config=None,
                access_log=False,
                # The peer address is the one the loopback rule of the admin endpoints looks at:
                # never let an X-Forwarded-For header replace it.
                proxy_headers=False,
                server_header=False,
                headers=[("server", "messagemedia-sandbox")],
                backlog=BACKLOG,
                timeout_keep_alive=KEEP_ALIVE_SECONDS,
                timeout_graceful_shutdown=5,
            )
        )
        self._uvicorn = server
        self._serve_thread = threading.Thread(
            target=self._serve, args=(server, sock), name="sandbox-http", daemon=True
        )
        self._ticker = Ticker(api.advance, min(0.2, max(0.02, step / 5)))
        worker.start()
        self._ticker.start()
        self._serve_thread.start()
        # The socket already listens, so connections made from now on wait in its backlog; this
        # only makes sure uvicorn came up rather than failing on its own thread.
        deadline = _STARTUP_SECONDS
        while not server.started and self._serve_thread.is_alive() and deadline > 0:
            self._serve_thread.join(0.01)
            deadline -= 0.01
        if not server.started:
            raise RuntimeError(f"the sandbox's HTTP server did not start: {self._serve_error!r}")

    def _serve(self, server: uvicorn.Server, sock: socket.socket) -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as exc:  # reported by start() or logged: a thread has no caller
            self._serve_error = exc
            _log.exception("the sandbox's HTTP server stopped")

    @property
    def serving(self) -> bool:
        """Whether the HTTP server is up (it stops only when asked, unless something broke it)."""
        return self._serve_thread is not None and self._serve_thread.is_alive()

    def wait(self) -> None:
        """Blocks until the server stops (the CLI's foreground mode)."""
        if self._serve_thread is not None:
            while self._serve_thread.is_alive():
                self._serve_thread.join(0.5)

    def stop(self) -> None:
        """Stops serving and closes the data file; safe to call twice."""
        server, self._uvicorn = self._uvicorn, None
        thread, self._serve_thread = self._serve_thread, None
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=15)
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
