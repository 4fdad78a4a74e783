"""Telling coroutine handlers apart, for the places that can only call a handler, not await it."""

from __future__ import annotations

import inspect

__all__ = ["discard", "is_coroutine_function"]


def is_coroutine_function(handler: object) -> bool:
    """Whether calling ``handler`` gives a coroutine: an ``async def`` function, or an object whose
    ``__call__`` is one."""
    call = getattr(handler, "__call__", None)  # noqa: B004 - an object whose __call__ is a coroutine function
    return inspect.iscoroutinefunction(handler) or inspect.iscoroutinefunction(call)


def discard(awaitable: object) -> None:
    """Close an awaitable that will never be awaited: a coroutine left open warns when collected."""
    close = getattr(awaitable, "close", None)
    if callable(close):
        close()
