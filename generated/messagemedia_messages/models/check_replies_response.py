from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CheckRepliesResponse")


@_attrs_define
class CheckRepliesResponse:
    """Up to 100 unconfirmed replies, oldest first."""

    replies: list[Reply]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        replies = []
        for replies_item_data in self.replies:
            replies_item = replies_item_data.to_dict()
            replies.append(replies_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "replies": replies,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        replies = []
        _replies = d.pop("replies")
        for replies_item_data in _replies:
            replies_item = Reply.from_dict(replies_item_data)

            replies.append(replies_item)

        check_replies_response = cls(
            replies=replies,
        )

        check_replies_response.additional_properties = d
        return check_replies_response

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
from ..models.reply import Reply  # noqa: E402
