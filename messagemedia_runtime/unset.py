"""``UNSET``: the value of a field nobody gave, which is not the same as ``None`` (JSON's null)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, Self

__all__ = ["UNSET", "Unset"]


class Unset:
    """The type of ``UNSET``: one instance, falsy and empty, shown as ``UNSET``, kept by copy and pickle."""

    __slots__ = ()
    _instance: Unset | None = None

    def __new__(cls) -> Self:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance  # type: ignore[return-value]

    def __bool__(self) -> Literal[False]:
        return False

    # A list field an answer left out is UNSET: code that loops over it (or takes its len) sees
    # nothing, as for an empty list, instead of failing on a page the API sent short.
    def __len__(self) -> int:
        return 0

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __repr__(self) -> str:
        return "UNSET"

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return self

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()
