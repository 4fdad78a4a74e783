from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CheckDeliveryReportsResponse")


@_attrs_define
class CheckDeliveryReportsResponse:
    """Up to 100 unconfirmed delivery reports, oldest first."""

    delivery_reports: list[DeliveryReport]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_reports = []
        for delivery_reports_item_data in self.delivery_reports:
            delivery_reports_item = delivery_reports_item_data.to_dict()
            delivery_reports.append(delivery_reports_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery_reports": delivery_reports,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivery_reports = []
        _delivery_reports = d.pop("delivery_reports")
        for delivery_reports_item_data in _delivery_reports:
            delivery_reports_item = DeliveryReport.from_dict(delivery_reports_item_data)

            delivery_reports.append(delivery_reports_item)

        check_delivery_reports_response = cls(
            delivery_reports=delivery_reports,
        )

        check_delivery_reports_response.additional_properties = d
        return check_delivery_reports_response

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
from ..models.delivery_report import DeliveryReport  # noqa: E402
