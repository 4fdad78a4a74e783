"""Check a request against openapi.yaml before it is sent, with messages people can act on.

The rules themselves are compiled from the spec (see tools/compile_spec.py) and handed in by the
generated code on its ``Operation``; this module runs them and rewrites their failures.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from .errors import RequestValidationError

if TYPE_CHECKING:
    from .operation import Operation

__all__ = ["check_request"]


class _Missing:
    def __repr__(self) -> str:
        return "<no body>"


_NO_BODY: Final = _Missing()

_INDEX = re.compile(r"\[(\d+)\]")
_METADATA_KEY = re.compile(r"\.metadata\.(.+)$")
# Fields that hold one E.164 number: `destination_number`, the blacklist's `number` and `numbers[i]`.
_E164_FIELD = re.compile(r"(_number|^number|^numbers\[\d+\])$")
# Fields whose values people write to handsets: never quoted back in an error.
_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_PRIVATE_FIELDS = re.compile(r"(^|\.)(content|subject|metadata|headers)\b")
_SHORT_VALUE = 40
_TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "boolean": "a boolean",
    "integer": "an integer",
    "number": "a number",
}
_FORMATS = {
    "uuid": "a UUID such as 877c19ef-fa2e-4cec-827a-e1df9b5509f7",
    "uri": "an absolute URI such as https://example.com/callback",
    "date-time": "an ISO 8601 date-time with a time zone, such as 2026-11-25T12:00:00Z",
}


def check_request(
    operation: Operation,
    *,
    path: dict[str, str],
    query: dict[str, Any] | None = None,
    headers: dict[str, Any] | None = None,
    body: Any = _NO_BODY,
) -> None:
    """Raise ``RequestValidationError`` if the request breaks a rule of openapi.yaml.

    ``path``: path parameters by their spec name; ``query``: the query parameters to be sent;
    ``headers``: the header parameters the caller gave (the generated code adds ``Content-Type``
    only after this check); ``body``: the JSON body.
    """
    data: dict[str, Any] = {"path": path, "query": query or {}, "headers": headers or {}}
    if body is not _NO_BODY:
        data["body"] = body
    validate, schema_error = operation.rules
    try:
        validate(data)
    except schema_error as exc:
        raise _explain(operation, exc, body) from None


def _quote(field: str, value: Any) -> str:
    """`` (got '...')`` for short values of fields that are not message content; else nothing."""
    if _PRIVATE_FIELDS.search(field):
        return ""
    if isinstance(value, str) and len(value) <= _SHORT_VALUE:
        return f" (got {value!r})"
    if isinstance(value, bool | int | float) or value is None:
        return f" (got {value!r})"
    return ""


def _size(value: Any) -> str:
    return f" (got {len(value)})" if isinstance(value, str | list | dict | tuple) else ""


def _plural(n: Any, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _field_name(raw: str) -> str:
    """``data.body.messages[0].metadata.k`` -> ``messages[0].metadata['k']``; path/header groups dropped."""
    if raw.startswith(("data.path.", "data.query.")):
        # Named as the caller wrote it: the method's argument (message_id), not the spec's messageId.
        return _CAMEL_HUMP.sub("_", raw.split(".", 2)[2]).lower()
    for prefix in ("data.body.", "data.headers.", "data."):
        if raw.startswith(prefix):
            raw = raw[len(prefix) :]
            break
    else:
        if raw in ("data", "data.body"):
            return "body"
        if raw in ("data.path", "data.query", "data.headers"):
            return raw[len("data.") :]
    key = _METADATA_KEY.search(raw)
    if key:
        raw = raw[: key.start()] + f".metadata[{key.group(1)!r}]"
    return raw


def _is_mms_rule(definition: Any) -> bool:
    if not isinstance(definition, dict):
        return False
    fmt = definition.get("properties", {}).get("format")
    return definition.get("const") == "MMS" or (isinstance(fmt, dict) and fmt.get("const") == "MMS")


def _message_at(body: Any, index: int | None) -> Any:
    try:
        return body["messages"][index]
    except (KeyError, IndexError, TypeError):
        return None


def _describe(field: str, rule: str | None, definition: Any, value: Any, fallback: str) -> str:
    definition = definition if isinstance(definition, dict) else {}
    if rule == "minLength":
        n = definition.get("minLength")
        if n == 1:
            return f"{field} must not be empty"
        return f"{field} must be at least {_plural(n, 'character')}{_size(value)}"
    if rule == "maxLength":
        return f"{field} must be at most {_plural(definition.get('maxLength'), 'character')}{_size(value)}"
    if rule == "pattern" and _E164_FIELD.search(field):
        return (
            f"{field} must be an E.164 phone number: '+' then 8 to 15 digits, the first not 0,"
            f" e.g. +61491570156 (not 0491570156){_quote(field, value)}"
        )
    if rule == "pattern" and field == "numbers":
        return (
            f"{field} must be E.164 phone numbers ('+' then 8 to 15 digits, the first not 0) separated"
            f" by commas without spaces, e.g. +61491570156,+61491570157{_quote(field, value)}"
        )
    if rule == "pattern" and "x-pattern-message" in definition:
        return f"{field} must be {definition['x-pattern-message']}{_quote(field, value)}"
    if rule == "pattern":
        return f"{field} must match {definition.get('pattern')}{_quote(field, value)}"
    if rule == "format":
        wanted = _FORMATS.get(str(definition.get("format")), f"a valid {definition.get('format')}")
        return f"{field} must be {wanted}{_quote(field, value)}"
    if rule in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {"minimum": "at least", "exclusiveMinimum": "more than", "maximum": "at most"}
        return f"{field} must be {words.get(rule, 'less than')} {definition.get(rule)}{_quote(field, value)}"
    if rule == "minItems":
        return f"{field} must have at least {_plural(definition.get('minItems'), 'item')}{_size(value)}"
    if rule == "maxItems":
        return f"{field} must have at most {_plural(definition.get('maxItems'), 'item')}{_size(value)}"
    if rule == "maxProperties":
        n = definition.get("maxProperties")
        return f"{field} may have at most {n} key/value pairs{_size(value)}"
    if rule == "minProperties":
        n = definition.get("minProperties")
        where = "the body" if field == "body" else field
        fields = ", ".join(definition.get("properties", {}))
        return f"{where} must set at least {n} of: {fields}" if fields else f"{where} must not be empty"
    if rule == "propertyNames" and "not" in definition.get("propertyNames", {}):
        forbidden = definition["propertyNames"]["not"].get("pattern", "")
        refused = [k for k in (value or {}) if isinstance(k, str) and forbidden and re.search(forbidden, k)]
        if refused:
            return f"{field} may not include {refused[0]!r}"
    if rule == "propertyNames" and "pattern" in definition.get("propertyNames", {}):
        names = definition["propertyNames"]
        # JSON Schema's $ is the end of the string; Python's also matches before a final newline.
        name_rule = re.compile(re.sub(r"(?<!\\)\$", r"\\Z", names["pattern"]))
        unnamed = [k for k in (value or {}) if isinstance(k, str) and not name_rule.search(k)]
        if unnamed:
            wanted = names.get("x-pattern-message", f"a name matching {names['pattern']}")
            return f"{field} key {unnamed[0][:40]!r} must be {wanted}"
    if rule == "propertyNames":
        names = definition.get("propertyNames", {})
        low, high = names.get("minLength", 0), names.get("maxLength")
        bad = [k for k in (value or {}) if not low <= len(k) <= (high if high is not None else len(k))]
        which = ""
        if bad:
            key = bad[0]
            which = (
                f" (key {key[:20] + '…' if len(key) > 20 else key!r} has {_plural(len(key), 'character')})"
            )
        return f"{field} keys must be {low} to {high} characters long{which}"
    if rule == "type":
        wanted = definition.get("type")
        return f"{field} must be {_TYPE_NAMES.get(str(wanted), wanted)}, not {type(value).__name__}"
    if rule == "enum":
        options = ", ".join(str(o) for o in definition.get("enum", []))
        return f"{field} must be one of {options}{_quote(field, value)}"
    if rule == "const":
        return f"{field} must be {definition.get('const')!r}{_quote(field, value)}"
    if rule == "required":
        required = definition.get("required", [])
        missing = [k for k in required if not isinstance(value, dict) or k not in value]
        names = ", ".join(missing) if missing else ", ".join(required)
        return f"{field} is missing {names}" if field != "body" else f"the body is missing {names}"
    return fallback


def _unknown_field(owner: str, value: dict[Any, Any], definition: dict[str, Any]) -> tuple[str, str]:
    """The field path and text for a key the spec does not define, with the closest one it does."""
    import difflib  # only on this error's path

    known = [str(name) for name in definition.get("properties", {})]
    unknown = sorted(str(key) for key in value if str(key) not in known)
    key = unknown[0] if unknown else "?"
    field = key if owner == "body" else f"{owner}.{key}"
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean {close[0]}?" if close else f"the fields are {', '.join(known)}"
    more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
    return field, f"{field} is not a field openapi.yaml defines here{more}: {hint}"


def _explain(operation: Operation, exc: Any, body: Any) -> RequestValidationError:
    raw_name = str(getattr(exc, "name", "") or "data")
    field = _field_name(raw_name)
    found = _INDEX.search(field)
    index = int(found.group(1)) if found else None
    rule = getattr(exc, "rule", None)
    definition = getattr(exc, "definition", None)
    value = getattr(exc, "value", None)
    fallback = str(getattr(exc, "message", exc)).replace("data.body.", "").replace("data.", "")

    if _is_mms_rule(definition) and rule in ("required", "const"):
        message = _message_at(body, index)
        uses = [k for k in ("media", "subject") if isinstance(message, dict) and k in message]
        owner = field.removesuffix(".format")
        text = (
            f"{owner} has {' and '.join(uses) or 'media or subject'}, which only MMS messages can carry:"
            f" set format to 'MMS' or remove {' and '.join(uses) or 'them'}"
        )
        field = f"{owner}.format"
        rule = "mms_only"
    elif rule == "additionalProperties" and isinstance(value, dict) and isinstance(definition, dict):
        field, text = _unknown_field(field, value, definition)
    elif raw_name == "data.headers.Account":
        text = _describe("account (the Account header)", rule, definition, value, fallback)
    else:
        text = _describe(field, rule, definition, value, fallback)

    return RequestValidationError(
        text,
        field=field,
        index=index,
        rule=rule,
        operation=operation.id,
        method=operation.method,
        path=operation.path,
    )
