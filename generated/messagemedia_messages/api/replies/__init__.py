"""Inbound messages from handsets, read and confirmed in batches.

``RepliesResource`` and ``AsyncRepliesResource`` are ``client.replies`` on ``MessageMedia`` and
``AsyncMessageMedia``. The modules of this package hold the lower layer: one module per operation,
each with ``sync``, ``sync_detailed``, ``asyncio`` and ``asyncio_detailed`` functions.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from ...types import UNSET, Unset

if TYPE_CHECKING:
    from messagemedia_runtime.draining import DrainResult

    from ...client import Client
    from ...models.check_replies_response import CheckRepliesResponse
    from ...models.reply import Reply


class RepliesResource:
    """``client.replies`` of ``MessageMedia``.

    Inbound messages from handsets, read and confirmed in batches.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def check(
        self,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> CheckRepliesResponse:
        """Check for replies

        Returns up to 100 of the oldest replies that have not been confirmed yet. The same replies
        come back on every call until they are confirmed with `confirm_replies_as_received`, so
        process them, then confirm the IDs you processed.

        Calls ``messagemedia_messages.api.replies.check_replies``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import check_replies

        kwargs = check_replies._get_kwargs(
            account=account,
        )
        return check_replies._call_sync(self._client, kwargs, deadline)

    def drain(
        self,
        handler: Callable[[Reply], object],
        *,
        max_checks: int | None = None,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> DrainResult[Reply]:
        """Hand every pending item to ``handler``, and confirm each one only after it returned.

        At least once: an item whose handler raised is not confirmed and comes back in a later
        drain; nothing unprocessed is ever confirmed. Checks repeat until one brings nothing new;
        confirmations go 100 at a time. Errors of the checks propagate;
        handler and confirm failures are collected in the ``DrainResult`` (``raise_if_failed()``
        raises them).
        ``deadline``: seconds each request may take in all, retries included.
        """
        from messagemedia_runtime.draining import drain

        from . import check_replies, confirm_replies_as_received

        client = self._client

        def check() -> Sequence[Reply]:
            kwargs = check_replies._get_kwargs(account=account)
            answer = check_replies._call_sync(client, kwargs, deadline)
            return answer.replies

        def confirm(ids: list[str]) -> None:
            kwargs = confirm_replies_as_received._get_kwargs(body={"reply_ids": ids}, account=account)
            confirm_replies_as_received._call_sync(client, kwargs, deadline)

        def item_id(item: Reply) -> str | None:
            value = item.reply_id
            return None if value is None or isinstance(value, Unset) else str(value)

        return drain(
            check,
            confirm,
            handler,
            item_id=item_id,
            operation="check_replies",
            max_confirm=100,
            max_checks=max_checks,
        )

    def confirm(
        self,
        *,
        reply_ids: Sequence[UUID | str],
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> None:
        """Confirm replies as received

        Marks up to 100 replies as processed so that later checks no longer return them.
        Confirming the same IDs twice is harmless, which makes this call safe to retry.

        Calls ``messagemedia_messages.api.replies.confirm_replies_as_received``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import confirm_replies_as_received

        kwargs = confirm_replies_as_received._get_kwargs(
            body={
                "reply_ids": reply_ids,
            },
            account=account,
        )
        return confirm_replies_as_received._call_sync(self._client, kwargs, deadline)


class AsyncRepliesResource:
    """``client.replies`` of ``AsyncMessageMedia``; every method is a coroutine.

    Inbound messages from handsets, read and confirmed in batches.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    async def check(
        self,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> CheckRepliesResponse:
        """Check for replies

        Returns up to 100 of the oldest replies that have not been confirmed yet. The same replies
        come back on every call until they are confirmed with `confirm_replies_as_received`, so
        process them, then confirm the IDs you processed.

        Calls ``messagemedia_messages.api.replies.check_replies``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import check_replies

        kwargs = check_replies._get_kwargs(
            account=account,
        )
        return await check_replies._call_async(self._client, kwargs, deadline)

    async def drain(
        self,
        handler: Callable[[Reply], object | Awaitable[object]],
        *,
        max_checks: int | None = None,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> DrainResult[Reply]:
        """Hand every pending item to ``handler``, and confirm each one only after it returned.

        At least once: an item whose handler raised is not confirmed and comes back in a later
        drain; nothing unprocessed is ever confirmed. Checks repeat until one brings nothing new;
        confirmations go 100 at a time. Errors of the checks propagate;
        handler and confirm failures are collected in the ``DrainResult`` (``raise_if_failed()``
        raises them).
        ``handler`` may be a plain function or a coroutine function.
        ``deadline``: seconds each request may take in all, retries included.
        """
        from messagemedia_runtime.draining import adrain

        from . import check_replies, confirm_replies_as_received

        client = self._client

        async def check() -> Sequence[Reply]:
            kwargs = check_replies._get_kwargs(account=account)
            answer = await check_replies._call_async(client, kwargs, deadline)
            return answer.replies

        async def confirm(ids: list[str]) -> None:
            kwargs = confirm_replies_as_received._get_kwargs(body={"reply_ids": ids}, account=account)
            await confirm_replies_as_received._call_async(client, kwargs, deadline)

        def item_id(item: Reply) -> str | None:
            value = item.reply_id
            return None if value is None or isinstance(value, Unset) else str(value)

        return await adrain(
            check,
            confirm,
            handler,
            item_id=item_id,
            operation="check_replies",
            max_confirm=100,
            max_checks=max_checks,
        )

    async def confirm(
        self,
        *,
        reply_ids: Sequence[UUID | str],
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> None:
        """Confirm replies as received

        Marks up to 100 replies as processed so that later checks no longer return them.
        Confirming the same IDs twice is harmless, which makes this call safe to retry.

        Calls ``messagemedia_messages.api.replies.confirm_replies_as_received``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import confirm_replies_as_received

        kwargs = confirm_replies_as_received._get_kwargs(
            body={
                "reply_ids": reply_ids,
            },
            account=account,
        )
        return await confirm_replies_as_received._call_async(self._client, kwargs, deadline)


__all__ = ["AsyncRepliesResource", "RepliesResource"]
