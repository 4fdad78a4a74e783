from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_report_status import DeliveryReportStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryReport")


@_attrs_define
class DeliveryReport:
    """A status change of an outbound message sent with `delivery_report` on."""

    delivery_report_id: UUID
    """ The report's ID; confirm it with this. """
    message_id: UUID
    """ The message the report is about. """
    status: DeliveryReportStatus
    """ The status a delivery report announces: `enroute` and `submitted` while the message
    travels, then `delivered`, `expired`, `rejected` (permanent) or `failed`; `error_code`
    adds the detail. The list is open: a value not listed here still parses.
     """
    date_received: datetime.datetime
    """ When the report was made (UTC). """
    source_number: str | Unset = UNSET
    """ The handset the message was sent to. """
    submitted_date: datetime.datetime | Unset = UNSET
    """ When the status changed (UTC). """
    original_text: str | Unset = UNSET
    """ The content of the message. """
    delay: int | Unset = UNSET
    """ Deprecated; kept for old integrations. """
    billing_units: int | Unset = UNSET
    """ Message parts billed for this message. """
    error_code: str | Unset = UNSET
    """ The delivery code, e.g. `220` delivered, `330` gateway failure, `411` invalid
    destination. The README lists them all.
     """
    callback_url: str | Unset = UNSET
    """ The original message's `callback_url`. """
    metadata: Metadata | Unset = UNSET
    """ Your own key/value pairs, at most 10, echoed back in the message's replies and delivery
    reports. Keys up to 100 characters, values up to 256.
     """
    vendor_account_id: VendorAccountId | Unset = UNSET
    """ The vendor and account a reply or delivery report belongs to. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_report_id = str(self.delivery_report_id)

        message_id = str(self.message_id)

        status = self.status.value

        date_received = self.date_received.isoformat().replace("+00:00", "Z")

        source_number = self.source_number

        submitted_date: str | Unset = UNSET
        if not isinstance(self.submitted_date, Unset):
            submitted_date = self.submitted_date.isoformat().replace("+00:00", "Z")

        original_text = self.original_text

        delay = self.delay

        billing_units = self.billing_units

        error_code = self.error_code

        callback_url = self.callback_url

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        vendor_account_id: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vendor_account_id, Unset):
            vendor_account_id = self.vendor_account_id.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "delivery_report_id": delivery_report_id,
                "message_id": message_id,
                "status": status,
                "date_received": date_received,
            }
        )
        if source_number is not UNSET:
            field_dict["source_number"] = source_number
        if submitted_date is not UNSET:
            field_dict["submitted_date"] = submitted_date
        if original_text is not UNSET:
            field_dict["original_text"] = original_text
        if delay is not UNSET:
            field_dict["delay"] = delay
        if billing_units is not UNSET:
            field_dict["billing_units"] = billing_units
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if vendor_account_id is not UNSET:
            field_dict["vendor_account_id"] = vendor_account_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        delivery_report_id = UUID(d.pop("delivery_report_id"))

        message_id = UUID(d.pop("message_id"))

        status = DeliveryReportStatus.parse(d.pop("status"))

        date_received = datetime.datetime.fromisoformat(d.pop("date_received").upper())

        source_number = d.pop("source_number", UNSET)

        _submitted_date = d.pop("submitted_date", UNSET)
        submitted_date: datetime.datetime | Unset
        if isinstance(_submitted_date, Unset):
            submitted_date = UNSET
        else:
            submitted_date = datetime.datetime.fromisoformat(_submitted_date.upper())

        original_text = d.pop("original_text", UNSET)

        delay = d.pop("delay", UNSET)

        billing_units = d.pop("billing_units", UNSET)

        error_code = d.pop("error_code", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        _vendor_account_id = d.pop("vendor_account_id", UNSET)
        vendor_account_id: VendorAccountId | Unset
        if isinstance(_vendor_account_id, Unset):
            vendor_account_id = UNSET
        else:
            vendor_account_id = VendorAccountId.from_dict(_vendor_account_id)

        delivery_report = cls(
            delivery_report_id=delivery_report_id,
            message_id=message_id,
            status=status,
            date_received=date_received,
            source_number=source_number,
            submitted_date=submitted_date,
            original_text=original_text,
            delay=delay,
            billing_units=billing_units,
            error_code=error_code,
            callback_url=callback_url,
            metadata=metadata,
            vendor_account_id=vendor_account_id,
        )

        delivery_report.additional_properties = d
        return delivery_report

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
from ..models.metadata import Metadata  # noqa: E402
from ..models.vendor_account_id import VendorAccountId  # noqa: E402
