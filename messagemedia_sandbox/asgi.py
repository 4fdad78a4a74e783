"""The sandbox's HTTP face: a Starlette app that hands every request to `routes.Api`.

Starlette does the requests and responses; the API's own rules (which paths exist, 404 against
405, authentication, validation) stay in `routes.Api`, which knows nothing of any web framework.
The adapter here only reads the request (its body within a size limit), calls
``Api.handle(Incoming)`` on a worker thread, and turns the `routes.Response` into a Starlette one.
Every answer it gives is JSON in the API's error shape, ``{"message", "details"}``.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

try:
    from anyio import to_thread
    from starlette.applications import Starlette
    from starlette.convertors import Convertor, register_url_convertor
    from starlette.exceptions import HTTPException
    from starlette.middleware import Middleware
    from starlette.requests import ClientDisconnect, Request
    from starlette.responses import Response as StarletteResponse
    from starlette.routing import Route
    from starlette.types import ASGIApp, Receive, Scope, Send
except ImportError as missing:  # the client installs without them; say how to get the sandbox's
    raise ImportError(
        f"the MessageMedia sandbox needs Starlette and uvicorn ({missing}): "
        "pip install 'messagemedia-messages[sandbox]'"
    ) from missing

from .callbacks import ORIGIN_HEADER
from .routes import Api, Incoming, Response, error

_log = logging.getLogger("messagemedia_sandbox")
_SUPPORTED_VERSIONS = frozenset({"1.0", "1.1"})


class _AnyPath(Convertor[str]):
    """Matches any path, newlines (from %0A) included: every request reaches `Api.handle`."""

    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("sandbox_any", _AnyPath())


class _BodyError(Exception):
    """The body could not be read; the 400 closes the connection."""


def _to_starlette(response: Response, close: bool = False) -> StarletteResponse:
    payload = response.encoded()
    headers = dict(response.headers)
    if close:
        headers["Connection"] = "close"
    return StarletteResponse(
        payload,
        status_code=response.status,
        headers=headers,
        media_type="application/json" if payload else None,
    )


class _Adapter:
    """The one ASGI endpoint: a Starlette request in, `Api.handle`, a Starlette response out."""

    def __init__(self, api: Api, max_body: int, origin_token: str) -> None:
        self._api = api
        self._max_body = max_body
        self._origin_token = origin_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            response = await self._answer(request)
        except ClientDisconnect:
            return  # nobody is left to answer
        await response(scope, receive, send)

    async def _answer(self, request: Request) -> StarletteResponse:
        if self._origin_token and request.headers.get(ORIGIN_HEADER.lower()) == self._origin_token:
            return _to_starlette(
                error(
                    403,
                    "This is one of the sandbox's own callbacks: a callback_url that leads back to the "
                    "sandbox is refused, so that callbacks cannot loop.",
                )
            )
        try:
            body = await self._read_body(request)
        except _BodyError as exc:
            return _to_starlette(error(400, str(exc), [f"body: {exc}"]), close=True)
        scope = request.scope
        target = scope.get("raw_path") or scope["path"].encode("utf-8")
        if scope.get("query_string"):
            target += b"?" + scope["query_string"]
        incoming = Incoming(
            method=request.method,
            # h11 admits only visible ASCII in a request target, so latin-1 is exact.
            target=target.decode("latin-1"),
            headers=dict(request.headers.items()),
            body=body,
            client_host=request.client.host if request.client is not None else "",
        )
        try:
            # Api.handle is synchronous (SQLite, jsonschema): run it off the event loop, so a slow
            # request never holds up reading and answering the others.
            result = await to_thread.run_sync(self._api.handle, incoming)
        except Exception:
            _log.exception("unhandled error answering %s %s", incoming.method, incoming.target)
            result = error(500, "An internal error occurred in the sandbox.")
        _log.debug("%s %s %s -> %d", incoming.client_host, incoming.method, incoming.target, result.status)
        return _to_starlette(result)

    async def _read_body(self, request: Request) -> bytes:
        limit = self._max_body
        declared = request.headers.get("content-length")
        # h11 has already refused a Content-Length that is not a number or that disagrees with another.
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise _BodyError(f"Request body too large: {int(declared)} bytes, the limit is {limit}")
        chunks: list[bytes] = []
        total = 0
        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                raise _BodyError(f"Request body too large: more than {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


class _ProtocolGate:
    """What h11 lets through but the sandbox does not want to serve, before any routing.

    - any HTTP version but 1.0 and 1.1: h11 reads an `HTTP/2.0` request line as if it were 1.x;
    - both Transfer-Encoding and Content-Length (RFC 9112 6.3: a sign of request smuggling, which
      a server may refuse);
    - a request target in absolute form (`GET http://host/v1/replies`) is served by its path, as
      RFC 9112 3.2.2 asks; the API still sees (and authenticates) the target as it was sent.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        version = scope.get("http_version", "1.1")
        names = {name for name, _ in scope.get("headers", [])}
        refusal: Response | None = None
        if version not in _SUPPORTED_VERSIONS:
            refusal = error(
                400,
                f"Unsupported protocol version HTTP/{version}",
                ["request line: the sandbox speaks HTTP/1.1 (and 1.0)"],
            )
        elif b"transfer-encoding" in names and b"content-length" in names:
            refusal = error(
                400,
                "Invalid HTTP request",
                ["headers: Transfer-Encoding and Content-Length together (RFC 9112 6.3)"],
            )
        if refusal is not None:
            await _to_starlette(refusal, close=True)(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if path.startswith(("http://", "https://")):
            scope = {**scope, "path": urlsplit(path).path or "/"}
        await self._app(scope, receive, send)


async def _http_exception(_request: Request, exc: Exception) -> StarletteResponse:
    # Only a request target that is not a path (`*`) gets here: Starlette's router found no route.
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    message = "Resource not found." if status == 404 else "The request could not be answered."
    return _to_starlette(error(status, message))


def create_app(api: Api, *, max_body: int, origin_token: str) -> Starlette:
    """The Starlette application of one sandbox."""
    adapter = _Adapter(api, max_body, origin_token)
    handlers: dict[Any, Any] = {HTTPException: _http_exception}
    return Starlette(
        routes=[Route("/{path:sandbox_any}", adapter)],
        middleware=[Middleware(_ProtocolGate)],
        exception_handlers=handlers,
    )
