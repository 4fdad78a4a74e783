"""What the generated code tells the runtime about one API operation.

The runtime never imports the generated package: each generated endpoint module hands its
``Operation`` down with every call, so the layers point one way (generated code on top of this
package, never the reverse).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Operation", "Rules"]

Rules = tuple[Callable[[Any], object], type[Exception]]
"""A compiled check and the exception it raises for the first broken rule."""


class Operation:
    """One operation of openapi.yaml, as compiled by tools/compile_spec.py.

    ``idempotent``: the spec's ``x-idempotent``: whether repeating the request after it may have
    reached the API is harmless. Sends are not, so they are never retried once they may have left.
    ``load_rules``: returns the compiled check of ``{"path", "query", "headers", "body"}`` and the
    exception it raises; called on the first check, so a process loads only the rules it uses.
    ``headers``: the header parameters the operation takes (a client-wide ``Account`` goes only to
    operations that take it). ``accept``: the media types of its success answers, sent as ``Accept``.
    """

    __slots__ = ("_rules", "accept", "headers", "id", "idempotent", "load_rules", "method", "path")

    def __init__(
        self,
        *,
        id: str,
        method: str,
        path: str,
        idempotent: bool,
        load_rules: Callable[[], Rules],
        headers: frozenset[str] = frozenset(),
        accept: str | None = None,
    ) -> None:
        self.id = id
        self.method = method
        self.path = path
        self.idempotent = idempotent
        self.load_rules = load_rules
        self.headers = headers
        self.accept = accept
        self._rules: Rules | None = None

    @property
    def rules(self) -> Rules:
        """The compiled check and its exception, loaded on first use."""
        if self._rules is None:
            self._rules = self.load_rules()
        return self._rules

    def __repr__(self) -> str:
        return f"Operation({self.id!r}, {self.method} {self.path})"
