"""send_in_batches / asend_in_batches: ≤ 100 per request, results in input order, failures isolated."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fault_server import FaultServer, Recorded, Step
from runtime_support import Sleeps, client_factory, msg, send_answer, server, sleeps

from messagemedia_messages import Client
from messagemedia_messages.models import Message
from messagemedia_runtime import errors
from messagemedia_runtime.batching import BatchResult, BatchSendError, asend_in_batches, send_in_batches
from messagemedia_runtime.retry import RetryPolicy

__all__ = ["client_factory", "server", "sleeps"]  # fixtures, imported for pytest

MESSAGES = [msg(i) for i in range(1050)]


async def run(mode: str, client: Client, messages: list[Message], **kwargs: object) -> BatchResult:
    if mode == "sync":
        return send_in_batches(client, messages, **kwargs)  # type: ignore[arg-type]
    return await asend_in_batches(client, messages, **kwargs)  # type: ignore[arg-type]


def assert_aligned(result: BatchResult, messages: list[Message], skip: range = range(0)) -> None:
    for i, (sent, original) in enumerate(zip(result.sent, messages, strict=True)):
        if i in skip:
            assert sent is None
            continue
        assert sent is not None
        assert (sent.content, sent.destination_number) == (original.content, original.destination_number)
        assert sent.message_id


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_1050_messages_take_11_requests_in_order(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    server.responder = send_answer
    result = await run(mode, client_factory(server.url), MESSAGES)
    assert len(server.requests) == 11 and result.requests == 11
    sizes = sorted(len(r.json()["messages"]) for r in server.requests)
    assert sizes == [50] + [100] * 10
    assert len(result.sent) == 1050 and result.ok and result.accepted_count == 1050
    assert_aligned(result, MESSAGES)
    assert len({str(m.message_id) for m in result.sent if m}) == 1050
    result.raise_if_failed()


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_failing_middle_batch_keeps_the_others(
    mode: str, server: FaultServer, sleeps: Sleeps, client_factory: Callable[..., Client]
) -> None:
    def answer(request: Recorded) -> Step:
        # The batch that starts with message 500 fails, whenever (and in whatever order) it arrives.
        if request.json()["messages"][0]["content"] == "hello 500":
            return Step(500, {"message": "An internal error occurred."})
        return send_answer(request)

    server.responder = answer
    result = await run(mode, client_factory(server.url), MESSAGES)
    assert len(server.requests) == 11  # the 500 on a send is not retried
    assert [(f.start, f.end) for f in result.failures] == [(500, 600)]
    failure = result.failures[0]
    assert isinstance(failure.error, errors.SendOutcomeUnknownError) and failure.outcome_unknown
    assert result.accepted_count == 950
    assert_aligned(result, MESSAGES, skip=range(500, 600))
    with pytest.raises(BatchSendError) as caught:
        result.raise_if_failed()
    assert caught.value.result is result
    assert "1 of 11 batches failed" in str(caught.value) and "950 of 1050" in str(caught.value)


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_invalid_message_fails_only_its_batch_and_names_its_input_position(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    server.responder = send_answer
    messages = [*MESSAGES[:250]]
    messages[137] = Message(content="x", destination_number="0491570156")
    result = await run(mode, client_factory(server.url), messages)
    assert len(server.requests) == 2  # the invalid batch never left
    [failure] = result.failures
    assert (failure.start, failure.end, failure.message_index) == (100, 200, 137)
    assert isinstance(failure.error, errors.RequestValidationError)
    assert_aligned(result, messages, skip=range(100, 200))


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_stop_on_error_skips_later_batches(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    server.responder = lambda _r: Step(401, {"message": "Unauthorized"})
    client = client_factory(server.url, retry=RetryPolicy(max_retries=0))
    extra = {"concurrency": 1} if mode == "async" else {}
    result = await run(mode, client, MESSAGES[:300], stop_on_error=True, **extra)
    assert len(server.requests) == 1
    assert [type(f.error).__name__ for f in result.failures] == [
        "AuthenticationError",
        "BatchSkippedError",
        "BatchSkippedError",
    ]


async def test_batch_size_is_bounded(server: FaultServer, client_factory: Callable[..., Client]) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        send_in_batches(client_factory(server.url), MESSAGES, batch_size=101)
    server.responder = send_answer
    result = send_in_batches(client_factory(server.url), MESSAGES[:25], batch_size=10)
    assert result.requests == 3 and result.accepted_count == 25
