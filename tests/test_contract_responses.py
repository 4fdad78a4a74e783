"""Response contract: whatever openapi.yaml lets the API answer, the generated models read and write back.

- every example in the spec that has a model (or is a list of one) parses, and ``to_dict()`` gives the
  same JSON back, also with an unknown field added to every object;
- every success example of every operation comes back from ``sync``/``asyncio`` as the documented
  model, and every documented error answer raises a typed error carrying the body;
- data drawn with Hypothesis from each response schema and each callback payload schema (the
  spec's ``webhooks``) (Draft 2020-12), also with an unknown field
  in every object and with enum values the spec does not list yet (the models are lenient readers),
  does the same: parse, then write back equal JSON, both through the model and through the
  endpoint function reading the bytes off a (mock) wire.

Date-times and UUIDs are compared as values: the client writes UTC as ``Z`` and UUIDs in lowercase.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from contract_helpers import (
    API_KEY,
    API_SECRET,
    BASE_URL,
    CALLS,
    Call,
    Recorder,
    as_json,
    inline,
    merged,
    normalised,
    operations,
    schema_ref_name,
    strategy_for,
    success_response,
    with_extra_fields,
    with_unknown_enum_values,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from spec_tools import Example, iter_examples, load_spec, resolve

import messagemedia_messages.models as models
from messagemedia_messages import AuthenticatedClient, create_client
from messagemedia_runtime.errors import APIStatusError, MalformedResponseError, SendOutcomeUnknownError
from messagemedia_runtime.retry import RetryPolicy

pytestmark = pytest.mark.contract


def _item_model(schema: dict[str, Any]) -> str | None:
    """The model a named array schema holds (SignatureKeyList: SignatureKey), or None."""
    if schema.get("type") != "array":
        return None
    return schema_ref_name(schema.get("items", {}))


def _is_model(name: str | None) -> bool:
    """Object schemas are models, and so are arrays of them (a bare string schema, E164Number, is not)."""
    if name is None:
        return False
    schema = merged(resolve({"$ref": f"#/components/schemas/{name}"}))
    return schema.get("type") == "object" or _item_model(schema) is not None


MODEL_EXAMPLES = [example for example in iter_examples() if _is_model(example.model_name)]
MINIMAL_CALLS = {call.operation: call for call in CALLS if call.variant == "minimal"}
# No shrinking: a drifted spec fails on the first draw, and shrinking nested messages then takes
# most of a minute; the failure message names the model, the operation and the field anyway.
HYPOTHESIS = settings(
    max_examples=50,
    deadline=None,
    database=None,
    report_multiple_bugs=False,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _model(name: str) -> Any:
    model = getattr(models, name, None)
    assert model is not None, f"openapi.yaml schema {name} has no generated model"
    return model


def _from_json(model_name: str, data: Any) -> Any:
    """``data`` read by the model named ``model_name``; item by item for an array schema."""
    item_model = _item_model(resolve({"$ref": f"#/components/schemas/{model_name}"}))
    if item_model is not None:
        return [_model(item_model).from_dict(item) for item in data]
    return _model(model_name).from_dict(data)


def _round_trip(model_name: str, data: Any, where: str) -> None:
    schema = inline({"$ref": f"#/components/schemas/{model_name}"})
    try:
        parsed = _from_json(model_name, data)
    except Exception as exc:
        raise AssertionError(
            f"{where}: the generated {model_name} cannot read data openapi.yaml allows "
            f"({type(exc).__name__}: {exc}); regenerate with `make generate` or fix the spec"
        ) from exc
    written = as_json(parsed)
    assert json.loads(json.dumps(written)) == written, f"{where}: {model_name}.to_dict() is not plain JSON"
    assert normalised(schema, written) == normalised(schema, data), (
        f"{where}: {model_name} does not round-trip"
    )


@pytest.mark.parametrize("example", MODEL_EXAMPLES, ids=lambda example: example.where)
def test_every_spec_example_round_trips(example: Example) -> None:
    assert example.model_name is not None
    _round_trip(example.model_name, example.value, example.where)


@pytest.mark.parametrize("example", MODEL_EXAMPLES, ids=lambda example: example.where)
def test_every_spec_example_round_trips_with_unknown_fields(example: Example) -> None:
    assert example.model_name is not None
    schema = inline({"$ref": f"#/components/schemas/{example.model_name}"})
    _round_trip(example.model_name, with_extra_fields(schema, example.value), example.where)


def _client(recorder: Recorder) -> AuthenticatedClient:
    return create_client(
        API_KEY,
        API_SECRET,
        base_url=BASE_URL,
        retry=RetryPolicy(max_retries=0),
        transport=httpx.MockTransport(recorder),
    )


def _success_examples() -> list[Any]:
    cases = []
    for operation, call in MINIMAL_CALLS.items():
        answer = success_response(operation)
        media_type = answer.media_type or "application/json"
        if answer.schema is None:
            cases.append(pytest.param(call, answer.status, None, None, media_type, id=f"{operation}-empty"))
        for index, example in enumerate(answer.examples):
            cases.append(
                pytest.param(
                    call, answer.status, example, answer.schema, media_type, id=f"{operation}-{index}"
                )
            )
    return cases


@pytest.mark.parametrize(("call", "status", "body", "schema", "media_type"), _success_examples())
async def test_every_success_example_comes_back_as_the_model(
    call: Call, status: int, body: Any, schema: dict[str, Any] | None, media_type: str
) -> None:
    for answer in (body, None if schema is None else with_extra_fields(schema, body)):
        recorder = Recorder(status, answer, media_type)
        with _client(recorder) as client:
            parsed_sync = call.sync(client)
        async with _client(recorder) as client:
            parsed_async = await call.asyncio(client)
        for parsed in (parsed_sync, parsed_async):
            call.check_type(parsed)
            if schema is None or call.returns is None:
                assert parsed is None
            else:
                assert normalised(schema, as_json(parsed)) == normalised(schema, answer)


def _error_examples() -> list[Any]:
    cases = []
    for operation, (_, _, op) in operations().items():
        for status, response in op["responses"].items():
            if str(status).startswith("2"):
                continue
            content = resolve(response).get("content", {}).get("application/json", {})
            for name, example in content.get("examples", {}).items():
                code = 500 if status == "5XX" else int(status)
                value = resolve(example)["value"]
                call = MINIMAL_CALLS.get(operation)
                if call is None:  # test_calls_cover_every_operation_of_the_spec says what to add
                    continue
                cases.append(pytest.param(call, code, value, id=f"{operation}-{status}-{name}"))
    return cases


@pytest.mark.parametrize(("call", "status", "body"), _error_examples())
def test_every_documented_error_raises_a_typed_error_with_the_body(
    call: Call, status: int, body: Any
) -> None:
    recorder = Recorder(status, body)
    with _client(recorder) as client, pytest.raises((APIStatusError, SendOutcomeUnknownError)) as raised:
        call.sync(client)
    error = raised.value
    assert isinstance(error, APIStatusError | SendOutcomeUnknownError)
    assert error.operation == call.operation
    assert error.response is not None
    assert error.response.status_code == status
    assert error.response.json() == body
    if isinstance(error, APIStatusError):
        assert error.body == body
        assert error.api_message == body["message"]


# Hypothesis: data drawn from every response schema of the spec.


def _response_schemas() -> list[Any]:
    """Each distinct JSON response schema of the spec, by model name, with the operation that answers
    it; then the payload schema of each callback the API sends (the spec's ``webhooks``)."""
    seen: dict[str, Any] = {}
    for operation, (_, _, op) in operations().items():
        for status, response in op["responses"].items():
            content = resolve(response).get("content", {}).get("application/json")
            if content is None:
                continue
            name = schema_ref_name(content["schema"])
            assert name is not None, f"{operation} {status}: response schema is not a named model"
            seen.setdefault(
                name, pytest.param(name, operation if str(status).startswith("2") else None, id=name)
            )
    for callback, item in load_spec().get("webhooks", {}).items():
        for content in resolve(item["post"]["requestBody"])["content"].values():
            name = schema_ref_name(content["schema"])
            assert name is not None, f"callback {callback}: payload schema is not a named model"
            seen.setdefault(name, pytest.param(name, None, id=name))
    return list(seen.values())


RESPONSE_SCHEMAS = _response_schemas()


def test_every_operation_answer_is_covered() -> None:
    drawn = {param.values[0] for param in RESPONSE_SCHEMAS}
    for operation, (_, _, op) in operations().items():
        for status, response in op["responses"].items():
            content = resolve(response).get("content", {}).get("application/json")
            if str(status).startswith("2") and content is not None:
                assert schema_ref_name(content["schema"]) in drawn, f"{operation} {status}"


def test_every_callback_payload_is_covered() -> None:
    drawn = {param.values[0] for param in RESPONSE_SCHEMAS}
    assert {"DeliveryReportEvent", "ReplyEvent", "ReceivedMmsEvent", "OptOutEvent"} <= drawn


@pytest.mark.parametrize(("model_name", "operation"), RESPONSE_SCHEMAS)
def test_drawn_responses_round_trip(model_name: str, operation: str | None) -> None:
    schema = inline({"$ref": f"#/components/schemas/{model_name}"})
    recorder = Recorder(success_response(operation).status if operation is not None else 200)

    @HYPOTHESIS
    @given(data=strategy_for(schema), extra=st.booleans(), new_enums=st.booleans())
    def check(data: Any, extra: bool, new_enums: bool) -> None:
        if extra:
            data = with_extra_fields(schema, data)
        if new_enums:
            data = with_unknown_enum_values(schema, data)
        _round_trip(model_name, data, f"{operation or 'error'} response")
        if operation is not None:
            # The whole way in: bytes from the wire, through the endpoint function.
            recorder.body = data
            try:
                parsed = MINIMAL_CALLS[operation].sync(client)
            except MalformedResponseError as exc:
                raise AssertionError(f"{operation}: an answer openapi.yaml allows is refused: {exc}") from exc
            assert normalised(schema, as_json(parsed)) == normalised(schema, data)

    with _client(recorder) as client:
        check()
