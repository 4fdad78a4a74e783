from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import UNSET, Unset, model_repr

T = TypeVar("T", bound="ReplyEvent")


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
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
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        reply_id: Any = self.reply_id
        if reply_id is not UNSET:
            field_dict["reply_id"] = reply_id

        message_id: Any = self.message_id
        if message_id is not UNSET:
            field_dict["message_id"] = message_id

        account_id: Any = self.account_id
        if account_id is not UNSET:
            field_dict["account_id"] = account_id

        content: Any = self.content
        if content is not UNSET:
            field_dict["content"] = content

        source_number: Any = self.source_number
        if source_number is not UNSET:
            field_dict["source_number"] = source_number

        destination_number: Any = self.destination_number
        if destination_number is not UNSET:
            field_dict["destination_number"] = destination_number

        date_received: Any = self.date_received
        if date_received is not UNSET:
            field_dict["date_received"] = date_received

        callback_url: Any = self.callback_url
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

        metadata: Any = self.metadata
        if metadata is not UNSET:
            field_dict["metadata"] = metadata.to_dict() if isinstance(metadata, EventMetadata) else metadata

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
        reply_id = d.pop("reply_id", UNSET)
        if not isinstance(reply_id, str) and reply_id is not UNSET:
            d["reply_id"] = reply_id
            reply_id = UNSET

        message_id = d.pop("message_id", UNSET)
        if not isinstance(message_id, str) and message_id is not UNSET:
            d["message_id"] = message_id
            message_id = UNSET

        account_id = d.pop("account_id", UNSET)
        if not isinstance(account_id, str) and account_id is not UNSET:
            d["account_id"] = account_id
            account_id = UNSET

        content = d.pop("content", UNSET)
        if not isinstance(content, str) and content is not UNSET:
            d["content"] = content
            content = UNSET

        source_number = d.pop("source_number", UNSET)
        if not isinstance(source_number, str) and source_number is not UNSET:
            d["source_number"] = source_number
            source_number = UNSET

        destination_number = d.pop("destination_number", UNSET)
        if not isinstance(destination_number, str) and destination_number is not UNSET:
            d["destination_number"] = destination_number
            destination_number = UNSET

        date_received = d.pop("date_received", UNSET)
        if not isinstance(date_received, str) and date_received is not UNSET:
            d["date_received"] = date_received
            date_received = UNSET

        callback_url = d.pop("callback_url", UNSET)
        if not isinstance(callback_url, str) and callback_url is not UNSET:
            d["callback_url"] = callback_url
            callback_url = UNSET

        _metadata_raw = d.pop("metadata", UNSET)
        metadata: EventMetadata | Unset = UNSET
        if isinstance(_metadata_raw, dict):
            metadata = EventMetadata.from_dict(_metadata_raw)
        elif _metadata_raw is not UNSET:
            d["metadata"] = _metadata_raw

        _vendor_account_id_raw = d.pop("vendor_account_id", UNSET)
        vendor_account_id: VendorAccountId | Unset = UNSET
        if isinstance(_vendor_account_id_raw, dict):
            vendor_account_id = VendorAccountId.from_dict(_vendor_account_id_raw)
        elif _vendor_account_id_raw is not UNSET:
            d["vendor_account_id"] = _vendor_account_id_raw

        reply_event = cls.__new__(cls)
        reply_event.reply_id = reply_id
        reply_event.message_id = message_id
        reply_event.account_id = account_id
        reply_event.content = content
        reply_event.source_number = source_number
        reply_event.destination_number = destination_number
        reply_event.date_received = date_received
        reply_event.callback_url = callback_url
        reply_event.metadata = metadata
        reply_event.vendor_account_id = vendor_account_id

        reply_event.additional_properties = d
        return reply_event

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (("reply_id", self.reply_id),)
        return [name for name, value in fields if value is UNSET and name not in self.additional_properties]

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = (
            "reply_id",
            "message_id",
            "account_id",
            "content",
            "source_number",
            "destination_number",
            "date_received",
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
                "message_id",
                "account_id",
                "content",
                "source_number",
                "destination_number",
                "date_received",
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
from ..models.event_metadata import EventMetadata  # noqa: E402
from ..models.vendor_account_id import VendorAccountId  # noqa: E402
