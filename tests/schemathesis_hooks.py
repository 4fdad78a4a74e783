"""Schemathesis hooks for the sandbox run (loaded through SCHEMATHESIS_HOOKS).

Generated `callback_url`s and webhook `url`s name random internet hosts; a sandbox that delivered
to them would make the test suite call the internet. Before every request, any such URL that
names a host is pointed at the loopback receiver the test started (SANDBOX_TEST_CALLBACK_BASE),
keeping its path and query, so the sandbox's callbacks are exercised and stay on this machine.
(The sandbox's own policy would refuse them anyway; the rewrite makes deliveries happen.)
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import schemathesis

_RECEIVER = urlsplit(os.environ.get("SANDBOX_TEST_CALLBACK_BASE", "http://127.0.0.1:9"))


def to_loopback(url: str) -> str:
    """The same URL with its host and port replaced by the receiver's; unchanged without a host."""
    try:
        parts = urlsplit(url)
        has_host = bool(parts.hostname)
    except ValueError:
        return url
    if not has_host:
        return url
    return urlunsplit(("http", _RECEIVER.netloc, parts.path, parts.query, parts.fragment))


_URL_FIELDS = ("callback_url", "url")


def rewrite(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: to_loopback(item) if key in _URL_FIELDS and isinstance(item, str) else rewrite(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [rewrite(item) for item in value]
    return value


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    body = getattr(case, "body", None)
    if isinstance(body, dict | list):
        case.body = rewrite(body)
