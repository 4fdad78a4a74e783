"""The ``date`` header value: RFC 7231 IMF-fixdate, always in GMT."""

from datetime import UTC, datetime

from messagemedia_runtime.errors import ConfigurationError

# Fixed English names: strftime's %a and %b follow the process locale, and a server in any
# locale expects "Wed" and "Nov", so the names must not depend on where the client runs.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def utc_now() -> datetime:
    """The current time as an aware UTC datetime (the default clock of the auth classes)."""
    return datetime.now(UTC)


def format_imf_fixdate(moment: datetime) -> str:
    """Format an aware datetime as IMF-fixdate in GMT, e.g. ``Wed, 25 Nov 2026 12:00:00 GMT``.

    Naive datetimes are refused: guessing their zone (the machine's local time, usually) is how a
    signature ends up hours off and rejected as stale.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ConfigurationError("format_imf_fixdate needs a timezone-aware datetime, e.g. datetime.now(UTC)")
    gmt = moment.astimezone(UTC)
    return (
        f"{_WEEKDAYS[gmt.weekday()]}, {gmt.day:02d} {_MONTHS[gmt.month - 1]} {gmt.year:04d} "
        f"{gmt.hour:02d}:{gmt.minute:02d}:{gmt.second:02d} GMT"
    )
