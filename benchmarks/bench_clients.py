"""The clients measured in the benchmark's own process: this client (sync and async) and raw httpx.

Every runner offers the same three workloads and returns ``(cpu_seconds, wall_seconds)`` for the
whole workload, measured with ``time.process_time`` and ``time.perf_counter``:

- ``send1(n)``: n sends of one message each, one after the other (the request body is built inside
  the timed loop, as a caller would: models for this client, a dict for raw httpx);
- ``status(n)``: n ``get_message_status`` calls;
- ``batch(messages, batch_size)``: ``messages`` messages in requests of ``batch_size``.

Raw httpx is the limit: one ``httpx.Client`` (or ``AsyncClient``), ``json.dumps`` of the body,
MD5 + HMAC-SHA1 over the signing string written out here (deliberately not ``hmac_auth``), and
``json.loads`` of the answer. No models, no validation, no retries.
"""

from __future__ import annotations

import asyncio
import base64
import email.utils
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Coroutine
from typing import Any, Protocol

import httpx

KEY = "BENCH_API_KEY"
SECRET = "BENCH_API_SECRET"
CONTENT = "Benchmark message"
DESTINATION = "+61491570156"
MESSAGE_ID = "877c19ef-fa2e-4cec-827a-e1df9b5509f7"
ASYNC_CONCURRENCY = 4  # send_many's default on AsyncMessageMedia; raw async batching uses the same


def numbers(count: int) -> list[str]:
    """Distinct E.164 destinations for the batch workload."""
    return [f"+6149{i:07d}" for i in range(count)]


class Runner(Protocol):
    name: str

    def send1(self, n: int) -> tuple[float, float]: ...
    def status(self, n: int) -> tuple[float, float]: ...
    def batch(self, messages: int, batch_size: int) -> tuple[float, float]: ...
    def close(self) -> None: ...


class _Timer:
    __slots__ = ("cpu", "wall")

    def __init__(self) -> None:
        self.cpu = time.process_time()
        self.wall = time.perf_counter()

    def stop(self) -> tuple[float, float]:
        return time.process_time() - self.cpu, time.perf_counter() - self.wall


# --------------------------------------------------------------------------- this client


class OursSync:
    name = "ours sync"

    def __init__(self, base_url: str) -> None:
        from messagemedia_messages import create_client

        self.client = create_client(KEY, SECRET, base_url=base_url)

    def send1(self, n: int) -> tuple[float, float]:
        from messagemedia_messages.api.messages import send_messages
        from messagemedia_messages.models import Message, SendMessagesRequest

        client = self.client
        timer = _Timer()
        for _ in range(n):
            body = SendMessagesRequest(messages=[Message(content=CONTENT, destination_number=DESTINATION)])
            answer = send_messages.sync(client=client, body=body)
        took = timer.stop()
        assert n == 0 or answer.messages[0].status == "queued"
        return took

    def status(self, n: int) -> tuple[float, float]:
        from messagemedia_messages.api.messages import get_message_status

        client, message_id = self.client, uuid.UUID(MESSAGE_ID)
        timer = _Timer()
        for _ in range(n):
            answer = get_message_status.sync(message_id, client=client)
        took = timer.stop()
        assert n == 0 or answer.status == "delivered"
        return took

    def batch(self, messages: int, batch_size: int) -> tuple[float, float]:
        from messagemedia_messages.api.messages import MessagesResource
        from messagemedia_messages.models import Message

        destinations = numbers(messages)
        timer = _Timer()
        items = [Message(content=CONTENT, destination_number=number) for number in destinations]
        result = MessagesResource(self.client).send_many(items, batch_size=batch_size)
        took = timer.stop()
        result.raise_if_failed()
        assert result.accepted_count == messages
        return took

    def close(self) -> None:
        self.client.close()


