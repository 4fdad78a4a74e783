from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConfirmRepliesAsReceivedRequest")


@_attrs_define
class ConfirmRepliesAsReceivedRequest:
    """The replies your code has processed."""

    reply_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reply_ids = []
        for reply_ids_item_data in self.reply_ids:
            reply_ids_item = str(reply_ids_item_data)
            reply_ids.append(reply_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reply_ids": reply_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reply_ids = []
        _reply_ids = d.pop("reply_ids")
        for reply_ids_item_data in _reply_ids:
            reply_ids_item = UUID(reply_ids_item_data)

            reply_ids.append(reply_ids_item)

        confirm_replies_as_received_request = cls(
            reply_ids=reply_ids,
        )

        confirm_replies_as_received_request.additional_properties = d
        return confirm_replies_as_received_request

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
