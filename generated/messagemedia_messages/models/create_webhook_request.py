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

T = TypeVar("T", bound="CreateWebhookRequest")


def _method_from_str(value: WebhookMethod | str) -> WebhookMethod:
    """`CreateWebhookRequest.method` takes a WebhookMethod or its string value."""
    if type(value) is str:
        return WebhookMethod.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("WebhookMethod", value)


def _encoding_from_str(value: WebhookEncoding | str) -> WebhookEncoding:
    """`CreateWebhookRequest.encoding` takes a WebhookEncoding or its string value."""
    if type(value) is str:
        return WebhookEncoding.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("WebhookEncoding", value)


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class CreateWebhookRequest:
    """A webhook to register. `url`, `method`, `encoding` and `events` are required."""

    url: str
    """ The http or https URL to call, up to 1000 characters. A `GET` webhook may put
    template variables in the query, e.g. `?reply=$moId` (plain `$name` form: braces are
    not allowed in a URL).
     """
    method: WebhookMethod = _attrs_field(converter=_method_from_str)
    """ The HTTP method the API calls the webhook's `url` with. """
    encoding: WebhookEncoding = _attrs_field(converter=_encoding_from_str)
    """ How the body is encoded; the API sets the matching `Content-Type` itself, which is why
    `headers` may not carry one.
     """
    events: list[WebhookEvent]
    """ The events to call the webhook for; at least one. """
    headers: WebhookHeaders | Unset = UNSET
    """ Extra HTTP headers the API sends with every call of the webhook: names up to 200
    characters, values up to 1000. `Content-Type` (in any letter case) is not allowed, since
    `encoding` decides it. Receivers often check a token sent here, so the values are
    `x-sensitive`: a model's repr shows the header names only.
     """
    template: str | Unset = UNSET
    """ A Velocity template for the body; leave it out for the default payload of each event
    (see `webhooks` in this document). JSON inside the template must be escaped for
    Velocity, and text variables escaped for JSON with `$esc.json($!moContent)`. The
    variables, and the events that have them (D: delivery reports, M: `RECEIVED_SMS`,
    X: `RECEIVED_MMS`, O: `OPT_OUT_SMS`):
    `$format` (service type, e.g. `SMS`; `$type` is its deprecated name; DMX),
    `$mtId` / `$messageId` (the original message; DMX), `$drId` / `$reportId` (D),
    `$moId` / `$replyId` (MX), `$notificationId` (O), `$accountId` (DMXO),
    `$submittedTimestamp` and `$receivedTimestamp` (DMX), `$status` and `$statusCode` (D),
    `$metadata` (with `.get('key')`, `.keySet()`, `.entrySet()`; DMX), `$sourceAddress`
    (the handset; DMX), `$destinationAddress` (your number; MX), `$mtContent` /
    `$messageContent` (the original text; DMX), `$moContent` / `$replyContent` (the reply
    text; MX), `$retryCount` (DMX), `$billingUnits` (D, when the account has it on),
    `$attachments` (each `$entry` with `.contentType`, `.base64`, `.originalName`; X) and
    `$vendorId` (D).
     """
    read_timeout: int | Unset = 20000
    """ How long the API waits for the webhook's answer, in milliseconds. Cannot be changed later. """
    retries: int | Unset = 0
    """ How many times the API calls again after a failed call (0, the default, means never). Cannot be changed
    later. """
    retry_delay: int | Unset = UNSET
    """ Seconds between retries; only meaningful with `retries`. Cannot be changed later. """

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

        events: Any = self.events
        if events is not UNSET:
            field_dict["events"] = (
                [_item.value if isinstance(_item, WebhookEvent) else _item for _item in events]
                if isinstance(events, list)
                else events
            )

        headers: Any = self.headers
        if headers is not UNSET:
            field_dict["headers"] = headers.to_dict() if isinstance(headers, WebhookHeaders) else headers

        template: Any = self.template
        if template is not UNSET:
            field_dict["template"] = template

        read_timeout: Any = self.read_timeout
        if read_timeout is not UNSET:
            field_dict["read_timeout"] = read_timeout

        retries: Any = self.retries
        if retries is not UNSET:
            field_dict["retries"] = retries

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

        _encoding_raw = d.pop("encoding", UNSET)
        encoding: Any = UNSET
        if _encoding_raw is not UNSET:
            try:
                encoding = WebhookEncoding.parse(_encoding_raw)
            except (TypeError, ValueError):
                d["encoding"] = _encoding_raw

        _events_raw = d.pop("events", UNSET)
        events: Any = UNSET
        if isinstance(_events_raw, list):
            try:
                events = [WebhookEvent.parse(_events_item) for _events_item in _events_raw]
            except (TypeError, ValueError, AttributeError, OverflowError):
                d["events"] = _events_raw
        elif _events_raw is not UNSET:
            d["events"] = _events_raw

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

        read_timeout = d.pop("read_timeout", UNSET)
        if not (isinstance(read_timeout, int) and not isinstance(read_timeout, bool)) and read_timeout is not UNSET:
            d["read_timeout"] = read_timeout
            read_timeout = UNSET

        retries = d.pop("retries", UNSET)
        if not (isinstance(retries, int) and not isinstance(retries, bool)) and retries is not UNSET:
            d["retries"] = retries
            retries = UNSET

        retry_delay = d.pop("retry_delay", UNSET)
        if not (isinstance(retry_delay, int) and not isinstance(retry_delay, bool)) and retry_delay is not UNSET:
            d["retry_delay"] = retry_delay
            retry_delay = UNSET

        create_webhook_request = cls.__new__(cls)
        create_webhook_request.url = url
        create_webhook_request.method = method
        create_webhook_request.encoding = encoding
        create_webhook_request.events = events
        create_webhook_request.headers = headers
        create_webhook_request.template = template
        create_webhook_request.read_timeout = read_timeout
        create_webhook_request.retries = retries
        create_webhook_request.retry_delay = retry_delay

        return create_webhook_request

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (
            ("url", self.url),
            ("method", self.method),
            ("encoding", self.encoding),
            ("events", self.events),
        )
        return [name for name, value in fields if value is UNSET]

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
                "events",
                "headers",
                "template",
                "read_timeout",
                "retries",
                "retry_delay",
            ),
        )


# Models that refer to each other import each other here, after the class exists, so that any
# import order works; not inside from_dict/to_dict, where the import statement ran on every call.
from ..models.webhook_headers import WebhookHeaders  # noqa: E402
