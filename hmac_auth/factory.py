"""``create_client``: a ready-to-use client for the generated API functions, credentials wired in."""

from __future__ import annotations

import os
import ssl
from typing import TYPE_CHECKING, Any

import httpx

from .auth import BasicAuth, HmacAuth
from .errors import API_KEY_ENV, API_SECRET_ENV, BASE_URL_ENV, MissingCredentialsError
from .signing import DEFAULT_ALGORITHM, check_algorithm

if TYPE_CHECKING:
    from messagemedia_messages import AuthenticatedClient
    from messagemedia_runtime.retry import RetryPolicy

DEFAULT_BASE_URL = "https://api.messagemedia.com"

# The generated Client hands these to httpx itself; given again through httpx_args they would
# collide at the first request, far from the call that caused it, so they are refused here.
_RESERVED_HTTPX_ARGS = frozenset(
    {"auth", "base_url", "cookies", "follow_redirects", "headers", "timeout", "verify"}
)


def _from_env(value: str | None, variable: str) -> str | None:
    # An empty string, explicit or exported, means "not set": `export MESSAGEMEDIA_API_KEY=`
    # should fail as missing rather than send an empty user name.
    if value:
        return value
    return os.environ.get(variable) or None


def create_client(
    api_key: str | None = None,
    api_secret: str | None = None,
    *,
    hmac: bool = True,
    algorithm: str = DEFAULT_ALGORITHM,
    base_url: str | None = None,
    account: str | None = None,
    timeout: float | httpx.Timeout | None = None,
    retry: RetryPolicy | None = None,
    headers: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
    verify_ssl: str | bool | ssl.SSLContext = True,
    follow_redirects: bool = False,
    **httpx_args: Any,
) -> AuthenticatedClient:
    """Build the client every function in ``messagemedia_messages.api`` takes.

    Credentials: ``api_key`` and ``api_secret``, each falling back to ``MESSAGEMEDIA_API_KEY`` /
    ``MESSAGEMEDIA_API_SECRET``; ``MissingCredentialsError`` if either is still missing.
    ``hmac=True`` (the default) signs every request with ``algorithm`` (``"hmac-sha1"`` or
    ``"hmac-sha256"``); ``hmac=False`` sends HTTP Basic instead.

    ``base_url``: the argument, else ``MESSAGEMEDIA_BASE_URL``, else ``https://api.messagemedia.com``.
    ``account``: a sub-account ID sent as the ``Account`` header on every request.
    ``timeout``: seconds or an ``httpx.Timeout``; None keeps the client's default.
    ``retry``: a ``messagemedia_runtime.retry.RetryPolicy``; None keeps the client's default.
    Other keywords (``transport``, ``event_hooks``, ``proxy``...) go to the httpx clients.
    """
    # Imported here so that the signing half of this package works with plain httpx even
    # where the generated client is not installed.
    from messagemedia_messages import AuthenticatedClient

    reserved = sorted(_RESERVED_HTTPX_ARGS.intersection(httpx_args))
    if reserved:
        raise TypeError(
            f"create_client() does not take {', '.join(reserved)} as httpx arguments; "
            "use its own parameters (api_key/api_secret for auth, base_url, timeout, headers, "
            "cookies, verify_ssl, follow_redirects)"
        )

    key = _from_env(api_key, API_KEY_ENV)
    secret = _from_env(api_secret, API_SECRET_ENV)
    missing = tuple(name for name, value in (("api_key", key), ("api_secret", secret)) if value is None)
    if key is None or secret is None:
        raise MissingCredentialsError(missing)

    auth: httpx.Auth
    if hmac:
        auth = HmacAuth(key, secret, algorithm=algorithm)
    else:
        # Checked even though Basic ignores it, so that a typo does not go unnoticed until the
        # day the flag is flipped back to HMAC.
        check_algorithm(algorithm)
        auth = BasicAuth(key, secret)

    all_headers = dict(headers or {})
    if account is not None:
        if not account:
            raise ValueError("account must be a non-empty sub-account ID (or None)")
        all_headers["Account"] = account

    options: dict[str, Any] = {
        "base_url": base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL,
        "headers": all_headers,
        "cookies": dict(cookies or {}),
        "verify_ssl": verify_ssl,
        "follow_redirects": follow_redirects,
        "httpx_args": {**httpx_args, "auth": auth},
    }
    if timeout is not None:
        options["timeout"] = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
    if retry is not None:
        options["retry"] = retry
    return AuthenticatedClient(**options)
