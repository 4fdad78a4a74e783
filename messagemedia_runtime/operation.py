"""What the generated code tells the runtime about one API operation.

The runtime never imports the generated package: each generated endpoint module hands its
``Operation`` down with every call, so the layers point one way (generated code on top of this
package, never the reverse).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Operation"]


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of openapi.yaml, as compiled by tools/compile_spec.py.

    ``idempotent``: the spec's ``x-idempotent``: whether repeating the request after it may have
    reached the API is harmless. Sends are not, so they are never retried once they may have left.
    ``validate``: the compiled check of ``{"path", "query", "headers", "body"}``; it raises
    ``schema_error`` for the first broken rule. ``headers``: the header parameters the operation
    takes (a client-wide ``Account`` goes only to operations that take it). ``accept``: the media
    types of its success answers, sent as ``Accept``.
    """

    id: str
    method: str
    path: str
    idempotent: bool
    validate: Callable[[Any], object]
    schema_error: type[Exception]
    headers: frozenset[str] = frozenset()
    accept: str | None = None

    def __repr__(self) -> str:
        return f"Operation({self.id!r}, {self.method} {self.path})"
