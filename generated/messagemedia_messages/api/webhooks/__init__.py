"""Register URLs the API calls when replies, MMS, opt-outs or delivery reports arrive, instead
of (or as well as) polling for them. The callbacks themselves are described under `webhooks`.


``WebhooksResource`` and ``AsyncWebhooksResource`` are ``client.webhooks`` on ``MessageMedia`` and
``AsyncMessageMedia``. The modules of this package hold the lower layer: one module per operation,
each with ``sync``, ``sync_detailed``, ``asyncio`` and ``asyncio_detailed`` functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal, cast
from uuid import UUID

from messagemedia_runtime.paging import AsyncPager, Page, Paging

from ...types import UNSET, Unset

DEFAULT_PAGE_SIZE = 100
"""The page size asked for when the API requires one and the caller gave none."""
PAGING_LIST_WEBHOOKS = Paging(
    operation="list_webhooks",
    style="page",
    first_page=0,
    size_field="pageSize",
    next_token=None,
    next_uri=None,
    token_param=None,
)

if TYPE_CHECKING:
    from ...client import Client
    from ...models.list_webhooks_response import ListWebhooksResponse
    from ...models.webhook import Webhook
    from ...models.webhook_encoding import WebhookEncoding
    from ...models.webhook_event import WebhookEvent
    from ...models.webhook_headers import WebhookHeaders
    from ...models.webhook_method import WebhookMethod


class WebhooksResource:
    """``client.webhooks`` of ``MessageMedia``.

    Register URLs the API calls when replies, MMS, opt-outs or delivery reports arrive, instead
    of (or as well as) polling for them. The callbacks themselves are described under `webhooks`.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def create(
        self,
        *,
        url: str,
        method: WebhookMethod | Literal["GET", "POST", "PATCH", "PUT", "DELETE"],
        encoding: WebhookEncoding | Literal["JSON", "FORM_ENCODED", "XML"],
        events: Sequence[
            WebhookEvent
            | Literal[
                "RECEIVED_SMS",
                "OPT_OUT_SMS",
                "RECEIVED_MMS",
                "ENROUTE_DR",
                "SUBMITTED_DR",
                "DELIVERED_DR",
                "EXPIRED_DR",
                "REJECTED_DR",
                "FAILED_DR",
            ]
        ],
        headers: WebhookHeaders | Mapping[str, str] | Unset = UNSET,
        template: str | Unset = UNSET,
        read_timeout: int | Unset = UNSET,
        retries: int | Unset = UNSET,
        retry_delay: int | Unset = UNSET,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> Webhook:
        """Register a webhook

        Registers a URL the API calls whenever one of the chosen `events` happens: a reply or an
        MMS comes in, a handset opts out, or a delivery report is made. The request the API makes
        uses the webhook's `method` and `encoding`, carries its `headers`, and has the body that
        `template` renders (or the default payload, described under `webhooks` in this document).

        A webhook is identified by its `url` and `method` together: registering a pair that exists
        already is answered with 409. That is also why a create is never retried after a request
        that may have reached the API (`x-idempotent: false`): the repeat would be refused with 409
        even though the first one succeeded. `read_timeout`, `retries` and `retry_delay` can only
        be set here; an update cannot change them.

        Calls ``messagemedia_messages.api.webhooks.create_webhook``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import create_webhook

        kwargs = create_webhook._get_kwargs(
            body={
                "url": url,
                "method": method,
                "encoding": encoding,
                "events": events,
                "headers": headers,
                "template": template,
                "read_timeout": read_timeout,
                "retries": retries,
                "retry_delay": retry_delay,
            },
            account=account,
        )
        return create_webhook._call_sync(self._client, kwargs, deadline)

    def delete(
        self,
        webhook_id: UUID | str,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> None:
        """Delete a webhook

        Removes a webhook; the API stops calling it. Repeating a delete does no harm, so the
        client retries it after a lost answer; a repeat of a delete that already took effect is
        answered with 404.

        Calls ``messagemedia_messages.api.webhooks.delete_webhook``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import delete_webhook

        kwargs = delete_webhook._get_kwargs(
            webhook_id,
            account=account,
        )
        return delete_webhook._call_sync(self._client, kwargs, deadline)

    def list(
        self,
        *,
        page: int | Unset = UNSET,
        page_size: int | Unset = UNSET,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> Page[Webhook, ListWebhooksResponse]:
        """List webhooks

        Returns one page of the account's webhooks. Pages are numbered from 0; `page` and
        `page_size` are both optional. The API documents neither the default nor the largest page
        size (its own example uses 100); this document sets no maximum, so the API decides.

        Pages itself: iterating the answer yields every item of every page, each page fetched when
        reached. The answer is the first page (``.items``, ``.response``, ``.has_next_page()``,
        ``.next_page()``, ``.iter_pages()``) for paging by hand.
        Calls ``messagemedia_messages.api.webhooks.list_webhooks``.
        ``deadline``: seconds each request may take in all, retries included (None: the client's).
        """

        from . import list_webhooks

        client = self._client

        def fetch(cursor: int | str | None) -> ListWebhooksResponse:
            kwargs = list_webhooks._get_kwargs(
                page=cast(int, cursor) if cursor is not None else 0,
                page_size=page_size,
                account=account,
            )
            return list_webhooks._call_sync(client, kwargs, deadline)

        def items(answer: ListWebhooksResponse) -> object:
            return answer.page_data

        start: int | str | None = 0 if isinstance(page, Unset) else page
        return Page(PAGING_LIST_WEBHOOKS, fetch, items, start)

    def update(
        self,
        webhook_id: UUID | str,
        *,
        url: str | Unset = UNSET,
        method: WebhookMethod | Literal["GET", "POST", "PATCH", "PUT", "DELETE"] | Unset = UNSET,
        encoding: WebhookEncoding | Literal["JSON", "FORM_ENCODED", "XML"] | Unset = UNSET,
        headers: WebhookHeaders | Mapping[str, str] | Unset = UNSET,
        template: str | Unset = UNSET,
        events: Sequence[
            WebhookEvent
            | Literal[
                "RECEIVED_SMS",
                "OPT_OUT_SMS",
                "RECEIVED_MMS",
                "ENROUTE_DR",
                "SUBMITTED_DR",
                "DELIVERED_DR",
                "EXPIRED_DR",
                "REJECTED_DR",
                "FAILED_DR",
            ]
        ]
        | Unset = UNSET,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> Webhook:
        """Update a webhook

        Changes some of a webhook's `url`, `method`, `encoding`, `headers`, `template` and
        `events`; the fields left out keep their values. At least one must be given, and none may
        be null (the API answers 400 to an empty or all-null body). `read_timeout`, `retries` and
        `retry_delay` are set when the webhook is created and cannot be changed; the client refuses
        them here before sending. Setting fields to given values is safe to repeat, so the client
        retries an update whose answer was lost.

        The API does not say whether moving a webhook onto the `url` and `method` of another one is
        answered with 409, as a create is; this document declares the 409 so that the client raises
        a typed error if it is.

        Calls ``messagemedia_messages.api.webhooks.update_webhook``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import update_webhook

        kwargs = update_webhook._get_kwargs(
            webhook_id,
            body={
                "url": url,
                "method": method,
                "encoding": encoding,
                "headers": headers,
                "template": template,
                "events": events,
            },
            account=account,
        )
        return update_webhook._call_sync(self._client, kwargs, deadline)


class AsyncWebhooksResource:
    """``client.webhooks`` of ``AsyncMessageMedia``; every method is a coroutine.

    Register URLs the API calls when replies, MMS, opt-outs or delivery reports arrive, instead
    of (or as well as) polling for them. The callbacks themselves are described under `webhooks`.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    async def create(
        self,
        *,
        url: str,
        method: WebhookMethod | Literal["GET", "POST", "PATCH", "PUT", "DELETE"],
        encoding: WebhookEncoding | Literal["JSON", "FORM_ENCODED", "XML"],
        events: Sequence[
            WebhookEvent
            | Literal[
                "RECEIVED_SMS",
                "OPT_OUT_SMS",
                "RECEIVED_MMS",
                "ENROUTE_DR",
                "SUBMITTED_DR",
                "DELIVERED_DR",
                "EXPIRED_DR",
                "REJECTED_DR",
                "FAILED_DR",
            ]
        ],
        headers: WebhookHeaders | Mapping[str, str] | Unset = UNSET,
        template: str | Unset = UNSET,
        read_timeout: int | Unset = UNSET,
        retries: int | Unset = UNSET,
        retry_delay: int | Unset = UNSET,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> Webhook:
        """Register a webhook

        Registers a URL the API calls whenever one of the chosen `events` happens: a reply or an
        MMS comes in, a handset opts out, or a delivery report is made. The request the API makes
        uses the webhook's `method` and `encoding`, carries its `headers`, and has the body that
        `template` renders (or the default payload, described under `webhooks` in this document).

        A webhook is identified by its `url` and `method` together: registering a pair that exists
        already is answered with 409. That is also why a create is never retried after a request
        that may have reached the API (`x-idempotent: false`): the repeat would be refused with 409
        even though the first one succeeded. `read_timeout`, `retries` and `retry_delay` can only
        be set here; an update cannot change them.

        Calls ``messagemedia_messages.api.webhooks.create_webhook``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import create_webhook

        kwargs = create_webhook._get_kwargs(
            body={
                "url": url,
                "method": method,
                "encoding": encoding,
                "events": events,
                "headers": headers,
                "template": template,
                "read_timeout": read_timeout,
                "retries": retries,
                "retry_delay": retry_delay,
            },
            account=account,
        )
        return await create_webhook._call_async(self._client, kwargs, deadline)

    async def delete(
        self,
        webhook_id: UUID | str,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> None:
        """Delete a webhook

        Removes a webhook; the API stops calling it. Repeating a delete does no harm, so the
        client retries it after a lost answer; a repeat of a delete that already took effect is
        answered with 404.

        Calls ``messagemedia_messages.api.webhooks.delete_webhook``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import delete_webhook

        kwargs = delete_webhook._get_kwargs(
            webhook_id,
            account=account,
        )
        return await delete_webhook._call_async(self._client, kwargs, deadline)

    def list(
        self,
        *,
        page: int | Unset = UNSET,
        page_size: int | Unset = UNSET,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> AsyncPager[Webhook, ListWebhooksResponse]:
        """List webhooks

        Returns one page of the account's webhooks. Pages are numbered from 0; `page` and
        `page_size` are both optional. The API documents neither the default nor the largest page
        size (its own example uses 100); this document sets no maximum, so the API decides.

        Pages itself: ``async for item in client.webhooks.list()`` yields every
        item of every page, each page fetched when reached; ``await`` it for the first page (an
        ``AsyncPage``: ``.items``, ``.response``, ``await .next_page()``) to page by hand.
        Calls ``messagemedia_messages.api.webhooks.list_webhooks``.
        ``deadline``: seconds each request may take in all, retries included (None: the client's).
        """

        from . import list_webhooks

        client = self._client

        async def fetch(cursor: int | str | None) -> ListWebhooksResponse:
            kwargs = list_webhooks._get_kwargs(
                page=cast(int, cursor) if cursor is not None else 0,
                page_size=page_size,
                account=account,
            )
            return await list_webhooks._call_async(client, kwargs, deadline)

        def items(answer: ListWebhooksResponse) -> object:
            return answer.page_data

        start: int | str | None = 0 if isinstance(page, Unset) else page
        return AsyncPager(PAGING_LIST_WEBHOOKS, fetch, items, start)

    async def update(
        self,
        webhook_id: UUID | str,
        *,
        url: str | Unset = UNSET,
        method: WebhookMethod | Literal["GET", "POST", "PATCH", "PUT", "DELETE"] | Unset = UNSET,
        encoding: WebhookEncoding | Literal["JSON", "FORM_ENCODED", "XML"] | Unset = UNSET,
        headers: WebhookHeaders | Mapping[str, str] | Unset = UNSET,
        template: str | Unset = UNSET,
        events: Sequence[
            WebhookEvent
            | Literal[
                "RECEIVED_SMS",
                "OPT_OUT_SMS",
                "RECEIVED_MMS",
                "ENROUTE_DR",
                "SUBMITTED_DR",
                "DELIVERED_DR",
                "EXPIRED_DR",
                "REJECTED_DR",
                "FAILED_DR",
            ]
        ]
        | Unset = UNSET,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> Webhook:
        """Update a webhook

        Changes some of a webhook's `url`, `method`, `encoding`, `headers`, `template` and
        `events`; the fields left out keep their values. At least one must be given, and none may
        be null (the API answers 400 to an empty or all-null body). `read_timeout`, `retries` and
        `retry_delay` are set when the webhook is created and cannot be changed; the client refuses
        them here before sending. Setting fields to given values is safe to repeat, so the client
        retries an update whose answer was lost.

        The API does not say whether moving a webhook onto the `url` and `method` of another one is
        answered with 409, as a create is; this document declares the 409 so that the client raises
        a typed error if it is.

        Calls ``messagemedia_messages.api.webhooks.update_webhook``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import update_webhook

        kwargs = update_webhook._get_kwargs(
            webhook_id,
            body={
                "url": url,
                "method": method,
                "encoding": encoding,
                "headers": headers,
                "template": template,
                "events": events,
            },
            account=account,
        )
        return await update_webhook._call_async(self._client, kwargs, deadline)


__all__ = ["AsyncWebhooksResource", "WebhooksResource"]
