"""Read a callback's body (JSON or form-encoded) and tell which event it is.

The generated ``messagemedia_messages.callbacks`` hands this module the events openapi.yaml
describes (its ``webhooks:``, each with ``x-event-id``, ``x-recognised-by`` and ``x-events``), in
the order they are recognised in; this module knows no model.

Form-encoded bodies are flat ``key=value`` pairs. A field the spec describes as an object or a
list (``metadata``, ``vendor_account_id``, ``attachments``) may come either as JSON text in one
field (``metadata={"booking":"A-1042"}``) or in brackets (``metadata[booking]=A-1042``,
``attachments[0][content_type]=image/png``); anything else is kept as the text it is, and the
lenient model keeps a value it cannot read in ``additional_properties``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl

from .callback_errors import CallbackPayloadError, UnrecognisedEventError
from .errors import ConfigurationError, InvalidArgumentError

__all__ = ["EventParser", "EventType", "decode_body", "decode_form"]

E = TypeVar("E")

_MAX_FORM_FIELDS = 10_000
_MAX_NESTING = 8
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_JSON_TYPES = frozenset({"application/json", "text/json"})
_FORM_TYPE = "application/x-www-form-urlencoded"
_XML_TYPES = frozenset({"application/xml", "text/xml"})


@dataclass(frozen=True)
class EventType(Generic[E]):
    """One event of openapi.yaml's ``webhooks:``: its model and how a body is recognised as it."""

    name: str  # the webhook's name in openapi.yaml, e.g. "delivery_report"
    model: type[Any]
    from_dict: Callable[[Mapping[str, Any]], E]
    id_field: str  # x-event-id: the field to deduplicate retried deliveries by
    recognised_by: tuple[str, ...]  # x-recognised-by: a body with any of these fields is this event
    events: tuple[str, ...] = ()  # x-events: the API's event names (webhook subscriptions)
    structured: Mapping[str, str] = field(default_factory=dict)  # field -> "object" | "array"


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    media, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media.strip().lower(), charset


