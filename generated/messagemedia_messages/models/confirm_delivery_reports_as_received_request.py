from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ConfirmDeliveryReportsAsReceivedRequest")


@_attrs_define
class ConfirmDeliveryReportsAsReceivedRequest:
    """The delivery reports your code has processed."""

    delivery_report_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_report_ids = []
        for delivery_report_ids_item_data in self.delivery_report_ids:
            delivery_report_ids_item = str(delivery_report_ids_item_data)
            delivery_report_ids.append(delivery_report_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery_report_ids": delivery_report_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivery_report_ids = []
        _delivery_report_ids = d.pop("delivery_report_ids")
        for delivery_report_ids_item_data in _delivery_report_ids:
            delivery_report_ids_item = UUID(delivery_report_ids_item_data)

            delivery_report_ids.append(delivery_report_ids_item)

        confirm_delivery_reports_as_received_request = cls(
            delivery_report_ids=delivery_report_ids,
        )

        confirm_delivery_reports_as_received_request.additional_properties = d
        return confirm_delivery_reports_as_received_request

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
