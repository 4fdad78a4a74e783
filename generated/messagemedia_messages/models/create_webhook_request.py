from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_encoding import WebhookEncoding
from ..models.webhook_event import WebhookEvent
from ..models.webhook_method import WebhookMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateWebhookRequest")


@_attrs_define
class CreateWebhookRequest:
    """A webhook to register. `url`, `method`, `encoding` and `events` are required."""

    url: str
    """ The http or https URL to call, up to 1000 characters. A `GET` webhook may put
    template variables in the query, e.g. `?reply=$moId` (plain `$name` form: braces are
    not allowed in a URL).
     """
    method: WebhookMethod
    """ The HTTP method the API calls the webhook's `url` with. """
    encoding: WebhookEncoding
    """ How the body is encoded; the API sets the matching `Content-Type` itself, which is why
    `headers` may not carry one.
     """
    events: list[WebhookEvent]
    """ The events to call the webhook for; at least one. """
    headers: WebhookHeaders | Unset = UNSET
    """ Extra HTTP headers the API sends with every call of the webhook: names up to 200
    characters, values up to 1000. `Content-Type` (in any letter case) is not allowed, since
    `encoding` decides it.
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
        url = self.url

        method = self.method.value

        encoding = self.encoding.value

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.value
            events.append(events_item)

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        template = self.template

        read_timeout = self.read_timeout

        retries = self.retries

        retry_delay = self.retry_delay

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "method": method,
                "encoding": encoding,
                "events": events,
            }
        )
        if headers is not UNSET:
            field_dict["headers"] = headers
        if template is not UNSET:
            field_dict["template"] = template
        if read_timeout is not UNSET:
            field_dict["read_timeout"] = read_timeout
        if retries is not UNSET:
            field_dict["retries"] = retries
        if retry_delay is not UNSET:
            field_dict["retry_delay"] = retry_delay

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        method = WebhookMethod.parse(d.pop("method"))

        encoding = WebhookEncoding.parse(d.pop("encoding"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = WebhookEvent.parse(events_item_data)

            events.append(events_item)

        _headers = d.pop("headers", UNSET)
        headers: WebhookHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = WebhookHeaders.from_dict(_headers)

        template = d.pop("template", UNSET)

        read_timeout = d.pop("read_timeout", UNSET)

        retries = d.pop("retries", UNSET)

        retry_delay = d.pop("retry_delay", UNSET)

        create_webhook_request = cls(
            url=url,
            method=method,
            encoding=encoding,
            events=events,
            headers=headers,
            template=template,
            read_timeout=read_timeout,
            retries=retries,
            retry_delay=retry_delay,
        )

        return create_webhook_request


# Models that refer to each other import each other here, after the class exists, so that any
# import order works; not inside from_dict/to_dict, where the import statement ran on every call.
from ..models.webhook_headers import WebhookHeaders  # noqa: E402
