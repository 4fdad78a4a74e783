"""Shared types: ``UNSET``, ``Response``, and the plain-dict forms (``...Param``) of request models.

Every ``...Param`` is a ``TypedDict``: ``client.messages.send(messages=[{"content": "Hi",
"destination_number": "+61491570156"}])`` is checked by mypy like a model would be.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, MutableMapping, Sequence
from http import HTTPStatus
from typing import IO, TYPE_CHECKING, BinaryIO, Generic, Literal, Required, TypedDict, TypeVar
from uuid import UUID

from attrs import define
from messagemedia_runtime.lenient import lenient_datetime, model_repr, parse_datetime
from messagemedia_runtime.unset import UNSET, Unset

if TYPE_CHECKING:
    from .models.format_ import Format
    from .models.message import Message
    from .models.metadata import Metadata
    from .models.signature_key_cipher import SignatureKeyCipher
    from .models.signature_key_digest import SignatureKeyDigest
    from .models.source_number_type import SourceNumberType
    from .models.webhook_encoding import WebhookEncoding
    from .models.webhook_event import WebhookEvent
    from .models.webhook_headers import WebhookHeaders
    from .models.webhook_method import WebhookMethod

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


class AddToBlacklistRequestParam(TypedDict, total=False):
    """The plain form of ``AddToBlacklistRequest``."""

    numbers: Required[Sequence[str]]


class CancelScheduledMessageRequestParam(TypedDict, total=False):
    """The plain form of ``CancelScheduledMessageRequest``."""

    status: Required[Literal["cancelled"]]


class ConfirmDeliveryReportsAsReceivedRequestParam(TypedDict, total=False):
    """The plain form of ``ConfirmDeliveryReportsAsReceivedRequest``."""

    delivery_report_ids: Required[Sequence[UUID | str]]


class ConfirmRepliesAsReceivedRequestParam(TypedDict, total=False):
    """The plain form of ``ConfirmRepliesAsReceivedRequest``."""

    reply_ids: Required[Sequence[UUID | str]]


class CreateSignatureKeyRequestParam(TypedDict, total=False):
    """The plain form of ``CreateSignatureKeyRequest``."""

    digest: Required[SignatureKeyDigest | Literal["SHA224", "SHA256", "SHA512"]]
    cipher: Required[SignatureKeyCipher | Literal["RSA"]]


class CreateWebhookRequestParam(TypedDict, total=False):
    """The plain form of ``CreateWebhookRequest``."""

    url: Required[str]
    method: Required[WebhookMethod | Literal["GET", "POST", "PATCH", "PUT", "DELETE"]]
    encoding: Required[WebhookEncoding | Literal["JSON", "FORM_ENCODED", "XML"]]
    events: Required[
        Sequence[
            WebhookEvent
            | Literal[
                "RECEIVED_SMS",
                "OPT_OUT_SMS",
                "RECEIVED_MMS",
                "ENROUTE_DR",
                "SUBMITTED_DR",
                "DELIVERED_DR",
                "EXPIRED_DR",
                "REJECTED_DR",
                "FAILED_DR",
            ]
        ]
    ]
    headers: WebhookHeaders | Mapping[str, str]
    template: str
    read_timeout: int
    retries: int
    retry_delay: int


class EnableSignatureKeyRequestParam(TypedDict, total=False):
    """The plain form of ``EnableSignatureKeyRequest``."""

    key_id: Required[UUID | str]


class MessageParam(TypedDict, total=False):
    """The plain form of ``Message`` (without the fields only the API sets: message_id, status)."""

    content: Required[str]
    destination_number: Required[str]
    format: Format | Literal["SMS", "MMS", "TTS"]
    source_number: str
    source_number_type: SourceNumberType | Literal["INTERNATIONAL", "ALPHANUMERIC", "SHORTCODE"]
    delivery_report: bool
    callback_url: str
    scheduled: datetime.datetime | str
    message_expiry_timestamp: datetime.datetime | str
    metadata: Metadata | Mapping[str, str]
    media: Sequence[str]
    subject: str


class SendMessagesRequestParam(TypedDict, total=False):
    """The plain form of ``SendMessagesRequest``."""

    messages: Required[Sequence[Message | MessageParam]]


class UpdateWebhookRequestParam(TypedDict, total=False):
    """The plain form of ``UpdateWebhookRequest``."""

    url: str
    method: WebhookMethod | Literal["GET", "POST", "PATCH", "PUT", "DELETE"]
    encoding: WebhookEncoding | Literal["JSON", "FORM_ENCODED", "XML"]
    headers: WebhookHeaders | Mapping[str, str]
    template: str
    events: Sequence[
        WebhookEvent
        | Literal[
            "RECEIVED_SMS",
            "OPT_OUT_SMS",
            "RECEIVED_MMS",
            "ENROUTE_DR",
            "SUBMITTED_DR",
            "DELIVERED_DR",
            "EXPIRED_DR",
            "REJECTED_DR",
            "FAILED_DR",
        ]
    ]


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "lenient_datetime",
    "model_repr",
    "parse_datetime",
    "AddToBlacklistRequestParam",
    "CancelScheduledMessageRequestParam",
    "ConfirmDeliveryReportsAsReceivedRequestParam",
    "ConfirmRepliesAsReceivedRequestParam",
    "CreateSignatureKeyRequestParam",
    "CreateWebhookRequestParam",
    "EnableSignatureKeyRequestParam",
    "MessageParam",
    "SendMessagesRequestParam",
    "UpdateWebhookRequestParam",
]
