"""The sandbox as a separate process: the CLI, and a crash (SIGKILL) in the middle of a run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sandbox_helpers import Api, CallbackReceiver, sms, wait_until

from messagemedia_sandbox import SandboxProcess

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


def test_nothing_is_lost_when_killed_mid_run(tmp_path: Path) -> None:
    data = tmp_path / "restart.sqlite3"
    hook = CallbackReceiver()
    hook_port = int(hook.url.split(":")[2].split("/")[0])
    hook.close()  # nobody listens: the callbacks queue up and wait for retries
    first = SandboxProcess(data, speed=4)  # 0.25 s per step: messages are in flight when killed
    first.start()
    try:
        api = Api(first.base_url)
        tracked = api.send(*[sms(content=f"m{i}", delivery_report=True) for i in range(5)])
        (later,) = api.send(sms(scheduled="2099-01-01T00:00:00Z"))
        (hooked,) = api.send(sms(callback_url=f"http://127.0.0.1:{hook_port}/hook"))
        reply = api.http.post(
            "/sandbox/replies", json={"message_id": tracked[0]["message_id"], "content": "hi"}
        )
        assert reply.status_code == 201
        api.http.post(
            "/sandbox/replies", json={"message_id": hooked["message_id"], "content": "queued callback"}
        )
        reports_before = wait_until(api.reports, timeout=5)
        api.close()
    finally:
        first.kill()

    hook = CallbackReceiver(port=hook_port)
    second = SandboxProcess(data, speed=4)
    second.start()
    try:
        api = Api(second.base_url)
        for message in [*tracked, later, hooked]:
            assert api.get(f"/v1/messages/{message['message_id']}").status_code == 200
        assert api.status(later["message_id"]) == "scheduled"
        assert {r["reply_id"] for r in api.replies()} >= {reply.json()["reply_id"]}
        after = {r["delivery_report_id"] for r in api.reports()}
        assert {r["delivery_report_id"] for r in reports_before} <= after
        # Steps due while the sandbox was down are made up: every message ends with its reports.
        wait_until(lambda: all(api.status(m["message_id"]) == "delivered" for m in tracked), timeout=5)
        assert len(api.reports()) == 15
        # The callback queued before the crash is delivered after the restart.
        wait_until(lambda: hook.received, timeout=10)
        assert hook.received[0]["body"]["content"] == "queued callback"
        api.close()
    finally:
        second.stop()
        hook.close()


def test_cli_reply_and_destination_commands(tmp_path: Path) -> None:
    with SandboxProcess(tmp_path / "cli.sqlite3", speed=50) as sandbox:
        api = Api(sandbox.base_url)
        (sent,) = api.send(sms())
        cli = [sys.executable, "-m", "messagemedia_sandbox"]
        done = subprocess.run(
            [*cli, "reply", "--url", sandbox.base_url, sent["message_id"], "Yes", "please"],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert api.replies()[0]["content"] == "Yes please"
        missing = subprocess.run(
            [*cli, "reply", "--url", sandbox.base_url, "877c19ef-fa2e-4cec-827a-e1df9b5509f7", "x"],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        assert missing.returncode == 1 and "404" in missing.stderr
        marked = subprocess.run(
            [*cli, "destination", "--url", sandbox.base_url, "+61400000003", "reject"],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        assert marked.returncode == 0, marked.stderr
        (doomed,) = api.send(sms(destination_number="+61400000003"))
        wait_until(lambda: api.status(doomed["message_id"]) == "rejected")
        api.close()


def test_cli_prints_the_url_and_stops_on_sigterm(tmp_path: Path) -> None:
    sandbox = SandboxProcess(tmp_path / "term.sqlite3", extra_args=["--auto-reply", "hi", "--credits", "7"])
    url = sandbox.start()
    assert url.startswith("http://127.0.0.1:")
    api = Api(url)
    assert api.credits() == 7
    api.close()
    sandbox.stop(timeout=10)
