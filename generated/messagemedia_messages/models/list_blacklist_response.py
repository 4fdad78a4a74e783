from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListBlacklistResponse")


@_attrs_define
class ListBlacklistResponse:
    """One page of blacklisted numbers, up to 100."""

    numbers: list[str]
    """ The numbers on this page, in E.164 format. """
    uri: str | Unset = UNSET
    """ The path and query that was asked. """
    pagination: BlacklistPagination | Unset = UNSET
    """ Where the next page of the blacklist is. On the last page the values are null or absent. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        numbers = self.numbers

        uri = self.uri

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "numbers": numbers,
            }
        )
        if uri is not UNSET:
            field_dict["uri"] = uri
        if pagination is not UNSET:
            field_dict["pagination"] = pagination

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        numbers = cast(list[str], d.pop("numbers"))

        uri = d.pop("uri", UNSET)

        _pagination = d.pop("pagination", UNSET)
        pagination: BlacklistPagination | Unset
        if isinstance(_pagination, Unset):
            pagination = UNSET
        else:
            pagination = BlacklistPagination.from_dict(_pagination)

        list_blacklist_response = cls(
            numbers=numbers,
            uri=uri,
            pagination=pagination,
        )

        list_blacklist_response.additional_properties = d
        return list_blacklist_response

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
from ..models.blacklist_pagination import BlacklistPagination  # noqa: E402
