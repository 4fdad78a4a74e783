"""Throughput of the local sandbox: `get_message_status` requests per second over keep-alive.

The sandbox runs as its own process (``SandboxProcess``, as a user runs it), on a fresh data file
in a temporary folder. One message is sent, then this client asks for its status again and again:

- ``sync``: one ``create_client`` client, one request after the other on one kept-alive connection;
- ``async``: one async client with ``ASYNC_IN_FLIGHT`` requests in flight on kept-alive connections.

Requests are signed with HMAC-SHA1, so the figure includes the sandbox's signature check, its
SQLite read and the client's own work: it is what a test suite or a demo gets from the sandbox.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ASYNC_IN_FLIGHT = 8
KEY = "bench-sandbox-key"
SECRET = "bench-sandbox-secret"


def _sync_rate(client: Any, message_id: uuid.UUID, requests: int) -> float:
    from messagemedia_messages.api.messages import get_message_status

    started = time.perf_counter()
    for _ in range(requests):
        get_message_status.sync(message_id, client=client)
    return requests / (time.perf_counter() - started)


async def _async_rate(base_url: str, message_id: uuid.UUID, requests: int) -> float:
    from messagemedia_messages import create_client
    from messagemedia_messages.api.messages import get_message_status

    async with create_client(KEY, SECRET, base_url=base_url) as client:
        await get_message_status.asyncio(message_id, client=client)  # opens the first connection
        remaining = requests

        async def worker(count: int) -> None:
            for _ in range(count):
                await get_message_status.asyncio(message_id, client=client)

        shares = [
            remaining // ASYNC_IN_FLIGHT + (i < remaining % ASYNC_IN_FLIGHT) for i in range(ASYNC_IN_FLIGHT)
        ]
        started = time.perf_counter()
        await asyncio.gather(*(worker(share) for share in shares))
        return requests / (time.perf_counter() - started)


def measure(requests: int, rounds: int) -> dict[str, Any]:
    """Median requests per second of each mode over ``rounds`` rounds (after a warm-up round)."""
    from messagemedia_messages import create_client
    from messagemedia_messages.api.messages import send_messages
    from messagemedia_messages.models import Message, SendMessagesRequest
    from messagemedia_sandbox import SandboxProcess

    rates: dict[str, list[float]] = {"sync": [], "async": []}
    with tempfile.TemporaryDirectory(prefix="bench-sandbox-") as folder:
        sandbox = SandboxProcess(Path(folder) / "bench.sqlite3", speed=50, key=KEY, secret=SECRET)
        base_url = sandbox.start()
        try:
            with create_client(KEY, SECRET, base_url=base_url) as client:
                body = SendMessagesRequest(
                    messages=[Message(content="bench", destination_number="+61491570156")]
                )
                message_id = uuid.UUID(
                    str(send_messages.sync(client=client, body=body).messages[0].message_id)
                )
                for round_no in range(rounds + 1):
                    count = max(5, requests // 5) if round_no == 0 else requests
                    sync = _sync_rate(client, message_id, count)
                    in_flight = asyncio.run(_async_rate(base_url, message_id, count))
                    if round_no:
                        rates["sync"].append(sync)
                        rates["async"].append(in_flight)
        finally:
            sandbox.stop()
    return {
        "requests_per_round": requests,
        "async_in_flight": ASYNC_IN_FLIGHT,
        "median_rps": {mode: statistics.median(values) for mode, values in rates.items()},
        "rounds_rps": rates,
    }


def render(result: dict[str, Any]) -> str:
    median = result["median_rps"]
    return (
        "sandbox (its own process), get_message_status over keep-alive, HMAC-SHA1: "
        f"{median['sync']:,.0f} req/s one at a time (sync), "
        f"{median['async']:,.0f} req/s with {result['async_in_flight']} in flight (async)"
    )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    print(render(measure(arguments.requests, arguments.rounds)))
