from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="AddToBlacklistRequest")


@_attrs_define
class AddToBlacklistRequest:
    """The numbers to add to the blacklist, 1 to 10 of them."""

    numbers: list[str]

    def to_dict(self) -> dict[str, Any]:
        numbers = self.numbers

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "numbers": numbers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        numbers = cast(list[str], d.pop("numbers"))

        add_to_blacklist_request = cls(
            numbers=numbers,
        )

        return add_to_blacklist_request
