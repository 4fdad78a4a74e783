"""The httpx clients behind an API client: built on first use, shared by its clones, and never
carried across a fork or from one event loop to another.

After ``os.fork()`` (gunicorn, Celery prefork, multiprocessing) a child inherits the parent's
open sockets; if both used a pooled connection, each would read the other's answers. A child
therefore builds connections of its own on first use and leaves the parent's alone (closing them
would also shut them for the parent). Likewise an ``httpx.AsyncClient`` belongs to the event loop
it first ran in: used from another loop it fails with "Event loop is closed", so a new loop gets
a new one. Clients the caller handed in cannot be rebuilt: those raise a ``ConfigurationError``
that says what to do.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx

from . import deadline
from .errors import ClientClosedError, ConfigurationError

if TYPE_CHECKING:
    import asyncio

__all__ = ["Connections", "closed_error", "fork_generation"]

_forks = 0


def _after_fork_in_child() -> None:
    global _forks  # noqa: PLW0603 - one counter for the whole process, bumped by the fork hook
    _forks += 1


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)


def fork_generation() -> int:
    """How many forks separate this process from the one that imported this module first."""
    return _forks


def closed_error() -> ClientClosedError:
    return ClientClosedError(
        "this client is closed (close(), aclose() or the end of its with block closed it, or the"
        " httpx client it was given was closed); its with_options() copies share its connections."
        " Nothing was sent: make a new client."
    )


def _install_deadlines(client: httpx.Client | httpx.AsyncClient) -> None:
    # httpx keeps the transport it built (and those of proxy mounts) on the client.
    transports = [getattr(client, "_transport", None), *getattr(client, "_mounts", {}).values()]
    for transport in transports:
        if transport is not None:
            deadline.install(transport)


class Connections:
    """One sync and one async httpx client, made by ``build_sync`` / ``build_async`` when first needed."""

    __slots__ = (
        "_async",
        "_async_closed",
        "_async_fork",
        "_async_loop",
        "_async_owned",
        "_build_async",
        "_build_sync",
        "_lock",
        "_sync",
        "_sync_closed",
        "_sync_fork",
        "_sync_owned",
    )

    def __init__(
        self, build_sync: Callable[[], httpx.Client], build_async: Callable[[], httpx.AsyncClient]
    ) -> None:
        self._build_sync = build_sync
        self._build_async = build_async
        self._lock = threading.Lock()
        self._sync: httpx.Client | None = None
        self._sync_owned = True
        self._sync_fork = 0
        self._sync_closed = False
        self._async: httpx.AsyncClient | None = None
        self._async_owned = True
        self._async_fork = 0
        self._async_loop: asyncio.AbstractEventLoop | None = None
        self._async_closed = False

    def __deepcopy__(self, memo: dict[int, object]) -> Connections:
        # Open sockets cannot be copied: a deep copy of a client shares them, as with_options does.
        return self

    def use_sync(self, client: httpx.Client) -> None:
        """Use the caller's ``client`` for sync calls (it is not rebuilt after a fork)."""
        self._sync, self._sync_owned, self._sync_fork = client, False, _forks

    def use_async(self, client: httpx.AsyncClient) -> None:
        """Use the caller's ``client`` for async calls (it is not rebuilt after a fork or in a new loop)."""
        self._async, self._async_owned, self._async_fork = client, False, _forks
        self._async_loop = None

    def sync(self) -> httpx.Client:
        client = self._sync
        if client is not None and self._sync_fork == _forks:
            return client
        with self._lock:
            if self._sync_closed:
                raise closed_error()
            if self._sync is not None and self._sync_fork != _forks and not self._sync_owned:
                raise ConfigurationError(
                    "this client was given an httpx.Client before os.fork(); its connections belong to"
                    " the parent process. Build the client (or pass a new httpx.Client) in the child."
                )
            if self._sync is None or self._sync_fork != _forks:
                built = self._build_sync()
                _install_deadlines(built)
                self._sync, self._sync_fork = built, _forks
            return self._sync

    def asynchronous(self) -> httpx.AsyncClient:
        import asyncio  # here, not at import time: a sync-only program never needs asyncio

        try:
            loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:  # asked outside any event loop (to inspect it): bound at first use in one
            loop = None
        client = self._async
        if client is not None and self._async_fork == _forks and self._async_loop in (loop, None):
            if loop is not None:
                self._async_loop = loop
            return client
        with self._lock:
            if self._async_closed:
                raise closed_error()
            stale = self._async is not None and (
                self._async_fork != _forks or self._async_loop not in (None, loop)
            )
            if stale and not self._async_owned:
                raise ConfigurationError(
                    "this async client was given an httpx.AsyncClient that belongs to another event loop"
                    " (or to the process before os.fork()). Create the client inside the event loop"
                    " that uses it, or let it build its own httpx client."
                )
            if self._async is None or stale:
                built = self._build_async()
                _install_deadlines(built)
                self._async, self._async_fork = built, _forks
            if loop is not None:
                self._async_loop = loop
            return self._async

    def close(self) -> None:
        """Close the sync httpx client, if this process built or was given one; sync calls made
        after this raise ``ClientClosedError`` (also in a child forked later)."""
        self._sync_closed = True
        if self._sync is not None and self._sync_fork == _forks:
            self._sync.close()

    async def aclose(self) -> None:
        """Close the async httpx client, if it belongs to this process and the running loop; async
        calls made after this raise ``ClientClosedError``."""
        import asyncio

        self._async_closed = True
        if self._async is None or self._async_fork != _forks:
            return
        if self._async_loop in (None, asyncio.get_running_loop()):
            await self._async.aclose()
