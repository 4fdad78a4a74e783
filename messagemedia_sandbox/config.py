"""Everything a sandbox instance can be told at start-up, in one immutable record."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_DATA = "messagemedia-sandbox.sqlite3"
DEFAULT_KEY = "sandbox-key"
DEFAULT_SECRET = "sandbox-secret"  # noqa: S105 - a published, deliberately fake credential
DEFAULT_CREDITS = 10_000


@dataclass(frozen=True)
class SandboxConfig:
    """Settings of one sandbox.

    ``speed`` scales the simulated world: at 1.0 each status step of a message takes one second
    and a callback retry waits 1 s, 2 s, 4 s...; at 10.0 everything runs ten times faster.
    ``allow_external_callbacks`` lets callbacks go to hosts that are neither loopback nor private
    (see `callback_targets`); the sandbox itself is never called back, whatever it says.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    data: Path = Path(DEFAULT_DATA)
    credentials: dict[str, str] = field(default_factory=lambda: {DEFAULT_KEY: DEFAULT_SECRET})
    speed: float = 1.0
    auto_reply: str | None = None
    fail_destinations: frozenset[str] = frozenset()
    reject_destinations: frozenset[str] = frozenset()
    initial_credits: int = DEFAULT_CREDITS
    # The real API allows five minutes of clock skew on the signed `date` header.
    max_clock_skew: float = 300.0
    callback_max_attempts: int = 6
    callback_timeout: float = 5.0
    allow_external_callbacks: bool = False
    # The account flag API_SECURE_CALLBACKS: with it, the Signature Key API works and callbacks are
    # signed with the enabled key; without it (`--secure-callbacks off`) that API answers 403.
    secure_callbacks: bool = True
    max_body_bytes: int = 8 * 1024 * 1024
    # How callback host names become addresses (host, port -> addresses; raise
    # callback_targets.TargetUnresolvedError for none): None is the system's resolver. For tests,
    # and for an embedding with names of its own.
    callback_resolver: Callable[[str, int], list[str]] | None = None

    def __post_init__(self) -> None:
        if self.speed <= 0:
            raise ValueError("speed must be positive")
        if not self.credentials:
            raise ValueError("at least one API key is needed")

    @property
    def step_seconds(self) -> float:
        """Wall-clock seconds one lifecycle step takes."""
        return 1.0 / self.speed


def credentials_from_env(key: str | None, secret: str | None) -> dict[str, str]:
    """The key pair from explicit values, else MESSAGEMEDIA_API_KEY/SECRET, else the defaults."""
    chosen_key = key or os.environ.get("MESSAGEMEDIA_API_KEY") or DEFAULT_KEY
    chosen_secret = secret or os.environ.get("MESSAGEMEDIA_API_SECRET") or DEFAULT_SECRET
    return {chosen_key: chosen_secret}
