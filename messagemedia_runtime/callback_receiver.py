"""What a callback receiver does, whatever the web framework: verify, parse, answer.

The ASGI and WSGI adapters (``callback_asgi``, ``callback_wsgi``) read the request and call the
handler; this module decides everything else, the same way for both:

- a body larger than ``max_body`` gets 413, before it is read;
- a signature that does not verify gets 401 (verification is on unless ``verify=False`` is said
  explicitly: with no ``keys`` and no ``verify=False`` the receiver cannot be made);
- a body that cannot be read, or whose event cannot be told, gets 400;
- the handler's own failure gets 500, so the API delivers the callback again;
- only a handler that returned gets 204: the API counts any 2XX as delivered.

Answers and log records say what failed, never a header's value, a key or the body.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .callback_errors import CallbackPayloadError, CallbackVerificationError
from .callback_keys import CallbackKeyring, Keys
from .callback_parsing import EventParser
from .callback_signing import Headers, PublicTarget, checked_max_age, read_headers, verify_read_headers
from .errors import ConfigurationError

__all__ = ["DEFAULT_MAX_BODY", "Answer", "CallbackCore"]

E = TypeVar("E")

# Inbound MMS carry their media base64 in the body; a few megabytes of pictures fit well under this.
DEFAULT_MAX_BODY = 16 * 1024 * 1024

logger = logging.getLogger("messagemedia.callbacks")


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status and JSON body (``{"message": ...}``, or nothing for 204)."""

    status: int
    message: str | None = None

    @property
    def reason(self) -> str:
        return _REASONS.get(self.status, "Error")

    @property
    def body(self) -> bytes:
        return b"" if self.message is None else json.dumps({"message": self.message}).encode("utf-8")

    @property
    def headers(self) -> list[tuple[str, str]]:
        if self.message is None:
            return []
        return [("Content-Type", "application/json"), ("Content-Length", str(len(self.body)))]


_REASONS = {
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    413: "Content Too Large",
    500: "Internal Server Error",
}
ACCEPTED = Answer(204)
TOO_LARGE = Answer(413, "the callback's body is larger than this receiver accepts")
HANDLER_FAILED = Answer(500, "the callback was not processed; deliver it again")
NOT_VERIFIED = Answer(401, "the callback's signature was not accepted")


def _pairs(headers: Headers) -> list[tuple[str, str]]:
    items: Any = headers.items() if isinstance(headers, Mapping) else headers
    return [
        (
            (name.decode("latin-1") if isinstance(name, bytes) else name).lower(),
            value.decode("latin-1") if isinstance(value, bytes) else value,
        )
        for name, value in items
    ]


class CallbackCore(Generic[E]):
    """The settings of one receiver and the steps every adapter takes with them."""

    def __init__(
        self,
        parser: EventParser[E],
        *,
        keys: Keys | None,
        verify: bool,
        max_age: float | dt.timedelta | None,
        public_target: PublicTarget,
        max_body: int,
        event_type: str | type[Any] | None,
    ) -> None:
        if verify and not keys:
            raise ConfigurationError(
                "a callback receiver needs keys to verify signatures (key ID -> public key); "
                "to accept unsigned callbacks, say verify=False"
            )
        if not verify and keys:
            raise ConfigurationError("keys were given with verify=False: drop one of them")
        if max_body < 1:
            raise ConfigurationError("max_body must be a positive number of bytes")
        self.parser = parser
        self.keys = CallbackKeyring(keys) if verify and keys is not None else None
        self.max_age = checked_max_age(max_age)  # refused here, not at the first callback
        self.public_target = public_target
        self.max_body = max_body
        self.event_type = None if event_type is None else parser.type_named(event_type).name

    def read(self, method: str, target: str | bytes, headers: Headers, body: bytes) -> E | Answer:
        """The verified, parsed event, or the answer to give when it is not one."""
        try:
            # Read once; this also fails a signing header sent twice with different values.
            found = read_headers(headers)
            if self.keys is not None:
                verify_read_headers(
                    method,
                    target,
                    found,
                    body,
                    keys=self.keys,
                    max_age=self.max_age,
                    public_target=self.public_target,
                )
        except CallbackVerificationError as error:
            if self.keys is not None:
                logger.warning("callback refused (401): %s: %s", type(error).__name__, error)
                return NOT_VERIFIED
            found = {k: v for k, v in _pairs(headers) if k == "content-type"}
        content_type = found.get("content-type")
        raw_target = target.decode("latin-1") if isinstance(target, bytes) else target
        _, _, query = raw_target.partition("?")
        try:
            event = self.parser.parse(body, content_type, event_type=self.event_type, query=query or None)
        except CallbackPayloadError as error:
            logger.warning("callback refused (400): %s: %s", type(error).__name__, error)
            return Answer(400, str(error))
        return event

    def describe(self, event: E) -> str:
        return f"{self.parser.event_type_of(event)} {self.parser.event_id(event)}"

    def handler_failed(self, event: E, error: BaseException) -> Answer:
        # The handler is the application's code: its traceback is what its developers need.
        logger.error(
            "callback handler raised %s for %s; answered 500 so that the API delivers it again",
            type(error).__name__,
            self.describe(event),
            exc_info=error,
        )
        return HANDLER_FAILED

    def handled(self, event: E) -> Answer:
        logger.debug("callback handled: %s", self.describe(event))
        return ACCEPTED
