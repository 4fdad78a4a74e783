"""``UNSET``: the value of a field nobody gave, which is not the same as ``None`` (JSON's null)."""

from __future__ import annotations

from typing import Any, Literal, Self

__all__ = ["UNSET", "Unset"]


class Unset:
    """The type of ``UNSET``: one instance, falsy, shown as ``UNSET``, the same after copies and pickling."""

    __slots__ = ()
    _instance: Unset | None = None

    def __new__(cls) -> Self:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance  # type: ignore[return-value]

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return self

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()
