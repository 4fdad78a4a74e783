"""What the generated models use to read answers leniently and to show themselves."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from .unset import UNSET, Unset

__all__ = ["lenient_datetime", "model_repr", "parse_datetime"]

# Two defaults that differ in every part dateutil can fill in from them: a value parsed the same
# with both names its own year, month, day, hour and minute (seconds may be left out).
_DEFAULT_A = datetime.datetime(2000, 1, 1, 0, 0)
_DEFAULT_B = datetime.datetime(2001, 2, 2, 1, 1)


def parse_datetime(value: Any) -> datetime.datetime:
    """A date-time the API sent, read leniently; ValueError or TypeError when it is not one.

    RFC 3339 (what the API sends today; a lowercase `t` or `z` too) and the other ISO 8601 forms
    ``datetime.fromisoformat`` reads (a date alone is its midnight) are read by it. Anything else,
    such as the ``11/3/2016 11:49:02 AM`` of older published examples (month first), is read by
    ``dateutil.parser``, imported only then so that importing the client stays cheap; there a value
    that leaves out the date or the hour and minute is refused rather than completed from a
    default, and so is an offset of a day or more (a datetime holding one raises when used). A
    value without an offset is taken as UTC.
    """
    if not isinstance(value, str):
        raise TypeError(f"a date-time is a string, not {type(value).__name__}")
    try:
        parsed = datetime.datetime.fromisoformat(value.upper())
    except ValueError:
        from dateutil import parser  # the rare fallback pays for its import

        try:
            parsed = parser.parse(value, default=_DEFAULT_A)
            if parser.parse(value, default=_DEFAULT_B) != parsed:
                raise ValueError(f"{value!r} is not a complete date and time") from None
            parsed.utcoffset()  # dateutil keeps an offset of 24 hours or more, which raises only here
        except OverflowError as exc:
            raise ValueError(f"{value!r} is out of range") from exc
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=datetime.UTC)


def lenient_datetime(value: Any) -> datetime.datetime | Unset:
    """``parse_datetime(value)``, or UNSET when the value is not a date-time (the caller keeps it)."""
    try:
        return parse_datetime(value)
    except (TypeError, ValueError):
        return UNSET


def model_repr(model: object, names: Iterable[str], *, hide_values: bool = False) -> str:
    """``Model(field=value, ...)`` with the fields that are set, then the additional properties
    (with ``hide_values``, their names only: the values may be credentials)."""
    parts = [f"{name}={value!r}" for name in names if (value := getattr(model, name)) is not UNSET]
    extra = getattr(model, "additional_properties", None)
    if extra:
        shown = {name: "***" for name in extra} if hide_values else extra
        parts.append(f"additional_properties={shown!r}")
    return f"{type(model).__name__}({', '.join(parts)})"
