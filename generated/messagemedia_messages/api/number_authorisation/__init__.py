"""The blacklist: numbers messages may not be sent to, because the handset opted out or you
listed it. Check numbers, list, add and remove them.


``NumberAuthorisationResource`` and ``AsyncNumberAuthorisationResource`` are ``client.number_authorisation`` on ``MessageMedia`` and
``AsyncMessageMedia``. The modules of this package hold the lower layer: one module per operation,
each with ``sync``, ``sync_detailed``, ``asyncio`` and ``asyncio_detailed`` functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast
from uuid import UUID

from messagemedia_runtime.paging import AsyncPager, Page, Paging

from ...types import UNSET, Unset

DEFAULT_PAGE_SIZE = 100
"""The page size asked for when the API requires one and the caller gave none."""
PAGING_LIST_BLACKLIST = Paging(
    operation="list_blacklist",
    style="token",
    first_page=0,
    size_field=None,
    next_token="pagination.page",
    next_uri="pagination.next_uri",
    token_param="token",
)

if TYPE_CHECKING:
    from ...client import Client
    from ...models.add_to_blacklist_response import AddToBlacklistResponse
    from ...models.check_numbers_authorised_response import CheckNumbersAuthorisedResponse
    from ...models.list_blacklist_response import ListBlacklistResponse
    from ...models.number_authorisation import NumberAuthorisation


class NumberAuthorisationResource:
    """``client.number_authorisation`` of ``MessageMedia``.

    The blacklist: numbers messages may not be sent to, because the handset opted out or you
    listed it. Check numbers, list, add and remove them.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def add_to_blacklist(
        self,
        *,
        numbers: Sequence[str],
        deadline: float | None = None,
    ) -> AddToBlacklistResponse:
        """Add numbers to the blacklist

        Adds up to 10 numbers to the blacklist; messages to them are then refused. Numbers also
        get there by themselves when a handset replies with an opt-out keyword such as `STOP`.
        The API answers 201 when it added at least one number, and 200 when all were listed
        already. The API documents only the 201; this document declares the 200 with the same
        body. Adding a number twice does no harm, so the client retries this call after a lost
        answer.

        Calls ``messagemedia_messages.api.number_authorisation.add_to_blacklist``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import add_to_blacklist

        kwargs = add_to_blacklist._get_kwargs(
            body={
                "numbers": numbers,
            },
        )
        return add_to_blacklist._call_sync(self._client, kwargs, deadline)

    def check(
        self,
        numbers: str | Sequence[str],
        *,
        deadline: float | None = None,
    ) -> CheckNumbersAuthorisedResponse:
        """Check whether numbers may be sent to

        Says, for each number, whether messages may be sent to it: `authorised: false` means the
        number is on the account's blacklist, and a send to it ends in a delivery report with an
        error code rather than a delivery.

        Calls ``messagemedia_messages.api.number_authorisation.check_numbers_authorised``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import check_numbers_authorised

        kwargs = check_numbers_authorised._get_kwargs(
            numbers if isinstance(numbers, str) or not isinstance(numbers, Sequence) else ",".join(map(str, numbers)),
        )
        return check_numbers_authorised._call_sync(self._client, kwargs, deadline)

    def list_blacklist(
        self,
        *,
        token: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> Page[str, ListBlacklistResponse]:
        """List the blacklist

        Returns one page (up to 100) of the numbers messages may not be sent to. Leave `token` out
        for the first page; for the next, pass the `pagination.page` of this answer as `token`, or
        follow `pagination.next_uri`.

        The API does not say how it marks the last page. This document takes the last page to be
        one whose `pagination` gives neither a `page` nor a `next_uri` with a `token`. The client
        follows `page`, and the `token` of `next_uri` when `page` is absent, null or empty.

        Pages itself: iterating the answer yields every item of every page, each page fetched when
        reached. The answer is the first page (``.items``, ``.response``, ``.has_next_page()``,
        ``.next_page()``, ``.iter_pages()``) for paging by hand.
        Calls ``messagemedia_messages.api.number_authorisation.list_blacklist``.
        ``deadline``: seconds each request may take in all, retries included (None: the client's).
        """

        from . import list_blacklist

        client = self._client

        def fetch(cursor: int | str | None) -> ListBlacklistResponse:
            kwargs = list_blacklist._get_kwargs(
                token=cast(str, cursor) if cursor is not None else UNSET,
            )
            return list_blacklist._call_sync(client, kwargs, deadline)

        def items(answer: ListBlacklistResponse) -> object:
            return answer.numbers

        start: int | str | None = None if isinstance(token, Unset) else token
        return Page(PAGING_LIST_BLACKLIST, fetch, items, start)

    def remove_from_blacklist(
        self,
        number: str,
        *,
        deadline: float | None = None,
    ) -> None:
        """Remove a number from the blacklist

        Takes one number off the blacklist, so that messages may be sent to it again. The answer
        is plain text, whose wording the API does not document. Repeating a removal does no harm,
        so the client retries it after a lost answer; a repeat of one that already took effect is
        answered with 404.

        Calls ``messagemedia_messages.api.number_authorisation.remove_from_blacklist``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import remove_from_blacklist

        kwargs = remove_from_blacklist._get_kwargs(
            number,
        )
        return remove_from_blacklist._call_sync(self._client, kwargs, deadline)


class AsyncNumberAuthorisationResource:
    """``client.number_authorisation`` of ``AsyncMessageMedia``; every method is a coroutine.

    The blacklist: numbers messages may not be sent to, because the handset opted out or you
    listed it. Check numbers, list, add and remove them.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    async def add_to_blacklist(
        self,
        *,
        numbers: Sequence[str],
        deadline: float | None = None,
    ) -> AddToBlacklistResponse:
        """Add numbers to the blacklist

        Adds up to 10 numbers to the blacklist; messages to them are then refused. Numbers also
        get there by themselves when a handset replies with an opt-out keyword such as `STOP`.
        The API answers 201 when it added at least one number, and 200 when all were listed
        already. The API documents only the 201; this document declares the 200 with the same
        body. Adding a number twice does no harm, so the client retries this call after a lost
        answer.

        Calls ``messagemedia_messages.api.number_authorisation.add_to_blacklist``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import add_to_blacklist

        kwargs = add_to_blacklist._get_kwargs(
            body={
                "numbers": numbers,
            },
        )
        return await add_to_blacklist._call_async(self._client, kwargs, deadline)

    async def check(
        self,
        numbers: str | Sequence[str],
        *,
        deadline: float | None = None,
    ) -> CheckNumbersAuthorisedResponse:
        """Check whether numbers may be sent to

        Says, for each number, whether messages may be sent to it: `authorised: false` means the
        number is on the account's blacklist, and a send to it ends in a delivery report with an
        error code rather than a delivery.

        Calls ``messagemedia_messages.api.number_authorisation.check_numbers_authorised``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import check_numbers_authorised

        kwargs = check_numbers_authorised._get_kwargs(
            numbers if isinstance(numbers, str) or not isinstance(numbers, Sequence) else ",".join(map(str, numbers)),
        )
        return await check_numbers_authorised._call_async(self._client, kwargs, deadline)

    def list_blacklist(
        self,
        *,
        token: str | Unset = UNSET,
        deadline: float | None = None,
    ) -> AsyncPager[str, ListBlacklistResponse]:
        """List the blacklist

        Returns one page (up to 100) of the numbers messages may not be sent to. Leave `token` out
        for the first page; for the next, pass the `pagination.page` of this answer as `token`, or
        follow `pagination.next_uri`.

        The API does not say how it marks the last page. This document takes the last page to be
        one whose `pagination` gives neither a `page` nor a `next_uri` with a `token`. The client
        follows `page`, and the `token` of `next_uri` when `page` is absent, null or empty.

        Pages itself: ``async for item in client.number_authorisation.list_blacklist()`` yields every
        item of every page, each page fetched when reached; ``await`` it for the first page (an
        ``AsyncPage``: ``.items``, ``.response``, ``await .next_page()``) to page by hand.
        Calls ``messagemedia_messages.api.number_authorisation.list_blacklist``.
        ``deadline``: seconds each request may take in all, retries included (None: the client's).
        """

        from . import list_blacklist

        client = self._client

        async def fetch(cursor: int | str | None) -> ListBlacklistResponse:
            kwargs = list_blacklist._get_kwargs(
                token=cast(str, cursor) if cursor is not None else UNSET,
            )
            return await list_blacklist._call_async(client, kwargs, deadline)

        def items(answer: ListBlacklistResponse) -> object:
            return answer.numbers

        start: int | str | None = None if isinstance(token, Unset) else token
        return AsyncPager(PAGING_LIST_BLACKLIST, fetch, items, start)

    async def remove_from_blacklist(
        self,
        number: str,
        *,
        deadline: float | None = None,
    ) -> None:
        """Remove a number from the blacklist

        Takes one number off the blacklist, so that messages may be sent to it again. The answer
        is plain text, whose wording the API does not document. Repeating a removal does no harm,
        so the client retries it after a lost answer; a repeat of one that already took effect is
        answered with 404.

        Calls ``messagemedia_messages.api.number_authorisation.remove_from_blacklist``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import remove_from_blacklist

        kwargs = remove_from_blacklist._get_kwargs(
            number,
        )
        return await remove_from_blacklist._call_async(self._client, kwargs, deadline)


__all__ = ["AsyncNumberAuthorisationResource", "NumberAuthorisationResource"]
