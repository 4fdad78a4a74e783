from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.delivery_report_status import DeliveryReportStatus
from ..types import UNSET, Unset, model_repr

T = TypeVar("T", bound="DeliveryReportEvent")


def _status_from_str(value: DeliveryReportStatus | str | Unset) -> DeliveryReportStatus | Unset:
    """`DeliveryReportEvent.status` takes a DeliveryReportStatus or its string value."""
    if type(value) is str:
        return DeliveryReportStatus.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("DeliveryReportStatus | Unset", value)


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
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
    status: DeliveryReportStatus | Unset = _attrs_field(default=UNSET, converter=_status_from_str)
    """ The status a delivery report announces: `enroute` and `submitted` while the message
    travels, then `delivered`, `expired`, `rejected` (permanent) or `failed`; `error_code`
    adds the detail. The list is open: a value not listed here still parses.
     """
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
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        delivery_report_id: Any = self.delivery_report_id
        if delivery_report_id is not UNSET:
            field_dict["delivery_report_id"] = delivery_report_id

        message_id: Any = self.message_id
        if message_id is not UNSET:
            field_dict["message_id"] = message_id

        status: Any = self.status
        if status is not UNSET:
            field_dict["status"] = status.value if isinstance(status, DeliveryReportStatus) else status

        error_code: Any = self.error_code
        if error_code is not UNSET:
            field_dict["error_code"] = error_code

        source_number: Any = self.source_number
        if source_number is not UNSET:
            field_dict["source_number"] = source_number

        date_received: Any = self.date_received
        if date_received is not UNSET:
            field_dict["date_received"] = date_received

        submitted_date: Any = self.submitted_date
        if submitted_date is not UNSET:
            field_dict["submitted_date"] = submitted_date

        original_text: Any = self.original_text
        if original_text is not UNSET:
            field_dict["original_text"] = original_text

        delay: Any = self.delay
        if delay is not UNSET:
            try:
                if isinstance(self.delay, Unset):
                    _delay_json = UNSET
                else:
                    _delay_json = self.delay
            except (TypeError, ValueError, AttributeError):
                _delay_json = delay
            field_dict["delay"] = _delay_json

        billing_units: Any = self.billing_units
        if billing_units is not UNSET:
            try:
                if isinstance(self.billing_units, Unset):
                    _billing_units_json = UNSET
                else:
                    _billing_units_json = self.billing_units
            except (TypeError, ValueError, AttributeError):
                _billing_units_json = billing_units
            field_dict["billing_units"] = _billing_units_json

        callback_url: Any = self.callback_url
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

        metadata: Any = self.metadata
        if metadata is not UNSET:
            field_dict["metadata"] = metadata.to_dict() if isinstance(metadata, EventMetadata) else metadata

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
        delivery_report_id = d.pop("delivery_report_id", UNSET)
        if not isinstance(delivery_report_id, str) and delivery_report_id is not UNSET:
            d["delivery_report_id"] = delivery_report_id
            delivery_report_id = UNSET

        message_id = d.pop("message_id", UNSET)
        if not isinstance(message_id, str) and message_id is not UNSET:
            d["message_id"] = message_id
            message_id = UNSET

        _status_raw = d.pop("status", UNSET)
        status: DeliveryReportStatus | Unset = UNSET
        if _status_raw is not UNSET:
            try:
                status = DeliveryReportStatus.parse(_status_raw)
            except (TypeError, ValueError):
                d["status"] = _status_raw

        error_code = d.pop("error_code", UNSET)
        if not isinstance(error_code, str) and error_code is not UNSET:
            d["error_code"] = error_code
            error_code = UNSET

        source_number = d.pop("source_number", UNSET)
        if not isinstance(source_number, str) and source_number is not UNSET:
            d["source_number"] = source_number
            source_number = UNSET

        date_received = d.pop("date_received", UNSET)
        if not isinstance(date_received, str) and date_received is not UNSET:
            d["date_received"] = date_received
            date_received = UNSET

        submitted_date = d.pop("submitted_date", UNSET)
        if not isinstance(submitted_date, str) and submitted_date is not UNSET:
            d["submitted_date"] = submitted_date
            submitted_date = UNSET

        original_text = d.pop("original_text", UNSET)
        if not isinstance(original_text, str) and original_text is not UNSET:
            d["original_text"] = original_text
            original_text = UNSET

        _delay_raw = d.pop("delay", UNSET)
        try:

            def _parse_delay(data: object) -> int | str | Unset:
                if isinstance(data, Unset):
                    return data
                return cast(int | str | Unset, data)

            delay = _parse_delay(_delay_raw)

        except (TypeError, ValueError, AttributeError, KeyError, OverflowError):
            delay = UNSET  # type: ignore[assignment]
            if _delay_raw is not UNSET:
                d["delay"] = _delay_raw

        _billing_units_raw = d.pop("billing_units", UNSET)
        try:

            def _parse_billing_units(data: object) -> int | str | Unset:
                if isinstance(data, Unset):
                    return data
                return cast(int | str | Unset, data)

            billing_units = _parse_billing_units(_billing_units_raw)

        except (TypeError, ValueError, AttributeError, KeyError, OverflowError):
            billing_units = UNSET  # type: ignore[assignment]
            if _billing_units_raw is not UNSET:
                d["billing_units"] = _billing_units_raw

        callback_url = d.pop("callback_url", UNSET)
        if not isinstance(callback_url, str) and callback_url is not UNSET:
            d["callback_url"] = callback_url
            callback_url = UNSET

        _metadata_raw = d.pop("metadata", UNSET)
        metadata: EventMetadata | Unset = UNSET
        if isinstance(_metadata_raw, dict):
            metadata = EventMetadata.from_dict(_metadata_raw)
        elif _metadata_raw is not UNSET:
            d["metadata"] = _metadata_raw

        _vendor_account_id_raw = d.pop("vendor_account_id", UNSET)
        vendor_account_id: VendorAccountId | Unset = UNSET
        if isinstance(_vendor_account_id_raw, dict):
            vendor_account_id = VendorAccountId.from_dict(_vendor_account_id_raw)
        elif _vendor_account_id_raw is not UNSET:
            d["vendor_account_id"] = _vendor_account_id_raw

        delivery_report_event = cls.__new__(cls)
        delivery_report_event.delivery_report_id = delivery_report_id
        delivery_report_event.message_id = message_id
        delivery_report_event.status = status
        delivery_report_event.error_code = error_code
        delivery_report_event.source_number = source_number
        delivery_report_event.date_received = date_received
        delivery_report_event.submitted_date = submitted_date
        delivery_report_event.original_text = original_text
        delivery_report_event.delay = delay
        delivery_report_event.billing_units = billing_units
        delivery_report_event.callback_url = callback_url
        delivery_report_event.metadata = metadata
        delivery_report_event.vendor_account_id = vendor_account_id

        delivery_report_event.additional_properties = d
        return delivery_report_event

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (("delivery_report_id", self.delivery_report_id),)
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
            "error_code",
            "source_number",
            "date_received",
            "submitted_date",
            "original_text",
            "delay",
            "billing_units",
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
                "error_code",
                "source_number",
                "date_received",
                "submitted_date",
                "original_text",
                "delay",
                "billing_units",
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
from ..models.event_metadata import EventMetadata  # noqa: E402
from ..models.vendor_account_id import VendorAccountId  # noqa: E402
