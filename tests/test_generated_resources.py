"""The client object comes from the spec: an operation added to openapi.yaml becomes a method.

A copy of the spec gains an operation (tag `messages`, `x-method-name: ping`); the package is
generated from it into a temporary folder, exactly as `make generate` does, and a fresh
interpreter finds `client.messages.ping()` (sync and async) and calls it through a mock transport.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from generate import generate  # noqa: E402

pytestmark = pytest.mark.slow

PING = {
    "get": {
        "operationId": "ping_account",
        "x-method-name": "ping",
        "x-idempotent": True,
        "tags": ["messages"],
        "summary": "Check that the account answers",
        "description": "Answers with a short message.",
        "parameters": [{"$ref": "#/components/parameters/Account"}],
        "responses": {
            "200": {
                "description": "The account answered.",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/ErrorResponse"},
                        "example": {"message": "pong"},
                    }
                },
            }
        },
    }
}

CHECK = """
import asyncio
import httpx
import messagemedia_messages
from messagemedia_messages import AsyncMessageMedia, MessageMedia

assert "{root}" not in messagemedia_messages.__file__, messagemedia_messages.__file__

def answer(request):
    assert (request.method, request.url.path) == ("GET", "/v1/messaging/ping"), request.url
    assert request.headers["Account"] == "Sub01"
    assert request.headers["Authorization"].startswith("hmac ")
    return httpx.Response(200, json={{"message": "pong"}})

client = MessageMedia("K", "S", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
print("sync", client.messages.ping(account="Sub01").message)

async def main():
    aclient = AsyncMessageMedia(
        "K", "S", http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer))
    )
    print("async", (await aclient.messages.ping(account="Sub01")).message)

asyncio.run(main())
"""


def test_an_operation_added_to_the_spec_becomes_a_method(tmp_path: Path) -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    spec["paths"]["/v1/messaging/ping"] = PING
    spec_copy = tmp_path / "openapi.yaml"
    spec_copy.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")

    package = tmp_path / "out" / "messagemedia_messages"
    generate(spec_copy, package, quiet=True)
    resource = (package / "api" / "messages" / "__init__.py").read_text(encoding="utf-8")
    assert "    def ping(" in resource and "    async def ping(" in resource
    assert "def ping(" not in (ROOT / "generated/messagemedia_messages/api/messages/__init__.py").read_text()

    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHECK.format(root=ROOT / "generated"))],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.split() == ["sync", "pong", "async", "pong"]
