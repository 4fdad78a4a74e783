"""Load on a freshly started sandbox process: 8 clients (4 threads, 4 asyncio tasks) send 5,000
messages through `client.messages.send_many` (sync and async); then the same with a `kill -9` and a
restart in the middle. Nothing accepted may be lost, and nothing may be stored twice."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from messagemedia_messages import AsyncMessageMedia, MessageMedia
from messagemedia_messages.models import Message, SentMessage
from messagemedia_runtime import BatchResult, RetryPolicy
from messagemedia_sandbox import SandboxProcess

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]

KEY, SECRET = "load-key", "load-secret"
TOTAL = 5_000
THREADS = 4
TASKS = 4
PER_CLIENT = TOTAL // (THREADS + TASKS)


def messages(client: int) -> list[Message]:
    return [
        Message(content=f"load test {client}/{n}", destination_number=f"+6149{client:02d}{n:05d}")
        for n in range(PER_CLIENT)
    ]


def run_clients(base_url: str, retry: RetryPolicy | None = None) -> list[BatchResult[SentMessage]]:
    """All 8 clients at once, each with its own connection pool; their results in client order."""
    results: list[BatchResult[SentMessage] | None] = [None] * (THREADS + TASKS)
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS + 1)

    def in_thread(index: int) -> None:
        try:
            with MessageMedia(KEY, SECRET, base_url=base_url, retry=retry) as client:
                start.wait(timeout=30)
                results[index] = client.messages.send_many(messages(index))
        except BaseException as exc:  # reported below: a thread has no caller
            errors.append(exc)

    async def in_task(index: int) -> None:
        async with AsyncMessageMedia(KEY, SECRET, base_url=base_url, retry=retry) as client:
            results[index] = await client.messages.send_many(messages(index), concurrency=4)

    async def tasks() -> None:
        start.wait(timeout=30)
        await asyncio.gather(*(in_task(THREADS + n) for n in range(TASKS)))

    threads = [threading.Thread(target=in_thread, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    try:
        asyncio.run(tasks())
    finally:
        for thread in threads:
            thread.join(timeout=300)
    assert not errors, errors
    assert all(result is not None for result in results)
    return [result for result in results if result is not None]


def accepted_ids(results: list[BatchResult[SentMessage]]) -> list[str]:
    return [str(sent.message_id) for result in results for sent in result.sent if sent is not None]


def stored(data: Path) -> tuple[Counter[str], str]:
    """Every stored message ID with its count, and SQLite's own integrity verdict."""
    with sqlite3.connect(data) as db:
        ids = Counter(str(row[0]) for row in db.execute("SELECT message_id FROM messages"))
        (verdict,) = db.execute("PRAGMA integrity_check").fetchone()
    return ids, str(verdict)


def wait_for(predicate: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s")
        time.sleep(0.01)


def test_5000_messages_from_8_clients_fail_no_batch_and_are_each_stored_once(tmp_path: Path) -> None:
    data = tmp_path / "load.sqlite3"
    with SandboxProcess(data, key=KEY, secret=SECRET) as sandbox:
        results = run_clients(sandbox.base_url)
    assert [failure for result in results for failure in result.failures] == []
    ids = accepted_ids(results)
    assert len(ids) == TOTAL and len(set(ids)) == TOTAL
    in_store, verdict = stored(data)
    assert verdict == "ok"
    assert set(in_store) == set(ids) and set(in_store.values()) == {1}


def test_a_kill_9_and_restart_midway_loses_no_accepted_message(tmp_path: Path) -> None:
    data = tmp_path / "crash.sqlite3"
    first = SandboxProcess(data, key=KEY, secret=SECRET)
    base_url = first.start()
    port = int(base_url.rsplit(":", 1)[1])
    # Sends never resend once they may have been received; what the policy retries here is a
    # connection refused while the sandbox is down, so the clients carry on after the restart.
    # Enough retries (about a minute, jitter included) for a restart on a loaded CI machine.
    patient = RetryPolicy(max_retries=200, backoff_base=0.05, backoff_cap=0.5)
    outcome: list[list[BatchResult[SentMessage]]] = []
    clients = threading.Thread(target=lambda: outcome.append(run_clients(base_url, retry=patient)))
    clients.start()
    second = SandboxProcess(data, key=KEY, secret=SECRET, port=port)
    try:

        def stored_so_far() -> int:
            try:
                answer = httpx.get(f"{base_url}/sandbox/health", timeout=5)
            except httpx.HTTPError:
                return 0
            return int(answer.json()["stored"]["messages"])

        wait_for(lambda: stored_so_far() >= TOTAL // 3, timeout=120)
        first.kill()
        assert second.start() == base_url
        at_restart = stored_so_far()
        assert at_restart < TOTAL  # the crash came while clients were still sending
        clients.join(timeout=300)
        assert outcome, "the clients did not finish"
    finally:
        first.kill()
        second.stop()
        clients.join(timeout=60)
    results = outcome[0]
    ids = accepted_ids(results)
    failures = [failure for result in results for failure in result.failures]
    # Only batches the kill caught may have failed: those in flight (at most one per sync client and
    # `concurrency` per async one) and, in the moment before a client notices the dead socket, one
    # more per client written to a kept-alive connection the kill had closed. Their outcome is
    # unknown, never "not sent" (seen once: 21 on a loaded machine, above the in-flight 20).
    assert len(failures) <= (THREADS + 4 * TASKS) + (THREADS + TASKS)
    assert all(failure.outcome_unknown for failure in failures), failures
    assert len(ids) + sum(len(f.indices) for f in failures) == TOTAL
    assert len(set(ids)) == len(ids)
    in_store, verdict = stored(data)
    assert verdict == "ok"
    assert set(ids) <= set(in_store), f"{len(set(ids) - set(in_store))} accepted IDs lost"
    assert set(in_store.values()) == {1}
    # Clients kept sending after the restart, and what they sent then was stored as well.
    assert len(in_store) > at_restart
