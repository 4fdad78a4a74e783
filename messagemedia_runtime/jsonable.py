"""Turn what a caller passes for a request body into JSON values, without judging it.

The client object accepts models and their plain form alike (dicts, strings for enums, ``UUID``s,
aware ``datetime``s). This walk only changes representation; whether the result is allowed is for
the spec's compiled rules to say, so a wrong value is reported as a ``RequestValidationError``
naming its field rather than failing here.
"""

from __future__ import annotations

import datetime
import enum
import uuid
from collections.abc import Mapping
from typing import Any

from .unset import Unset

__all__ = ["to_json"]

_SCALARS = (str, int, float, bool, type(None))


def to_json(value: Any) -> Any:
    """``value`` as JSON values: models through their ``to_dict``, unset fields left out.

    A naive ``datetime`` is written without an offset, which the spec's date-time rule refuses:
    the moment it means depends on a time zone the caller did not give.
    """
    if isinstance(value, _SCALARS):
        return value
    kind = type(value)
    if kind is dict:
        return {key: to_json(item) for key, item in value.items() if not isinstance(item, Unset)}
    if kind is list:
        return [to_json(item) for item in value]
    # A model next (what callers pass most after plain data), before the slower ABC checks.
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and not isinstance(value, Mapping):
        return to_dict()
    if isinstance(value, Mapping):
        return {key: to_json(item) for key, item in value.items() if not isinstance(item, Unset)}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
