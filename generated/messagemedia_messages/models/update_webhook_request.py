from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.webhook_encoding import WebhookEncoding
from ..models.webhook_event import WebhookEvent
from ..models.webhook_method import WebhookMethod
from ..types import UNSET, Unset, model_repr

T = TypeVar("T", bound="UpdateWebhookRequest")


def _method_from_str(value: WebhookMethod | str | Unset) -> WebhookMethod | Unset:
    """`UpdateWebhookRequest.method` takes a WebhookMethod or its string value."""
    if type(value) is str:
        return WebhookMethod.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("WebhookMethod | Unset", value)


def _encoding_from_str(value: WebhookEncoding | str | Unset) -> WebhookEncoding | Unset:
    """`UpdateWebhookRequest.encoding` takes a WebhookEncoding or its string value."""
    if type(value) is str:
        return WebhookEncoding.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("WebhookEncoding | Unset", value)


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class UpdateWebhookRequest:
    """The fields of a webhook to change, at least one of them; none may be null. `read_timeout`,
    `retries` and `retry_delay` cannot be changed after the webhook was created.

    """

    url: str | Unset = UNSET
    """ The new http or https URL, up to 1000 characters. """
    method: WebhookMethod | Unset = _attrs_field(default=UNSET, converter=_method_from_str)
    """ The HTTP method the API calls the webhook's `url` with. """
    encoding: WebhookEncoding | Unset = _attrs_field(default=UNSET, converter=_encoding_from_str)
    """ How the body is encoded; the API sets the matching `Content-Type` itself, which is why
    `headers` may not carry one.
     """
    headers: WebhookHeaders | Unset = UNSET
    """ Extra HTTP headers the API sends with every call of the webhook: names up to 200
    characters, values up to 1000. `Content-Type` (in any letter case) is not allowed, since
    `encoding` decides it. Receivers often check a token sent here, so the values are
    `x-sensitive`: a model's repr shows the header names only.
     """
    template: str | Unset = UNSET
    """ The new Velocity template for the body (see `CreateWebhookRequest.template`). """
    events: list[WebhookEvent] | Unset = UNSET
    """ The new list of events; it replaces the old one and may not be empty. """

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = {}
        url: Any = self.url
        if url is not UNSET:
            field_dict["url"] = url

        method: Any = self.method
        if method is not UNSET:
            field_dict["method"] = method.value if isinstance(method, WebhookMethod) else method

        encoding: Any = self.encoding
        if encoding is not UNSET:
            field_dict["encoding"] = encoding.value if isinstance(encoding, WebhookEncoding) else encoding

        headers: Any = self.headers
        if headers is not UNSET:
            field_dict["headers"] = headers.to_dict() if isinstance(headers, WebhookHeaders) else headers

        template: Any = self.template
        if template is not UNSET:
            field_dict["template"] = template

        events: Any = self.events
        if events is not UNSET:
            field_dict["events"] = (
                [_item.value if isinstance(_item, WebhookEvent) else _item for _item in events]
                if isinstance(events, list)
                else events
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
        url = d.pop("url", UNSET)
        if not isinstance(url, str) and url is not UNSET:
            d["url"] = url
            url = UNSET

        _method_raw = d.pop("method", UNSET)
        method: WebhookMethod | Unset = UNSET
        if _method_raw is not UNSET:
            try:
                method = WebhookMethod.parse(_method_raw)
            except (TypeError, ValueError):
                d["method"] = _method_raw

        _encoding_raw = d.pop("encoding", UNSET)
        encoding: WebhookEncoding | Unset = UNSET
        if _encoding_raw is not UNSET:
            try:
                encoding = WebhookEncoding.parse(_encoding_raw)
            except (TypeError, ValueError):
                d["encoding"] = _encoding_raw

        _headers_raw = d.pop("headers", UNSET)
        headers: WebhookHeaders | Unset = UNSET
        if isinstance(_headers_raw, dict):
            headers = WebhookHeaders.from_dict(_headers_raw)
        elif _headers_raw is not UNSET:
            d["headers"] = _headers_raw

        template = d.pop("template", UNSET)
        if not isinstance(template, str) and template is not UNSET:
            d["template"] = template
            template = UNSET

        _events_raw = d.pop("events", UNSET)
        events: list[WebhookEvent] | Unset = UNSET
        if isinstance(_events_raw, list):
            try:
                events = [WebhookEvent.parse(_events_item) for _events_item in _events_raw]
            except (TypeError, ValueError, AttributeError, OverflowError):
                d["events"] = _events_raw
        elif _events_raw is not UNSET:
            d["events"] = _events_raw

        update_webhook_request = cls.__new__(cls)
        update_webhook_request.url = url
        update_webhook_request.method = method
        update_webhook_request.encoding = encoding
        update_webhook_request.headers = headers
        update_webhook_request.template = template
        update_webhook_request.events = events

        return update_webhook_request

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        return []

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        return []

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "url",
                "method",
                "encoding",
                "headers",
                "template",
                "events",
            ),
        )


# Models that refer to each other import each other here, after the class exists, so that any
# import order works; not inside from_dict/to_dict, where the import statement ran on every call.
from ..models.webhook_headers import WebhookHeaders  # noqa: E402
