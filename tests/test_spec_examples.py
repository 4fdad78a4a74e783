"""Every example in openapi.yaml is valid against its schema and survives the generated models."""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from spec_tools import Example, iter_examples, load_spec, resolve, validator_for

import messagemedia_messages.models as models

EXAMPLES = list(iter_examples())


def _model(name: str) -> Any:
    module = importlib.import_module(models.__name__)
    return getattr(module, name, None)


def test_every_operation_has_examples_for_each_body() -> None:
    spec = load_spec()
    wheres = {example.where for example in EXAMPLES}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            prefix = f"{method.upper()} {path} ({op['operationId']})"
            if "requestBody" in op:
                assert any(w.startswith(f"{prefix} request") for w in wheres), (
                    f"{prefix}: request body has no example"
                )
            for status, response in op["responses"].items():
                if "content" in resolve(response):
                    assert any(w.startswith(f"{prefix} {status}") for w in wheres), (
                        f"{prefix} {status}: no example"
                    )


def test_every_callback_payload_has_an_example_per_media_type() -> None:
    spec = load_spec()
    wheres = {example.where for example in EXAMPLES}
    assert spec.get("webhooks"), "openapi.yaml describes no callbacks"
    for name, item in spec["webhooks"].items():
        op = item["post"]
        for media_type in op["requestBody"]["content"]:
            prefix = f"webhook {name} POST ({op['operationId']}) request {media_type}"
            assert any(w.startswith(prefix) for w in wheres), f"{prefix}: no example"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.where)
def test_example_is_valid_against_its_schema(example: Example) -> None:
    errors = sorted(validator_for(example.schema).iter_errors(example.value), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{example.where}: {list(e.path)}: {e.message}" for e in errors)


@pytest.mark.parametrize(
    "example", [e for e in EXAMPLES if e.model_name and _model(e.model_name)], ids=lambda e: e.where
)
def test_example_round_trips_through_the_generated_model(example: Example) -> None:
    model = _model(example.model_name or "")
    parsed = model.from_dict(example.value)
    assert json.loads(json.dumps(parsed.to_dict())) == example.value


def test_the_validator_rejects_a_broken_example() -> None:
    """The check above can fail: a Message without content and with a bad number is refused."""
    broken = {"messages": [{"destination_number": "0491570156"}]}
    errors = list(validator_for({"$ref": "#/components/schemas/SendMessagesRequest"}).iter_errors(broken))
    assert {e.validator for e in errors} == {"required", "pattern"}
