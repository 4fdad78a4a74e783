from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.format_ import Format
from ..models.message_status import MessageStatus
from ..models.source_number_type import SourceNumberType
from ..types import UNSET, Unset

T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """One message. In a send request only `content` and `destination_number` are required; the
    API answers with the same message plus `message_id` and `status`, which it sets itself.

    """

    content: str
    """ The text of the message (any Unicode), 1 to 5000 characters. For TTS, what is read aloud. """
    destination_number: str
    """ A destination number in E.164 format, as the API accepts it: `+` then 8 to 15 digits,
    the first not 0, e.g. `+61491570156`.
     """
    message_id: UUID | Unset = UNSET
    """ The ID the API gave the message. Set by the API, never sent. """
    status: MessageStatus | Unset = UNSET
    """ Where a message is in its life, as the API reports it. A send answers `queued` (or
    `scheduled` until its scheduled time); the message then moves through `processing`,
    `processed`, `enroute` and `submitted` and ends `delivered`, `expired`, `rejected` or
    `failed` (the delivery report's `error_code` says why), or `cancelled` if it was cancelled
    while scheduled. `held` is a message held for screening (error code 151); `read` and
    `undefined` are also sent by the API, which gives them no further meaning. The list is
    open: a value not listed here, such as the `undeliverable` of older API versions, still
    parses.
     """
    format_: Format | Unset = UNSET
    """ How the message is delivered. `SMS` is a text message, `MMS` a multimedia message with
    `media` and `subject`, `TTS` a phone call that reads `content` aloud.
     """
    source_number: str | Unset = UNSET
    """ The sender: an E.164 number, an alphanumeric tag of 3 to 11 characters, or a short
    code. It must be registered to the account. Leave it out to use the account's default.
     """
    source_number_type: SourceNumberType | Unset = UNSET
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
        content = self.content

        destination_number = self.destination_number

        message_id: str | Unset = UNSET
        if not isinstance(self.message_id, Unset):
            message_id = str(self.message_id)

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        source_number = self.source_number

        source_number_type: str | Unset = UNSET
        if not isinstance(self.source_number_type, Unset):
            source_number_type = self.source_number_type.value

        delivery_report = self.delivery_report

        callback_url = self.callback_url

        scheduled: str | Unset = UNSET
        if not isinstance(self.scheduled, Unset):
            scheduled = self.scheduled.isoformat().replace("+00:00", "Z")

        message_expiry_timestamp: str | Unset = UNSET
        if not isinstance(self.message_expiry_timestamp, Unset):
            message_expiry_timestamp = self.message_expiry_timestamp.isoformat().replace("+00:00", "Z")

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        media: list[str] | Unset = UNSET
        if not isinstance(self.media, Unset):
            media = self.media

        subject = self.subject

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "destination_number": destination_number,
            }
        )
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if status is not UNSET:
            field_dict["status"] = status
        if format_ is not UNSET:
            field_dict["format"] = format_
        if source_number is not UNSET:
            field_dict["source_number"] = source_number
        if source_number_type is not UNSET:
            field_dict["source_number_type"] = source_number_type
        if delivery_report is not UNSET:
            field_dict["delivery_report"] = delivery_report
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if scheduled is not UNSET:
            field_dict["scheduled"] = scheduled
        if message_expiry_timestamp is not UNSET:
            field_dict["message_expiry_timestamp"] = message_expiry_timestamp
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if media is not UNSET:
            field_dict["media"] = media
        if subject is not UNSET:
            field_dict["subject"] = subject

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content = d.pop("content")

        destination_number = d.pop("destination_number")

        _message_id = d.pop("message_id", UNSET)
        message_id: UUID | Unset
        if isinstance(_message_id, Unset):
            message_id = UNSET
        else:
            message_id = UUID(_message_id)

        _status = d.pop("status", UNSET)
        status: MessageStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = MessageStatus.parse(_status)

        _format_ = d.pop("format", UNSET)
        format_: Format | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = Format.parse(_format_)

        source_number = d.pop("source_number", UNSET)

        _source_number_type = d.pop("source_number_type", UNSET)
        source_number_type: SourceNumberType | Unset
        if isinstance(_source_number_type, Unset):
            source_number_type = UNSET
        else:
            source_number_type = SourceNumberType.parse(_source_number_type)

        delivery_report = d.pop("delivery_report", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        _scheduled = d.pop("scheduled", UNSET)
        scheduled: datetime.datetime | Unset
        if isinstance(_scheduled, Unset):
            scheduled = UNSET
        else:
            scheduled = datetime.datetime.fromisoformat(_scheduled.upper())

        _message_expiry_timestamp = d.pop("message_expiry_timestamp", UNSET)
        message_expiry_timestamp: datetime.datetime | Unset
        if isinstance(_message_expiry_timestamp, Unset):
            message_expiry_timestamp = UNSET
        else:
            message_expiry_timestamp = datetime.datetime.fromisoformat(_message_expiry_timestamp.upper())

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        media = cast(list[str], d.pop("media", UNSET))

        subject = d.pop("subject", UNSET)

        message = cls(
            content=content,
            destination_number=destination_number,
            message_id=message_id,
            status=status,
            format_=format_,
            source_number=source_number,
            source_number_type=source_number_type,
            delivery_report=delivery_report,
            callback_url=callback_url,
            scheduled=scheduled,
            message_expiry_timestamp=message_expiry_timestamp,
            metadata=metadata,
            media=media,
            subject=subject,
        )

        message.additional_properties = d
        return message

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
