"""`messagemedia replies` and `messagemedia reports`: list what is pending, confirm only what was
printed, and --follow new ones as they come (confirming each after printing it with --confirm)."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from cli_helpers import CLI, Cli, json_lines, process_env, sandbox_cli
from sandbox_helpers import DEST, Api, sms, wait_until

from messagemedia_sandbox import SandboxServer


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[tuple[SandboxServer, Cli, Api]]:
    with sandbox_cli(tmp_path) as (server, cli):
        api = Api(server.base_url)
        yield server, cli, api
        api.close()


def reply(api: Api, message_id: str, text: str) -> dict[str, Any]:
    response = api.post("/sandbox/replies", {"message_id": message_id, "content": text})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def sent_message(api: Api, **fields: Any) -> str:
    (message,) = api.send(sms(**fields))
    return str(message["message_id"])


def test_replies_are_listed_and_stay_pending(sandbox: tuple[SandboxServer, Cli, Api]) -> None:
    _, cli, api = sandbox
    message_id = sent_message(api, metadata={"booking": "A-1"})
    reply(api, message_id, "Yes please")
    reply(api, message_id, "Make it 8")
    listed = cli.json("replies")
    assert [r["content"] for r in listed] == ["Yes please", "Make it 8"]
    assert all(r["message_id"] == message_id and r["source_number"] == DEST for r in listed)
    assert listed[0]["metadata"] == {"booking": "A-1"}
    assert len(api.replies()) == 2  # listing confirms nothing

    table = cli.ok("replies")
    assert "reply_id" in table.stdout and "Yes please" in table.stdout and "Make it 8" in table.stdout


def test_confirm_confirms_only_what_was_printed(sandbox: tuple[SandboxServer, Cli, Api]) -> None:
    _, cli, api = sandbox
    message_id = sent_message(api)
    for n in range(101):
        reply(api, message_id, f"Reply {n}")
    result = cli("--json", "replies", "--confirm")
    assert result.exit_code == 0, result.stderr
    printed = json_lines(result.stdout)
    assert len(printed) == 100 and "confirmed 100 replies" in result.stderr
    left = api.replies()  # the 101st was never printed, so it was not confirmed
    assert [r["content"] for r in left] == ["Reply 100"]
    assert {r["reply_id"] for r in printed}.isdisjoint({r["reply_id"] for r in left})

    again = cli("replies")
    assert "these are the oldest" not in again.stderr
    assert cli.json("replies", "--confirm")[0]["content"] == "Reply 100"
    none = cli("replies")
    assert none.exit_code == 0 and none.stdout == "" and "no pending replies" in none.stderr


def test_the_oldest_100_note(sandbox: tuple[SandboxServer, Cli, Api]) -> None:
    _, cli, api = sandbox
    message_id = sent_message(api)
    for n in range(100):
        reply(api, message_id, f"R{n}")
    result = cli("--json", "replies")
    assert len(json_lines(result.stdout)) == 100 and "these are the oldest 100" in result.stderr


def test_delivery_reports_listed_then_confirmed(sandbox: tuple[SandboxServer, Cli, Api]) -> None:
    _, cli, api = sandbox
    message_id = sent_message(api, delivery_report=True)
    wait_until(lambda: any(r["status"] == "delivered" for r in api.reports()))
    listed = cli.json("reports")
    assert {r["message_id"] for r in listed} == {message_id}
    assert "delivered" in [r["status"] for r in listed]
    assert all(r["delivery_report_id"] for r in listed)
    table = cli.ok("reports")
    assert "delivery_report_id" in table.stdout and "delivered" in table.stdout

    confirmed = cli("--json", "reports", "--confirm")
    assert confirmed.exit_code == 0 and f"confirmed {len(listed)} delivery reports" in confirmed.stderr
    assert {r["delivery_report_id"] for r in json_lines(confirmed.stdout)} == {
        r["delivery_report_id"] for r in listed
    }
    assert api.reports() == []


def test_text_from_a_handset_cannot_drive_the_terminal(sandbox: tuple[SandboxServer, Cli, Api]) -> None:
    _, cli, api = sandbox
    reply(api, sent_message(api), "\x1b[2J\x1b]0;owned\x07gotcha\u202e")
    table = cli.ok("replies").stdout
    assert "\x1b" not in table and "\x07" not in table and "\u202e" not in table
    assert "\\x1b[2J" in table and "gotcha" in table
    (record,) = cli.json("replies")
    assert record["content"] == "\x1b[2J\x1b]0;owned\x07gotcha\u202e"  # JSON keeps it exactly (escaped)


class Follower:
    """`messagemedia --json <kind> --follow` as a real process, its stdout read line by line."""

    def __init__(self, base_url: str, *args: str) -> None:
        self.process = subprocess.Popen(
            [*CLI, "--json", *args, "--follow", "--interval", "0.1"],
            env=process_env(base_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self._reader.start()

    def _read(self, stream: IO[str] | None) -> None:
        assert stream is not None
        for line in stream:
            self.lines.extend(json_lines(line))

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        _, stderr = self.process.communicate(timeout=30)
        self._reader.join(timeout=10)
        return self.process.returncode, stderr


def test_follow_confirm_prints_each_new_reply_once_and_confirms_it(
    sandbox: tuple[SandboxServer, Cli, Api],
) -> None:
    server, _, api = sandbox
    message_id = sent_message(api)
    reply(api, message_id, "First")
    follower = Follower(server.base_url, "replies", "--confirm")
    try:
        wait_until(lambda: len(follower.lines) == 1, timeout=30)
        wait_until(lambda: api.replies() == [], timeout=30)  # confirmed once printed
        reply(api, message_id, "Second")
        reply(api, message_id, "Third")
        wait_until(lambda: len(follower.lines) == 3, timeout=30)
        wait_until(lambda: api.replies() == [], timeout=30)
    finally:
        code, stderr = follower.stop()
    assert code == 0, stderr
    assert [line["content"] for line in follower.lines] == ["First", "Second", "Third"]
    assert "stopped" in stderr and "Traceback" not in stderr


def test_follow_without_confirm_prints_each_once_and_leaves_them_pending(
    sandbox: tuple[SandboxServer, Cli, Api],
) -> None:
    server, _, api = sandbox
    message_id = sent_message(api, delivery_report=True)
    follower = Follower(server.base_url, "reports")
    try:
        wait_until(lambda: {line["status"] for line in follower.lines} >= {"delivered"}, timeout=30)
        time.sleep(0.5)  # about five more checks, each returning the same reports
    finally:
        code, stderr = follower.stop()
    assert code == 0, stderr
    ids = [line["delivery_report_id"] for line in follower.lines]
    assert len(ids) == len(set(ids))  # every check returns them all again; each is printed once
    assert {line["message_id"] for line in follower.lines} == {message_id}
    assert len(api.reports()) == len(ids)  # nothing confirmed


def test_follow_without_confirm_says_once_when_a_full_check_hides_newer_ones(
    sandbox: tuple[SandboxServer, Cli, Api],
) -> None:
    server, _, api = sandbox
    message_id = sent_message(api)
    for n in range(100):
        reply(api, message_id, f"R{n}")
    follower = Follower(server.base_url, "replies")
    try:
        wait_until(lambda: len(follower.lines) == 100, timeout=30)
        reply(api, message_id, "newer")  # pending, but behind the oldest 100 that nobody confirms
        time.sleep(0.5)  # about five more checks, each full
    finally:
        code, stderr = follower.stop()
    assert code == 0, stderr
    assert "newer" not in {line["content"] for line in follower.lines}
    assert stderr.count("100 replies are pending, the most a check shows") == 1
