"""The timeouts a client uses unless it is given others."""

from __future__ import annotations

import httpx

__all__ = ["DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT: httpx.Timeout = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=10.0)
"""connect 5 s, read 30 s, write 30 s, pool 10 s.

- connect: a TCP + TLS handshake to the API takes well under a second; 5 s fails fast on a dead
  route, and a connect failure is always safe to retry because nothing was sent.
- read: a send of 100 messages is accepted in a few seconds at worst; 30 s leaves room for a slow
  API without hanging a worker for minutes. A read timeout on a send leaves its outcome unknown, so
  this value is deliberately generous rather than tight.
- write: request bodies are at most ~600 KB (100 messages of 5000 characters), 30 s covers slow uplinks.
- pool: waiting 10 s for a free connection means the pool is exhausted by the caller's own
  concurrency; failing then (retryable, nothing was sent) beats queueing without bound.
"""
