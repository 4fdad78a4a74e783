"""A minimal, fast stand-in for the Messages API, for benchmarks only.

Run as its own process (``python bench_server.py``), so that its CPU never counts in the
client's ``time.process_time``. It prints ``PORT <n>`` on stdout once it listens on 127.0.0.1.

Raw asyncio protocol, HTTP/1.1 keep-alive, answers precomputed per batch size:

- ``POST /v1/messages`` -> 202 and a SendMessagesResponse echoing as many messages as the request
  carried (counted by their ``destination_number`` keys), each with a ``message_id`` and ``queued``;
- ``GET /v1/messages/<id>`` -> 200 and one Message;
- anything else -> 404 ``{"message": "Resource not found."}``.

It does not verify signatures (tests/verifying_server.py does): the point is that the client, not
the server, is what gets measured.
"""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from typing import Any

MAX_BATCH = 100
CONTENT = "Benchmark message"
DESTINATION = "+61491570156"


def _message(index: int, status: str) -> dict[str, Any]:
    return {
        "message_id": str(uuid.UUID(int=0x877C19EFFA2E4CEC827AE1DF00000000 + index, version=4)),
        "status": status,
        "content": CONTENT,
        "destination_number": DESTINATION,
        "format": "SMS",
        "delivery_report": False,
    }


def _http(status: str, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: keep-alive\r\n\r\n"
    )
    return head.encode("ascii") + body


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


SEND_ANSWERS: list[bytes] = [b""] + [
    _http("202 Accepted", _json({"messages": [_message(i, "queued") for i in range(n)]}))
    for n in range(1, MAX_BATCH + 1)
]
STATUS_MESSAGE: dict[str, Any] = {
    **_message(0, "delivered"),
    "source_number": "+61491570157",
    "source_number_type": "INTERNATIONAL",
    "metadata": {"booking": "A-1042"},
}
STATUS_ANSWER = _http("200 OK", _json(STATUS_MESSAGE))
NOT_FOUND = _http("404 Not Found", _json({"message": "Resource not found."}))


class _Protocol(asyncio.Protocol):
    __slots__ = ("buffer", "transport")

    def __init__(self) -> None:
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end]
            length = 0
            lowered = head.lower()
            at = lowered.find(b"\r\ncontent-length:")
            if at >= 0:
                stop = lowered.find(b"\r\n", at + 2)
                length = int(lowered[at + 17 : stop if stop >= 0 else len(lowered)].strip())
            total = end + 4 + length
            if len(self.buffer) < total:
                return
            body = self.buffer[end + 4 : total]
            self.buffer = self.buffer[total:]
            request_line = head[: head.find(b"\r\n")] if b"\r\n" in head else head
            assert self.transport is not None
            self.transport.write(self._answer(request_line, body))

    @staticmethod
    def _answer(request_line: bytes, body: bytes) -> bytes:
        method, _, rest = request_line.partition(b" ")
        target = rest.partition(b" ")[0]
        if method == b"POST" and target == b"/v1/messages":
            count = body.count(b'"destination_number"')
            return SEND_ANSWERS[min(max(count, 1), MAX_BATCH)]
        if method == b"GET" and target.startswith(b"/v1/messages/"):
            return STATUS_ANSWER
        return NOT_FOUND


async def _serve(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Protocol, "127.0.0.1", port, backlog=128)
    bound = server.sockets[0].getsockname()[1]
    sys.stdout.write(f"PORT {bound}\n")
    sys.stdout.flush()
    # Stop when the parent closes our stdin (or dies).
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.read()
    server.close()


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    asyncio.run(_serve(port))


if __name__ == "__main__":
    main()
