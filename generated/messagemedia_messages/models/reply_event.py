from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReplyEvent")


@_attrs_define
class ReplyEvent:
    """An inbound SMS (usually a reply) as a callback carries it, to a message's `callback_url`
    or to a `RECEIVED_SMS` webhook. Read leniently: only `reply_id` is required.

    """

    reply_id: str
    """ The reply's ID (a UUID); deduplicate retried callbacks with it. """
    message_id: str | Unset = UNSET
    """ The message this answers (a UUID); absent for an SMS that answers none. """
    account_id: str | Unset = UNSET
    """ The account that received it (default webhook payload). """
    content: str | Unset = UNSET
    """ What the handset sent. """
    source_number: str | Unset = UNSET
    """ The handset that sent it. """
    destination_number: str | Unset = UNSET
    """ Your number it was sent to; absent when the message answered had no `source_number`. """
    date_received: str | Unset = UNSET
    """ When it was received (ISO 8601, UTC). """
    callback_url: str | Unset = UNSET
    """ The original message's `callback_url`, in callbacks sent there. """
    metadata: EventMetadata | Unset = UNSET
    """ The `metadata` of the message the event is about, as it was sent. """
    vendor_account_id: VendorAccountId | Unset = UNSET
    """ The vendor and account a reply or delivery report belongs to. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reply_id = self.reply_id

        message_id = self.message_id

        account_id = self.account_id

        content = self.content

        source_number = self.source_number

        destination_number = self.destination_number

        date_received = self.date_received

        callback_url = self.callback_url

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        vendor_account_id: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vendor_account_id, Unset):
            vendor_account_id = self.vendor_account_id.to_dict()

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
        if source_number is not UNSET:
            field_dict["source_number"] = source_number
        if destination_number is not UNSET:
            field_dict["destination_number"] = destination_number
        if date_received is not UNSET:
            field_dict["date_received"] = date_received
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if vendor_account_id is not UNSET:
            field_dict["vendor_account_id"] = vendor_account_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reply_id = d.pop("reply_id")

        message_id = d.pop("message_id", UNSET)

        account_id = d.pop("account_id", UNSET)

        content = d.pop("content", UNSET)

        source_number = d.pop("source_number", UNSET)

        destination_number = d.pop("destination_number", UNSET)

        date_received = d.pop("date_received", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: EventMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = EventMetadata.from_dict(_metadata)

        _vendor_account_id = d.pop("vendor_account_id", UNSET)
        vendor_account_id: VendorAccountId | Unset
        if isinstance(_vendor_account_id, Unset):
            vendor_account_id = UNSET
        else:
            vendor_account_id = VendorAccountId.from_dict(_vendor_account_id)

        reply_event = cls(
            reply_id=reply_id,
            message_id=message_id,
            account_id=account_id,
            content=content,
            source_number=source_number,
            destination_number=destination_number,
            date_received=date_received,
            callback_url=callback_url,
            metadata=metadata,
            vendor_account_id=vendor_account_id,
        )

        reply_event.additional_properties = d
        return reply_event

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
from ..models.vendor_account_id import VendorAccountId  # noqa: E402
