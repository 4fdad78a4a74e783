from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.format_ import Format
from ..models.message_status import MessageStatus
from ..models.source_number_type import SourceNumberType
from ..types import UNSET, Unset, lenient_datetime, model_repr

T = TypeVar("T", bound="SentMessage")


def _status_from_str(value: MessageStatus | str) -> MessageStatus:
    """`SentMessage.status` takes a MessageStatus or its string value."""
    if type(value) is str:
        return MessageStatus.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("MessageStatus", value)


def _format__from_str(value: Format | str | Unset) -> Format | Unset:
    """`SentMessage.format_` takes a Format or its string value."""
    if type(value) is str:
        return Format.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("Format | Unset", value)


def _source_number_type_from_str(value: SourceNumberType | str | Unset) -> SourceNumberType | Unset:
    """`SentMessage.source_number_type` takes a SourceNumberType or its string value."""
    if type(value) is str:
        return SourceNumberType.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("SourceNumberType | Unset", value)


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class SentMessage:
    """A message as the API returns it: everything it was sent with, plus the `message_id` and
    `status` the API set, which are always present here.

    """

    content: str
    """ The text of the message (any Unicode), 1 to 5000 characters. For TTS, what is read aloud. """
    destination_number: str
    """ A destination number in E.164 format, as the API accepts it: `+` then 8 to 15 digits,
    the first not 0, e.g. `+61491570156`.
     """
    message_id: UUID
    """ The ID the API gave the message. Set by the API, never sent. """
    status: MessageStatus = _attrs_field(converter=_status_from_str)
    """ Where a message is in its life, as the API reports it. A send answers `queued` (or
    `scheduled` until its scheduled time); the message then moves through `processing`,
    `processed`, `enroute` and `submitted` and ends `delivered`, `expired`, `rejected` or
    `failed` (the delivery report's `error_code` says why), or `cancelled` if it was cancelled
    while scheduled. `held` is a message held for screening (error code 151); `read` and
    `undefined` are also sent by the API, which gives them no further meaning. The list is
    open: a value not listed here, such as the `undeliverable` of older API versions, still
    parses.
     """
    format_: Format | Unset = _attrs_field(default=UNSET, converter=_format__from_str)
    """ How the message is delivered. `SMS` is a text message, `MMS` a multimedia message with
    `media` and `subject`, `TTS` a phone call that reads `content` aloud.
     """
    source_number: str | Unset = UNSET
    """ The sender: an E.164 number, an alphanumeric tag of 3 to 11 characters, or a short
    code. It must be registered to the account. Leave it out to use the account's default.
     """
    source_number_type: SourceNumberType | Unset = _attrs_field(default=UNSET, converter=_source_number_type_from_str)
    """ What kind of sender `source_number` is. Only meaningful together with `source_number`. """
    delivery_report: bool | Unset = False
    """ When true, the API makes delivery reports for this message. """
    callback_url: str | Unset = UNSET
    """ Replies and delivery reports for this message are POSTed to this URL. """
    scheduled: datetime.datetime | Unset = UNSET
    """ When to send the message (UTC, ISO 8601). Leave it out to send now. """
    message_expiry_timestamp: datetime.datetime | Unset = UNSET
    """ Discard the message if it has not been delivered by this time. """
    metadata: Metadata | Unset = UNSET
    """ Your own key/value pairs, at most 10, echoed back in the message's replies and delivery
    reports. Keys up to 100 characters, values up to 256.
     """
    media: list[str] | Unset = UNSET
    """ Image URLs (png, jpeg or gif) to attach. MMS only. """
    subject: str | Unset = UNSET
    """ The MMS subject line, up to 64 characters. MMS only. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        content: Any = self.content
        if content is not UNSET:
            field_dict["content"] = content

        destination_number: Any = self.destination_number
        if destination_number is not UNSET:
            field_dict["destination_number"] = destination_number

        message_id: Any = self.message_id
        if message_id is not UNSET:
            field_dict["message_id"] = str(message_id) if isinstance(message_id, UUID) else message_id

        status: Any = self.status
        if status is not UNSET:
            field_dict["status"] = status.value if isinstance(status, MessageStatus) else status

        format_: Any = self.format_
        if format_ is not UNSET:
            field_dict["format"] = format_.value if isinstance(format_, Format) else format_

        source_number: Any = self.source_number
        if source_number is not UNSET:
            field_dict["source_number"] = source_number

        source_number_type: Any = self.source_number_type
        if source_number_type is not UNSET:
            field_dict["source_number_type"] = (
                source_number_type.value if isinstance(source_number_type, SourceNumberType) else source_number_type
            )

        delivery_report: Any = self.delivery_report
        if delivery_report is not UNSET:
            field_dict["delivery_report"] = delivery_report

        callback_url: Any = self.callback_url
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

        scheduled: Any = self.scheduled
        if scheduled is not UNSET:
            field_dict["scheduled"] = (
                scheduled.isoformat().replace("+00:00", "Z") if isinstance(scheduled, datetime.datetime) else scheduled
            )

        message_expiry_timestamp: Any = self.message_expiry_timestamp
        if message_expiry_timestamp is not UNSET:
            field_dict["message_expiry_timestamp"] = (
                message_expiry_timestamp.isoformat().replace("+00:00", "Z")
                if isinstance(message_expiry_timestamp, datetime.datetime)
                else message_expiry_timestamp
            )

        metadata: Any = self.metadata
        if metadata is not UNSET:
            field_dict["metadata"] = metadata.to_dict() if isinstance(metadata, Metadata) else metadata

        media: Any = self.media
        if media is not UNSET:
            field_dict["media"] = media

        subject: Any = self.subject
        if subject is not UNSET:
            field_dict["subject"] = subject

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Reads the model from JSON data leniently; it never raises for the content of a field.

        A field that is absent stays UNSET, also one the spec requires (`missing_fields` lists
        those). A value that cannot be read as the field's type stays UNSET too, and its raw value
        is kept unchanged in `additional_properties` under its own name (`unreadable_fields` lists
        those; `model["name"]` reads one). A date-time that is not RFC 3339 is read with dateutil;
        one without an offset is taken as UTC. `to_dict()` writes back what came in.
        """
        d = dict(src_dict)
        content = d.pop("content", UNSET)
        if not isinstance(content, str) and content is not UNSET:
            d["content"] = content
            content = UNSET

        destination_number = d.pop("destination_number", UNSET)
        if not isinstance(destination_number, str) and destination_number is not UNSET:
            d["destination_number"] = destination_number
            destination_number = UNSET

        _message_id_raw = d.pop("message_id", UNSET)
        message_id: Any = UNSET
        if _message_id_raw is not UNSET:
            try:
                message_id = UUID(_message_id_raw)
            except (TypeError, ValueError, AttributeError):
                d["message_id"] = _message_id_raw

        _status_raw = d.pop("status", UNSET)
        status: Any = UNSET
        if _status_raw is not UNSET:
            try:
                status = MessageStatus.parse(_status_raw)
            except (TypeError, ValueError):
                d["status"] = _status_raw

        _format__raw = d.pop("format", UNSET)
        format_: Format | Unset = UNSET
        if _format__raw is not UNSET:
            try:
                format_ = Format.parse(_format__raw)
            except (TypeError, ValueError):
                d["format"] = _format__raw

        source_number = d.pop("source_number", UNSET)
        if not isinstance(source_number, str) and source_number is not UNSET:
            d["source_number"] = source_number
            source_number = UNSET

        _source_number_type_raw = d.pop("source_number_type", UNSET)
        source_number_type: SourceNumberType | Unset = UNSET
        if _source_number_type_raw is not UNSET:
            try:
                source_number_type = SourceNumberType.parse(_source_number_type_raw)
            except (TypeError, ValueError):
                d["source_number_type"] = _source_number_type_raw

        delivery_report = d.pop("delivery_report", UNSET)
        if not isinstance(delivery_report, bool) and delivery_report is not UNSET:
            d["delivery_report"] = delivery_report
            delivery_report = UNSET

        callback_url = d.pop("callback_url", UNSET)
        if not isinstance(callback_url, str) and callback_url is not UNSET:
            d["callback_url"] = callback_url
            callback_url = UNSET

        _scheduled_raw = d.pop("scheduled", UNSET)
        scheduled: datetime.datetime | Unset = UNSET
        if _scheduled_raw is not UNSET:
            try:
                scheduled = datetime.datetime.fromisoformat(_scheduled_raw.upper())
            except (TypeError, ValueError, AttributeError):
                scheduled = lenient_datetime(_scheduled_raw)
                if scheduled is UNSET:
                    d["scheduled"] = _scheduled_raw
            else:
                if scheduled.tzinfo is None:
                    scheduled = scheduled.replace(tzinfo=datetime.UTC)

        _message_expiry_timestamp_raw = d.pop("message_expiry_timestamp", UNSET)
        message_expiry_timestamp: datetime.datetime | Unset = UNSET
        if _message_expiry_timestamp_raw is not UNSET:
            try:
                message_expiry_timestamp = datetime.datetime.fromisoformat(_message_expiry_timestamp_raw.upper())
            except (TypeError, ValueError, AttributeError):
                message_expiry_timestamp = lenient_datetime(_message_expiry_timestamp_raw)
                if message_expiry_timestamp is UNSET:
                    d["message_expiry_timestamp"] = _message_expiry_timestamp_raw
            else:
                if message_expiry_timestamp.tzinfo is None:
                    message_expiry_timestamp = message_expiry_timestamp.replace(tzinfo=datetime.UTC)

        _metadata_raw = d.pop("metadata", UNSET)
        metadata: Metadata | Unset = UNSET
        if isinstance(_metadata_raw, dict):
            metadata = Metadata.from_dict(_metadata_raw)
        elif _metadata_raw is not UNSET:
            d["metadata"] = _metadata_raw

        _media_raw = d.pop("media", UNSET)
        media: list[str] | Unset = UNSET
        if isinstance(_media_raw, list):
            if all(isinstance(_media_item, str) for _media_item in _media_raw):
                media = _media_raw
            else:
                d["media"] = _media_raw
        elif _media_raw is not UNSET:
            d["media"] = _media_raw

        subject = d.pop("subject", UNSET)
        if not isinstance(subject, str) and subject is not UNSET:
            d["subject"] = subject
            subject = UNSET

        sent_message = cls.__new__(cls)
        sent_message.content = content
        sent_message.destination_number = destination_number
        sent_message.message_id = message_id
        sent_message.status = status
        sent_message.format_ = format_
        sent_message.source_number = source_number
        sent_message.source_number_type = source_number_type
        sent_message.delivery_report = delivery_report
        sent_message.callback_url = callback_url
        sent_message.scheduled = scheduled
        sent_message.message_expiry_timestamp = message_expiry_timestamp
        sent_message.metadata = metadata
        sent_message.media = media
        sent_message.subject = subject

        sent_message.additional_properties = d
        return sent_message

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (
            ("content", self.content),
            ("destination_number", self.destination_number),
            ("message_id", self.message_id),
            ("status", self.status),
        )
        return [name for name, value in fields if value is UNSET and name not in self.additional_properties]

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = (
            "content",
            "destination_number",
            "message_id",
            "status",
            "format",
            "source_number",
            "source_number_type",
            "delivery_report",
            "callback_url",
            "scheduled",
            "message_expiry_timestamp",
            "metadata",
            "media",
            "subject",
        )
        return [name for name in names if name in self.additional_properties]

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "content",
                "destination_number",
                "message_id",
                "status",
                "format_",
                "source_number",
                "source_number_type",
                "delivery_report",
                "callback_url",
                "scheduled",
                "message_expiry_timestamp",
                "metadata",
                "media",
                "subject",
            ),
        )

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Models that refer to each other import each other here, after the class exists, so that any
# import order works; not inside from_dict/to_dict, where the import statement ran on every call.
from ..models.metadata import Metadata  # noqa: E402
