"""Code using MessageMedia with plain dicts type-checks under mypy --strict, and the TypedDicts bite."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

GOOD = """
import asyncio
import datetime
from uuid import UUID

from messagemedia_messages import AsyncMessageMedia, MessageMedia
from messagemedia_messages.models import DeliveryReport, Format, Message, Reply
from messagemedia_messages.types import MessageParam

client = MessageMedia("KEY", "SECRET", region="eu", account="Sub01", deadline=10)
sent = client.messages.send(
    messages=[
        {"content": "Hi", "destination_number": "+61491570156"},
        {
            "content": "MMS",
            "destination_number": "+61491570156",
            "format": "MMS",
            "media": ["https://example.com/a.png"],
            "subject": "S",
            "metadata": {"k": "v"},
            "scheduled": datetime.datetime.now(datetime.UTC),
            "delivery_report": True,
        },
        Message(content="model", destination_number="+61491570156", format_=Format.SMS),
    ]
)
first: UUID = sent.messages[0].message_id
status = client.messages.get_status(first).status
client.messages.get_status(str(first), account="Other")
client.messages.cancel(first)
client.replies.confirm(reply_ids=[first, "3487b3fa-6586-4979-a233-2d1b095c7718"])
client.delivery_reports.confirm(delivery_report_ids=[str(first)])
many: list[MessageParam] = [
    {"content": f"n{i}", "destination_number": "+61491570156"} for i in range(3)
]
result = client.messages.send_many(many, batch_size=50, progress=lambda p: print(p.done, p.total))
ids: list[UUID] = [m.message_id for m in result.sent if m is not None]


def on_reply(reply: Reply) -> None:
    print(reply.content)


client.replies.drain(on_reply).raise_if_failed()
client.delivery_reports.drain(lambda report: print(report.status))
print(client.with_options(timeout=5.0).messages.check_credits().to_dict())


async def main() -> None:
    async with AsyncMessageMedia(hmac=False) as aclient:
        answer = await aclient.messages.send(
            messages=[{"content": "a", "destination_number": "+61491570156"}]
        )
        print(answer.messages[0].status)

        async def on_report(report: DeliveryReport) -> None:
            print(report.error_code)

        await aclient.delivery_reports.drain(on_report)
        await aclient.messages.send_many(many, concurrency=2)


asyncio.run(main())
"""

TO = '"destination_number": "+61491570156"'
BAD = {
    "an int as content": 'client.messages.send(messages=[{"content": 5, ' + TO + "}])",
    "a missing destination": 'client.messages.send(messages=[{"content": "Hi"}])',
    "an unknown key": 'client.messages.send(messages=[{"content": "Hi", ' + TO + ', "colour": "red"}])',
    "an unknown format": 'client.messages.send(messages=[{"content": "Hi", ' + TO + ', "format": "FAX"}])',
    "a read-only field": 'client.messages.send(messages=[{"content": "Hi", ' + TO + ', "status": "queued"}])',
}


def _mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "user_code.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml"), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_dict_calls_pass_mypy_strict(tmp_path: Path) -> None:
    result = _mypy(tmp_path, GOOD)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_typeddicts_bite(tmp_path: Path) -> None:
    header = "from messagemedia_messages import MessageMedia\nclient = MessageMedia()\n"
    source = header + "\n".join(f"{line}  # {name}" for name, line in BAD.items()) + "\n"
    result = _mypy(tmp_path, source)
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    flagged = {int(line.split(":")[1]) for line in errors}
    for number, name in enumerate(BAD, start=3):
        assert number in flagged, f"mypy did not flag {name}: {result.stdout}"
