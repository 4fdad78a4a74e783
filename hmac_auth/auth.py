"""httpx authentication for the Messages API: HMAC signing and a Basic auth that keeps its secret.

Both classes are immutable and hold no shared state, so one instance can serve any number of
clients, threads and event loops at once. Their repr names the API key, never the secret, and
they refuse to be pickled so the secret cannot leak into a cache, a queue or a crash dump.
"""

import base64
from collections.abc import Callable, Generator
from datetime import datetime
from typing import Any, NoReturn, Self

import httpx

from .credential_checks import check_credential
from .dates import format_imf_fixdate, utc_now
from .errors import CredentialsNotPicklableError
from .signing import DEFAULT_ALGORITHM, check_algorithm, signing_headers

_REDACTED = "'***'"


def _check_credentials(api_key: str, api_secret: str) -> None:
    check_credential("api_key", api_key)
    check_credential("api_secret", api_secret)


class _Frozen(httpx.Auth):
    """Refuses changes after ``__init__``, copies itself by reference and refuses pickling."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is immutable; create a new one instead")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _init(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return self

    def __reduce__(self) -> NoReturn:
        raise CredentialsNotPicklableError(f"{type(self).__name__} holds an API secret and cannot be pickled")


class HmacAuth(_Frozen):
    """Signs each request with the API's HMAC scheme (``hmac-sha1`` by default, or ``hmac-sha256``).

    The signature covers the real method, the path and query exactly as they go on the wire and
    the exact body bytes, so PUT requests, query strings and non-ASCII bodies verify. A fresh
    ``date`` is taken for every attempt: retries and redirects pass through ``auth_flow`` again.

    ``clock`` returns the current time as an aware datetime; tests inject a fixed or skewed one.
    """

    __slots__ = ("_algorithm", "_api_key", "_api_secret", "_clock")
    # httpx loads the body before calling auth_flow, also for streamed content, so the MD5 and
    # the signature describe the bytes that are actually sent.
    requires_request_body = True

    _api_key: str
    _api_secret: str
    _algorithm: str
    _clock: Callable[[], datetime]

    def __init__(
        self,
        api_key: str,
        api_secret: str,
        *,
        algorithm: str = DEFAULT_ALGORITHM,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        _check_credentials(api_key, api_secret)
        self._init("_api_key", api_key)
        self._init("_api_secret", api_secret)
        self._init("_algorithm", check_algorithm(algorithm))
        self._init("_clock", clock)

    @property
    def api_key(self) -> str:
        return self._api_key

    @property
    def algorithm(self) -> str:
        return self._algorithm

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        headers = signing_headers(
            request.method,
            request.url.raw_path.decode("ascii"),
            request.content,
            date=format_imf_fixdate(self._clock()),
            api_key=self._api_key,
            api_secret=self._api_secret,
            algorithm=self._algorithm,
        )
        # A request signed before (a retry re-sending the same Request) may carry an MD5 for a
        # body it no longer has; the server must not see a header the signature does not cover.
        if "x-content-md5" not in headers:
            request.headers.pop("x-content-md5", None)
        request.headers.update(headers)
        yield request

    def __repr__(self) -> str:
        return f"HmacAuth(api_key={self._api_key!r}, api_secret={_REDACTED}, algorithm={self._algorithm!r})"


class BasicAuth(_Frozen):
    """HTTP Basic with the API key as user name and the API secret as password.

    Unlike ``httpx.BasicAuth`` it states in its repr what it is, without the secret, and shares
    the immutability and no-pickling rules of ``HmacAuth``.
    """

    __slots__ = ("_api_key", "_header")

    _api_key: str
    _header: str

    def __init__(self, api_key: str, api_secret: str) -> None:
        _check_credentials(api_key, api_secret)
        token = base64.b64encode(f"{api_key}:{api_secret}".encode()).decode("ascii")
        self._init("_api_key", api_key)
        self._init("_header", f"Basic {token}")

    @property
    def api_key(self) -> str:
        return self._api_key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return f"BasicAuth(api_key={self._api_key!r}, api_secret={_REDACTED})"
