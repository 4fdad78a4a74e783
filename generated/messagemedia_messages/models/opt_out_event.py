from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OptOutEvent")


@_attrs_define
class OptOutEvent:
    """A handset opting out, as an `OPT_OUT_SMS` webhook carries it. The API publishes no sample
    of this payload; these fields are the ones its template variables provide. Read
    leniently: only `notification_id` is required.

    """

    notification_id: str
    """ The opt-out's ID; deduplicate retried callbacks with it. """
    account_id: str | Unset = UNSET
    """ The account the number opted out of. """
    source_number: str | Unset = UNSET
    """ The handset that opted out; it is now on the blacklist. """
    destination_number: str | Unset = UNSET
    """ Your number it sent the opt-out to. """
    date_received: str | Unset = UNSET
    """ When the opt-out was received (ISO 8601, UTC). """
    message_id: str | Unset = UNSET
    """ The message it answered (a UUID); absent when it answered none. """
    content: str | Unset = UNSET
    """ What the handset sent, e.g. `STOP`. """
    metadata: EventMetadata | Unset = UNSET
    """ The `metadata` of the message the event is about, as it was sent. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        notification_id = self.notification_id

        account_id = self.account_id

        source_number = self.source_number

        destination_number = self.destination_number

        date_received = self.date_received

        message_id = self.message_id

        content = self.content

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "notification_id": notification_id,
            }
        )
        if account_id is not UNSET:
            field_dict["account_id"] = account_id
        if source_number is not UNSET:
            field_dict["source_number"] = source_number
        if destination_number is not UNSET:
            field_dict["destination_number"] = destination_number
        if date_received is not UNSET:
            field_dict["date_received"] = date_received
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if content is not UNSET:
            field_dict["content"] = content
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        notification_id = d.pop("notification_id")

        account_id = d.pop("account_id", UNSET)

        source_number = d.pop("source_number", UNSET)

        destination_number = d.pop("destination_number", UNSET)

        date_received = d.pop("date_received", UNSET)

        message_id = d.pop("message_id", UNSET)

        content = d.pop("content", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: EventMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = EventMetadata.from_dict(_metadata)

        opt_out_event = cls(
            notification_id=notification_id,
            account_id=account_id,
            source_number=source_number,
            destination_number=destination_number,
            date_received=date_received,
            message_id=message_id,
            content=content,
            metadata=metadata,
        )

        opt_out_event.additional_properties = d
        return opt_out_event

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
