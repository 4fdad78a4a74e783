from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ListWebhooksResponse")


@_attrs_define
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
        page_data = []
        for page_data_item_data in self.page_data:
            page_data_item = page_data_item_data.to_dict()
            page_data.append(page_data_item)

        page = self.page

        page_size = self.page_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pageData": page_data,
            }
        )
        if page is not UNSET:
            field_dict["page"] = page
        if page_size is not UNSET:
            field_dict["pageSize"] = page_size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        page_data = []
        _page_data = d.pop("pageData")
        for page_data_item_data in _page_data:
            page_data_item = Webhook.from_dict(page_data_item_data)

            page_data.append(page_data_item)

        page = d.pop("page", UNSET)

        page_size = d.pop("pageSize", UNSET)

        list_webhooks_response = cls(
            page_data=page_data,
            page=page,
            page_size=page_size,
        )

        list_webhooks_response.additional_properties = d
        return list_webhooks_response

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
