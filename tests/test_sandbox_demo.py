"""`python -m messagemedia_sandbox.demo` (what `make demo` runs) passes every step and says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]


def test_demo_runs_every_step_against_a_local_sandbox() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESSAGEMEDIA_")}
    done = subprocess.run(
        [sys.executable, "-m", "messagemedia_sandbox.demo", "--speed", "50"],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for mention in (
        "Started a local sandbox at http://127.0.0.1:",
        "Send an SMS",
        "Send an MMS",
        "client.messages.get_status",
        "Schedule a message",
        "status scheduled",
        "status cancelled",
        "client.delivery_reports.check()",
        "delivered  error_code 220",
        "client.delivery_reports.confirm(",
        "the handset answered",
        "client.replies.drain(handler)",
        "handled and confirmed 1",
        "client.messages.check_credits()",
        "2 credits spent",
        "a receiver from messagemedia_messages.callbacks, and a webhook to it",
        "CallbackASGIApp under uvicorn at http://127.0.0.1:",
        "POST http://127.0.0.1:",
        "client.webhooks.list() pages itself: 1 webhook(s)",
        "client.signature_keys.create(",
        "(RSA, SHA256); its public key, returned only now:",
        "    MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",  # the PEM body of a 2048-bit RSA key
        "enabled: True; client.signature_keys.get_enabled() is ",
        "+61491570159 authorised: False",
        "Send to the blacklisted number",
        "delivery report: status rejected, error_code 302",
        ": rejected, error_code 302",
        "ReplyEvent ",
        "'See you at 3'",
        "2 signed callbacks delivered to the receiver, 2 handled",
        "the number, the key and the webhook are gone",
        "$ messagemedia credits",
        '"status": "queued"',
        "Stopped the local sandbox.",
        "Every step passed.",
    ):
        assert mention in out, f"{mention!r} missing from:\n{out}"
    assert out.count("    ok") == 16


def test_demo_against_a_given_server_skips_the_reply_step(tmp_path: Path) -> None:
    from messagemedia_sandbox import SandboxProcess

    with SandboxProcess(tmp_path / "remote.sqlite3", speed=50, key="k", secret="s") as remote:
        env = dict(
            os.environ,
            MESSAGEMEDIA_API_KEY="k",
            MESSAGEMEDIA_API_SECRET="s",
            MESSAGEMEDIA_BASE_URL=remote.base_url,
        )
        done = subprocess.run(
            [sys.executable, "-m", "messagemedia_sandbox.demo", "--timeout", "20"],
            capture_output=True, text=True, timeout=120, env=env, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no sandbox started" in done.stdout
    assert "skipped: a real server cannot" in done.stdout
    assert "skipped: a real API cannot call this machine; set MESSAGEMEDIA_DEMO_WEBHOOK_URL" in done.stdout
    assert "delivery report: status rejected, error_code 302" in done.stdout
    assert "skipped: the webhook is not the demo's own receiver" in done.stdout
    assert "Every step passed." in done.stdout


def test_demo_fails_loudly_on_bad_credentials(tmp_path: Path) -> None:
    from messagemedia_sandbox import SandboxProcess

    with SandboxProcess(tmp_path / "bad.sqlite3", speed=50, key="k", secret="s") as remote:
        env = dict(
            os.environ,
            MESSAGEMEDIA_API_KEY="k",
            MESSAGEMEDIA_API_SECRET="wrong",
            MESSAGEMEDIA_BASE_URL=remote.base_url,
        )
        done = subprocess.run(
            [sys.executable, "-m", "messagemedia_sandbox.demo"],
            capture_output=True, text=True, timeout=120, env=env, check=False,
        )  # fmt: skip
    assert done.returncode == 1
    assert "FAILED" in done.stderr
