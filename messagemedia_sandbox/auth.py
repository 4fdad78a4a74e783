"""Checks a request's credentials the way the Messages API does: Basic or HMAC.

Written from the facts sheet alone and deliberately independent of the client's signer
(`hmac_auth`), so a mistake in one cannot be hidden by the same mistake in the other.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

_ALGORITHMS: dict[str, Callable[[], hashlib._Hash]] = {
    "hmac-sha1": hashlib.sha1,
    "hmac-sha256": hashlib.sha256,
}
_PARAM = re.compile(r'\s*([A-Za-z][A-Za-z0-9_-]*)\s*=\s*"([^"]*)"\s*(?:,|$)')
_MD5_HEADERS = frozenset({"x-content-md5", "content-md5"})
_REQUEST_LINE = "request-line"


class AuthError(Exception):
    """The request is not authenticated; the text says why and becomes the 401's `message`."""


@dataclass(frozen=True)
class Request:
    """What authentication looks at: the method, the raw target as sent, headers and body."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return find_header(self.headers, name)


def find_header(headers: Mapping[str, str], name: str) -> str | None:
    """The value of header ``name``, matched without regard to case; None when absent."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def authenticate(request: Request, credentials: Mapping[str, str], now: float, max_skew: float) -> str:
    """The API key the request is made with; AuthError when it is not properly authenticated."""
    authorization = request.header("Authorization")
    if authorization is None or not authorization.strip():
        raise AuthError("Missing Authorization header")
    scheme, _, rest = authorization.strip().partition(" ")
    if scheme.lower() == "basic":
        return _basic(rest.strip(), credentials)
    if scheme.lower() == "hmac":
        return _hmac(request, rest, credentials, now, max_skew)
    # Not quoted: what stands where the scheme should is sometimes the secret itself.
    raise AuthError("Unsupported authorization scheme: use Basic or hmac")


def _basic(token: str, credentials: Mapping[str, str]) -> str:
    try:
        decoded = base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, ValueError) as exc:  # ValueError: non-ASCII text, or not UTF-8
        raise AuthError("Malformed Basic credentials: not base64 of key:secret") from exc
    key, colon, secret = decoded.partition(":")
    if not colon:
        raise AuthError("Malformed Basic credentials: no ':' between key and secret")
    expected = credentials.get(key)
    if expected is None:
        raise AuthError("Unknown API key")  # not quoted: a secret given as the key would be echoed
    if not hmac.compare_digest(expected.encode(), secret.encode()):
        raise AuthError("Wrong API secret for this API key")
    return key


def parse_hmac_params(text: str) -> dict[str, str]:
    """The name="value" pairs after `hmac` in the Authorization header."""
    params: dict[str, str] = {}
    position = 0
    text = text.strip()
    while position < len(text):
        match = _PARAM.match(text, position)
        if match is None:
            raise AuthError('Malformed hmac Authorization header: expected name="value" pairs')
        params[match.group(1).lower()] = match.group(2)
        position = match.end()
    return params


def signing_string(request: Request, header_names: list[str]) -> str:
    """The text the client must have signed, given the header list it declared.

    One line per listed name: `request-line` gives the request line; any other name gives the
    name exactly as listed (``Date``, ``x-Content-MD5``...), ``: `` and the value of the header of
    that name, looked up without regard to case. The docs sign ``Date``/``Content-MD5``, the
    official SDKs ``date``/``x-Content-MD5`` or ``x-content-md5``: all follow this one rule.
    """
    lines: list[str] = []
    for name in header_names:
        if name.lower() == _REQUEST_LINE:
            lines.append(f"{request.method} {request.target} HTTP/1.1")
            continue
        value = request.header(name)
        if value is None:
            raise AuthError(f"Missing header {name!r}, which the signature lists")
        lines.append(f"{name}: {value}")
    return "\n".join(lines)


def _check_date(request: Request, now: float, max_skew: float) -> None:
    value = request.header("date")
    if value is None:
        raise AuthError("Missing date header")
    try:
        sent = parsedate_to_datetime(value)
        if sent.tzinfo is None:
            raise AuthError(f"date header {value!r} is not in GMT")
        skew = abs(sent.timestamp() - now)
    except (TypeError, ValueError, OverflowError, IndexError) as exc:
        raise AuthError(f"Unparseable date header {value!r}") from exc
    if skew > max_skew:
        raise AuthError(
            f"Stale date header: {value!r} is more than {int(max_skew)} s from the server's clock"
        )


def _md5_matches(claimed: str, body: bytes) -> bool:
    digest = hashlib.md5(body, usedforsecurity=False).digest()
    # Compared as bytes: compare_digest refuses str with non-ASCII characters (a header may carry
    # any latin-1 byte), and that must be a mismatch, not a crash.
    given = claimed.strip().encode("utf-8")
    # x-content-md5 is lowercase hex; the published docs' Content-MD5 may be hex or, per RFC 1864, base64.
    if hmac.compare_digest(given.lower(), digest.hex().encode()):
        return True
    return hmac.compare_digest(given, base64.b64encode(digest))


def _hmac(
    request: Request, params_text: str, credentials: Mapping[str, str], now: float, max_skew: float
) -> str:
    params = parse_hmac_params(params_text)
    for required in ("username", "algorithm", "headers", "signature"):
        if required not in params:
            raise AuthError(f"Malformed hmac Authorization header: no {required}=")
    key = params["username"]
    secret = credentials.get(key)
    if secret is None:
        raise AuthError("Unknown API key")  # not quoted: a secret given as the key would be echoed
    algorithm = params["algorithm"].lower()
    digest = _ALGORITHMS.get(algorithm)
    if digest is None:
        raise AuthError(f"Unsupported algorithm {params['algorithm']!r}: use hmac-sha1 or hmac-sha256")
    # The names keep the case they are listed in: it is part of what was signed.
    header_names = params["headers"].split()
    lowered = {name.lower() for name in header_names}
    # Without these the signature would not tie the request to a moment, a resource or a body,
    # so a captured one could be replayed elsewhere.
    if "date" not in lowered:
        raise AuthError("The signature must cover the date header")
    if _REQUEST_LINE not in lowered:
        raise AuthError("The signature must cover the request-line")
    md5_names = [name for name in header_names if name.lower() in _MD5_HEADERS]
    if request.body and not md5_names:
        raise AuthError("The request has a body, so the signature must cover x-content-md5 (or Content-MD5)")
    signed = signing_string(request, header_names)
    _check_date(request, now, max_skew)
    for name in md5_names:
        claimed = request.header(name) or ""
        if not _md5_matches(claimed, request.body):
            raise AuthError(f"Body MD5 mismatch: {name} does not match the MD5 of the body received")
    expected = base64.b64encode(hmac.new(secret.encode(), signed.encode(), digest).digest()).decode()
    if not hmac.compare_digest(expected.encode(), params["signature"].encode()):
        raise AuthError("Bad signature: the HMAC does not match the request")
    return key
