"""When and how long to wait before trying a request again."""

from __future__ import annotations

import email.utils
import math
import random
from collections.abc import Callable, Set
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .errors import ConfigurationError

__all__ = ["RetryPolicy", "parse_retry_after"]


def parse_retry_after(value: str | None, *, now: Callable[[], datetime] | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (seconds or HTTP date); None if absent/unreadable."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        # NaN and infinities parse as floats but are no usable wait.
        return max(seconds, 0.0) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now() if now is not None else datetime.now(UTC)
    return max((when - current).total_seconds(), 0.0)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How failed requests are retried.

    Which failures qualify depends on whether the request may have reached the API: see
    ``messagemedia_runtime.transport``. A send (``POST /v1/messages``) is never resent once it may
    have been received, whatever this policy says.

    ``max_retries``: extra attempts after the first; ``RetryPolicy(max_retries=0)`` disables retries.
    ``backoff_base`` / ``backoff_cap``: the n-th retry waits ``min(cap, base * 2**(n-1))`` seconds...
    ``jitter``: ...reduced by up to this fraction at random (0 = no jitter), so that many clients
    failing together do not retry in lockstep.
    ``retry_statuses``: HTTP statuses worth retrying; 429 and 503 mean the API did not act.
    ``respect_retry_after``: wait what the API's ``Retry-After`` asks instead of the back-off...
    ``max_retry_after``: ...but never longer than this many seconds.
    """

    max_retries: int = 2
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    jitter: float = 0.5
    retry_statuses: Set[int] = field(default_factory=lambda: frozenset({429, 502, 503, 504}))
    respect_retry_after: bool = True
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ConfigurationError("max_retries must be >= 0")
        if self.backoff_base < 0 or self.backoff_cap < 0 or self.max_retry_after < 0:
            raise ConfigurationError("backoff_base, backoff_cap and max_retry_after must be >= 0")
        if not 0.0 <= self.jitter <= 1.0:
            raise ConfigurationError("jitter must be between 0 and 1")
        # Accept any iterable of ints (a set literal is the natural spelling) but keep the policy hashable.
        object.__setattr__(self, "retry_statuses", frozenset(self.retry_statuses))

    def delay(self, attempt: int, retry_after_header: str | None = None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1 for the first request)."""
        if self.respect_retry_after:
            asked = parse_retry_after(retry_after_header)
            if asked is not None:
                return min(asked, self.max_retry_after)
        backoff = min(self.backoff_cap, self.backoff_base * 2.0 ** max(attempt - 1, 0))
        if self.jitter:
            backoff *= 1.0 - self.jitter * random.random()
        return backoff
