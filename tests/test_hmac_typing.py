"""User code calling generated functions with create_client's client type-checks under --strict."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXAMPLE = """
import asyncio
from uuid import UUID

from hmac_auth import BasicAuth, HmacAuth
from messagemedia_messages import create_client
from messagemedia_messages.api.messages import cancel_scheduled_message, send_messages
from messagemedia_messages.api.replies import check_replies
from messagemedia_messages.models import (
    CancelScheduledMessageRequest,
    Message,
    SendMessagesRequest,
    SendMessagesResponse,
)


def send(text: str) -> UUID | None:
    client = create_client("KEY", "SECRET", algorithm="hmac-sha256", account="Sub01", timeout=10)
    with client:
        body = SendMessagesRequest(messages=[Message(content=text, destination_number="+61491570156")])
        sent: SendMessagesResponse = send_messages.sync(client=client, body=body)
        message_id = sent.messages[0].message_id
        cancel_scheduled_message.sync(UUID(int=1), client=client, body=CancelScheduledMessageRequest())
        return message_id if isinstance(message_id, UUID) else None


async def replies() -> int:
    async with create_client(hmac=False) as client:
        answer = await check_replies.asyncio(client=client)
        return len(answer.replies)


auths: tuple[HmacAuth, BasicAuth] = (HmacAuth("K", "S"), BasicAuth("K", "S"))
asyncio.run(replies())
"""


def test_example_passes_mypy_strict(tmp_path: Path) -> None:
    example = tmp_path / "example.py"
    example.write_text(textwrap.dedent(EXAMPLE))
    # The repo's config (strict, mypy_path) and its cache keep this to a few seconds when warm.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(example),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
