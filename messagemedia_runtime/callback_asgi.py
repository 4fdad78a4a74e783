"""Receive callbacks in any ASGI server or framework (uvicorn, Starlette, FastAPI, Django's ASGI).

``CallbackASGIApp`` answers every HTTP request it gets as a callback; ``CallbackMiddleware``
answers those to one path and hands the rest to the application it wraps. Both read the raw body
(up to ``max_body``), verify it against the path and query exactly as they arrived (the ASGI
``raw_path``), parse it and await the handler: a coroutine function is awaited, a plain function
runs in a worker thread so that it cannot stall the event loop. The answer (``callback_receiver``)
comes only after the handler returned. ``messagemedia_messages.callbacks`` binds them to its events.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Generic, TypeAlias, TypeVar

from .awaitables import is_coroutine_function
from .callback_keys import Keys
from .callback_parsing import EventParser
from .callback_receiver import DEFAULT_MAX_BODY, TOO_LARGE, Answer, CallbackCore
from .callback_signing import PublicTarget

__all__ = ["ASGIApp", "CallbackASGIApp", "CallbackMiddleware", "asgi_target"]

E = TypeVar("E")

Scope: TypeAlias = MutableMapping[str, Any]
Message: TypeAlias = MutableMapping[str, Any]
Receive: TypeAlias = Callable[[], Awaitable[Message]]
Send: TypeAlias = Callable[[Message], Awaitable[None]]
ASGIApp: TypeAlias = Callable[[Scope, Receive, Send], Awaitable[None]]


def asgi_target(scope: Scope) -> bytes:
    """The request target as it arrived (``raw_path`` and query), for ``verify_callback``."""
    path = scope.get("raw_path") or scope.get("path", "/").encode("utf-8")
    query = scope.get("query_string") or b""
    return bytes(path) + b"?" + bytes(query) if query else bytes(path)


class _DisconnectedError(Exception):
    """The client went away before the whole body arrived: there is no one to answer."""


async def _read_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    """The whole body, or ``None`` once it is larger than ``limit`` (the rest is not read)."""
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length":
            try:
                if int(value) > limit:
                    return None
            except ValueError:
                pass  # the server has already refused a malformed length; read and count instead
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _DisconnectedError
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _answer(send: Send, answer: Answer) -> None:
    headers = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in answer.headers]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


class CallbackASGIApp(Generic[E]):
    """An ASGI application that treats every HTTP request as a callback and calls ``handler`` with its event.

    ``keys``: key ID -> public key, to verify signatures (required unless ``verify=False``).
    ``max_age``: refuse callbacks dated further than this from now (seconds; default: any date).
    ``public_target``: the path the API calls, when a proxy rewrites it (see ``callback_target``).
    ``max_body``: the largest body read (bytes), 16 MiB by default; larger ones get 413.
    ``event_type``: the one event this URL receives, for bodies a webhook template shaped.
    """

    parser: EventParser[E]  # set by the class that binds it to the spec's events

    def __init__(
        self,
        handler: Callable[[E], Any],
        *,
        keys: Keys | None = None,
        verify: bool = True,
        max_age: float | dt.timedelta | None = None,
        public_target: PublicTarget = None,
        max_body: int = DEFAULT_MAX_BODY,
        event_type: str | type[Any] | None = None,
    ) -> None:
        self.handler = handler
        self._async = is_coroutine_function(handler)
        self._core = CallbackCore(
            self.parser,
            keys=keys,
            verify=verify,
            max_age=max_age,
            public_target=public_target,
            max_body=max_body,
            event_type=event_type,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await _lifespan(receive, send)
            return
        if kind != "http":
            await send({"type": "websocket.close", "code": 1008})
            return
        try:
            body = await _read_body(scope, receive, self._core.max_body)
        except _DisconnectedError:
            return  # a part of a callback is not one: the API sends it again
        if body is None:
            await _answer(send, TOO_LARGE)
            return
        result = self._core.read(scope["method"], asgi_target(scope), scope.get("headers", []), body)
        if isinstance(result, Answer):
            await _answer(send, result)
            return
        try:
            await self._call(result)
        except Exception as error:
            await _answer(send, self._core.handler_failed(result, error))
            return
        await _answer(send, self._core.handled(result))

    async def _call(self, event: E) -> None:
        if self._async:
            await self.handler(event)
            return
        import anyio.to_thread  # httpx's own dependency; it runs on asyncio and trio alike

        outcome = await anyio.to_thread.run_sync(self.handler, event)
        if inspect.isawaitable(outcome):  # a plain function that returned a coroutine
            await outcome


class CallbackMiddleware(Generic[E]):
    """ASGI middleware: requests to ``path`` (any method) are callbacks, everything else goes to ``app``.

    ``app.add_middleware(CallbackMiddleware, path="/messagemedia", handler=handle, keys=KEYS)`` in
    FastAPI or Starlette; the other arguments are those of ``CallbackASGIApp``.
    """

    receiver_class: type[CallbackASGIApp[E]]  # set by the class that binds it to the spec's events

    def __init__(
        self,
        app: ASGIApp,
        *,
        path: str,
        handler: Callable[[E], Any],
        keys: Keys | None = None,
        verify: bool = True,
        max_age: float | dt.timedelta | None = None,
        public_target: PublicTarget = None,
        max_body: int = DEFAULT_MAX_BODY,
        event_type: str | type[Any] | None = None,
    ) -> None:
        self.app = app
        self.path = path.rstrip("/") or "/"
        self.receiver = self.receiver_class(
            handler,
            keys=keys,
            verify=verify,
            max_age=max_age,
            public_target=public_target,
            max_body=max_body,
            event_type=event_type,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (scope.get("path", "").rstrip("/") or "/") == self.path:
            await self.receiver(scope, receive, send)
        else:
            await self.app(scope, receive, send)
