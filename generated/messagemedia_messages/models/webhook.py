from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.webhook_encoding import WebhookEncoding
from ..models.webhook_event import WebhookEvent
from ..models.webhook_method import WebhookMethod
from ..types import UNSET, Unset, model_repr

T = TypeVar("T", bound="Webhook")


def _method_from_str(value: WebhookMethod | str) -> WebhookMethod:
    """`Webhook.method` takes a WebhookMethod or its string value."""
    if type(value) is str:
        return WebhookMethod.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("WebhookMethod", value)


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class Webhook:
    """A registered webhook as the API returns it. `id`, `url`, `method` and `retries` are always
    there; `encoding` may be null, `headers` and `events` may be empty, and `template`,
    `read_timeout` and `retry_delay` appear only when they were set.

    """

    id: UUID
    """ The webhook's ID, for updating or deleting it. """
    url: str
    """ The URL the API calls. """
    method: WebhookMethod = _attrs_field(converter=_method_from_str)
    """ The HTTP method the API calls the webhook's `url` with. """
    retries: int
    """ How many times a failed call is retried. """
    encoding: None | Unset | WebhookEncoding = UNSET
    """ How the body is encoded; null when the API has none recorded. """
    headers: WebhookHeaders | Unset = UNSET
    """ Extra HTTP headers the API sends with every call of the webhook: names up to 200
    characters, values up to 1000. `Content-Type` (in any letter case) is not allowed, since
    `encoding` decides it. Receivers often check a token sent here, so the values are
    `x-sensitive`: a model's repr shows the header names only.
     """
    events: list[WebhookEvent] | Unset = UNSET
    """ The events the webhook is called for. """
    template: str | Unset = UNSET
    """ The Velocity template for the body, if one was set. """
    read_timeout: int | Unset = UNSET
    """ Milliseconds the API waits for an answer, if set. """
    retry_delay: int | Unset = UNSET
    """ Seconds between retries; present only with retries. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        id: Any = self.id
        if id is not UNSET:
            field_dict["id"] = str(id) if isinstance(id, UUID) else id

        url: Any = self.url
        if url is not UNSET:
            field_dict["url"] = url

        method: Any = self.method
        if method is not UNSET:
            field_dict["method"] = method.value if isinstance(method, WebhookMethod) else method

        retries: Any = self.retries
        if retries is not UNSET:
            field_dict["retries"] = retries

        encoding: Any = self.encoding
        if encoding is not UNSET:
            field_dict["encoding"] = (
                None if encoding is None else (encoding.value if isinstance(encoding, WebhookEncoding) else encoding)
            )

        headers: Any = self.headers
        if headers is not UNSET:
            field_dict["headers"] = headers.to_dict() if isinstance(headers, WebhookHeaders) else headers

        events: Any = self.events
        if events is not UNSET:
            field_dict["events"] = (
                [_item.value if isinstance(_item, WebhookEvent) else _item for _item in events]
                if isinstance(events, list)
                else events
            )

        template: Any = self.template
        if template is not UNSET:
            field_dict["template"] = template

        read_timeout: Any = self.read_timeout
        if read_timeout is not UNSET:
            field_dict["read_timeout"] = read_timeout

        retry_delay: Any = self.retry_delay
        if retry_delay is not UNSET:
            field_dict["retry_delay"] = retry_delay

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
        _id_raw = d.pop("id", UNSET)
        id: Any = UNSET
        if _id_raw is not UNSET:
            try:
                id = UUID(_id_raw)
            except (TypeError, ValueError, AttributeError):
                d["id"] = _id_raw

        url = d.pop("url", UNSET)
        if not isinstance(url, str) and url is not UNSET:
            d["url"] = url
            url = UNSET

        _method_raw = d.pop("method", UNSET)
        method: Any = UNSET
        if _method_raw is not UNSET:
            try:
                method = WebhookMethod.parse(_method_raw)
            except (TypeError, ValueError):
                d["method"] = _method_raw

        retries = d.pop("retries", UNSET)
        if not (isinstance(retries, int) and not isinstance(retries, bool)) and retries is not UNSET:
            d["retries"] = retries
            retries = UNSET

        _encoding_raw = d.pop("encoding", UNSET)
        encoding: None | Unset | WebhookEncoding = UNSET
        if _encoding_raw is None:
            encoding = None
        elif _encoding_raw is not UNSET:
            try:
                encoding = WebhookEncoding.parse(_encoding_raw)
            except (TypeError, ValueError, AttributeError, OverflowError):
                d["encoding"] = _encoding_raw

        _headers_raw = d.pop("headers", UNSET)
        headers: WebhookHeaders | Unset = UNSET
        if isinstance(_headers_raw, dict):
            headers = WebhookHeaders.from_dict(_headers_raw)
        elif _headers_raw is not UNSET:
            d["headers"] = _headers_raw

        _events_raw = d.pop("events", UNSET)
        events: list[WebhookEvent] | Unset = UNSET
        if isinstance(_events_raw, list):
            try:
                events = [WebhookEvent.parse(_events_item) for _events_item in _events_raw]
            except (TypeError, ValueError, AttributeError, OverflowError):
                d["events"] = _events_raw
        elif _events_raw is not UNSET:
            d["events"] = _events_raw

        template = d.pop("template", UNSET)
        if not isinstance(template, str) and template is not UNSET:
            d["template"] = template
            template = UNSET

        read_timeout = d.pop("read_timeout", UNSET)
        if not (isinstance(read_timeout, int) and not isinstance(read_timeout, bool)) and read_timeout is not UNSET:
            d["read_timeout"] = read_timeout
            read_timeout = UNSET

        retry_delay = d.pop("retry_delay", UNSET)
        if not (isinstance(retry_delay, int) and not isinstance(retry_delay, bool)) and retry_delay is not UNSET:
            d["retry_delay"] = retry_delay
            retry_delay = UNSET

        webhook = cls.__new__(cls)
        webhook.id = id
        webhook.url = url
        webhook.method = method
        webhook.retries = retries
        webhook.encoding = encoding
        webhook.headers = headers
        webhook.events = events
        webhook.template = template
        webhook.read_timeout = read_timeout
        webhook.retry_delay = retry_delay

        webhook.additional_properties = d
        return webhook

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (
            ("id", self.id),
            ("url", self.url),
            ("method", self.method),
            ("retries", self.retries),
        )
        return [name for name, value in fields if value is UNSET and name not in self.additional_properties]

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = (
            "id",
            "url",
            "method",
            "retries",
            "encoding",
            "headers",
            "events",
            "template",
            "read_timeout",
            "retry_delay",
        )
        return [name for name in names if name in self.additional_properties]

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "id",
                "url",
                "method",
                "retries",
                "encoding",
                "headers",
                "events",
                "template",
                "read_timeout",
                "retry_delay",
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
from ..models.webhook_headers import WebhookHeaders  # noqa: E402
