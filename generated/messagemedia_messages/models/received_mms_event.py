from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import UNSET, Unset, model_repr

T = TypeVar("T", bound="ReceivedMmsEvent")


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
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

        attachments: Any = self.attachments
        if attachments is not UNSET:
            _attachments_json = (
                [_item.to_dict() if isinstance(_item, MmsAttachment) else _item for _item in attachments]
                if isinstance(attachments, list)
                else attachments
            )
            _attachments_raw = field_dict.get("attachments")
            if not isinstance(_attachments_raw, list) or _attachments_json != [
                _attachments_item for _attachments_item in _attachments_raw if isinstance(_attachments_item, dict)
            ]:
                field_dict["attachments"] = _attachments_json

        source_number: Any = self.source_number
        if source_number is not UNSET:
            field_dict["source_number"] = source_number

        destination_number: Any = self.destination_number
        if destination_number is not UNSET:
            field_dict["destination_number"] = destination_number

        date_received: Any = self.date_received
        if date_received is not UNSET:
            field_dict["date_received"] = date_received

        metadata: Any = self.metadata
        if metadata is not UNSET:
            field_dict["metadata"] = metadata.to_dict() if isinstance(metadata, EventMetadata) else metadata

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

        _attachments_raw = d.pop("attachments", UNSET)
        attachments: list[MmsAttachment] | Unset = UNSET
        if isinstance(_attachments_raw, list):
            attachments = [
                MmsAttachment.from_dict(_attachments_item)
                for _attachments_item in _attachments_raw
                if isinstance(_attachments_item, dict)
            ]
            if len(attachments) != len(_attachments_raw):
                d["attachments"] = _attachments_raw
        elif _attachments_raw is not UNSET:
            d["attachments"] = _attachments_raw

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

        _metadata_raw = d.pop("metadata", UNSET)
        metadata: EventMetadata | Unset = UNSET
        if isinstance(_metadata_raw, dict):
            metadata = EventMetadata.from_dict(_metadata_raw)
        elif _metadata_raw is not UNSET:
            d["metadata"] = _metadata_raw

        received_mms_event = cls.__new__(cls)
        received_mms_event.reply_id = reply_id
        received_mms_event.message_id = message_id
        received_mms_event.account_id = account_id
        received_mms_event.content = content
        received_mms_event.attachments = attachments
        received_mms_event.source_number = source_number
        received_mms_event.destination_number = destination_number
        received_mms_event.date_received = date_received
        received_mms_event.metadata = metadata

        received_mms_event.additional_properties = d
        return received_mms_event

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
            "attachments",
            "source_number",
            "destination_number",
            "date_received",
            "metadata",
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
                "attachments",
                "source_number",
                "destination_number",
                "date_received",
                "metadata",
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
from ..models.mms_attachment import MmsAttachment  # noqa: E402
