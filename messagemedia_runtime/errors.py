"""Every exception the client raises, and the code that turns HTTP answers into them.

The rules every error here keeps: it names the operation, the HTTP method and the path; it never
carries request headers (they hold the credentials); and its ``str()`` never shows message content,
because exceptions end up in logs. The full answer stays available on ``.response``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

if TYPE_CHECKING:
    from .operation import Operation

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "DeadlineExceededError",
    "InvalidArgumentError",
    "MalformedResponseError",
    "MessageMediaError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "SendOutcomeUnknownError",
    "ServerError",
    "TransportError",
    "UnexpectedStatusError",
    "UnprocessableEntityError",
    "error_for_response",
    "parse_success",
    "raise_for_status",
]

T = TypeVar("T")

EXCERPT_CHARS = 200
# Values under these keys are what people wrote to or received from handsets: never put them in
# an exception's text, even when the API echoes them back in a body we are complaining about.
_PRIVATE_KEYS = frozenset({"content", "original_text", "subject", "metadata", "media"})
# 503 and 429 mean the API did not act; any other 5XX on a send may have come after it did.
_SEND_SAFE_STATUSES = frozenset({429, 503})


def _where(method: str | None, path: str | None) -> str:
    if method and path:
        return f"{method} {path}"
    return method or path or "?"


class MessageMediaError(Exception):
    """The base of every error this client raises."""

    operation: str | None
    method: str | None
    path: str | None

    def __init__(
        self,
        message: str,
        *,
        operation: str | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.operation = operation
        self.method = method
        self.path = path

    def __copy__(self) -> MessageMediaError:
        copied = type(self).__new__(type(self))
        copied.args = self.args
        copied.__dict__.update(self.__dict__)
        return copied

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (a process pool, a task queue, a cache) without the httpx response: it holds the
        # signed request, and subclasses' __init__ need it. What the error says survives.
        state = {key: value for key, value in self.__dict__.items() if key != "response"}
        if "response" in self.__dict__:
            state["response"] = None
        return (_unpickled, (type(self), self.args, state))


def _unpickled(
    cls: type[MessageMediaError], args: tuple[Any, ...], state: dict[str, Any]
) -> MessageMediaError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


def _without_credentials(response: httpx.Response) -> httpx.Response:
    """``response``, its request holding no Authorization header: an error outlives the call,
    and may be logged, pickled or shown whole."""
    try:
        request = response.request
    except RuntimeError:  # a Response built by hand has no request
        return response
    response.request = _unsigned(request)
    if response.next_request is not None:  # a redirect not followed: httpx signed its next hop too
        response.next_request = _unsigned(response.next_request)
    return response


def _unsigned(request: httpx.Request) -> httpx.Request:
    if "authorization" not in request.headers:
        return request
    headers = request.headers.copy()
    del headers["authorization"]
    try:
        content = request.content
    except httpx.RequestNotRead:
        content = b""
    return httpx.Request(request.method, request.url, headers=headers, content=content)


class ConfigurationError(MessageMediaError, ValueError):
    """A client was set up wrongly: missing or unusable credentials, an unknown region or algorithm,
    a base URL or option that cannot work. Raised when the client is built, before any request."""


class ClientClosedError(ConfigurationError):
    """The client was closed (``close()``, ``aclose()`` or the end of its ``with`` block), or the
    ``httpx`` client it was given was. Its ``with_options()`` copies share its connections, so
    they are closed with it. Nothing was sent; make a new client."""


class InvalidArgumentError(MessageMediaError, TypeError):
    """An argument of a kind the function cannot take at all (a number where a body belongs)."""


class RequestValidationError(MessageMediaError, ValueError):
    """The request breaks a rule of openapi.yaml, so it was not sent.

    ``field``: where, e.g. ``messages[3].destination_number``; ``index``: the position in the list
    the field belongs to (the message, or the ID in a confirm), when there is one; ``rule``: the
    JSON Schema keyword that failed (``pattern``, ``maxLength``...).
    """

    def __init__(
        self,
        message: str,
        *,
        field: str,
        index: int | None = None,
        rule: str | None = None,
        operation: str | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message, operation=operation, method=method, path=path)
        self.field = field
        self.index = index
        self.rule = rule

    def __str__(self) -> str:
        where = _where(self.method, self.path)
        return f"invalid request for {self.operation} ({where}), nothing was sent: {self.message}"


def _redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("…" if k in _PRIVATE_KEYS else _redact(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v) for v in value]
    return value


def _excerpt(response: httpx.Response, body: Any) -> str:
    """The start of a body, readable and safe for logs: JSON with private fields blanked, else raw text."""
    if body is not None:
        text = json.dumps(_redact(body), ensure_ascii=False, separators=(",", ":"))
    else:
        try:
            text = response.text
        except Exception:  # an undecodable charset must not hide the real error
            text = repr(response.content[:EXCERPT_CHARS])
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def _json_or_none(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return None


def _request_where(response: httpx.Response, operation: Operation) -> tuple[str, str]:
    try:
        request = response.request
    except RuntimeError:  # a Response built by hand has no request
        return operation.method, operation.path
    return request.method, request.url.path


def public_url(url: httpx.URL) -> str:
    """``scheme://host[:port]/path`` of a request: no user info, no query (they may hold secrets)."""
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{url.host}{port}{url.path}"


