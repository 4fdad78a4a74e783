from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReceivedMmsEvent")


@_attrs_define
class ReceivedMmsEvent:
    """An inbound MMS as a `RECEIVED_MMS` webhook carries it: the fields of an inbound SMS, with
    `attachments` instead of `content` when there is media. Read leniently: only `reply_id`
    is required.

    """

    reply_id: str
    """ The MMS's ID (a UUID); deduplicate retried callbacks with it. """
    message_id: str | Unset = UNSET
    """ The message this answers (a UUID), if any. """
    account_id: str | Unset = UNSET
    """ The account that received it. """
    content: str | Unset = UNSET
    """ The text, when the MMS carries no media. """
    attachments: list[MmsAttachment] | Unset = UNSET
    """ The media, when there is any (then there is no `content`). """
    source_number: str | Unset = UNSET
    """ The handset that sent it. """
    destination_number: str | Unset = UNSET
    """ Your number it was sent to. """
    date_received: str | Unset = UNSET
    """ When it was received (ISO 8601, UTC). """
    metadata: EventMetadata | Unset = UNSET
    """ The `metadata` of the message the event is about, as it was sent. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reply_id = self.reply_id

        message_id = self.message_id

        account_id = self.account_id

        content = self.content

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        source_number = self.source_number

        destination_number = self.destination_number

        date_received = self.date_received

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reply_id": reply_id,
            }
        )
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if account_id is not UNSET:
            field_dict["account_id"] = account_id
        if content is not UNSET:
            field_dict["content"] = content
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if source_number is not UNSET:
            field_dict["source_number"] = source_number
        if destination_number is not UNSET:
            field_dict["destination_number"] = destination_number
        if date_received is not UNSET:
            field_dict["date_received"] = date_received
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reply_id = d.pop("reply_id")

        message_id = d.pop("message_id", UNSET)

        account_id = d.pop("account_id", UNSET)

        content = d.pop("content", UNSET)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[MmsAttachment] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = MmsAttachment.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        source_number = d.pop("source_number", UNSET)

        destination_number = d.pop("destination_number", UNSET)

        date_received = d.pop("date_received", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: EventMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = EventMetadata.from_dict(_metadata)

        received_mms_event = cls(
            reply_id=reply_id,
            message_id=message_id,
            account_id=account_id,
            content=content,
            attachments=attachments,
            source_number=source_number,
            destination_number=destination_number,
            date_received=date_received,
            metadata=metadata,
        )

        received_mms_event.additional_properties = d
        return received_mms_event

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
from ..models.event_metadata import EventMetadata  # noqa: E402
from ..models.mms_attachment import MmsAttachment  # noqa: E402
