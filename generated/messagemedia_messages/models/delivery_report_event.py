from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_report_status import DeliveryReportStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryReportEvent")


@_attrs_define
class DeliveryReportEvent:
    """A delivery report as a callback carries it. Read leniently: only `delivery_report_id` is
    required, since webhook templates decide what else is sent; every other field may be
    absent. Identifiers and times are read as the strings they arrive as. Numbers that the
    default webhook payload renders as strings (`delay: "0"`) are read as either.

    """

    delivery_report_id: str
    """ The report's ID (a UUID); deduplicate retried callbacks with it. """
    message_id: str | Unset = UNSET
    """ The message the report is about (a UUID). """
    status: DeliveryReportStatus | Unset = UNSET
    """ The status a delivery report announces. """
    error_code: str | Unset = UNSET
    """ The delivery code, e.g. `"220"` delivered; the README lists them all. """
    source_number: str | Unset = UNSET
    """ The handset the message was sent to. """
    date_received: str | Unset = UNSET
    """ When the report was made (ISO 8601, UTC). """
    submitted_date: str | Unset = UNSET
    """ When the status changed (ISO 8601, UTC). """
    original_text: str | Unset = UNSET
    """ The content of the message. """
    delay: int | str | Unset = UNSET
    """ Deprecated, always 0 (`"0"` in the default webhook payload). """
    billing_units: int | str | Unset = UNSET
    """ Message parts billed, when the account has billing units switched on. """
    callback_url: str | Unset = UNSET
    """ The message's `callback_url`, in callbacks sent there. """
    metadata: EventMetadata | Unset = UNSET
    """ The `metadata` of the message the event is about, as it was sent. """
    vendor_account_id: VendorAccountId | Unset = UNSET
    """ The vendor and account a reply or delivery report belongs to. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        delivery_report_id = self.delivery_report_id

        message_id = self.message_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        error_code = self.error_code

        source_number = self.source_number

        date_received = self.date_received

        submitted_date = self.submitted_date

        original_text = self.original_text

        delay: int | str | Unset
        if isinstance(self.delay, Unset):
            delay = UNSET
        else:
            delay = self.delay

        billing_units: int | str | Unset
        if isinstance(self.billing_units, Unset):
            billing_units = UNSET
        else:
            billing_units = self.billing_units

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
            }
        )
        if message_id is not UNSET:
            field_dict["message_id"] = message_id
        if status is not UNSET:
            field_dict["status"] = status
        if error_code is not UNSET:
            field_dict["error_code"] = error_code
        if source_number is not UNSET:
            field_dict["source_number"] = source_number
        if date_received is not UNSET:
            field_dict["date_received"] = date_received
        if submitted_date is not UNSET:
            field_dict["submitted_date"] = submitted_date
        if original_text is not UNSET:
            field_dict["original_text"] = original_text
        if delay is not UNSET:
            field_dict["delay"] = delay
        if billing_units is not UNSET:
            field_dict["billing_units"] = billing_units
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
        delivery_report_id = d.pop("delivery_report_id")

        message_id = d.pop("message_id", UNSET)

        _status = d.pop("status", UNSET)
        status: DeliveryReportStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = DeliveryReportStatus.parse(_status)

        error_code = d.pop("error_code", UNSET)

        source_number = d.pop("source_number", UNSET)

        date_received = d.pop("date_received", UNSET)

        submitted_date = d.pop("submitted_date", UNSET)

        original_text = d.pop("original_text", UNSET)

        def _parse_delay(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        delay = _parse_delay(d.pop("delay", UNSET))

        def _parse_billing_units(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        billing_units = _parse_billing_units(d.pop("billing_units", UNSET))

        callback_url = d.pop("callback_url", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: EventMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = EventMetadata.from_dict(_metadata)

        _vendor_account_id = d.pop("vendor_account_id", UNSET)
        vendor_account_id: VendorAccountId | Unset
        if isinstance(_vendor_account_id, Unset):
            vendor_account_id = UNSET
        else:
            vendor_account_id = VendorAccountId.from_dict(_vendor_account_id)

        delivery_report_event = cls(
            delivery_report_id=delivery_report_id,
            message_id=message_id,
            status=status,
            error_code=error_code,
            source_number=source_number,
            date_received=date_received,
            submitted_date=submitted_date,
            original_text=original_text,
            delay=delay,
            billing_units=billing_units,
            callback_url=callback_url,
            metadata=metadata,
            vendor_account_id=vendor_account_id,
        )

        delivery_report_event.additional_properties = d
        return delivery_report_event

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
from ..models.event_metadata import EventMetadata  # noqa: E402
from ..models.vendor_account_id import VendorAccountId  # noqa: E402