class OursObject:
    """``MessageMedia`` as users write it: plain dicts, one call per operation."""

    name = "ours MessageMedia"

    def __init__(self, base_url: str) -> None:
        from messagemedia_messages import MessageMedia

        self.client = MessageMedia(KEY, SECRET, base_url=base_url)

    def send1(self, n: int) -> tuple[float, float]:
        messages = self.client.messages
        timer = _Timer()
        for _ in range(n):
            answer = messages.send(messages=[{"content": CONTENT, "destination_number": DESTINATION}])
        took = timer.stop()
        assert n == 0 or answer.messages[0].status == "queued"
        return took

    def status(self, n: int) -> tuple[float, float]:
        messages = self.client.messages
        timer = _Timer()
        for _ in range(n):
            answer = messages.get_status(MESSAGE_ID)
        took = timer.stop()
        assert n == 0 or answer.status == "delivered"
        return took

    def batch(self, messages: int, batch_size: int) -> tuple[float, float]:
        destinations = numbers(messages)
        timer = _Timer()
        from messagemedia_messages.types import MessageParam

        items: list[MessageParam] = [{"content": CONTENT, "destination_number": n} for n in destinations]
        result = self.client.messages.send_many(items, batch_size=batch_size)
        took = timer.stop()
        result.raise_if_failed()
        assert result.accepted_count == messages
        return took

    def close(self) -> None:
        self.client.close()


class _AsyncRunner:
    """Runs its coroutines on one private event loop, so the httpx pool stays bound to it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    def _run(self, coro: Coroutine[Any, Any, tuple[float, float]]) -> tuple[float, float]:
        return self.loop.run_until_complete(coro)

    async def _aclose(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.loop.run_until_complete(self._aclose())
        self.loop.close()


class OursAsync(_AsyncRunner):
    name = "ours async"

    def __init__(self, base_url: str) -> None:
        super().__init__()
        from messagemedia_messages import create_client

        self.client = create_client(KEY, SECRET, base_url=base_url)

    def send1(self, n: int) -> tuple[float, float]:
        return self._run(self._send1(n))

    async def _send1(self, n: int) -> tuple[float, float]:
        from messagemedia_messages.api.messages import send_messages
        from messagemedia_messages.models import Message, SendMessagesRequest

        client = self.client
        timer = _Timer()
        for _ in range(n):
            body = SendMessagesRequest(messages=[Message(content=CONTENT, destination_number=DESTINATION)])
            answer = await send_messages.asyncio(client=client, body=body)
        took = timer.stop()
        assert n == 0 or answer.messages[0].status == "queued"
        return took

    def status(self, n: int) -> tuple[float, float]:
        return self._run(self._status(n))

    async def _status(self, n: int) -> tuple[float, float]:
        from messagemedia_messages.api.messages import get_message_status

        client, message_id = self.client, uuid.UUID(MESSAGE_ID)
        timer = _Timer()
        for _ in range(n):
            answer = await get_message_status.asyncio(message_id, client=client)
        took = timer.stop()
        assert n == 0 or answer.status == "delivered"
        return took

    def batch(self, messages: int, batch_size: int) -> tuple[float, float]:
        return self._run(self._batch(messages, batch_size))

    async def _batch(self, messages: int, batch_size: int) -> tuple[float, float]:
        from messagemedia_messages.api.messages import AsyncMessagesResource
        from messagemedia_messages.models import Message

        destinations = numbers(messages)
        timer = _Timer()
        items = [Message(content=CONTENT, destination_number=number) for number in destinations]
        result = await AsyncMessagesResource(self.client).send_many(
            items, batch_size=batch_size, concurrency=ASYNC_CONCURRENCY
        )
        took = timer.stop()
        result.raise_if_failed()
        assert result.accepted_count == messages
        return took

    async def _aclose(self) -> None:
        await self.client.aclose()


# --------------------------------------------------------------------------- raw httpx (the limit)


def hmac_headers(method: str, target: str, body: bytes | None) -> dict[str, str]:
    """The API's HMAC-SHA1 headers, written out by hand (see the facts sheet, Authentication)."""
    date = email.utils.formatdate(usegmt=True)
    if body:
        md5 = hashlib.md5(body, usedforsecurity=False).hexdigest()
        text = f"date: {date}\nx-content-md5: {md5}\n{method} {target} HTTP/1.1"
        signed = "date x-content-md5 request-line"
    else:
        md5 = ""
        text = f"date: {date}\n{method} {target} HTTP/1.1"
        signed = "date request-line"
    signature = base64.b64encode(hmac.new(SECRET.encode(), text.encode(), hashlib.sha1).digest()).decode()
    headers = {
        "date": date,
        "Authorization": (
            f'hmac username="{KEY}", algorithm="hmac-sha1", headers="{signed}", signature="{signature}"'
        ),
    }
    if md5:
        headers["x-content-md5"] = md5
        headers["Content-Type"] = "application/json"
    return headers


