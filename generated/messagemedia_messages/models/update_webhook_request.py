from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_encoding import WebhookEncoding
from ..models.webhook_event import WebhookEvent
from ..models.webhook_method import WebhookMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateWebhookRequest")


@_attrs_define
class UpdateWebhookRequest:
    """The fields of a webhook to change, at least one of them; none may be null. `read_timeout`,
    `retries` and `retry_delay` cannot be changed after the webhook was created.

    """

    url: str | Unset = UNSET
    """ The new http or https URL, up to 1000 characters. """
    method: WebhookMethod | Unset = UNSET
    """ The HTTP method the API calls the webhook's `url` with. """
    encoding: WebhookEncoding | Unset = UNSET
    """ How the body is encoded; the API sets the matching `Content-Type` itself, which is why
    `headers` may not carry one.
     """
    headers: WebhookHeaders | Unset = UNSET
    """ Extra HTTP headers the API sends with every call of the webhook: names up to 200
    characters, values up to 1000. `Content-Type` (in any letter case) is not allowed, since
    `encoding` decides it.
     """
    template: str | Unset = UNSET
    """ The new Velocity template for the body (see `CreateWebhookRequest.template`). """
    events: list[WebhookEvent] | Unset = UNSET
    """ The new list of events; it replaces the old one and may not be empty. """

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        method: str | Unset = UNSET
        if not isinstance(self.method, Unset):
            method = self.method.value

        encoding: str | Unset = UNSET
        if not isinstance(self.encoding, Unset):
            encoding = self.encoding.value

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        template = self.template

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if method is not UNSET:
            field_dict["method"] = method
        if encoding is not UNSET:
            field_dict["encoding"] = encoding
        if headers is not UNSET:
            field_dict["headers"] = headers
        if template is not UNSET:
            field_dict["template"] = template
        if events is not UNSET:
            field_dict["events"] = events

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url", UNSET)

        _method = d.pop("method", UNSET)
        method: WebhookMethod | Unset
        if isinstance(_method, Unset):
            method = UNSET
        else:
            method = WebhookMethod.parse(_method)

        _encoding = d.pop("encoding", UNSET)
        encoding: WebhookEncoding | Unset
        if isinstance(_encoding, Unset):
            encoding = UNSET
        else:
            encoding = WebhookEncoding.parse(_encoding)

        _headers = d.pop("headers", UNSET)
        headers: WebhookHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = WebhookHeaders.from_dict(_headers)

        template = d.pop("template", UNSET)

        _events = d.pop("events", UNSET)
        events: list[WebhookEvent] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = WebhookEvent.parse(events_item_data)

                events.append(events_item)

        update_webhook_request = cls(
            url=url,
            method=method,
            encoding=encoding,
            headers=headers,
            template=template,
            events=events,
        )

        return update_webhook_request


# Models that refer to each other import each other here, after the class exists, so that any
# import order works; not inside from_dict/to_dict, where the import statement ran on every call.
from ..models.webhook_headers import WebhookHeaders  # noqa: E402
