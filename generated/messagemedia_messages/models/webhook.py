from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_encoding import WebhookEncoding
from ..models.webhook_event import WebhookEvent
from ..models.webhook_method import WebhookMethod
from ..types import UNSET, Unset

T = TypeVar("T", bound="Webhook")


@_attrs_define
class Webhook:
    """A registered webhook as the API returns it. `id`, `url`, `method` and `retries` are always
    there; `encoding` may be null, `headers` and `events` may be empty, and `template`,
    `read_timeout` and `retry_delay` appear only when they were set.

    """

    id: UUID
    """ The webhook's ID, for updating or deleting it. """
    url: str
    """ The URL the API calls. """
    method: WebhookMethod
    """ The HTTP method the API calls the webhook's `url` with. """
    retries: int
    """ How many times a failed call is retried. """
    encoding: None | Unset | WebhookEncoding = UNSET
    """ How the body is encoded; null when the API has none recorded. """
    headers: WebhookHeaders | Unset = UNSET
    """ Extra HTTP headers the API sends with every call of the webhook: names up to 200
    characters, values up to 1000. `Content-Type` (in any letter case) is not allowed, since
    `encoding` decides it.
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
        id = str(self.id)

        url = self.url

        method = self.method.value

        retries = self.retries

        encoding: None | str | Unset
        if isinstance(self.encoding, Unset):
            encoding = UNSET
        elif isinstance(self.encoding, WebhookEncoding):
            encoding = self.encoding.value
        else:
            encoding = self.encoding

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.value
                events.append(events_item)

        template = self.template

        read_timeout = self.read_timeout

        retry_delay = self.retry_delay

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "method": method,
                "retries": retries,
            }
        )
        if encoding is not UNSET:
            field_dict["encoding"] = encoding
        if headers is not UNSET:
            field_dict["headers"] = headers
        if events is not UNSET:
            field_dict["events"] = events
        if template is not UNSET:
            field_dict["template"] = template
        if read_timeout is not UNSET:
            field_dict["read_timeout"] = read_timeout
        if retry_delay is not UNSET:
            field_dict["retry_delay"] = retry_delay

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        url = d.pop("url")

        method = WebhookMethod.parse(d.pop("method"))

        retries = d.pop("retries")

        def _parse_encoding(data: object) -> None | Unset | WebhookEncoding:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                encoding_type_0 = WebhookEncoding.parse(data)

                return encoding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WebhookEncoding, data)

        encoding = _parse_encoding(d.pop("encoding", UNSET))

        _headers = d.pop("headers", UNSET)
        headers: WebhookHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = WebhookHeaders.from_dict(_headers)

        _events = d.pop("events", UNSET)
        events: list[WebhookEvent] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = WebhookEvent.parse(events_item_data)

                events.append(events_item)

        template = d.pop("template", UNSET)

        read_timeout = d.pop("read_timeout", UNSET)

        retry_delay = d.pop("retry_delay", UNSET)

        webhook = cls(
            id=id,
            url=url,
            method=method,
            retries=retries,
            encoding=encoding,
            headers=headers,
            events=events,
            template=template,
            read_timeout=read_timeout,
            retry_delay=retry_delay,
        )

        webhook.additional_properties = d
        return webhook

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
