"""The HMAC signature scheme of the MessageMedia Messages API, as pure functions.

Nothing here does I/O or reads the clock, so the official SDKs' vectors can be checked byte for
byte; ``hmac_auth.auth.HmacAuth`` feeds it the request as it goes on the wire.
"""

import base64
import hashlib
import hmac
from typing import Final

from messagemedia_runtime.errors import ConfigurationError

DEFAULT_ALGORITHM: Final = "hmac-sha1"
"""What every official SDK signs with; the API reads the algorithm from each request."""

# Algorithm name as it appears in the Authorization header -> hashlib digest name.
_DIGESTS: Final = {"hmac-sha1": "sha1", "hmac-sha256": "sha256"}

ALGORITHMS: Final = tuple(_DIGESTS)
"""The algorithm names accepted by ``signing_headers``, ``HmacAuth`` and ``create_client``."""

_HTTP_VERSION: Final = "HTTP/1.1"


def check_algorithm(algorithm: str) -> str:
    """Return ``algorithm`` if it is supported; otherwise raise a ValueError listing the choices.

    The message leaves the rejected value out on purpose: with several string arguments side by
    side, the value in the wrong place may well be the API secret.
    """
    if not isinstance(algorithm, str) or algorithm not in _DIGESTS:
        allowed = ", ".join(repr(name) for name in ALGORITHMS)
        raise ConfigurationError(f"unsupported HMAC algorithm; use one of {allowed}")
    return algorithm


def content_md5(body: bytes) -> str:
    """Lowercase hex MD5 of the exact body bytes (the ``x-content-md5`` header value)."""
    # MD5 is what the API prescribes for this header: a checksum bound into the HMAC, not a
    # security primitive on its own.
    return hashlib.md5(body, usedforsecurity=False).hexdigest()


def signing_string(method: str, target: str, date: str, md5: str | None) -> str:
    """The text the HMAC covers: the ``date`` line, the md5 line (only with a body), the request line.

    ``target`` is the path and query exactly as sent (still percent-encoded); joined by ``\\n``
    with no trailing newline.
    """
    lines = [f"date: {date}"]
    if md5 is not None:
        lines.append(f"x-content-md5: {md5}")
    lines.append(f"{method.upper()} {target} {_HTTP_VERSION}")
    return "\n".join(lines)


def sign(text: str, api_secret: str, algorithm: str = DEFAULT_ALGORITHM) -> str:
    """Base64 of the HMAC of ``text`` keyed with the API secret, both taken as UTF-8."""
    digest = _DIGESTS[check_algorithm(algorithm)]
    mac = hmac.new(api_secret.encode("utf-8"), text.encode("utf-8"), digest)
    return base64.b64encode(mac.digest()).decode("ascii")


def signing_headers(
    method: str,
    target: str,
    body: bytes,
    *,
    date: str,
    api_key: str,
    api_secret: str,
    algorithm: str = DEFAULT_ALGORITHM,
) -> dict[str, str]:
    """The headers that authenticate one request: ``date``, ``x-content-md5`` and ``Authorization``.

    ``x-content-md5`` is present only when ``body`` is not empty, and the ``headers`` list in
    ``Authorization`` names exactly the lines that were signed. The arguments after ``body`` are
    keyword-only because they are all strings and swapping two of them would sign garbage.
    """
    check_algorithm(algorithm)
    md5 = content_md5(body) if body else None
    signature = sign(signing_string(method, target, date, md5), api_secret, algorithm)
    signed = "date x-content-md5 request-line" if md5 is not None else "date request-line"
    headers = {"date": date}
    if md5 is not None:
        headers["x-content-md5"] = md5
    headers["Authorization"] = (
        f'hmac username="{api_key}", algorithm="{algorithm}", headers="{signed}", signature="{signature}"'
    )
    return headers
