from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import UNSET, Unset, model_repr

T = TypeVar("T", bound="BlacklistPagination")


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class BlacklistPagination:
    """Where the next page of the blacklist is. On the last page the values are null or absent."""

    page: None | str | Unset = UNSET
    """ The opaque token of the next page, to pass as `token`. """
    next_uri: None | str | Unset = UNSET
    """ The path and query of the next page. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        page: Any = self.page
        if page is not UNSET:
            field_dict["page"] = None if page is None else (page)

        next_uri: Any = self.next_uri
        if next_uri is not UNSET:
            field_dict["next_uri"] = None if next_uri is None else (next_uri)

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
        _page_raw = d.pop("page", UNSET)
        page: None | str | Unset = UNSET
        if _page_raw is None:
            page = None
        elif isinstance(_page_raw, str):
            page = _page_raw
        elif _page_raw is not UNSET:
            d["page"] = _page_raw

        _next_uri_raw = d.pop("next_uri", UNSET)
        next_uri: None | str | Unset = UNSET
        if _next_uri_raw is None:
            next_uri = None
        elif isinstance(_next_uri_raw, str):
            next_uri = _next_uri_raw
        elif _next_uri_raw is not UNSET:
            d["next_uri"] = _next_uri_raw

        blacklist_pagination = cls.__new__(cls)
        blacklist_pagination.page = page
        blacklist_pagination.next_uri = next_uri

        blacklist_pagination.additional_properties = d
        return blacklist_pagination

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        return []

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = (
            "page",
            "next_uri",
        )
        return [name for name in names if name in self.additional_properties]

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "page",
                "next_uri",
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
