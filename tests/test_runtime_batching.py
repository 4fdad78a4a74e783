"""client.messages.send_many, sync and async: ≤ 100 per request, results in input order, failures isolated."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from fault_server import FaultServer, Recorded, Step
from runtime_support import Sleeps, client_factory, msg, send_answer, server, sleeps

from messagemedia_messages import Client
from messagemedia_messages.api.messages import AsyncMessagesResource, MessagesResource
from messagemedia_messages.models import Message, SentMessage
from messagemedia_runtime import errors
from messagemedia_runtime.batching import BatchProgress, BatchResult, BatchSendError
from messagemedia_runtime.errors import SendOutcomeUnknownError
from messagemedia_runtime.retry import RetryPolicy

__all__ = ["client_factory", "server", "sleeps"]  # fixtures, imported for pytest

MESSAGES = [msg(i) for i in range(1050)]


async def run(
    mode: str, client: Client, messages: list[Message], **kwargs: object
) -> BatchResult[SentMessage]:
    if mode == "sync":
        return MessagesResource(client).send_many(messages, **kwargs)  # type: ignore[arg-type]
    return await AsyncMessagesResource(client).send_many(messages, **kwargs)  # type: ignore[arg-type]


def assert_aligned(
    result: BatchResult[SentMessage], messages: list[Message], skip: range | tuple[int, ...] = range(0)
) -> None:
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
    assert "100 of 1050 items were not confirmed as accepted" in str(caught.value)
    assert "950 were accepted in 11 requests" in str(caught.value)


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_invalid_messages_fail_alone_and_are_named_by_their_input_position(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    server.responder = send_answer
    messages = [*MESSAGES[:250]]
    messages[137] = Message(content="x", destination_number="0491570156")
    messages[150] = Message(content="", destination_number="+61491570156")
    result = await run(mode, client_factory(server.url), messages)
    # The batch 100-199 is refused before it leaves; its two offenders fail alone, the 98 others go.
    assert len(server.requests) == 3
    assert sorted(len(r.json()["messages"]) for r in server.requests) == [50, 98, 100]
    found = [(f.indices, f.message_index) for f in result.failures]
    assert found == [((137,), 137), ((150,), 150)]
    first, second = (f.error for f in result.failures)
    assert isinstance(first, errors.RequestValidationError) and isinstance(
        second, errors.RequestValidationError
    )
    assert first.field == "messages[137].destination_number" and "messages[137]" in str(first)
    assert second.field == "messages[150].content" and second.index == 150
    assert_aligned(result, messages, skip=(137, 150))


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_a_batch_the_api_refuses_names_the_callers_positions(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    def answer(request: Recorded) -> Step:
        # The API refuses the request holding message 150 and names it by its place in that request.
        sent = request.json()["messages"]
        contents = [m["content"] for m in sent]
        if "hello 150" in contents:
            at, other = contents.index("hello 150"), contents.index("hello 120")
            return Step(
                400,
                {
                    "message": f"Invalid message at messages[{at}]",
                    "details": [
                        f"messages[{at}].source_number: not a number this account may send from",
                        f"messages[{other}].source_number: not a number this account may send from",
                        "metadata[3] is not about an item",  # left alone: not the batch's list
                    ],
                },
            )
        return send_answer(request)

    server.responder = answer
    result = await run(mode, client_factory(server.url), MESSAGES[:250])
    assert [(f.start, f.end) for f in result.failures] == [(100, 200)]
    failure = result.failures[0]
    assert not failure.outcome_unknown  # a 400: nothing of that batch was sent
    error = failure.error
    assert isinstance(error, errors.BadRequestError)
    assert error.details == [
        "messages[150].source_number: not a number this account may send from",
        "messages[120].source_number: not a number this account may send from",
        "metadata[3] is not about an item",
    ]
    assert error.api_message == "Invalid message at messages[150]"
    assert error.body["details"][0].startswith("messages[50].")  # the API's answer, as it came
    assert failure.message_indices == (120, 150) and failure.message_index == 120
    assert "messages[150].source_number" in str(error)
    with pytest.raises(BatchSendError) as caught:
        result.raise_if_failed()
    assert "first: items 100-199, BadRequestError: messages[150].source_number" in str(caught.value)


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
    with pytest.raises(errors.ConfigurationError, match="batch_size"):
        MessagesResource(client_factory(server.url)).send_many(MESSAGES, batch_size=101)
    server.responder = send_answer
    result = MessagesResource(client_factory(server.url)).send_many(MESSAGES[:25], batch_size=10)
    assert result.requests == 3 and result.accepted_count == 25


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_progress_is_reported_after_every_batch(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    def answer(request: Recorded) -> Step:
        if request.json()["messages"][0]["content"] == "hello 100":
            return Step(400, {"message": "Invalid message request.", "details": []})
        return send_answer(request)

    server.responder = answer
    seen: list[BatchProgress] = []
    extra = {"concurrency": 1} if mode == "async" else {}
    await run(mode, client_factory(server.url), MESSAGES[:250], progress=seen.append, **extra)
    progress = [(p.done, p.accepted, p.failed) for p in seen]
    assert progress == [(100, 100, 0), (200, 100, 100), (250, 150, 100)]
    assert {p.total for p in seen} == {250}


async def test_plain_dicts_and_strings_are_accepted(
    server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    server.responder = send_answer
    result = MessagesResource(client_factory(server.url)).send_many(
        [{"content": f"hi {i}", "destination_number": "+61491570156", "format": "SMS"} for i in range(3)]
    )
    assert result.ok and [m.content for m in result.sent if m] == ["hi 0", "hi 1", "hi 2"]
    assert server.requests[0].json()["messages"][0] == {
        "content": "hi 0",
        "destination_number": "+61491570156",
        "format": "SMS",
    }


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_a_progress_callback_that_raises_changes_nothing_that_was_sent(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    server.responder = send_answer
    calls: list[BatchProgress] = []

    def progress(done: BatchProgress) -> None:
        calls.append(done)
        raise RuntimeError("the progress bar broke")

    extra = {"concurrency": 1} if mode == "async" else {}
    result = await run(mode, client_factory(server.url), MESSAGES[:250], progress=progress, **extra)
    assert result.ok and result.accepted_count == 250 and len(server.requests) == 3
    assert [c.done for c in calls] == [100, 200, 250]
    assert_aligned(result, MESSAGES[:250])


@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_an_accepted_batch_whose_answer_cannot_be_used_is_outcome_unknown(
    mode: str, server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    def answer(request: Recorded) -> Step:
        first = request.json()["messages"][0]["content"]
        if first == "hello 0":
            return Step(202, "not json")  # accepted, unreadable
        if first == "hello 100":
            return Step(202, {"messages": []})  # accepted, nothing to match
        return send_answer(request)

    server.responder = answer
    result = await run(mode, client_factory(server.url), MESSAGES[:250])
    kinds = [(f.start, type(f.error).__name__, f.outcome_unknown) for f in result.failures]
    # Both were accepted by the API: resending either would send those messages twice.
    assert kinds == [(0, "MalformedResponseError", True), (100, "UnmatchedAnswerError", True)]
    assert result.accepted_count == 50


def test_an_interrupted_send_says_what_was_accepted_and_what_may_have_been() -> None:
    from messagemedia_runtime.batching import BatchInterruptedError, run_batches

    def send(chunk: list[int]) -> list[str]:
        if chunk[0] == 20:
            raise KeyboardInterrupt  # Ctrl-C while the third request is on its way
        return [f"id-{n}" for n in chunk]

    with pytest.raises(KeyboardInterrupt) as caught:
        run_batches(send, list(range(50)), batch_size=10, max_batch=100, operation="send_messages")
    result = caught.value.batch_result  # type: ignore[attr-defined]
    assert result.sent[:20] == [f"id-{n}" for n in range(20)] and result.accepted_count == 20
    unknown, *skipped = result.failures
    assert unknown.indices == tuple(range(20, 30)) and unknown.outcome_unknown
    assert isinstance(unknown.error, BatchInterruptedError)
    assert [f.indices for f in skipped] == [tuple(range(30, 40)), tuple(range(40, 50))]
    assert not any(f.outcome_unknown for f in skipped)
    assert "20 of 50 items were accepted, 10 may or may not have been" in caught.value.__notes__[0]


async def test_a_cancelled_async_send_many_sends_nothing_afterwards_and_keeps_what_was_accepted(
    server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    import asyncio

    def answer(request: Recorded) -> Step:
        slow = request.json()["messages"][0]["content"] != "hello 0"
        return dataclasses.replace(send_answer(request), delay=1.0 if slow else 0.0)

    server.responder = answer
    resource = AsyncMessagesResource(client_factory(server.url))
    first_answered = asyncio.Event()
    task = asyncio.ensure_future(
        resource.send_many(MESSAGES[:500], concurrency=2, progress=lambda _p: first_answered.set())
    )
    await asyncio.wait_for(first_answered.wait(), timeout=30)  # the others wait a second for answers
    task.cancel()
    with pytest.raises(asyncio.CancelledError) as caught:
        await task
    result = caught.value.batch_result  # type: ignore[attr-defined]
    assert result.accepted_count == 100 and result.sent[0] is not None
    in_flight = [f for f in result.failures if f.outcome_unknown]
    assert in_flight and all(isinstance(f.error, SendOutcomeUnknownError) for f in in_flight)
    await asyncio.sleep(1.5)  # long enough for any batch still queued to have been sent
    # The first batch and the two in flight when it was cancelled; none of the other two.
    assert len(server.requests) <= 3
    assert sum(len(f.indices) for f in result.failures) + result.accepted_count == 500
    for failure in result.failures:  # no span takes in an accepted item, so resending one is safe
        assert all(result.sent[i] is None for i in range(failure.start, failure.end))


async def test_a_cancelled_send_says_its_outcome_is_unknown(
    server: FaultServer, client_factory: Callable[..., Client]
) -> None:
    import asyncio

    server.responder = lambda request: dataclasses.replace(send_answer(request), delay=1.0)
    resource = AsyncMessagesResource(client_factory(server.url))
    with pytest.raises(TimeoutError) as caught:
        await asyncio.wait_for(resource.send(messages=[MESSAGES[0]]), timeout=0.3)
    notes = [n for e in (caught.value, caught.value.__context__) if e for n in getattr(e, "__notes__", [])]
    assert any("outcome is unknown" in note for note in notes)


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        ({"messages": None}, "messages must be a list"),
        ({"messages": {"content": "x", "destination_number": "+61491570156"}}, "messages must be a list"),
        ({"messages": MESSAGES[0]}, "messages must be a list"),
        ({"messages": MESSAGES[:2], "progress": 3}, "progress must be a function"),
    ],
)
@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_what_is_not_a_list_of_messages_or_a_function_is_named_before_sending(
    mode: str,
    server: FaultServer,
    client_factory: Callable[..., Client],
    arguments: dict[str, Any],
    complaint: str,
) -> None:
    client = client_factory(server.url)
    with pytest.raises(errors.ConfigurationError, match=complaint):
        if mode == "sync":
            MessagesResource(client).send_many(**arguments)
        else:
            await AsyncMessagesResource(client).send_many(**arguments)
    assert server.requests == []
