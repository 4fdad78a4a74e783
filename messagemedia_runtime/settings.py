"""Where a client sends its requests, and the settings it checks before the first one.

Everything here is checked when a client is built, so a wrong setting fails at once with a
``ConfigurationError`` that says what to do, not later as a 404 or a timeout.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import httpx

from .errors import ConfigurationError

__all__ = [
    "BASE_URL_ENV",
    "DEFAULT_ACCEPT",
    "REGION_ENV",
    "check_account",
    "resolve_base_url",
    "resolve_timeout",
]

DEFAULT_ACCEPT = "application/json"
"""What the API answers almost everywhere: the Accept header of every client create_client builds."""
BASE_URL_ENV = "MESSAGEMEDIA_BASE_URL"
REGION_ENV = "MESSAGEMEDIA_REGION"
_MAX_ACCOUNT = 100


def resolve_base_url(
    base_url: str | None, region: str | None, *, regions: Mapping[str, str], default: str
) -> str:
    """The API's base URL: ``base_url``, else ``region``'s, else ``$MESSAGEMEDIA_BASE_URL``, else
    ``$MESSAGEMEDIA_REGION``'s, else ``default``.

    ``regions`` maps region names to base URLs (from openapi.yaml's servers). Every path the client
    sends starts with ``/v1``, so a base URL that ends with ``/v1`` (as the API's documentation
    writes it) is taken without it rather than sending ``/v1/v1/...``.
    """
    if base_url is not None and region is not None:
        raise ConfigurationError("pass either base_url or region, not both")
    if base_url is None and region is None:
        base_url = os.environ.get(BASE_URL_ENV) or None
        region = None if base_url is not None else (os.environ.get(REGION_ENV) or None)
    if region is not None:
        found = regions.get(region.lower()) if isinstance(region, str) else None
        if found is None:
            known = ", ".join(repr(name) for name in sorted(regions))
            raise ConfigurationError(f"unknown region {region!r}; use one of {known}, or pass base_url")
        return found
    if base_url is None:
        return default
    return _checked_url(base_url)


def _checked_url(base_url: str) -> str:
    if not isinstance(base_url, str):
        raise ConfigurationError(f"base_url must be a str, not {type(base_url).__name__}")
    try:
        url = httpx.URL(base_url.strip())
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"base_url is not a URL: {exc}") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(
            "base_url must be an absolute http(s) URL such as https://api.messagemedia.com"
        )
    if url.query or url.fragment:
        raise ConfigurationError("base_url must not have a query or a fragment")
    if url.userinfo:  # said without the URL: it would show the password
        raise ConfigurationError(
            "base_url must not carry a user name or password: pass api_key and api_secret"
        )
    path = url.path.rstrip("/")
    if path.endswith("/v1"):
        path = path[: -len("/v1")]
    return str(url.copy_with(path=path or "/")).rstrip("/")


def check_account(account: str | None) -> str | None:
    """A sub-account ID as the ``Account`` header takes it, or None."""
    if account is None:
        return None
    if not isinstance(account, str):
        raise ConfigurationError(f"account must be a str, not {type(account).__name__}")
    if not 1 <= len(account) <= _MAX_ACCOUNT or account != account.strip():
        raise ConfigurationError(
            f"account must be a sub-account ID of 1 to {_MAX_ACCOUNT} characters, without surrounding spaces"
        )
    if not all(" " <= char <= "~" for char in account):
        raise ConfigurationError("account must be printable ASCII: it travels in the Account header")
    return account


def resolve_timeout(timeout: float | httpx.Timeout | None, default: httpx.Timeout) -> httpx.Timeout:
    """``timeout`` as an ``httpx.Timeout``: seconds per phase, an ``httpx.Timeout``, or None (``default``)."""
    if timeout is None:
        return default
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise ConfigurationError("timeout must be a positive number of seconds or an httpx.Timeout")
    return httpx.Timeout(timeout)
