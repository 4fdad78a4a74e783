"""Request (and, for tests, response) validation against openapi.yaml with jsonschema.

The spec is the single source of truth, so the sandbox reads its schemas rather than restating
them. Schemas stay where they are in the document and are reached through a `referencing`
registry, so a `$ref` to `#/components/...` resolves exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

try:
    import yaml
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as missing:  # the client installs without them; say how to get the sandbox's
    raise ImportError(
        f"the MessageMedia sandbox needs PyYAML and jsonschema ({missing}): "
        "pip install 'messagemedia-messages[sandbox]'"
    ) from missing

SPEC_URI = "urn:messagemedia-sandbox:openapi"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")
_E164_PATTERN = r"^\+[1-9][0-9]{7,14}$"


def _spec_text() -> str:
    # A wheel ships the spec inside the package; a source checkout keeps it at the repo root.
    packaged = resources.files("messagemedia_sandbox").joinpath("openapi.yaml")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    repo_copy = Path(__file__).resolve().parent.parent / "openapi.yaml"
    if repo_copy.is_file():
        return repo_copy.read_text(encoding="utf-8")
    raise FileNotFoundError("openapi.yaml is neither inside messagemedia_sandbox nor at the repository root")


@cache
def load_spec() -> dict[str, Any]:
    """The parsed openapi.yaml (cached: it never changes while the process runs)."""
    spec = yaml.safe_load(_spec_text())
    if not isinstance(spec, dict):
        raise ValueError("openapi.yaml is not a mapping")
    return spec


def _is_uri(instance: object) -> bool:
    # jsonschema checks `uri` only when the optional rfc3987 package is present; this is the
    # part of RFC 3986 that matters here: an absolute URI with a scheme and no blanks.
    if not isinstance(instance, str):
        return True
    if any(ch.isspace() for ch in instance) or ":" not in instance:
        return False
    scheme = instance.split(":", 1)[0]
    if not _SCHEME.match(scheme):
        return False
    try:
        parts = urlsplit(instance)
    except ValueError:
        return False
    return bool(parts.netloc or parts.path)


@cache
def _format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("uri")(_is_uri)
    return checker


@cache
def _registry() -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(load_spec(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    return registry


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    """``pattern`` with JSON Schema's (ECMA-262) meaning of ``$``: the end of the string.

    Python's ``$`` also matches before a final newline, so ``^\\+[1-9][0-9]{7,14}$`` would take
    ``"+61491570156\\n"``, which the API and the client refuse.
    """
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return re.compile("".join(out))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def validator_for(pointer: str) -> Draft202012Validator:
    """A validator for the schema at this JSON pointer of the spec, e.g. `/components/schemas/Reply`."""
    validator: Draft202012Validator = _Validator(
        {"$ref": f"{SPEC_URI}#{pointer}"}, registry=_registry(), format_checker=_format_checker()
    )
    return validator


def schema_validator(name: str) -> Draft202012Validator:
    """A validator for `components/schemas/<name>`."""
    return validator_for(f"/components/schemas/{name}")


_INTEGER = re.compile(r"^[+-]?[0-9]+$")


def parameter_value(parameter: str, name: str, raw: str | None) -> tuple[Any, list[str]]:
    """A query or path parameter checked by ``components/parameters/<parameter>``.

    ``raw`` is the text as it arrived (None: absent). Returns the value as the schema types it
    (integers as ``int``; None when it is absent and optional) and the problems, each naming
    the parameter, as in a 400's ``details``.
    """
    pointer = f"/components/parameters/{parameter}"
    definition = load_spec()["components"]["parameters"][parameter]
    if raw is None:
        if definition.get("required"):
            return None, [f"{name}: is required"]
        return None, []
    value: Any = raw
    if definition.get("schema", {}).get("type") == "integer":
        if not _INTEGER.match(raw.strip()):
            return None, [f"{name}: {raw!r} is not an integer"]
        value = int(raw.strip())
    errors = validator_for(f"{pointer}/schema").iter_errors(value)
    details = [f"{name}: {_describe(error)}" for error in errors]
    return (None if details else value), details


def location(path: Iterable[str | int]) -> str:
    """`messages[0].destination_number` for the path ("messages", 0, "destination_number")."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "body"


