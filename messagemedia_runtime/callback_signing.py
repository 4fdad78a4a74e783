"""Check (and, for tests, make) the RSA signature of a callback the API sends.

With secure callbacks on and a signature key enabled, the API signs each callback with the key's
private half and sends::

    X-MessageMedia-Signature: base64 RSASSA-PKCS1-v1_5 signature
    X-MessageMedia-Digest-Type: SHA224 | SHA256 | SHA512   (also spelt SHA-512)
    X-MessageMedia-Cipher-Type: RSA
    X-MessageMedia-Key-Id: the signature key's key_id
    Date: an HTTP date

The signed bytes are ``<METHOD> <path?query> HTTP/1.1``, then the ``Date`` value, then the raw
body, with nothing between them. So the check must see the body exactly as it arrived (verify
before parsing, never a re-serialised body) and the path and query the API called, which a proxy
that rewrites paths changes (``public_target``). Header names are read without regard to case
(``X-Messagemedia-...`` arrives too).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import email.utils
import math
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias
from urllib.parse import urlsplit

from .callback_errors import (
    CallbackDateInFutureError,
    CallbackTooOldError,
    DigestMismatchError,
    DuplicateCallbackHeaderError,
    InvalidSignatureError,
    MalformedCallbackDateError,
    MissingCallbackHeaderError,
    UnknownKeyError,
    UnsupportedAlgorithmError,
)
from .callback_keys import DIGESTS, CallbackKey, Keys, find_key, normalise_digest
from .errors import ConfigurationError

if TYPE_CHECKING:
    from types import ModuleType

    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

__all__ = [
    "CIPHER_HEADER",
    "DIGEST_HEADER",
    "KEY_ID_HEADER",
    "SIGNATURE_HEADER",
    "Headers",
    "PublicTarget",
    "VerifiedSignature",
    "callback_target",
    "read_headers",
    "sign_callback",
    "signed_message",
    "verify_callback",
    "verify_read_headers",
]

SIGNATURE_HEADER = "X-MessageMedia-Signature"
DIGEST_HEADER = "X-MessageMedia-Digest-Type"
CIPHER_HEADER = "X-MessageMedia-Cipher-Type"
KEY_ID_HEADER = "X-MessageMedia-Key-Id"
DATE_HEADER = "Date"
CONTENT_TYPE_HEADER = "Content-Type"
_WANTED = {
    name.lower(): name
    for name in (
        SIGNATURE_HEADER,
        DIGEST_HEADER,
        CIPHER_HEADER,
        KEY_ID_HEADER,
        DATE_HEADER,
        CONTENT_TYPE_HEADER,
    )
}
# A header's lower-cased name, as str or as bytes (ASGI), -> the str name: one lookup per header.
_LOOKUP: dict[object, str] = {**{name: name for name in _WANTED}, **{name.encode(): name for name in _WANTED}}
# The spellings that arrive (lower case from ASGI servers, the API's own, the demo's, Werkzeug's
# title case) are found without lower-casing; any other name is lower-cased only when its length
# is one of these names' lengths, so most of a request's headers cost one lookup.
_EXACT: dict[object, str] = {
    **_LOOKUP,
    **{canonical: name for name, canonical in _WANTED.items()},
    **{canonical.replace("MessageMedia", "Messagemedia"): name for name, canonical in _WANTED.items()},
}
_LENGTHS = frozenset(len(name) for name in _WANTED)

# Headers as a framework gives them: a mapping (dict, Starlette's or Werkzeug's Headers, httpx's),
# or (name, value) pairs, as str or as the bytes of an ASGI scope.
Headers: TypeAlias = Mapping[str, str] | Iterable[tuple[str, str]] | Iterable[tuple[bytes, bytes]]
# How the target the API signed is found from the one that arrived (see callback_target).
PublicTarget: TypeAlias = str | Callable[[str], str] | None

_crypto: ModuleType | None = None


def _crypto_module() -> ModuleType:
    global _crypto  # noqa: PLW0603 - imported on first use, so that importing the client stays free of it
    if _crypto is None:
        from . import callback_crypto

        _crypto = callback_crypto
    return _crypto


class VerifiedSignature(NamedTuple):
    """What a verified callback was signed with: the key ID, the digest and the ``Date`` it carried."""

    key_id: str
    digest: str
    date: str


def read_headers(headers: Headers) -> dict[str, str]:
    """The signing headers and ``Content-Type``, by lower-case name; a signing header that comes
    twice with different values fails (which one was signed is unknown)."""
    # Starlette's and Werkzeug's Headers list every repeated field in items().
    pairs: Iterable[tuple[Any, Any]]
    if type(headers) is dict:
        pairs = headers.items()
    elif isinstance(raw := getattr(headers, "raw", None), list):
        pairs = raw  # Starlette's Headers: its (bytes, bytes) pairs, without decoding every one
    elif isinstance(headers, Mapping):
        pairs = headers.items()
    else:
        pairs = headers
    found: dict[str, str] = {}
    exact, lookup, lengths = _EXACT, _LOOKUP, _LENGTHS
    for raw_name, raw_value in pairs:
        name = exact.get(raw_name)
        if name is None and len(raw_name) in lengths:
            name = lookup.get(raw_name.lower())  # str and bytes both have lower()
        if name is not None:
            value = raw_value if isinstance(raw_value, str) else raw_value.decode("latin-1")
            if name in found and found[name] != value and name != "content-type":
                raise DuplicateCallbackHeaderError(_WANTED[name])
            found[name] = value
    return found


def callback_target(target: str | bytes, public_target: PublicTarget = None) -> str:
    """The request target the API signed, from the one that arrived.

    ``public_target`` is for a proxy between the API and this code that rewrites the path:
    ``None`` takes the target as it arrived; a string is the path the API called (the
    ``callback_url``'s path, or the whole URL), to which the query that arrived is added unless it
    has a query of its own; a function gets the target that arrived and returns the one the API
    called (``lambda target: "/api" + target`` for a proxy that strips ``/api``).
    """
    received = target.decode("latin-1") if isinstance(target, bytes) else target
    if public_target is None:
        return received
    if callable(public_target):
        return public_target(received)
    public = public_target
    if "://" in public:
        parts = urlsplit(public)
        public = parts.path or "/"
        if parts.query:
            public = f"{public}?{parts.query}"
    if "?" not in public:
        _, mark, query = received.partition("?")
        if mark:
            public = f"{public}?{query}"
    return public


def signed_message(method: str, target: str | bytes, date: str, body: bytes | str) -> bytes:
    """The bytes the API signs: ``<METHOD> <target> HTTP/1.1``, the ``Date`` value, the raw body."""
    target_bytes = target if isinstance(target, bytes) else target.encode("utf-8")
    body_bytes = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    return b"".join(
        (method.encode("ascii"), b" ", target_bytes, b" HTTP/1.1", date.encode("latin-1"), body_bytes)
    )


def checked_max_age(max_age: object) -> float | None:
    """``max_age`` in seconds (None: any age), or a ``ConfigurationError``: a value that cannot be a
    limit (text, NaN, zero or less) would refuse every callback or none, and must not look like one."""
    if max_age is None:
        return None
    seconds = max_age.total_seconds() if isinstance(max_age, dt.timedelta) else max_age
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 < seconds < math.inf:
        raise ConfigurationError("max_age must be a positive number of seconds, or a timedelta, or None")
    return float(seconds)


def _check_age(date: str, max_age: float | dt.timedelta, now: float | dt.datetime | None) -> None:
    limit = checked_max_age(max_age) or 0.0
    try:
        sent = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError):
        raise MalformedCallbackDateError(
            "the callback's Date header is not an HTTP date, so its age cannot be checked"
        ) from None
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=dt.UTC)
    if now is None:
        current = time.time()
    elif isinstance(now, dt.datetime):
        current = (now if now.tzinfo else now.replace(tzinfo=dt.UTC)).timestamp()
    else:
        current = float(now)
    age = current - sent.timestamp()
    if age > limit:
        raise CallbackTooOldError(age, limit)
    if age < -limit:
        raise CallbackDateInFutureError(age, limit)


def verify_callback(
    method: str,
    target: str | bytes,
    headers: Headers,
    body: bytes | str,
    *,
    keys: Keys,
    max_age: float | dt.timedelta | None = None,
    now: float | dt.datetime | None = None,
    public_target: PublicTarget = None,
) -> VerifiedSignature:
    """Check a callback's signature; raise a ``CallbackVerificationError`` subclass if it fails.

    ``method``, ``target`` (path and query, as they arrived), ``headers`` and ``body`` (the raw
    bytes, before any parsing) are the request's. ``keys`` maps key IDs to public keys
    (see ``messagemedia_runtime.callback_keys``). ``max_age`` (seconds) also fails a callback whose
    ``Date`` is further than that from ``now`` (this machine's clock), either way; leave it ``None``
    to accept any date (the API's retries may carry the first attempt's date). ``public_target``:
    see ``callback_target``.
    """
    return verify_read_headers(
        method,
        target,
        read_headers(headers),
        body,
        keys=keys,
        max_age=max_age,
        now=now,
        public_target=public_target,
    )


def _decode_signature(text: str) -> bytes:
    try:  # folded lines or stray spaces: the bytes are still the signature's
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidSignatureError("the callback's signature is not base64") from None


def verify_read_headers(
    method: str,
    target: str | bytes,
    found: Mapping[str, str],
    body: bytes | str,
    *,
    keys: Keys,
    max_age: float | dt.timedelta | None = None,
    now: float | dt.datetime | None = None,
    public_target: PublicTarget = None,
) -> VerifiedSignature:
    """``verify_callback`` with the headers already read by ``read_headers`` (lower-case names)."""
    signature_text = found.get("x-messagemedia-signature")
    if signature_text is None:
        raise MissingCallbackHeaderError(SIGNATURE_HEADER)
    key_id = found.get("x-messagemedia-key-id")
    if key_id is None:
        raise MissingCallbackHeaderError(KEY_ID_HEADER)
    digest_name = found.get("x-messagemedia-digest-type")
    if digest_name is None:
        raise MissingCallbackHeaderError(DIGEST_HEADER)
    date = found.get("date")
    if date is None:
        raise MissingCallbackHeaderError(DATE_HEADER)
    cipher = found.get("x-messagemedia-cipher-type")
    if cipher is not None and cipher != "RSA" and cipher.strip().upper() != "RSA":
        raise UnsupportedAlgorithmError(CIPHER_HEADER, cipher)
    digest = normalise_digest(digest_name)
    if digest is None:
        raise UnsupportedAlgorithmError(DIGEST_HEADER, digest_name)
    value = keys.get(key_id) if type(keys) is dict else None  # the common case, without a call
    key = value if type(value) is CallbackKey else find_key(keys, key_id)
    if key is None:
        key_id = key_id.strip()
        key = find_key(keys, key_id)
        if key is None:
            raise UnknownKeyError(key_id)
    if key.digest is not None and key.digest != digest:
        raise DigestMismatchError(key_id, digest, key.digest)
    if max_age is not None:
        _check_age(date, max_age, now)
    try:
        signature = binascii.a2b_base64(signature_text, strict_mode=True)
    except (binascii.Error, ValueError):
        signature = _decode_signature(signature_text)
    if public_target is not None:
        target = callback_target(target, public_target)
    # signed_message, inlined: this runs once per callback, next to a 15 µs RSA check.
    message = b"".join(
        (
            method.encode("ascii"),
            b" ",
            target if isinstance(target, bytes) else target.encode("utf-8"),
            b" HTTP/1.1",
            date.encode("latin-1"),
            body if isinstance(body, bytes) else body.encode("utf-8"),
        )
    )
    crypto = _crypto or _crypto_module()
    try:
        key.public_key.verify(signature, message, crypto.PADDING, crypto.HASHES[digest])
    except crypto.InvalidSignature:
        raise InvalidSignatureError(
            "the callback's signature does not match its method, path, Date and body "
            f"(key {key_id!r}, {digest})"
        ) from None
    return VerifiedSignature(key_id, digest, date)


def format_date(date: str | dt.datetime) -> str:
    """An HTTP date (``Wed, 29 Nov 2017 13:59:00 GMT``) from a datetime (naive = UTC); a string as it is."""
    if isinstance(date, str):
        return date
    if date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    return email.utils.format_datetime(date.astimezone(dt.UTC), usegmt=True)


def sign_callback(
    private_key: str | bytes | RSAPrivateKey,
    method: str,
    target: str | bytes,
    date: str | dt.datetime,
    body: bytes | str,
    *,
    key_id: str,
    digest: str = "SHA256",
) -> dict[str, str]:
    """The headers the API would send with this callback, signed with ``private_key`` (a
    ``cryptography`` RSA private key or unencrypted PEM): for testing a receiver.

    ``date`` is a datetime (naive = UTC) or an HTTP date as it should appear; ``digest`` is
    ``SHA224``, ``SHA256`` or ``SHA512`` (``SHA-512`` too), sent as given.
    """
    canonical = normalise_digest(digest)
    if canonical is None:
        raise ConfigurationError(f"digest must be one of {', '.join(DIGESTS)}, not {digest[:20]!r}")
    crypto = _crypto_module()
    key = crypto.load_private_key(private_key)
    date_text = format_date(date)
    signature = crypto.sign(key, signed_message(method, target, date_text, body), canonical)
    return {
        SIGNATURE_HEADER: base64.b64encode(signature).decode("ascii"),
        DIGEST_HEADER: digest,
        CIPHER_HEADER: "RSA",
        KEY_ID_HEADER: key_id,
        DATE_HEADER: date_text,
    }