def _send_request(messages: list[dict[str, Any]]) -> tuple[bytes, dict[str, str]]:
    body = json.dumps({"messages": messages}).encode()
    return body, hmac_headers("POST", "/v1/messages", body)


_STATUS_PATH = f"/v1/messages/{MESSAGE_ID}"


class RawSync:
    name = "raw httpx sync"

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url)

    def send1(self, n: int) -> tuple[float, float]:
        http = self.http
        timer = _Timer()
        for _ in range(n):
            body, headers = _send_request([{"content": CONTENT, "destination_number": DESTINATION}])
            answer = json.loads(http.post("/v1/messages", content=body, headers=headers).content)
        took = timer.stop()
        assert n == 0 or answer["messages"][0]["status"] == "queued"
        return took

    def status(self, n: int) -> tuple[float, float]:
        http = self.http
        timer = _Timer()
        for _ in range(n):
            answer = json.loads(
                http.get(_STATUS_PATH, headers=hmac_headers("GET", _STATUS_PATH, None)).content
            )
        took = timer.stop()
        assert n == 0 or answer["status"] == "delivered"
        return took

    def batch(self, messages: int, batch_size: int) -> tuple[float, float]:
        http = self.http
        destinations = numbers(messages)
        accepted: list[str] = []
        timer = _Timer()
        for start in range(0, messages, batch_size):
            chunk = [
                {"content": CONTENT, "destination_number": d}
                for d in destinations[start : start + batch_size]
            ]
            body, headers = _send_request(chunk)
            response = http.post("/v1/messages", content=body, headers=headers)
            response.raise_for_status()
            accepted.extend(m["message_id"] for m in json.loads(response.content)["messages"])
        took = timer.stop()
        assert len(accepted) == messages
        return took

    def close(self) -> None:
        self.http.close()


class RawAsync(_AsyncRunner):
    name = "raw httpx async"

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.http = httpx.AsyncClient(base_url=base_url)

    def send1(self, n: int) -> tuple[float, float]:
        return self._run(self._send1(n))

    async def _send1(self, n: int) -> tuple[float, float]:
        http = self.http
        timer = _Timer()
        for _ in range(n):
            body, headers = _send_request([{"content": CONTENT, "destination_number": DESTINATION}])
            answer = json.loads((await http.post("/v1/messages", content=body, headers=headers)).content)
        took = timer.stop()
        assert n == 0 or answer["messages"][0]["status"] == "queued"
        return took

    def status(self, n: int) -> tuple[float, float]:
        return self._run(self._status(n))

    async def _status(self, n: int) -> tuple[float, float]:
        http = self.http
        timer = _Timer()
        for _ in range(n):
            response = await http.get(_STATUS_PATH, headers=hmac_headers("GET", _STATUS_PATH, None))
            answer = json.loads(response.content)
        took = timer.stop()
        assert n == 0 or answer["status"] == "delivered"
        return took

    def batch(self, messages: int, batch_size: int) -> tuple[float, float]:
        return self._run(self._batch(messages, batch_size))

    async def _batch(self, messages: int, batch_size: int) -> tuple[float, float]:
        http = self.http
        destinations = numbers(messages)
        accepted: list[list[str]] = [[] for _ in range(0, messages, batch_size)]
        gate = asyncio.Semaphore(ASYNC_CONCURRENCY)

        async def one(index: int, start: int) -> None:
            async with gate:
                chunk = [
                    {"content": CONTENT, "destination_number": d}
                    for d in destinations[start : start + batch_size]
                ]
                body, headers = _send_request(chunk)
                response = await http.post("/v1/messages", content=body, headers=headers)
                response.raise_for_status()
                accepted[index] = [m["message_id"] for m in json.loads(response.content)["messages"]]

        timer = _Timer()
        await asyncio.gather(*(one(i, start) for i, start in enumerate(range(0, messages, batch_size))))
        took = timer.stop()
        assert sum(len(a) for a in accepted) == messages
        return took

    async def _aclose(self) -> None:
        await self.http.aclose()
