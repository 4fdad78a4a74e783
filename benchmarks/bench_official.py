"""Benchmark worker for the official SDK (messagemedia-messages-sdk 2.1.3, requests-based).

It runs in the SDK's own venv (benchmarks/.bench-venv, made by run.py), so it uses only the
standard library and the SDK. It reads one JSON command per line on stdin and answers one JSON line
on stdout, so that run.py can interleave its rounds with the other clients' under the same load:

    {"cmd": "setup", "base_url": ..., "key": ..., "secret": ..., "content": ..., "destination": ...,
     "message_id": ...}
    {"cmd": "send1", "n": 100}            -> {"cpu": s, "wall": s}   n sends of one message
    {"cmd": "status", "n": 100}           -> {"cpu": s, "wall": s}   n get_message_status calls
    {"cmd": "batch", "messages": 10000, "batch_size": 100} -> {"cpu": s, "wall": s, "accepted": n}
    {"cmd": "quit"}

The CPU figures are this process's ``time.process_time``. How the SDK is wired up (inspected in
its 2.1.3 source): ``MessageMediaMessagesClient(key, secret, use_hmac_authentication=True)`` puts
the credentials on the class-level ``Configuration``, and ``Configuration.base_uri`` is the base
URL of every controller; it signs with hmac-sha1 (``AuthManager.apply_hmac_auth``). It runs on
Python 3.11 unchanged: it pins ``urllib3<2`` and ``setuptools<68`` itself, so no shim is needed.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from typing import Any


class _Official:
    def __init__(self, setup: dict[str, Any]) -> None:
        client_mod = importlib.import_module("message_media_messages.message_media_messages_client")
        config_mod = importlib.import_module("message_media_messages.configuration")
        self.message_cls: Any = importlib.import_module("message_media_messages.models.message").Message
        self.request_cls: Any = importlib.import_module(
            "message_media_messages.models.send_messages_request"
        ).SendMessagesRequest
        config_mod.Configuration.base_uri = setup["base_url"]
        client = client_mod.MessageMediaMessagesClient(
            setup["key"], setup["secret"], use_hmac_authentication=True
        )
        self.messages: Any = client.messages
        self.content: str = setup["content"]
        self.destination: str = setup["destination"]
        self.message_id: str = setup["message_id"]

    def send1(self, n: int) -> dict[str, Any]:
        message_cls, request_cls, controller = self.message_cls, self.request_cls, self.messages
        content, destination = self.content, self.destination
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(n):
            body = request_cls(messages=[message_cls(content=content, destination_number=destination)])
            answer = controller.send_messages(body)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if n and answer.messages[0].status != "queued":
            raise RuntimeError(f"unexpected answer {answer.messages[0].status!r}")
        return {"cpu": cpu, "wall": wall}

    def status(self, n: int) -> dict[str, Any]:
        controller, message_id = self.messages, self.message_id
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(n):
            answer = controller.get_message_status(message_id)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if n and answer.message_id is None:
            raise RuntimeError("unexpected answer without message_id")
        return {"cpu": cpu, "wall": wall}

    def batch(self, messages: int, batch_size: int) -> dict[str, Any]:
        message_cls, request_cls, controller = self.message_cls, self.request_cls, self.messages
        content = self.content
        numbers = [f"+6149{i:07d}" for i in range(messages)]
        accepted: list[Any] = []
        cpu, wall = time.process_time(), time.perf_counter()
        for start in range(0, messages, batch_size):
            chunk = [
                message_cls(content=content, destination_number=number)
                for number in numbers[start : start + batch_size]
            ]
            answer = controller.send_messages(request_cls(messages=chunk))
            accepted.extend(m.message_id for m in answer.messages)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        return {"cpu": cpu, "wall": wall, "accepted": len(accepted)}


def main() -> None:
    worker: _Official | None = None
    for line in sys.stdin:
        command = json.loads(line)
        cmd = command["cmd"]
        if cmd == "quit":
            break
        try:
            if cmd == "setup":
                worker = _Official(command)
                reply: dict[str, Any] = {"ok": True, "python": sys.version.split()[0]}
            elif worker is None:
                raise RuntimeError("setup first")
            elif cmd == "send1":
                reply = worker.send1(int(command["n"]))
            elif cmd == "status":
                reply = worker.status(int(command["n"]))
            elif cmd == "batch":
                reply = worker.batch(int(command["messages"]), int(command["batch_size"]))
            else:
                raise ValueError(f"unknown command {cmd!r}")
        except Exception as exc:  # reported to run.py, which shows it instead of a number
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