class APIStatusError(MessageMediaError):
    """The API answered with a status that is not 2XX.

    ``status_code``; ``body``: the parsed JSON body or None; ``api_message``: its ``message`` if it
    has one; ``text_excerpt``: the start of the body with message content blanked out;
    ``response``: the whole ``httpx.Response``.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any = None,
        operation: str | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message, operation=operation, method=method, path=path)
        self.response = _without_credentials(response)
        self.status_code = response.status_code
        self.body = body
        self.api_message: str | None = (
            body.get("message") if isinstance(body, dict) and isinstance(body.get("message"), str) else None
        )
        self.text_excerpt = _excerpt(response, body)

    def __str__(self) -> str:
        said = self.api_message if self.api_message is not None else self.text_excerpt or "(empty body)"
        return (
            f"{self.operation} ({_where(self.method, self.path)}) failed with HTTP {self.status_code}: "
            f"{self.message} API said: {said}"
        )


class BadRequestError(APIStatusError):
    """400: the API found the request invalid; ``details`` lists each problem."""

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        details = self.body.get("details") if isinstance(self.body, dict) else None
        self.details: list[str] = [str(d) for d in details] if isinstance(details, list) else []

    def __str__(self) -> str:
        text = super().__str__()
        if self.details:
            shown = [d if len(d) <= 200 else d[:200] + "…" for d in self.details[:10]]
            more = f" (+{len(self.details) - 10} more)" if len(self.details) > 10 else ""
            text += " Details: " + "; ".join(shown) + more
        return text


class AuthenticationError(APIStatusError):
    """401: the credentials are missing or wrong, or the HMAC signature does not match."""


class PermissionDeniedError(APIStatusError):
    """403: the feature is not enabled on this account."""


class NotFoundError(APIStatusError):
    """404: no such message (or other resource) for this account."""


class ConflictError(APIStatusError):
    """409: the request conflicts with what exists (e.g. a webhook with the same url and method)."""


class UnprocessableEntityError(APIStatusError):
    """422: the API cannot process the send as made (sends to Singapore over TLS older than 1.3)."""


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` is the wait the API asked for, in seconds, if any."""

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        from .retry import parse_retry_after

        self.retry_after = parse_retry_after(self.response.headers.get("Retry-After"))


class ServerError(APIStatusError):
    """5XX: the API failed."""


class UnexpectedStatusError(APIStatusError):
    """A non-2XX status the API does not document."""


class MalformedResponseError(MessageMediaError):
    """A 2XX answer whose body is not what openapi.yaml promises (not JSON, or the wrong shape).

    The request did reach the API and succeeded there: for a send, the messages were accepted even
    though their IDs cannot be read; look them up with check_delivery_reports or your metadata.
    ``idempotent`` is False for such operations (a send), whose request must not be repeated.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        operation: str | None = None,
        method: str | None = None,
        path: str | None = None,
        idempotent: bool | None = None,
    ) -> None:
        super().__init__(message, operation=operation, method=method, path=path)
        self.response = _without_credentials(response)
        self.status_code = response.status_code
        self.idempotent = idempotent
        self.text_excerpt = _excerpt(response, _json_or_none(response))

    def __str__(self) -> str:
        return (
            f"{self.operation} ({_where(self.method, self.path)}) answered HTTP {self.status_code} "
            f"with a body the client cannot read: {self.message}"
            f" Body starts: {self.text_excerpt or '(empty)'}"
            + (" The request itself succeeded: do not resend it." if self.idempotent is False else "")
        )


class TransportError(MessageMediaError):
    """The request could not be completed: no HTTP answer was received (after any retries).

    ``attempts``: how many times the request was tried.
    """

    def __init__(
        self,
        message: str,
        *,
        attempts: int = 1,
        operation: str | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message, operation=operation, method=method, path=path)
        self.attempts = attempts

    def __str__(self) -> str:
        tries = f" after {self.attempts} attempts" if self.attempts > 1 else ""
        return f"{self.operation} ({_where(self.method, self.path)}) failed{tries}: {self.message}"


class APIConnectionError(TransportError):
    """The API could not be reached, or the connection broke."""


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout."""


class DeadlineExceededError(APITimeoutError):
    """The call's ``deadline`` passed before an answer came, so it was not tried (again).

    Raised when nothing of the request had reached the API, or for an operation that is safe to
    repeat; a send cut off after it may have reached the API raises ``SendOutcomeUnknownError``.
    """