# json.loads matches a whitespace regex before and after the value, which costs as much as a
# quarter of reading a callback; the decoder's scanner reads the value alone, and a body that starts
# or ends with anything else (whitespace, a BOM, an error) goes to json.loads, which says what is wrong.
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _decode_json(body: bytes | str) -> dict[str, Any]:
    data: Any = None
    try:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        if text[:1] == "{":
            data, end = _SCAN(text, 0)
            if end != len(text):
                data = None
    except (StopIteration, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            raise CallbackPayloadError("the callback's body is not valid JSON") from None
    if not isinstance(data, dict):
        raise CallbackPayloadError(f"the callback's body is JSON but not an object (a {type(data).__name__})")
    return data


def _set_path(tree: dict[str, Any], path: list[str], value: str) -> None:
    node = tree
    for part in path[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    last = path[-1]
    if last == "":  # name[]=value appends
        last = str(sum(1 for key in node if key.isdigit()))
    node[last] = value


def _lists(node: Any) -> Any:
    """Bracketed indices (``a[0][b]``) become lists, in index order."""
    if not isinstance(node, dict):
        return node
    items = {key: _lists(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)]
    return items


def decode_form(text: str, structured: Mapping[str, str], *, charset: str = "utf-8") -> dict[str, Any]:
    """A form-encoded body (or a GET callback's query) as a dict; see the module's docstring."""
    try:
        pairs = parse_qsl(
            text, keep_blank_values=True, max_num_fields=_MAX_FORM_FIELDS, encoding=charset, errors="strict"
        )
    except (ValueError, LookupError):
        raise CallbackPayloadError(f"the callback's form body cannot be read as {charset}") from None
    data: dict[str, Any] = {}
    nested: dict[str, Any] = {}
    for name, value in pairs:
        start = name.find("[")
        if start > 0 and name.endswith("]"):
            path = [name[:start], *_BRACKETS.findall(name, start)]
            if len(path) <= _MAX_NESTING:
                _set_path(nested, path, value)
                continue
        kind = structured.get(name)
        if kind is not None:
            parsed = _json_of_kind(value, kind)
            if kind == "array" and isinstance(parsed, list) and isinstance(data.get(name), list):
                data[name].extend(parsed)  # the field repeated: each one a part of the list
                continue
            data[name] = parsed
        else:
            data[name] = value
    for name, value in nested.items():
        data.setdefault(name, _lists(value))
    return data


def _json_of_kind(value: str, kind: str) -> Any:
    """The JSON text of an object or list field decoded, when it is one; otherwise the text."""
    stripped = value.lstrip()
    if not stripped.startswith("{" if kind == "object" else ("[", "{")):
        return value
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        return value
    if kind == "object":
        return parsed if isinstance(parsed, dict) else value
    if isinstance(parsed, dict):  # one item of a list, given alone
        return [parsed]
    return parsed if isinstance(parsed, list) else value


def decode_body(
    body: bytes | str, content_type: str | None, structured: Mapping[str, str], *, query: str | None = None
) -> dict[str, Any]:
    """The callback's fields: JSON or form by ``content_type`` (sniffed when it is absent or
    says neither); an empty body with a ``query`` (a GET webhook) reads the query as a form."""
    if content_type == "application/json" and body:  # what callback_url callbacks carry: no more to read
        return _decode_json(body)
    media, charset = _media_type(content_type)
    if not body.strip():
        # A GET webhook puts its fields in the URL; its Content-Type still names the webhook's encoding.
        if query:
            return decode_form(query, structured)
        raise CallbackPayloadError("the callback's body is empty")
    if media in _JSON_TYPES or media.endswith("+json"):
        return _decode_json(body)
    if media in _XML_TYPES or media.endswith("+xml"):
        raise CallbackPayloadError(
            "the callback's body is XML: an XML webhook gets what its template renders, read it yourself"
        )
    if media == "multipart/form-data":
        raise CallbackPayloadError(
            "the callback's body is multipart: the API sends JSON or URL-encoded forms"
        )
    if isinstance(body, str):
        text = body
    else:
        try:
            text = body.decode(charset or "utf-8")
        except (UnicodeDecodeError, LookupError):
            raise CallbackPayloadError(
                f"the callback's body cannot be read as {charset or 'UTF-8'}"
            ) from None
    if not text.strip():
        raise CallbackPayloadError("the callback's body is empty")
    if media == _FORM_TYPE:
        return decode_form(text, structured, charset=charset or "utf-8")
    first = text.lstrip()[:1]
    if first in {"{", "["}:
        return _decode_json(text)
    if first == "<":
        raise CallbackPayloadError(
            "the callback's body looks like XML: read what its template renders yourself"
        )
    if "=" in text:
        return decode_form(text.strip(), structured, charset=charset or "utf-8")
    raise CallbackPayloadError("the callback's body is neither JSON nor form-encoded")


class EventParser(Generic[E]):
    """Parses callback bodies into the events it is given, recognised in the order given."""

    def __init__(self, types: Sequence[EventType[E]]) -> None:
        self.types = tuple(types)
        self._by_model: dict[type[Any], EventType[E]] = {t.model: t for t in self.types}
        self._by_name: dict[str, EventType[E]] = {}
        for event_type in self.types:
            self._by_name[event_type.name.lower()] = event_type
            for event in event_type.events:
                self._by_name[event.lower()] = event_type
        structured: dict[str, str] = {}
        for event_type in self.types:
            structured.update(event_type.structured)
        self.structured = structured

    def type_named(self, name: str | type[Any]) -> EventType[E]:
        """The event type of a webhook name (``received_sms``), an API event (``DELIVERED_DR``) or a model."""
        found = (
            self._by_model.get(name) if isinstance(name, type) else self._by_name.get(name.strip().lower())
        )
        if found is None:
            known = sorted({t.name for t in self.types} | {e for t in self.types for e in t.events})
            raise ConfigurationError(f"unknown event type {name!r}: use one of {', '.join(known)}")
        return found

    def recognise(self, data: Mapping[str, Any]) -> EventType[E]:
        for event_type in self.types:
            for marker in event_type.recognised_by:
                if marker in data:
                    return event_type
        fields = sorted(str(name)[:40] for name in data)[:20]
        wanted = sorted({marker for t in self.types for marker in t.recognised_by})
        raise UnrecognisedEventError(
            f"the callback's body has none of the fields that tell its event ({', '.join(wanted)}); "
            "for a webhook with a template of its own, name the event with event_type=",
            fields=fields,
        )

    def parse(
        self,
        body: bytes | str | Mapping[str, Any],
        content_type: str | None = None,
        *,
        event_type: str | type[Any] | None = None,
        query: str | None = None,
    ) -> E:
        data: Mapping[str, Any]
        if content_type == "application/json" and type(body) is bytes and body:
            data = _decode_json(body)  # what callback_url callbacks carry: straight to the JSON
        elif isinstance(body, bytes | str):
            data = decode_body(body, content_type, self.structured, query=query)
        elif isinstance(body, Mapping):
            data = body
        else:
            raise InvalidArgumentError(
                f"a callback's body is bytes, str or a mapping, not {type(body).__name__}"
            )
        chosen = self.recognise(data) if event_type is None else self.type_named(event_type)
        return chosen.from_dict(data)

    def event_id(self, event: object) -> str | None:
        """The ID to deduplicate this event's deliveries by, or ``None`` if the body had none."""
        event_type = self._by_model.get(type(event))
        if event_type is None:
            raise InvalidArgumentError(f"not a callback event: {type(event).__name__}")
        value = getattr(event, event_type.id_field, None)
        return value if isinstance(value, str) and value else None

    def event_type_of(self, event: object) -> str:
        event_type = self._by_model.get(type(event))
        if event_type is None:
            raise InvalidArgumentError(f"not a callback event: {type(event).__name__}")
        return event_type.name
