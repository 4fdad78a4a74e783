from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import UNSET, Unset, model_repr

T = TypeVar("T", bound="ListWebhooksResponse")


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class ListWebhooksResponse:
    """One page of webhooks. The keys are camelCase, unlike the rest of the API."""

    page_data: list[Webhook]
    """ The webhooks on this page; fewer than `pageSize` (or none) on the last one. """
    page: int | Unset = UNSET
    """ The page number, counted from 0. """
    page_size: int | Unset = UNSET
    """ The page size asked for. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        page_data: Any = self.page_data
        if page_data is not UNSET:
            _page_data_json = (
                [_item.to_dict() if isinstance(_item, Webhook) else _item for _item in page_data]
                if isinstance(page_data, list)
                else page_data
            )
            _page_data_raw = field_dict.get("pageData")
            if not isinstance(_page_data_raw, list) or _page_data_json != [
                _page_data_item for _page_data_item in _page_data_raw if isinstance(_page_data_item, dict)
            ]:
                field_dict["pageData"] = _page_data_json

        page: Any = self.page
        if page is not UNSET:
            field_dict["page"] = page

        page_size: Any = self.page_size
        if page_size is not UNSET:
            field_dict["pageSize"] = page_size

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
        _page_data_raw = d.pop("pageData", UNSET)
        page_data: Any = UNSET
        if isinstance(_page_data_raw, list):
            page_data = [
                Webhook.from_dict(_page_data_item)
                for _page_data_item in _page_data_raw
                if isinstance(_page_data_item, dict)
            ]
            if len(page_data) != len(_page_data_raw):
                d["pageData"] = _page_data_raw
        elif _page_data_raw is not UNSET:
            d["pageData"] = _page_data_raw

        page = d.pop("page", UNSET)
        if not (isinstance(page, int) and not isinstance(page, bool)) and page is not UNSET:
            d["page"] = page
            page = UNSET

        page_size = d.pop("pageSize", UNSET)
        if not (isinstance(page_size, int) and not isinstance(page_size, bool)) and page_size is not UNSET:
            d["pageSize"] = page_size
            page_size = UNSET

        list_webhooks_response = cls.__new__(cls)
        list_webhooks_response.page_data = page_data
        list_webhooks_response.page = page
        list_webhooks_response.page_size = page_size

        list_webhooks_response.additional_properties = d
        return list_webhooks_response

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (("pageData", self.page_data),)
        return [name for name, value in fields if value is UNSET and name not in self.additional_properties]

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = (
            "pageData",
            "page",
            "pageSize",
        )
        return [name for name in names if name in self.additional_properties]

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "page_data",
                "page",
                "page_size",
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
from ..models.webhook import Webhook  # noqa: E402