class SendOutcomeUnknownError(TransportError):
    """A send may or may not have been accepted: do not blindly resend, or messages may go out twice.

    It is raised when the request may have reached the API but no trustworthy answer came back: a
    read timeout or a connection dropped after the request was sent, or a 500, 502 or 504.
    ``status_code`` / ``response`` are set when the API answered with such a status.
    """

    def __init__(self, message: str, *, response: httpx.Response | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.response = None if response is None else _without_credentials(response)
        self.status_code = response.status_code if response is not None else None

    def __str__(self) -> str:
        return (
            super().__str__()
            + " The messages may or may not have been accepted. To find out before resending: call"
            " get_message_status for any message IDs you already have, watch check_delivery_reports"
            " (if you asked for delivery reports), or match on the metadata you set on each message."
        )


_STATUS_CLASSES: dict[int, tuple[type[APIStatusError], str]] = {
    400: (BadRequestError, "The request was invalid."),
    401: (AuthenticationError, "The credentials were rejected (check the API key, secret and signing)."),
    403: (PermissionDeniedError, "This feature is not enabled on the account."),
    404: (NotFoundError, "Not found."),
    409: (ConflictError, "It conflicts with what exists already."),
    422: (UnprocessableEntityError, "The API cannot process this request as made."),
    429: (RateLimitError, "Too many requests."),
}


def _not_found_summary(response: httpx.Response, operation: Operation) -> str:
    # An operation with an ID in its path can miss because the ID is unknown to this account; one
    # without cannot, so its 404 means the URL itself is wrong (a base_url with a path, a proxy).
    try:
        where = public_url(response.request.url)
    except RuntimeError:
        where = operation.path
    if "{" in operation.path:
        return f"Nothing with this ID on this account (or the URL is wrong: the request went to {where})."
    return f"The URL does not exist: the request went to {where}; check base_url."


def _redirect_summary(response: httpx.Response) -> str:
    target = response.next_request
    where = f" to {public_url(target.url)}" if target is not None else ""
    return (
        f"The API answered with a redirect{where}, which was not followed: the client follows"
        " redirects only with follow_redirects=True, only for operations safe to repeat, only when"
        " the method stays the same, only to the same scheme, host and port (each hop is signed), and"
        " never from https to http. Check the base URL."
    )


def error_for_response(
    response: httpx.Response, *, operation: Operation
) -> APIStatusError | SendOutcomeUnknownError:
    """The exception a non-2XX answer stands for (not raised)."""
    method, path = _request_where(response, operation)
    body = _json_or_none(response)
    status = response.status_code
    cls: type[APIStatusError]
    if status == 404:
        cls, summary = NotFoundError, _not_found_summary(response, operation)
    elif status in _STATUS_CLASSES:
        cls, summary = _STATUS_CLASSES[status]
    elif 500 <= status <= 599:
        cls, summary = ServerError, "The API failed."
    elif 300 <= status <= 399:
        cls, summary = UnexpectedStatusError, _redirect_summary(response)
    else:
        cls, summary = UnexpectedStatusError, "The API answered with a status it does not document."
    error = cls(summary, response=response, body=body, operation=operation.id, method=method, path=path)
    if 500 <= status <= 599 and status not in _SEND_SAFE_STATUSES and not operation.idempotent:
        unknown = SendOutcomeUnknownError(
            f"the API answered HTTP {status}, which it can give after accepting the request.",
            response=response,
            operation=operation.id,
            method=method,
            path=path,
        )
        unknown.__cause__ = error
        return unknown
    return error


def raise_for_status(response: httpx.Response, *, operation: Operation) -> None:
    """Raise the typed error for a non-2XX answer; do nothing for 2XX.

    A 500/502/504 (any 5XX but 503) to a non-idempotent operation (a send) raises
    ``SendOutcomeUnknownError``, chained from the ``ServerError``.
    """
    if 200 <= response.status_code <= 299:
        return
    raise error_for_response(response, operation=operation)


def _malformed(response: httpx.Response, operation: Operation, reason: str) -> MalformedResponseError:
    method, path = _request_where(response, operation)
    return MalformedResponseError(
        reason,
        response=response,
        operation=operation.id,
        method=method,
        path=path,
        idempotent=operation.idempotent,
    )


def parse_success(operation: Operation, response: httpx.Response, construct: Callable[[Any], T]) -> T:
    """Decode a 2XX JSON body and build the model; any failure becomes ``MalformedResponseError``."""
    content = response.content
    if not content.strip():
        raise _malformed(response, operation, "The body is empty but a JSON document was expected.")
    try:
        data = json.loads(content)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError both are ValueErrors
        raise _malformed(response, operation, "The body is not JSON.") from exc
    try:
        return construct(data)
    except Exception as exc:
        detail = str(exc)
        detail = detail if len(detail) <= 120 else detail[:120] + "…"
        raise _malformed(
            response,
            operation,
            f"The JSON does not have the shape openapi.yaml describes ({type(exc).__name__}: {detail}).",
        ) from exc
