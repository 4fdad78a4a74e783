"""Turns a queued callback into the HTTP request the API would make, and says when to try again.

A message's `callback_url` gets a JSON POST of the report or reply, retried with exponential
back-off (as the API documents, without numbers). A webhook gets its own `method` and the
`Content-Type` of its `encoding`, its custom `headers`, and as body what its `template` renders
(with `$retryCount` the number of earlier attempts) or, without a template, the default payload:
JSON, or the payload's flat fields as a form for `FORM_ENCODED` (nested values are left out, as
in the API's form example). The API publishes no default XML payload, so an `XML` webhook without
a template is not called: its delivery is recorded as refused. A `GET` carries no body; its
URL's `$variables` are filled in (URL-escaped) for every method. The webhook waits `read_timeout`
ms for an answer (20 000 by default), and is tried `retries` more times after a failure,
`retry_delay` seconds apart (5 s, the least allowed, when retries are asked without a delay).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from .store import Callback
from .velocity import TemplateError, render, render_url

CONTENT_TYPES = {
    "JSON": "application/json",
    "FORM_ENCODED": "application/x-www-form-urlencoded",
    "XML": "application/xml",
}
DEFAULT_READ_TIMEOUT_MS = 20_000
DEFAULT_RETRY_DELAY = 5
_BODYLESS = frozenset({"GET"})


class DeliveryRefusedError(Exception):
    """The callback can never be made as asked (the text says why); it is recorded, not retried."""


@dataclass(frozen=True)
class Request:
    """One callback attempt, before the target policy and signing."""

    url: str
    method: str
    headers: dict[str, str]
    body: bytes
    timeout: float
    event: str


def build(callback: Callback, *, callback_timeout: float) -> Request:
    """The request for the next attempt of ``callback`` (``callback.attempts`` made so far)."""
    webhook = callback.webhook
    if webhook is None:
        return Request(
            url=callback.url,
            method="POST",
            headers={"Content-Type": "application/json"},
            body=callback.payload.encode("utf-8"),
            timeout=callback_timeout,
            event=callback.kind,
        )
    variables: dict[str, Any] = json.loads(callback.variables or "{}")
    variables["retryCount"] = str(callback.attempts)
    method = str(webhook["method"])
    encoding = str(webhook.get("encoding") or "JSON")
    try:
        url = render_url(str(webhook["url"]), variables)
        body = b"" if method in _BODYLESS else _body(webhook, encoding, callback.payload, variables)
    except TemplateError as exc:
        raise DeliveryRefusedError(f"refused: {exc}") from exc
    headers = {str(name): str(value) for name, value in (webhook.get("headers") or {}).items()}
    # `headers` may not carry a Content-Type (the spec refuses one): the encoding decides it.
    headers["Content-Type"] = CONTENT_TYPES.get(encoding, "application/json")
    timeout_ms = int(webhook.get("read_timeout") or DEFAULT_READ_TIMEOUT_MS)
    return Request(url, method, headers, body, timeout_ms / 1000, str(callback.event or ""))


def _body(webhook: Mapping[str, Any], encoding: str, payload: str, variables: Mapping[str, Any]) -> bytes:
    template = webhook.get("template")
    if isinstance(template, str):
        return render(template, variables).encode("utf-8")
    fields: dict[str, Any] = json.loads(payload)
    if encoding == "FORM_ENCODED":
        return urlencode([(name, value) for name, value in fields.items() if isinstance(value, str)]).encode()
    if encoding == "XML":
        raise DeliveryRefusedError(
            "refused: an XML webhook needs a template (the API publishes no default XML payload)"
        )
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def backoff(attempt: int, base: float, cap: float) -> float:
    """Seconds to wait after the `attempt`-th failure (1-based) of a `callback_url`: base, 2 base,
    4 base... up to cap."""
    return float(min(cap, base * 2 ** (attempt - 1)))


def retry_delay(callback: Callback, attempt: int, *, step: float, max_attempts: int) -> float | None:
    """Seconds to wait after the ``attempt``-th failed attempt (1-based), or None to give up.

    ``step`` is one simulated second in wall-clock seconds (1 / the speed factor): the same clock
    that moves messages on scales the back-off of `callback_url` and a webhook's `retry_delay`.
    """
    webhook = callback.webhook
    if webhook is None:
        if attempt >= max_attempts:
            return None
        return backoff(attempt, step, step * 64)
    retries = int(webhook.get("retries") or 0)
    if attempt > retries:
        return None
    return float(webhook.get("retry_delay") or DEFAULT_RETRY_DELAY) * step
