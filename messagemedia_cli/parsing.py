"""Values written on a command line or in a CSV cell, read into what the client takes.

Each reader raises ``ValueError`` with a message that says what it expected; the command turns
that into a usage error (an option) or a row error (a CSV cell).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

_UNITS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
}
_PART = re.compile(r"(\d+)\s*([a-z]+)")
_RELATIVE = re.compile(r"(?:in\s+|\+)?((?:\d+\s*[a-z]+\s*)+)")
_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})
WHEN_HELP = (
    "ISO 8601 (2026-12-01T09:30:00+10:00; without an offset, this machine's time zone), "
    "or a delay from now: 'in 2 hours', '+30m', '1h30m', '2d'"
)


def parse_when(text: str, *, relative: bool = True, now: datetime | None = None) -> datetime:
    """A date-time with a time zone, from ISO 8601 or (``relative``) a delay such as ``in 2h``.

    A date-time written without an offset is taken in this machine's time zone, as a person
    typing it means it. The client sends it in UTC.
    """
    value = text.strip()
    if relative:
        match = _RELATIVE.fullmatch(value.lower())
        if match:
            seconds = 0
            for amount, unit in _PART.findall(match.group(1)):
                if unit not in _UNITS:
                    raise ValueError(f"unknown unit {unit!r} in {text!r}: use s, m, h or d")
                seconds += int(amount) * _UNITS[unit]
            start = now if now is not None else datetime.now().astimezone()
            return start + timedelta(seconds=seconds)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        expected = WHEN_HELP if relative else "an ISO 8601 date-time such as 2026-12-01T09:30:00+10:00"
        raise ValueError(f"{text!r} is not a date-time: expected {expected}") from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{text!r} is not true or false (true/false, yes/no, 1/0)")


def parse_pairs(pairs: Iterable[str], what: str, form: str = "KEY=VALUE") -> dict[str, str]:
    """``KEY=VALUE`` strings into a dict; the value may contain ``=``, the key may not be empty."""
    result: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"{what} must be {form}, not {pair!r}")
        result[key] = value
    return result
