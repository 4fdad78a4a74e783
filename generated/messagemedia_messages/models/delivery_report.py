from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.delivery_report_status import DeliveryReportStatus
from ..types import UNSET, Unset, lenient_datetime, model_repr

T = TypeVar("T", bound="DeliveryReport")


def _status_from_str(value: DeliveryReportStatus | str) -> DeliveryReportStatus:
    """`DeliveryReport.status` takes a DeliveryReportStatus or its string value."""
    if type(value) is str:
        return DeliveryReportStatus.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("DeliveryReportStatus", value)


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class DeliveryReport:
    """A status change of an outbound message sent with `delivery_report` on."""

    delivery_report_id: UUID
    """ The report's ID; confirm it with this. """
    message_id: UUID
    """ The message the report is about. """
    status: DeliveryReportStatus = _attrs_field(converter=_status_from_str)
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
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        delivery_report_id: Any = self.delivery_report_id
        if delivery_report_id is not UNSET:
            field_dict["delivery_report_id"] = (
                str(delivery_report_id) if isinstance(delivery_report_id, UUID) else delivery_report_id
            )

        message_id: Any = self.message_id
        if message_id is not UNSET:
            field_dict["message_id"] = str(message_id) if isinstance(message_id, UUID) else message_id

        status: Any = self.status
        if status is not UNSET:
            field_dict["status"] = status.value if isinstance(status, DeliveryReportStatus) else status

        date_received: Any = self.date_received
        if date_received is not UNSET:
            field_dict["date_received"] = (
                date_received.isoformat().replace("+00:00", "Z")
                if isinstance(date_received, datetime.datetime)
                else date_received
            )

        source_number: Any = self.source_number
        if source_number is not UNSET:
            field_dict["source_number"] = source_number

        submitted_date: Any = self.submitted_date
        if submitted_date is not UNSET:
            field_dict["submitted_date"] = (
                submitted_date.isoformat().replace("+00:00", "Z")
                if isinstance(submitted_date, datetime.datetime)
                else submitted_date
            )

        original_text: Any = self.original_text
        if original_text is not UNSET:
            field_dict["original_text"] = original_text

        delay: Any = self.delay
        if delay is not UNSET:
            field_dict["delay"] = delay

        billing_units: Any = self.billing_units
        if billing_units is not UNSET:
            field_dict["billing_units"] = billing_units

        error_code: Any = self.error_code
        if error_code is not UNSET:
            field_dict["error_code"] = error_code

        callback_url: Any = self.callback_url
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

        metadata: Any = self.metadata
        if metadata is not UNSET:
            field_dict["metadata"] = metadata.to_dict() if isinstance(metadata, Metadata) else metadata

        vendor_account_id: Any = self.vendor_account_id
        if vendor_account_id is not UNSET:
            field_dict["vendor_account_id"] = (
                vendor_account_id.to_dict() if isinstance(vendor_account_id, VendorAccountId) else vendor_account_id
            )

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
        _delivery_report_id_raw = d.pop("delivery_report_id", UNSET)
        delivery_report_id: Any = UNSET
        if _delivery_report_id_raw is not UNSET:
            try:
                delivery_report_id = UUID(_delivery_report_id_raw)
            except (TypeError, ValueError, AttributeError):
                d["delivery_report_id"] = _delivery_report_id_raw

        _message_id_raw = d.pop("message_id", UNSET)
        message_id: Any = UNSET
        if _message_id_raw is not UNSET:
            try:
                message_id = UUID(_message_id_raw)
            except (TypeError, ValueError, AttributeError):
                d["message_id"] = _message_id_raw

        _status_raw = d.pop("status", UNSET)
        status: Any = UNSET
        if _status_raw is not UNSET:
            try:
                status = DeliveryReportStatus.parse(_status_raw)
            except (TypeError, ValueError):
                d["status"] = _status_raw

        _date_received_raw = d.pop("date_received", UNSET)
        date_received: Any = UNSET
        if _date_received_raw is not UNSET:
            try:
                date_received = datetime.datetime.fromisoformat(_date_received_raw.upper())
            except (TypeError, ValueError, AttributeError):
                date_received = lenient_datetime(_date_received_raw)
                if date_received is UNSET:
                    d["date_received"] = _date_received_raw
            else:
                if date_received.tzinfo is None:
                    date_received = date_received.replace(tzinfo=datetime.UTC)

        source_number = d.pop("source_number", UNSET)
        if not isinstance(source_number, str) and source_number is not UNSET:
            d["source_number"] = source_number
            source_number = UNSET

        _submitted_date_raw = d.pop("submitted_date", UNSET)
        submitted_date: datetime.datetime | Unset = UNSET
        if _submitted_date_raw is not UNSET:
            try:
                submitted_date = datetime.datetime.fromisoformat(_submitted_date_raw.upper())
            except (TypeError, ValueError, AttributeError):
                submitted_date = lenient_datetime(_submitted_date_raw)
                if submitted_date is UNSET:
                    d["submitted_date"] = _submitted_date_raw
            else:
                if submitted_date.tzinfo is None:
                    submitted_date = submitted_date.replace(tzinfo=datetime.UTC)

        original_text = d.pop("original_text", UNSET)
        if not isinstance(original_text, str) and original_text is not UNSET:
            d["original_text"] = original_text
            original_text = UNSET

        delay = d.pop("delay", UNSET)
        if not (isinstance(delay, int) and not isinstance(delay, bool)) and delay is not UNSET:
            d["delay"] = delay
            delay = UNSET

        billing_units = d.pop("billing_units", UNSET)
        if not (isinstance(billing_units, int) and not isinstance(billing_units, bool)) and billing_units is not UNSET:
            d["billing_units"] = billing_units
            billing_units = UNSET

        error_code = d.pop("error_code", UNSET)
        if not isinstance(error_code, str) and error_code is not UNSET:
            d["error_code"] = error_code
            error_code = UNSET

        callback_url = d.pop("callback_url", UNSET)
        if not isinstance(callback_url, str) and callback_url is not UNSET:
            d["callback_url"] = callback_url
            callback_url = UNSET

        _metadata_raw = d.pop("metadata", UNSET)
        metadata: Metadata | Unset = UNSET
        if isinstance(_metadata_raw, dict):
            metadata = Metadata.from_dict(_metadata_raw)
        elif _metadata_raw is not UNSET:
            d["metadata"] = _metadata_raw

        _vendor_account_id_raw = d.pop("vendor_account_id", UNSET)
        vendor_account_id: VendorAccountId | Unset = UNSET
        if isinstance(_vendor_account_id_raw, dict):
            vendor_account_id = VendorAccountId.from_dict(_vendor_account_id_raw)
        elif _vendor_account_id_raw is not UNSET:
            d["vendor_account_id"] = _vendor_account_id_raw

        delivery_report = cls.__new__(cls)
        delivery_report.delivery_report_id = delivery_report_id
        delivery_report.message_id = message_id
        delivery_report.status = status
        delivery_report.date_received = date_received
        delivery_report.source_number = source_number
        delivery_report.submitted_date = submitted_date
        delivery_report.original_text = original_text
        delivery_report.delay = delay
        delivery_report.billing_units = billing_units
        delivery_report.error_code = error_code
        delivery_report.callback_url = callback_url
        delivery_report.metadata = metadata
        delivery_report.vendor_account_id = vendor_account_id

        delivery_report.additional_properties = d
        return delivery_report

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (
            ("delivery_report_id", self.delivery_report_id),
            ("message_id", self.message_id),
            ("status", self.status),
            ("date_received", self.date_received),
        )
        return [name for name, value in fields if value is UNSET and name not in self.additional_properties]

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = (
            "delivery_report_id",
            "message_id",
            "status",
            "date_received",
            "source_number",
            "submitted_date",
            "original_text",
            "delay",
            "billing_units",
            "error_code",
            "callback_url",
            "metadata",
            "vendor_account_id",
        )
        return [name for name in names if name in self.additional_properties]

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "delivery_report_id",
                "message_id",
                "status",
                "date_received",
                "source_number",
                "submitted_date",
                "original_text",
                "delay",
                "billing_units",
                "error_code",
                "callback_url",
                "metadata",
                "vendor_account_id",
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
from ..models.metadata import Metadata  # noqa: E402
from ..models.vendor_account_id import VendorAccountId  # noqa: E402