def _sensitive(error: ValidationError) -> bool:
    """Whether the value is in a webhook's ``headers`` (``x-sensitive: values`` in the spec: they
    often carry a receiver's token), which a 400 does not quote back."""
    return "headers" in error.absolute_path


def _describe(error: ValidationError) -> str:
    if _sensitive(error) and error.validator not in ("required", "minProperties", "maxProperties"):
        rule = f" ({error.validator_value})" if error.validator in ("maxLength", "minLength") else ""
        return f"breaks the rule {error.validator}{rule} (the value is not repeated: it may be a credential)"
    if error.validator == "pattern" and error.validator_value == _E164_PATTERN:
        return f"{error.instance!r} is not an E.164 number ('+' then 8 to 15 digits, the first not 0)"
    if error.validator == "const" and error.relative_path and error.relative_path[-1] == "format":
        return f"must be 'MMS' when media or subject is given, not {error.instance!r}"
    if error.validator == "required" and error.validator_value == ["format"]:
        return "'format' must be 'MMS' when media or subject is given"
    return str(error.message)


def problems(name: str, instance: object) -> list[str]:
    """One `location: problem` line per broken rule of schema `name`, in document order."""
    errors = sorted(
        schema_validator(name).iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path]
    )
    lines = [f"{location(error.absolute_path)}: {_describe(error)}" for error in errors]
    # media and subject each carry the same MMS rule, so one mistake can surface twice.
    return list(dict.fromkeys(lines))


def takes_header(path: str, method: str, name: str) -> bool:
    """Whether the spec gives the operation a header parameter of this name (e.g. `Account`)."""
    item = load_spec()["paths"].get(path, {})
    operation = item.get(method.lower())
    if not isinstance(operation, dict):
        return False
    for listed in [*item.get("parameters", []), *operation.get("parameters", [])]:
        parameter = _resolve(listed["$ref"]) if "$ref" in listed else listed
        if parameter.get("in") == "header" and str(parameter.get("name", "")).lower() == name.lower():
            return True
    return False


def declared_statuses(path: str, method: str) -> set[str]:
    """The status codes (as written, e.g. `400`, `5XX`) the spec declares for an operation."""
    operation = load_spec()["paths"].get(path, {}).get(method.lower())
    if not isinstance(operation, dict):
        return set()
    return {str(status) for status in operation.get("responses", {})}


def response_problems(operation_id: str, status: int, body: object) -> list[str]:
    """Where a response breaks the spec's schema for this operation and status (used by tests)."""
    for path_item in load_spec()["paths"].values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or operation.get("operationId") != operation_id:
                continue
            responses = operation["responses"]
            entry = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
            if entry is None:
                return [f"{operation_id} ({method}) declares no {status} response"]
            if "$ref" in entry:
                entry = _resolve(entry["$ref"])
            content = entry.get("content")
            if not content:
                return [] if body in (None, b"", {}) else [f"{status} declares no body but got {body!r}"]
            media = "application/json" if "application/json" in content else next(iter(content))
            if media != "application/json":
                # A plain-text answer: all its schema can say is that it is a string.
                return [] if isinstance(body, str) else [f"{status} is {media}, not {body!r}"]
            schema = content[media]["schema"]
            pointer = schema["$ref"][1:] if "$ref" in schema else None
            if pointer is None:
                return ["inline response schemas are not supported by this check"]
            errors = validator_for(pointer).iter_errors(body)
            return [f"{location(e.absolute_path)}: {e.message}" for e in errors]
    return [f"unknown operation {operation_id}"]


def _resolve(ref: str) -> dict[str, Any]:
    node: Any = load_spec()
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    if not isinstance(node, dict):
        raise ValueError(f"{ref} is not an object")
    return node


def is_uuid(text: str) -> bool:
    """Whether `text` passes the spec's `format: uuid` check."""
    return bool(_format_checker().conforms(text, "uuid"))


def join(lines: Sequence[str]) -> str:
    """A one-line summary of several problems, for the `message` of a 400."""
    return "; ".join(lines)
