"""Receive callbacks in any WSGI server or framework (gunicorn, uWSGI, Flask, Django).

``CallbackWSGIApp`` answers every request it gets as a callback; ``CallbackWSGIMiddleware``
answers those to one path and hands the rest to the application it wraps (for Flask:
``app.wsgi_app = CallbackWSGIMiddleware(app.wsgi_app, path=..., handler=...)``). Both read the
raw body (up to ``max_body``), verify it against the target as it arrived (``REQUEST_URI`` or
``RAW_URI``, which every common server sets; otherwise rebuilt from ``SCRIPT_NAME``,
``PATH_INFO`` and ``QUERY_STRING``), parse it and call the handler, and answer only after it
returned (``callback_receiver``). ``messagemedia_messages.callbacks`` binds them to its events.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, Protocol, TypeAlias, TypeVar
from urllib.parse import quote, urlsplit

from .awaitables import discard, is_coroutine_function
from .callback_keys import Keys
from .callback_parsing import EventParser
from .callback_receiver import DEFAULT_MAX_BODY, TOO_LARGE, Answer, CallbackCore
from .callback_signing import PublicTarget
from .errors import ConfigurationError

__all__ = ["CallbackWSGIApp", "CallbackWSGIMiddleware", "WSGIApp", "wsgi_headers", "wsgi_target"]

E = TypeVar("E")


class StartResponse(Protocol):
    def __call__(self, status: str, headers: list[tuple[str, str]], exc_info: Any = ..., /) -> object: ...


Environ: TypeAlias = Mapping[str, Any]
WSGIApp: TypeAlias = Callable[[Any, Any], Iterable[bytes]]

# Characters a path keeps unescaped when it is rebuilt (RFC 3986 pchar and "/").
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def wsgi_target(environ: Environ) -> bytes:
    """The request target as it arrived, for ``verify_callback``."""
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI")
    if raw:
        # WSGI strings carry bytes as latin-1 (PEP 3333), so this gives back the bytes that arrived.
        target = str(raw)
        if "://" in target.split("?", 1)[0]:  # absolute-form, as sent to a proxy
            parts = urlsplit(target)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return target.encode("latin-1")
    path = str(environ.get("SCRIPT_NAME", "")) + str(environ.get("PATH_INFO", ""))
    target = quote(path.encode("latin-1"), safe=_PATH_SAFE) or "/"
    query = environ.get("QUERY_STRING")
    return (f"{target}?{query}" if query else target).encode("latin-1")


def wsgi_headers(environ: Environ) -> list[tuple[str, str]]:
    """The request's headers as (lower-case name, value) pairs."""
    headers = [
        (key[5:].replace("_", "-").lower(), str(value))
        for key, value in environ.items()
        if key.startswith("HTTP_")
    ]
    if environ.get("CONTENT_TYPE"):
        headers.append(("content-type", str(environ["CONTENT_TYPE"])))
    return headers


def _read_body(environ: Environ, limit: int) -> bytes | None:
    """The whole body, or ``None`` when it is larger than ``limit``."""
    stream = environ.get("wsgi.input")
    length_text = str(environ.get("CONTENT_LENGTH") or "").strip()
    if stream is None:
        return b""
    if length_text:
        try:
            length = int(length_text)
        except ValueError:
            return b""  # a server passes no body it could not frame
        if length > limit:
            return None
        return bytes(stream.read(length)) if length > 0 else b""
    if environ.get("wsgi.input_terminated"):  # chunked: the stream ends where the body does
        body = bytes(stream.read(limit + 1))
        return None if len(body) > limit else body
    return b""


def _answer(start_response: StartResponse, answer: Answer) -> list[bytes]:
    start_response(f"{answer.status} {answer.reason}", answer.headers)
    return [answer.body]


class CallbackWSGIApp(Generic[E]):
    """A WSGI application that treats every request as a callback and calls ``handler`` with its event.

    The arguments are those of the ASGI ``CallbackASGIApp``; the handler must be a plain function.
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
        if is_coroutine_function(handler):
            raise ConfigurationError("a WSGI receiver calls its handler synchronously: give a plain function")
        self.handler = handler
        self._core = CallbackCore(
            self.parser,
            keys=keys,
            verify=verify,
            max_age=max_age,
            public_target=public_target,
            max_body=max_body,
            event_type=event_type,
        )

    def __call__(self, environ: Environ, start_response: StartResponse) -> list[bytes]:
        body = _read_body(environ, self._core.max_body)
        if body is None:
            return _answer(start_response, TOO_LARGE)
        method = str(environ.get("REQUEST_METHOD", "POST"))
        result = self._core.read(method, wsgi_target(environ), wsgi_headers(environ), body)
        if isinstance(result, Answer):
            return _answer(start_response, result)
        try:
            outcome = self.handler(result)
            if inspect.isawaitable(outcome):  # never run here: answering 2XX would drop the callback
                discard(outcome)
                raise ConfigurationError(
                    "the WSGI receiver's handler returned an awaitable, which it cannot await: give a"
                    " plain function (the API delivers the callback again)"
                )
        except Exception as error:
            return _answer(start_response, self._core.handler_failed(result, error))
        return _answer(start_response, self._core.handled(result))


class CallbackWSGIMiddleware(Generic[E]):
    """WSGI middleware: requests to ``path`` (any method) are callbacks, everything else goes to ``app``."""

    receiver_class: type[CallbackWSGIApp[E]]  # set by the class that binds it to the spec's events

    def __init__(
        self,
        app: WSGIApp,
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

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = (str(environ.get("SCRIPT_NAME", "")) + str(environ.get("PATH_INFO", ""))).rstrip("/") or "/"
        if path == self.path:
            return self.receiver(environ, start_response)
        return self.app(environ, start_response)
