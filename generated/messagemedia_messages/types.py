"""Shared types of the generated models: ``UNSET``, ``Response`` and what the models use."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    """The type of ``UNSET``: a field that is not set (left out of the JSON), unlike ``None``."""

    _instance: Unset | None = None

    def __new__(cls) -> Unset:
        # One instance only, so that `value is UNSET` holds also for copied or unpickled models.
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

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

    def __copy__(self) -> Unset:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Unset:
        return self

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


# Two defaults that differ in every part dateutil can fill in from them: a value parsed the same
# with both names its own year, month, day, hour and minute (seconds may be left out).
_DEFAULT_A = datetime.datetime(2000, 1, 1, 0, 0)
_DEFAULT_B = datetime.datetime(2001, 2, 2, 1, 1)


def parse_datetime(value: Any) -> datetime.datetime:
    """A date-time the API sent, read leniently; ValueError or TypeError when it is not one.

    RFC 3339 (what the API sends today; a lowercase `t` or `z` too) is read by
    ``datetime.fromisoformat``. Anything else, such as the ``11/3/2016 11:49:02 AM`` of older
    published examples (month first), is read by ``dateutil.parser``, imported only then so that
    importing the client stays cheap; a value that leaves out the date or the hour and minute is
    refused rather than completed from a default. A value without an offset is taken as UTC.
    """
    if not isinstance(value, str):
        raise TypeError(f"a date-time is a string, not {type(value).__name__}")
    try:
        parsed = datetime.datetime.fromisoformat(value.upper())
    except ValueError:
        from dateutil import parser  # noqa: PLC0415 - the rare fallback pays for its import

        try:
            parsed = parser.parse(value, default=_DEFAULT_A)
            if parser.parse(value, default=_DEFAULT_B) != parsed:
                raise ValueError(f"{value!r} is not a complete date and time")
        except OverflowError as exc:
            raise ValueError(f"{value!r} is out of range") from exc
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=datetime.UTC)


def lenient_datetime(value: Any) -> datetime.datetime | Unset:
    """``parse_datetime(value)``, or UNSET when the value is not a date-time (the caller keeps it)."""
    try:
        return parse_datetime(value)
    except (TypeError, ValueError):
        return UNSET


def model_repr(model: object, names: Iterable[str]) -> str:
    """``Model(field=value, ...)`` with the fields that are set, then the additional properties."""
    parts = [f"{name}={value!r}" for name in names if (value := getattr(model, name)) is not UNSET]
    extra = getattr(model, "additional_properties", None)
    if extra:
        parts.append(f"additional_properties={extra!r}")
    return f"{type(model).__name__}({', '.join(parts)})"


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "lenient_datetime",
    "model_repr",
    "parse_datetime",
]
