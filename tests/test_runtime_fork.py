"""A client made before os.fork() keeps parent and child apart: each gets its own connections.

Before this was fixed, parent and child shared the pooled connection of a client made before the
fork, and each read the other's answers (accepted message IDs landed with the wrong caller).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fault_server import FaultServer, running
from runtime_support import send_answer

from messagemedia_messages import AsyncMessageMedia, MessageMedia
from messagemedia_runtime.errors import ConfigurationError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
SENDS = 100


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running(send_answer) as srv:
        yield srv


def _sync_sends(client: MessageMedia, who: str) -> dict[str, Any]:
    mismatched, errors = 0, []
    for n in range(SENDS):
        try:
            answer = client.messages.send(
                messages=[{"content": f"{who} {n}", "destination_number": "+61491570156"}]
            )
        except Exception as exc:  # counted, not raised: the test reports them all
            errors.append(type(exc).__name__)
            continue
        mismatched += answer.messages[0].content != f"{who} {n}"
    return {"mismatched": mismatched, "errors": errors}


async def _async_sends(client: AsyncMessageMedia, who: str) -> dict[str, Any]:
    mismatched, errors = 0, []
    for n in range(SENDS):
        try:
            answer = await client.messages.send(
                messages=[{"content": f"{who} {n}", "destination_number": "+61491570156"}]
            )
        except Exception as exc:
            errors.append(type(exc).__name__)
            continue
        mismatched += answer.messages[0].content != f"{who} {n}"
    return {"mismatched": mismatched, "errors": errors}


def _fork_and_compare(run: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run ``run(who)`` in a forked child and in the parent at the same time; both outcomes."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report through the pipe and leave without running pytest's clean-up
        try:
            outcome = run("child")
        except BaseException as exc:
            outcome = {"mismatched": -1, "errors": [repr(exc)]}
        os.write(write, json.dumps(outcome).encode())
        os._exit(0)
    os.close(write)
    parent = run("parent")
    with os.fdopen(read, "rb") as pipe:
        child = json.loads(pipe.read() or b"{}")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return parent, child


def test_sync_client_used_on_both_sides_of_a_fork(server: FaultServer) -> None:
    client = MessageMedia("K", "S", base_url=server.url)
    client.messages.send(messages=[{"content": "before the fork", "destination_number": "+61491570156"}])
    pooled = client.low_level_client.get_httpx_client()
    parent, child = _fork_and_compare(lambda who: _sync_sends(client, who))
    assert parent == {"mismatched": 0, "errors": []}
    assert child == {"mismatched": 0, "errors": []}
    assert client.low_level_client.get_httpx_client() is pooled  # the parent kept its own
    assert len(server.requests) == 1 + 2 * SENDS


def test_async_client_used_on_both_sides_of_a_fork(server: FaultServer) -> None:
    client = AsyncMessageMedia("K", "S", base_url=server.url)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(
            client.messages.send(
                messages=[{"content": "before the fork", "destination_number": "+61491570156"}]
            )
        )
        parent, child = _fork_and_compare(lambda who: loop.run_until_complete(_async_sends(client, who)))
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()
    assert parent == {"mismatched": 0, "errors": []}
    assert child == {"mismatched": 0, "errors": []}


def test_a_given_http_client_is_refused_in_the_child_with_advice(server: FaultServer) -> None:
    client = MessageMedia("K", "S", base_url=server.url, http_client=httpx.Client())

    def run(who: str) -> dict[str, Any]:
        try:
            client.messages.check_credits()
        except ConfigurationError as exc:
            return {"mismatched": 0, "errors": [str(exc)]}
        return {"mismatched": 0, "errors": []}

    server.responder = lambda _r: (
        send_answer(_r) if _r.method == "POST" else __import__("fault_server").Step(200, {})
    )
    parent, child = _fork_and_compare(run)
    assert parent == {"mismatched": 0, "errors": []}
    assert len(child["errors"]) == 1 and "before os.fork()" in child["errors"][0]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
