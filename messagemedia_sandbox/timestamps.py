"""Conversions between epoch seconds (what the store keeps) and RFC 3339 text (what the API shows)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

# RFC 3339 allows any number of fractional digits and a lowercase t/z; fromisoformat in 3.11
# copes with neither everywhere, so the text is normalised first.
_FRACTION = re.compile(r"\.(\d+)")


def to_utc(moment: datetime) -> datetime:
    """The same moment in UTC; the first or last representable moment when UTC would leave
    years 1-9999 (e.g. `0001-01-01T00:00:00+01:00`), which no message can be scheduled for anyway."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if moment.year == 1 else datetime.max.replace(tzinfo=UTC)


def format_datetime(moment: datetime) -> str:
    """UTC, millisecond precision, `Z` suffix: the form every date-time in a response takes."""
    moment = to_utc(moment)
    # strftime's %Y does not pad years before 1000 on every platform; RFC 3339 needs four digits.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}.{moment.microsecond // 1000:03d}Z"
    )


def to_rfc3339(epoch: float) -> str:
    """`format_datetime` of a moment given in epoch seconds."""
    return format_datetime(datetime.fromtimestamp(epoch, UTC))


def parse_datetime(text: str) -> datetime:
    """An aware datetime from RFC 3339 text; ValueError when it is not one or has no offset."""
    normalised = text.strip().upper()
    normalised = _FRACTION.sub(lambda m: "." + (m.group(1) + "000000")[:6], normalised, count=1)
    if normalised.endswith("Z"):
        normalised = normalised[:-1] + "+00:00"
    moment = datetime.fromisoformat(normalised)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone offset")
    return moment


def parse_rfc3339(text: str) -> float:
    """Epoch seconds of an RFC 3339 date-time; ValueError when it is not one or has no offset."""
    return to_utc(parse_datetime(text)).timestamp()
