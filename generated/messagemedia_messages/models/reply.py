from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import UNSET, Unset, lenient_datetime, model_repr

T = TypeVar("T", bound="Reply")


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
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
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        reply_id: Any = self.reply_id
        if reply_id is not UNSET:
            field_dict["reply_id"] = str(reply_id) if isinstance(reply_id, UUID) else reply_id

        source_number: Any = self.source_number
        if source_number is not UNSET:
            field_dict["source_number"] = source_number

        date_received: Any = self.date_received
        if date_received is not UNSET:
            field_dict["date_received"] = (
                date_received.isoformat().replace("+00:00", "Z")
                if isinstance(date_received, datetime.datetime)
                else date_received
            )

        message_id: Any = self.message_id
        if message_id is not UNSET:
            field_dict["message_id"] = str(message_id) if isinstance(message_id, UUID) else message_id

        content: Any = self.content
        if content is not UNSET:
            field_dict["content"] = content

        destination_number: Any = self.destination_number
        if destination_number is not UNSET:
            field_dict["destination_number"] = destination_number

        callback_url: Any = self.callback_url
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

        metadata: Any = self.metadata
        if metadata is not UNSET:
            field_dict["metadata"] = metadata.to_dict() if isinstance(metadata, Metadata) else metadata

        vendor_account_id: Any = self.vendor_account_id
        if vendor_account_id is not UNSET:
            field_dict["vendor_account_id"] = (
                vendor_account_id.to_dict() if isinstance(vendor_account_id, VendorAccountId) else vendor_account_id
            )

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
        _reply_id_raw = d.pop("reply_id", UNSET)
        reply_id: Any = UNSET
        if _reply_id_raw is not UNSET:
            try:
                reply_id = UUID(_reply_id_raw)
            except (TypeError, ValueError, AttributeError):
                d["reply_id"] = _reply_id_raw

        source_number = d.pop("source_number", UNSET)
        if not isinstance(source_number, str) and source_number is not UNSET:
            d["source_number"] = source_number
            source_number = UNSET

        _date_received_raw = d.pop("date_received", UNSET)
        date_received: Any = UNSET
        if _date_received_raw is not UNSET:
            try:
                date_received = datetime.datetime.fromisoformat(_date_received_raw.upper())
            except (TypeError, ValueError, AttributeError):
                date_received = lenient_datetime(_date_received_raw)
                if date_received is UNSET:
                    d["date_received"] = _date_received_raw
            else:
                if date_received.tzinfo is None:
                    date_received = date_received.replace(tzinfo=datetime.UTC)

        _message_id_raw = d.pop("message_id", UNSET)
        message_id: UUID | Unset = UNSET
        if _message_id_raw is not UNSET:
            try:
                message_id = UUID(_message_id_raw)
            except (TypeError, ValueError, AttributeError):
                d["message_id"] = _message_id_raw

        content = d.pop("content", UNSET)
        if not isinstance(content, str) and content is not UNSET:
            d["content"] = content
            content = UNSET

        destination_number = d.pop("destination_number", UNSET)
        if not isinstance(destination_number, str) and destination_number is not UNSET:
            d["destination_number"] = destination_number
            destination_number = UNSET

        callback_url = d.pop("callback_url", UNSET)
        if not isinstance(callback_url, str) and callback_url is not UNSET:
            d["callback_url"] = callback_url
            callback_url = UNSET

        _metadata_raw = d.pop("metadata", UNSET)
        metadata: Metadata | Unset = UNSET
        if isinstance(_metadata_raw, dict):
            metadata = Metadata.from_dict(_metadata_raw)
        elif _metadata_raw is not UNSET:
            d["metadata"] = _metadata_raw

        _vendor_account_id_raw = d.pop("vendor_account_id", UNSET)
        vendor_account_id: VendorAccountId | Unset = UNSET
        if isinstance(_vendor_account_id_raw, dict):
            vendor_account_id = VendorAccountId.from_dict(_vendor_account_id_raw)
        elif _vendor_account_id_raw is not UNSET:
            d["vendor_account_id"] = _vendor_account_id_raw

        reply = cls.__new__(cls)
        reply.reply_id = reply_id
        reply.source_number = source_number
        reply.date_received = date_received
        reply.message_id = message_id
        reply.content = content
        reply.destination_number = destination_number
        reply.callback_url = callback_url
        reply.metadata = metadata
        reply.vendor_account_id = vendor_account_id

        reply.additional_properties = d
        return reply

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (
            ("reply_id", self.reply_id),
            ("source_number", self.source_number),
            ("date_received", self.date_received),
        )
        return [name for name, value in fields if value is UNSET and name not in self.additional_properties]

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = (
            "reply_id",
            "source_number",
            "date_received",
            "message_id",
            "content",
            "destination_number",
            "callback_url",
            "metadata",
            "vendor_account_id",
        )
        return [name for name in names if name in self.additional_properties]

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "reply_id",
                "source_number",
                "date_received",
                "message_id",
                "content",
                "destination_number",
                "callback_url",
                "metadata",
                "vendor_account_id",
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
from ..models.vendor_account_id import VendorAccountId  # noqa: E402
