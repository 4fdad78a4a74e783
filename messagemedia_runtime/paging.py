"""Lists that page themselves: iterate a ``list()`` answer and every page after it is fetched on demand.

The spec's ``x-pagination`` says how an operation pages (numbered pages, or an opaque token the
answer hands back); the generated code passes that here with a function that fetches one page.
A list ends at an empty page, at a page shorter than the page size the answer reports, when the
answer gives no next token, or when a page repeats the previous one (a server that ignores the
paging parameters would otherwise be asked for ever). Nothing is skipped: a page shorter than
the size asked for is not taken as the last one unless the answer says which size it used.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from .unset import Unset

__all__ = ["AsyncPage", "AsyncPager", "Page", "Paging"]

T = TypeVar("T")
R = TypeVar("R")
Cursor = int | str | None
logger = logging.getLogger("messagemedia")


@dataclass(frozen=True, slots=True)
class Paging:
    """How one operation pages, from its ``x-pagination`` in openapi.yaml.

    ``style``: ``"page"`` (numbered pages from ``first_page``) or ``"token"`` (the answer names the
    next page). ``size_field``: where a page-style answer reports its page size; ``next_token``:
    where a token-style answer puts the next page's token; ``next_uri``: where it puts the next
    page's URL, whose ``token_param`` query parameter is the token when ``next_token`` is empty
    (dotted JSON paths).
    """

    operation: str
    style: Literal["page", "token"]
    first_page: int = 0
    size_field: str | None = None
    next_token: str | None = None
    next_uri: str | None = None
    token_param: str | None = None


def _dig(answer: Any, path: str | None) -> Any:
    if path is None:
        return None
    node = answer.to_dict() if hasattr(answer, "to_dict") else answer
    for key in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _items(value: Any) -> list[Any]:
    # Read leniently: an answer without its list (or with something else there) is an empty page.
    if isinstance(value, Unset) or not isinstance(value, Sequence) or isinstance(value, str | bytes):
        return []
    return list(value)


def _token_in_uri(uri: Any, param: str | None) -> str | None:
    """The ``param`` query parameter of the next page's URL, if the answer gave one."""
    if not isinstance(uri, str) or not uri or param is None:
        return None
    from urllib.parse import parse_qs, urlsplit  # only for an answer that names its next page so

    try:
        values = parse_qs(urlsplit(uri).query).get(param)
    except ValueError:
        return None
    return values[0] if values else None


def _following(paging: Paging, cursor: Cursor, answer: Any, items: list[Any]) -> Cursor:
    """The cursor of the page after this one, or None when this one is the last."""
    if not items:
        return None
    if paging.style == "token":
        token = _dig(answer, paging.next_token)
        if token is None or token == "":
            token = _token_in_uri(_dig(answer, paging.next_uri), paging.token_param)
        if token is None or token in ("", cursor):
            return None
        return str(token)
    size = _dig(answer, paging.size_field)
    if isinstance(size, int) and not isinstance(size, bool) and size > 0 and len(items) < size:
        return None
    return (cursor if isinstance(cursor, int) else paging.first_page) + 1


class _PageBase(Generic[T, R]):
    __slots__ = ("_next", "_paging", "cursor", "items", "response")

    def __init__(self, paging: Paging, cursor: Cursor, response: R, items: list[T]) -> None:
        self._paging = paging
        self.cursor = cursor
        """What this page was fetched with: its number, or its token (None for the first)."""
        self.response = response
        """The answer as the API gave it, parsed (e.g. with the page number and size it reports)."""
        self.items = items
        """The items on this page."""
        self._next = _following(paging, cursor, response, items)

    def has_next_page(self) -> bool:
        """Whether another page may follow (the last one can be empty)."""
        return self._next is not None

    @property
    def next_cursor(self) -> Cursor:
        """What the next page would be fetched with, or None after the last one."""
        return self._next

    def _repeats(self, later: _PageBase[T, R]) -> bool:
        if later.items and later.items == self.items:
            logger.warning(
                "%s: page %r repeats page %r; the list ends here",
                self._paging.operation,
                later.cursor,
                self.cursor,
            )
            return True
        return False

    def __repr__(self) -> str:
        name, operation = type(self).__name__, self._paging.operation
        return f"{name}({operation}, cursor={self.cursor!r}, items={len(self.items)})"


class Page(_PageBase[T, R]):
    """One page of a list. Iterating it yields its items and then those of every later page."""

    __slots__ = ("_fetch",)

    def __init__(
        self, paging: Paging, fetch: Callable[[Cursor], R], getter: Callable[[R], Any], cursor: Cursor
    ) -> None:
        response = fetch(cursor)
        super().__init__(paging, cursor, response, _items(getter(response)))
        self._fetch = (fetch, getter)

    def next_page(self) -> Page[T, R] | None:
        """Fetch the next page; None after the last one."""
        if self._next is None:
            return None
        fetch, getter = self._fetch
        later: Page[T, R] = Page(self._paging, fetch, getter, self._next)
        return None if self._repeats(later) else later

    def iter_pages(self) -> Iterator[Page[T, R]]:
        """This page and every later one, each fetched when the iteration reaches it."""
        page: Page[T, R] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_PageBase[T, R]):
    """One page of a list, for asyncio: ``async for`` yields its items, then those of later pages."""

    __slots__ = ("_fetch",)

    def __init__(self, paging: Paging, cursor: Cursor, response: R, items: list[T]) -> None:
        super().__init__(paging, cursor, response, items)
        self._fetch: tuple[Callable[[Cursor], Awaitable[R]], Callable[[R], Any]] | None = None

    async def next_page(self) -> AsyncPage[T, R] | None:
        """Fetch the next page; None after the last one."""
        if self._next is None or self._fetch is None:
            return None
        later = await _fetch_async(self._paging, *self._fetch, self._next)
        return None if self._repeats(later) else later

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T, R]]:
        page: AsyncPage[T, R] | None = self
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


async def _fetch_async(
    paging: Paging, fetch: Callable[[Cursor], Awaitable[R]], getter: Callable[[R], Any], cursor: Cursor
) -> AsyncPage[Any, R]:
    response = await fetch(cursor)
    page: AsyncPage[Any, R] = AsyncPage(paging, cursor, response, _items(getter(response)))
    page._fetch = (fetch, getter)
    return page


class AsyncPager(Generic[T, R]):
    """What an async ``list()`` returns: ``await`` it for the first page, or ``async for`` every item."""

    __slots__ = ("_cursor", "_fetch", "_getter", "_paging")

    def __init__(
        self,
        paging: Paging,
        fetch: Callable[[Cursor], Awaitable[R]],
        getter: Callable[[R], Any],
        cursor: Cursor,
    ) -> None:
        self._paging = paging
        self._fetch = fetch
        self._getter = getter
        self._cursor = cursor

    async def first_page(self) -> AsyncPage[T, R]:
        """Fetch the first page."""
        return await _fetch_async(self._paging, self._fetch, self._getter, self._cursor)

    def __await__(self) -> Generator[Any, None, AsyncPage[T, R]]:
        return self.first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self.first_page()
        async for item in page:
            yield item
