"""Serve an ASGI application with uvicorn on a background thread, on a free loopback port.

What the demo and the tests use to run a callback receiver (``messagemedia_messages.callbacks``'
``CallbackASGIApp``) under a real HTTP server while the rest of the program goes on.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn

__all__ = ["BackgroundASGIServer"]


class BackgroundASGIServer:
    """``with BackgroundASGIServer(app) as server:`` serves ``app`` at ``server.base_url``."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", startup_timeout: float = 15.0) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind((host, 0))
        self._socket.listen(128)
        bound_host, port = self._socket.getsockname()[:2]
        self.base_url = f"http://{bound_host}:{port}"
        """Where the application answers (it stays readable after ``stop()``)."""
        config = uvicorn.Config(app, http="h11", lifespan="off", log_level="warning", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="asgi-server", daemon=True
        )
        self._startup_timeout = startup_timeout

    def start(self) -> str:
        self._thread.start()
        deadline = time.monotonic() + self._startup_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the ASGI server did not start")
            time.sleep(0.01)
        return self.base_url

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> BackgroundASGIServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
