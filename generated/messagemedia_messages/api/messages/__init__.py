"""Send messages, read their status, cancel scheduled ones, and read the account's credit balance.

``MessagesResource`` and ``AsyncMessagesResource`` are ``client.messages`` on ``MessageMedia`` and
``AsyncMessageMedia``. The modules of this package hold the lower layer: one module per operation,
each with ``sync``, ``sync_detailed``, ``asyncio`` and ``asyncio_detailed`` functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from ...types import UNSET, Unset

if TYPE_CHECKING:
    from messagemedia_runtime.batching import BatchProgress, BatchResult

    from ...client import Client
    from ...models.check_credits_remaining_response import CheckCreditsRemainingResponse
    from ...models.message import Message
    from ...models.send_messages_response import SendMessagesResponse
    from ...models.sent_message import SentMessage
    from ...types import MessageParam


class MessagesResource:
    """``client.messages`` of ``MessageMedia``.

    Send messages, read their status, cancel scheduled ones, and read the account's credit balance.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def cancel(
        self,
        message_id: UUID | str,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> None:
        """Cancel a scheduled message

        Cancels a message that is still waiting for its `scheduled` time. Only messages whose
        status is `scheduled` can be cancelled; any other status is answered with 400. The only
        accepted body is `{"status": "cancelled"}`. Repeating a cancel does no harm, so the client
        retries it after a lost answer; a repeat of a cancel that already took effect is answered
        with 400, because the message is no longer scheduled.

        Calls ``messagemedia_messages.api.messages.cancel_scheduled_message``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import cancel_scheduled_message

        kwargs = cancel_scheduled_message._get_kwargs(
            message_id,
            body={
                "status": "cancelled",
            },
            account=account,
        )
        return cancel_scheduled_message._call_sync(self._client, kwargs, deadline)

    def check_credits(
        self,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> CheckCreditsRemainingResponse:
        """Check the prepaid credit balance

        Returns what is left on a prepaid account. The API does not publish the shape of this
        answer, so the schema is open: every key it sends is kept.

        Calls ``messagemedia_messages.api.messages.check_credits_remaining``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import check_credits_remaining

        kwargs = check_credits_remaining._get_kwargs(
            account=account,
        )
        return check_credits_remaining._call_sync(self._client, kwargs, deadline)

    def get_status(
        self,
        message_id: UUID | str,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> SentMessage:
        """Get a message and its status

        Returns one message sent in the last 45 days, with every field it was sent with and its
        current `status`.

        Calls ``messagemedia_messages.api.messages.get_message_status``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import get_message_status

        kwargs = get_message_status._get_kwargs(
            message_id,
            account=account,
        )
        return get_message_status._call_sync(self._client, kwargs, deadline)

    def send(
        self,
        *,
        messages: Sequence[Message | MessageParam],
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> SendMessagesResponse:
        """Send messages

        Submits between 1 and 100 messages in one request. The request is all or nothing: if any
        message is invalid the API answers 400 with one entry in `details` per problem and sends
        none of them. Accepted messages come back in the same order with a `message_id` and the
        status `queued` (or `scheduled` when `scheduled` lies in the future).

        Calls ``messagemedia_messages.api.messages.send_messages``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import send_messages

        kwargs = send_messages._get_kwargs(
            body={
                "messages": messages,
            },
            account=account,
        )
        return send_messages._call_sync(self._client, kwargs, deadline)

    def send_many(
        self,
        messages: Iterable[Message | MessageParam],
        *,
        batch_size: int = 100,
        stop_on_error: bool = False,
        progress: Callable[[BatchProgress], object] | None = None,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> BatchResult[SentMessage]:
        """Send messages, any number at a time: 100 per request.

        Returns a ``BatchResult``: ``sent[i]`` is what the API answered for input ``i`` (None if it
        was not accepted), and each failure names the input positions it covers, so no accepted ID
        is lost when another batch fails. An item that breaks the spec's rules fails alone; the rest
        of its batch is still sent. A failure whose ``outcome_unknown`` is true may have been
        accepted: check before resending. Never raises for a failed batch: call
        ``result.raise_if_failed()`` for that.
        ``progress``: called with a ``BatchProgress`` after every batch.
        ``deadline``: seconds each request may take in all, retries included.
        """
        from messagemedia_runtime.batching import as_items, partly_read, run_batches

        from . import send_messages

        client = self._client
        items: list[Message | MessageParam] = as_items(messages, "messages")

        def send(chunk: list[Message | MessageParam]) -> Sequence[SentMessage]:
            kwargs = send_messages._get_kwargs(body={"messages": chunk}, account=account)
            answer = send_messages._call_sync(client, kwargs, deadline)
            # An item that was not an object is left out of the list, so positions would not match.
            return partly_read(answer.messages, answer.additional_properties.get("messages"))

        def check(one: Message | MessageParam) -> None:
            send_messages._get_kwargs(body={"messages": [one]}, account=account)

        return run_batches(
            send,
            items,
            batch_size=batch_size,
            max_batch=100,
            check=check,
            stop_on_error=stop_on_error,
            progress=progress,
            operation="send_messages",
            items_field="messages",
        )


class AsyncMessagesResource:
    """``client.messages`` of ``AsyncMessageMedia``; every method is a coroutine.

    Send messages, read their status, cancel scheduled ones, and read the account's credit balance.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    async def cancel(
        self,
        message_id: UUID | str,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> None:
        """Cancel a scheduled message

        Cancels a message that is still waiting for its `scheduled` time. Only messages whose
        status is `scheduled` can be cancelled; any other status is answered with 400. The only
        accepted body is `{"status": "cancelled"}`. Repeating a cancel does no harm, so the client
        retries it after a lost answer; a repeat of a cancel that already took effect is answered
        with 400, because the message is no longer scheduled.

        Calls ``messagemedia_messages.api.messages.cancel_scheduled_message``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import cancel_scheduled_message

        kwargs = cancel_scheduled_message._get_kwargs(
            message_id,
            body={
                "status": "cancelled",
            },
            account=account,
        )
        return await cancel_scheduled_message._call_async(self._client, kwargs, deadline)

    async def check_credits(
        self,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> CheckCreditsRemainingResponse:
        """Check the prepaid credit balance

        Returns what is left on a prepaid account. The API does not publish the shape of this
        answer, so the schema is open: every key it sends is kept.

        Calls ``messagemedia_messages.api.messages.check_credits_remaining``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import check_credits_remaining

        kwargs = check_credits_remaining._get_kwargs(
            account=account,
        )
        return await check_credits_remaining._call_async(self._client, kwargs, deadline)

    async def get_status(
        self,
        message_id: UUID | str,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> SentMessage:
        """Get a message and its status

        Returns one message sent in the last 45 days, with every field it was sent with and its
        current `status`.

        Calls ``messagemedia_messages.api.messages.get_message_status``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import get_message_status

        kwargs = get_message_status._get_kwargs(
            message_id,
            account=account,
        )
        return await get_message_status._call_async(self._client, kwargs, deadline)

    async def send(
        self,
        *,
        messages: Sequence[Message | MessageParam],
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> SendMessagesResponse:
        """Send messages

        Submits between 1 and 100 messages in one request. The request is all or nothing: if any
        message is invalid the API answers 400 with one entry in `details` per problem and sends
        none of them. Accepted messages come back in the same order with a `message_id` and the
        status `queued` (or `scheduled` when `scheduled` lies in the future).

        Calls ``messagemedia_messages.api.messages.send_messages``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import send_messages

        kwargs = send_messages._get_kwargs(
            body={
                "messages": messages,
            },
            account=account,
        )
        return await send_messages._call_async(self._client, kwargs, deadline)

    async def send_many(
        self,
        messages: Iterable[Message | MessageParam],
        *,
        batch_size: int = 100,
        concurrency: int = 4,
        stop_on_error: bool = False,
        progress: Callable[[BatchProgress], object] | None = None,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> BatchResult[SentMessage]:
        """Send messages, any number at a time: 100 per request.

        Returns a ``BatchResult``: ``sent[i]`` is what the API answered for input ``i`` (None if it
        was not accepted), and each failure names the input positions it covers, so no accepted ID
        is lost when another batch fails. An item that breaks the spec's rules fails alone; the rest
        of its batch is still sent. A failure whose ``outcome_unknown`` is true may have been
        accepted: check before resending. Never raises for a failed batch: call
        ``result.raise_if_failed()`` for that.
        ``concurrency``: requests in flight at once.
        ``progress``: called with a ``BatchProgress`` after every batch.
        ``deadline``: seconds each request may take in all, retries included.
        """
        from messagemedia_runtime.batching import arun_batches, as_items, partly_read

        from . import send_messages

        client = self._client
        items: list[Message | MessageParam] = as_items(messages, "messages")

        async def send(chunk: list[Message | MessageParam]) -> Sequence[SentMessage]:
            kwargs = send_messages._get_kwargs(body={"messages": chunk}, account=account)
            answer = await send_messages._call_async(client, kwargs, deadline)
            # An item that was not an object is left out of the list, so positions would not match.
            return partly_read(answer.messages, answer.additional_properties.get("messages"))

        def check(one: Message | MessageParam) -> None:
            send_messages._get_kwargs(body={"messages": [one]}, account=account)

        return await arun_batches(
            send,
            items,
            batch_size=batch_size,
            max_batch=100,
            concurrency=concurrency,
            check=check,
            stop_on_error=stop_on_error,
            progress=progress,
            operation="send_messages",
            items_field="messages",
        )


__all__ = ["AsyncMessagesResource", "MessagesResource"]
