from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Reply")


@_attrs_define
class Reply:
    """A message a handset sent to one of your numbers, usually in answer to one of your messages."""

    reply_id: UUID
    """ The reply's ID; confirm it with this. """
    source_number: str
    """ The handset that replied (the original message's destination). """
    date_received: datetime.datetime
    """ When the reply was received (UTC). """
    message_id: UUID | Unset = UNSET
    """ The message this answers. Absent for an unsolicited inbound message. """
    content: str | Unset = UNSET
    """ What the handset sent. Absent when the reply is an MMS that carries attachments
    instead of text.
     """
    destination_number: str | Unset = UNSET
    """ The number replied to (the original message's source). Absent if the original had none. """
    callback_url: str | Unset = UNSET
    """ The original message's `callback_url`. """
    metadata: Metadata | Unset = UNSET
    """ Your own key/value pairs, at most 10, echoed back in the message's replies and delivery
    reports. Keys up to 100 characters, values up to 256.
     """
    vendor_account_id: VendorAccountId | Unset = UNSET
    """ The vendor and account a reply or delivery report belongs to. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reply_id = str(self.reply_id)

        source_number = self.source_number

        date_received = self.date_received.isoformat().replace("+00:00", "Z")

        message_id: str | Unset = UNSET
        if not isinstance(self.message_id, Unset):
            message_id = str(self.message_id)

        content = self.content

        destination_number = self.destination_number

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
                "source_number": source_number,
                "date_received": date_received,
            }
        )
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if content is not UNSET:
            field_dict["content"] = content
        if destination_number is not UNSET:
            field_dict["destination_number"] = destination_number
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
        reply_id = UUID(d.pop("reply_id"))

        source_number = d.pop("source_number")

        date_received = datetime.datetime.fromisoformat(d.pop("date_received").upper())

        _message_id = d.pop("message_id", UNSET)
        message_id: UUID | Unset
        if isinstance(_message_id, Unset):
            message_id = UNSET
        else:
            message_id = UUID(_message_id)

        content = d.pop("content", UNSET)

        destination_number = d.pop("destination_number", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        _vendor_account_id = d.pop("vendor_account_id", UNSET)
        vendor_account_id: VendorAccountId | Unset
        if isinstance(_vendor_account_id, Unset):
            vendor_account_id = UNSET
        else:
            vendor_account_id = VendorAccountId.from_dict(_vendor_account_id)

        reply = cls(
            reply_id=reply_id,
            source_number=source_number,
            date_received=date_received,
            message_id=message_id,
            content=content,
            destination_number=destination_number,
            callback_url=callback_url,
            metadata=metadata,
            vendor_account_id=vendor_account_id,
        )

        reply.additional_properties = d
        return reply

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
from ..models.vendor_account_id import VendorAccountId  # noqa: E402
