"""Status changes of outbound messages, read and confirmed in batches.

``DeliveryReportsResource`` and ``AsyncDeliveryReportsResource`` are ``client.delivery_reports`` on ``MessageMedia`` and
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
    from ...models.check_delivery_reports_response import CheckDeliveryReportsResponse
    from ...models.delivery_report import DeliveryReport


class DeliveryReportsResource:
    """``client.delivery_reports`` of ``MessageMedia``.

    Status changes of outbound messages, read and confirmed in batches.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def check(
        self,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> CheckDeliveryReportsResponse:
        """Check for delivery reports

        Returns up to 100 of the oldest delivery reports that have not been confirmed yet. Reports
        are only made for messages sent with `delivery_report: true`. The same reports come back
        until they are confirmed with `confirm_delivery_reports_as_received`.

        Calls ``messagemedia_messages.api.delivery_reports.check_delivery_reports``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import check_delivery_reports

        kwargs = check_delivery_reports._get_kwargs(
            account=account,
        )
        return check_delivery_reports._call_sync(self._client, kwargs, deadline)

    def drain(
        self,
        handler: Callable[[DeliveryReport], object],
        *,
        max_checks: int | None = None,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> DrainResult[DeliveryReport]:
        """Hand every pending item to ``handler``, and confirm each one only after it returned.

        At least once: an item whose handler raised is not confirmed and comes back in a later
        drain; nothing unprocessed is ever confirmed. Checks repeat until one brings nothing new;
        confirmations go 100 at a time. Errors of the checks propagate;
        handler and confirm failures are collected in the ``DrainResult`` (``raise_if_failed()``
        raises them).
        ``deadline``: seconds each request may take in all, retries included.
        """
        from messagemedia_runtime.draining import drain

        from . import check_delivery_reports, confirm_delivery_reports_as_received

        client = self._client

        def check() -> Sequence[DeliveryReport]:
            kwargs = check_delivery_reports._get_kwargs(account=account)
            answer = check_delivery_reports._call_sync(client, kwargs, deadline)
            return answer.delivery_reports

        def confirm(ids: list[str]) -> None:
            kwargs = confirm_delivery_reports_as_received._get_kwargs(
                body={"delivery_report_ids": ids}, account=account
            )
            confirm_delivery_reports_as_received._call_sync(client, kwargs, deadline)

        def item_id(item: DeliveryReport) -> str | None:
            value = item.delivery_report_id
            return None if value is None or isinstance(value, Unset) else str(value)

        return drain(
            check,
            confirm,
            handler,
            item_id=item_id,
            operation="check_delivery_reports",
            max_confirm=100,
            max_checks=max_checks,
        )

    def confirm(
        self,
        *,
        delivery_report_ids: Sequence[UUID | str],
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> None:
        """Confirm delivery reports as received

        Marks up to 100 delivery reports as processed so that later checks no longer return them.
        Confirming the same IDs twice is harmless, which makes this call safe to retry.

        Calls ``messagemedia_messages.api.delivery_reports.confirm_delivery_reports_as_received``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import confirm_delivery_reports_as_received

        kwargs = confirm_delivery_reports_as_received._get_kwargs(
            body={
                "delivery_report_ids": delivery_report_ids,
            },
            account=account,
        )
        return confirm_delivery_reports_as_received._call_sync(self._client, kwargs, deadline)


class AsyncDeliveryReportsResource:
    """``client.delivery_reports`` of ``AsyncMessageMedia``; every method is a coroutine.

    Status changes of outbound messages, read and confirmed in batches.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    async def check(
        self,
        *,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> CheckDeliveryReportsResponse:
        """Check for delivery reports

        Returns up to 100 of the oldest delivery reports that have not been confirmed yet. Reports
        are only made for messages sent with `delivery_report: true`. The same reports come back
        until they are confirmed with `confirm_delivery_reports_as_received`.

        Calls ``messagemedia_messages.api.delivery_reports.check_delivery_reports``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import check_delivery_reports

        kwargs = check_delivery_reports._get_kwargs(
            account=account,
        )
        return await check_delivery_reports._call_async(self._client, kwargs, deadline)

    async def drain(
        self,
        handler: Callable[[DeliveryReport], object | Awaitable[object]],
        *,
        max_checks: int | None = None,
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> DrainResult[DeliveryReport]:
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

        from . import check_delivery_reports, confirm_delivery_reports_as_received

        client = self._client

        async def check() -> Sequence[DeliveryReport]:
            kwargs = check_delivery_reports._get_kwargs(account=account)
            answer = await check_delivery_reports._call_async(client, kwargs, deadline)
            return answer.delivery_reports

        async def confirm(ids: list[str]) -> None:
            kwargs = confirm_delivery_reports_as_received._get_kwargs(
                body={"delivery_report_ids": ids}, account=account
            )
            await confirm_delivery_reports_as_received._call_async(client, kwargs, deadline)

        def item_id(item: DeliveryReport) -> str | None:
            value = item.delivery_report_id
            return None if value is None or isinstance(value, Unset) else str(value)

        return await adrain(
            check,
            confirm,
            handler,
            item_id=item_id,
            operation="check_delivery_reports",
            max_confirm=100,
            max_checks=max_checks,
        )

    async def confirm(
        self,
        *,
        delivery_report_ids: Sequence[UUID | str],
        account: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> None:
        """Confirm delivery reports as received

        Marks up to 100 delivery reports as processed so that later checks no longer return them.
        Confirming the same IDs twice is harmless, which makes this call safe to retry.

        Calls ``messagemedia_messages.api.delivery_reports.confirm_delivery_reports_as_received``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import confirm_delivery_reports_as_received

        kwargs = confirm_delivery_reports_as_received._get_kwargs(
            body={
                "delivery_report_ids": delivery_report_ids,
            },
            account=account,
        )
        return await confirm_delivery_reports_as_received._call_async(self._client, kwargs, deadline)


__all__ = ["AsyncDeliveryReportsResource", "DeliveryReportsResource"]
