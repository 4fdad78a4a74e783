"""What receiving a callback can raise: a signature that does not verify, or a body that cannot be read.

Each class says what failed, so a receiver can log it and answer 401 (verification) or 400 (the
body). No message here ever holds a signature, a key's material, a header's value other than a
key ID or digest name, or any of the body: exceptions end up in logs.
"""

from __future__ import annotations

from .errors import MessageMediaError

__all__ = [
    "CallbackDateInFutureError",
    "CallbackPayloadError",
    "CallbackTooOldError",
    "CallbackVerificationError",
    "DigestMismatchError",
    "DuplicateCallbackHeaderError",
    "InvalidSignatureError",
    "MalformedCallbackDateError",
    "MissingCallbackHeaderError",
    "UnknownKeyError",
    "UnrecognisedEventError",
    "UnsupportedAlgorithmError",
]


class CallbackVerificationError(MessageMediaError):
    """A callback's signature was not accepted: answer 401 and do not act on the body."""


class MissingCallbackHeaderError(CallbackVerificationError):
    """A header the signature needs is absent (``header`` names it): the callback is unsigned,
    or something between the API and this code dropped the header."""

    def __init__(self, header: str) -> None:
        super().__init__(f"the callback has no {header} header, so its signature cannot be checked")
        self.header = header


class DuplicateCallbackHeaderError(CallbackVerificationError):
    """A signing header came more than once with different values: which one was signed is unknown."""

    def __init__(self, header: str) -> None:
        super().__init__(f"the callback has more than one {header} header, with different values")
        self.header = header


class UnknownKeyError(CallbackVerificationError):
    """``X-MessageMedia-Key-Id`` names a key that is not among the keys given (``key_id``).

    After a key rotation, add the new key's ID and public key to ``keys`` before enabling it."""

    def __init__(self, key_id: str) -> None:
        # Whatever the header held, at most 100 characters of it reach a log.
        super().__init__(
            f"the callback was signed with key {key_id[:100]!r}, which is not among the keys given"
        )
        self.key_id = key_id


class UnsupportedAlgorithmError(CallbackVerificationError):
    """The digest or cipher the callback names is not one the API uses (SHA224/256/512 with RSA)."""

    def __init__(self, header: str, value: str) -> None:
        # The value is an algorithm's name, at most 20 characters of it: nothing secret.
        super().__init__(f"the callback's {header} {value[:20]!r} is not supported")
        self.header = header
        self.value = value


class DigestMismatchError(CallbackVerificationError):
    """The callback names another digest than the one its key was made with."""

    def __init__(self, key_id: str, digest: str, expected: str) -> None:
        super().__init__(f"the callback names digest {digest} but key {key_id!r} signs with {expected}")
        self.key_id = key_id
        self.digest = digest
        self.expected = expected


class InvalidSignatureError(CallbackVerificationError):
    """The signature does not match the method, target, ``Date`` and body that arrived: the
    callback was altered, signed with another key, or a proxy changed the path (see ``public_target``)."""


class MalformedCallbackDateError(CallbackVerificationError):
    """The ``Date`` header is not an HTTP date, so the callback's age (``max_age``) cannot be checked."""


class CallbackTooOldError(CallbackVerificationError):
    """The callback's ``Date`` is more than ``max_age`` seconds in the past (``age``, in seconds)."""

    def __init__(self, age: float, max_age: float) -> None:
        super().__init__(f"the callback is dated {age:.0f} s ago, more than the {max_age:g} s allowed")
        self.age = age
        self.max_age = max_age


class CallbackDateInFutureError(CallbackVerificationError):
    """The callback's ``Date`` is more than ``max_age`` seconds ahead of this machine's clock."""

    def __init__(self, age: float, max_age: float) -> None:
        super().__init__(f"the callback is dated {-age:.0f} s ahead, more than the {max_age:g} s allowed")
        self.age = age
        self.max_age = max_age


class CallbackPayloadError(MessageMediaError, ValueError):
    """A callback's body cannot be read: not JSON or form data, not an object, or not decodable.

    Answer 400. The message says why, never what the body holds."""


class UnrecognisedEventError(CallbackPayloadError):
    """The body is readable but has none of the fields that tell which event it is (``fields``:
    the names it has). A webhook with a template of its own can name its event: ``event_type=``."""

    def __init__(self, message: str, *, fields: list[str]) -> None:
        super().__init__(message)
        self.fields = fields
