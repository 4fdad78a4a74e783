"""Credentials: where they come from, whether they can be sent, and the ``httpx.Auth`` that sends them."""

from __future__ import annotations

import os

import httpx

from .auth import BasicAuth, HmacAuth
from .credential_checks import check_credential
from .errors import API_KEY_ENV, API_SECRET_ENV, InvalidCredentialsError, MissingCredentialsError
from .signing import DEFAULT_ALGORITHM, check_algorithm

__all__ = ["check_credential", "make_auth", "resolve_credentials"]


def _from_env(value: str | None, variable: str) -> str | None:
    # An empty string, explicit or exported, means "not set": `export MESSAGEMEDIA_API_KEY=`
    # should fail as missing rather than send an empty user name.
    if value:
        return value
    return os.environ.get(variable) or None


def resolve_credentials(api_key: str | None, api_secret: str | None) -> tuple[str, str]:
    """The key and secret given, else from ``MESSAGEMEDIA_API_KEY`` / ``MESSAGEMEDIA_API_SECRET``.

    Raises ``MissingCredentialsError`` naming what is missing, and ``InvalidCredentialsError`` for
    a value that cannot be sent (checked now, not at the first request).
    """
    for name, value in (("api_key", api_key), ("api_secret", api_secret)):
        if value is not None and not isinstance(value, str):
            raise InvalidCredentialsError(name, f"must be a str, not {type(value).__name__}")
    key = _from_env(api_key, API_KEY_ENV)
    secret = _from_env(api_secret, API_SECRET_ENV)
    if key is None or secret is None:
        raise MissingCredentialsError(
            tuple(name for name, value in (("api_key", key), ("api_secret", secret)) if value is None)
        )
    check_credential("api_key", key)
    check_credential("api_secret", secret)
    return key, secret


def make_auth(
    api_key: str, api_secret: str, *, hmac: bool = True, algorithm: str = DEFAULT_ALGORITHM
) -> httpx.Auth:
    """``HmacAuth`` (the default) or ``BasicAuth``; the algorithm is checked either way, so that a
    typo does not go unnoticed until the day the flag is flipped back to HMAC."""
    check_algorithm(algorithm)
    if hmac:
        return HmacAuth(api_key, api_secret, algorithm=algorithm)
    return BasicAuth(api_key, api_secret)
