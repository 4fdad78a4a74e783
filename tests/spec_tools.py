"""Reading openapi.yaml in tests: the examples it holds and validators for its schemas."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi.yaml"
SCHEMA_REF_PREFIX = "#/components/schemas/"


@cache
def load_spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return spec


def resolve_in(spec: Mapping[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow local $refs (one level at a time) through ``spec`` to the node they name."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """``resolve_in`` the repository's openapi.yaml."""
    return resolve_in(load_spec(), node)


def _closed(components: dict[str, Any]) -> dict[str, Any]:
    """A copy of the components where an object with listed properties admits no other key.

    The spec leaves objects open so that fields the API adds later survive; its own examples,
    though, must only use fields it defines, or a typo in an example would go unnoticed.
    """
    closed = copy.deepcopy(components)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node and node.get("type") == "object":
                node["unevaluatedProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(closed["schemas"])
    return closed


@cache
def _components(strict: bool) -> dict[str, Any]:
    components = load_spec()["components"]
    return _closed(components) if strict else components


def validator_for(schema: dict[str, Any], *, strict: bool = True) -> Draft202012Validator:
    """A validator for one schema of the spec, with its $refs resolvable and formats checked."""
    root = {**copy.deepcopy(schema), "components": _components(strict)}
    return Draft202012Validator(root, format_checker=FormatChecker())


@dataclass(frozen=True)
class Example:
    where: str
    schema: dict[str, Any]
    value: Any

    @property
    def model_name(self) -> str | None:
        ref = self.schema.get("$ref", "")
        return ref.removeprefix(SCHEMA_REF_PREFIX) if ref.startswith(SCHEMA_REF_PREFIX) else None


def _media_examples(where: str, content: dict[str, Any]) -> Iterator[Example]:
    for media_type, media in content.items():
        schema = media["schema"]
        if "example" in media:
            yield Example(f"{where} {media_type}", schema, media["example"])
        for name, example in media.get("examples", {}).items():
            yield Example(f"{where} {media_type} example {name!r}", schema, resolve(example)["value"])


def iter_examples() -> Iterator[Example]:
    """Every example the spec holds: bodies, responses, callback payloads, parameters and schemas."""
    spec = load_spec()
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            where = f"{method.upper()} {path} ({op['operationId']})"
            if "requestBody" in op:
                yield from _media_examples(f"{where} request", resolve(op["requestBody"])["content"])
            for status, response in op["responses"].items():
                yield from _media_examples(f"{where} {status}", resolve(response).get("content", {}))
    for name, item in spec.get("webhooks", {}).items():
        for method, op in item.items():
            if method == "parameters":
                continue
            where = f"webhook {name} {method.upper()} ({op['operationId']})"
            if "requestBody" in op:
                yield from _media_examples(f"{where} request", resolve(op["requestBody"])["content"])
    for name, param in spec["components"]["parameters"].items():
        if "example" in param:
            yield Example(f"parameter {name}", param["schema"], param["example"])
    for name, schema in spec["components"]["schemas"].items():
        for index, value in enumerate(schema.get("examples", [])):
            yield Example(f"schema {name} example {index}", {"$ref": SCHEMA_REF_PREFIX + name}, value)
