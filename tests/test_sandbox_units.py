"""The sandbox's pure parts: billing, the lifecycle timeline and date-time handling."""

from __future__ import annotations

import pytest

from messagemedia_sandbox.billing import billing_units, sms_parts
from messagemedia_sandbox.cli import main
from messagemedia_sandbox.config import SandboxConfig, credentials_from_env
from messagemedia_sandbox.lifecycle import REPORTED, Plan, error_code, timeline
from messagemedia_sandbox.timestamps import parse_rfc3339, to_rfc3339
from messagemedia_sandbox.validation import is_uuid, location, problems


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),  # extension characters count twice
        ("€" * 81, 2),
        ("ü" * 160, 1),  # in the GSM alphabet
        ("ā" * 70, 1),
        ("ā" * 71, 2),
        ("😀" * 35, 1),  # two UTF-16 units each
        ("😀" * 36, 2),
    ],
)
def test_sms_parts(text: str, parts: int) -> None:
    assert sms_parts(text) == parts


def test_mms_and_tts_bill_one_unit() -> None:
    assert billing_units("MMS", "x" * 1000) == 1
    assert billing_units("TTS", "x" * 1000) == 1


def test_timeline_now() -> None:
    plan = Plan(created_at=100, due_at=100, step=1, outcome="delivered", scheduled=False)
    assert timeline(plan) == [("queued", 100), ("enroute", 101), ("submitted", 102), ("delivered", 103)]


def test_timeline_scheduled_and_failing() -> None:
    plan = Plan(created_at=100, due_at=200, step=2, outcome="failed", scheduled=True)
    assert timeline(plan)[0] == ("scheduled", 100)
    assert timeline(plan)[-1] == ("failed", 206)


def test_undeliverable_ends_failed_with_code_400() -> None:
    # The API no longer sends `undeliverable`: such a message ends `failed`, error code 400.
    plan = Plan(created_at=100, due_at=100, step=1, outcome="undeliverable", scheduled=False)
    assert [status for status, _ in timeline(plan)] == ["queued", "enroute", "submitted", "failed"]
    assert error_code("failed", "undeliverable") == "400"
    assert error_code("failed", "failed") == "330"
    assert error_code("expired", "undeliverable") == "401"
    assert error_code("enroute", "undeliverable") == "211"
    assert {"enroute", "submitted", "delivered", "expired", "rejected", "failed"} == REPORTED


def test_timeline_expiry_cuts_the_journey() -> None:
    plan = Plan(created_at=100, due_at=100, step=1, outcome="delivered", scheduled=False, expires_at=101.5)
    assert timeline(plan) == [("queued", 100), ("enroute", 101), ("expired", 101.5)]
    already = Plan(created_at=100, due_at=100, step=1, outcome="delivered", scheduled=False, expires_at=50)
    assert timeline(already) == [("queued", 100), ("expired", 100)]


def test_rfc3339_round_trip() -> None:
    assert to_rfc3339(0) == "1970-01-01T00:00:00.000Z"
    assert to_rfc3339(parse_rfc3339("0101-09-21T13:35:25.0Z")) == "0101-09-21T13:35:25.000Z"
    assert parse_rfc3339("2026-11-25T12:00:00Z") == parse_rfc3339("2026-11-25t13:00:00.000000001+01:00")
    with pytest.raises(ValueError, match="time zone"):
        parse_rfc3339("2026-11-25T12:00:00")


def test_validation_helpers() -> None:
    assert location(["messages", 0, "metadata", "k"]) == "messages[0].metadata.k"
    assert location([]) == "body"
    assert is_uuid("877c19ef-fa2e-4cec-827a-e1df9b5509f7") and not is_uuid("877c19ef")
    assert (
        problems(
            "SendMessagesRequest", {"messages": [{"content": "x", "destination_number": "+61491570156"}]}
        )
        == []
    )


def test_config_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="speed"):
        SandboxConfig(speed=0)
    monkeypatch.setenv("MESSAGEMEDIA_API_KEY", "env-key")
    monkeypatch.setenv("MESSAGEMEDIA_API_SECRET", "env-secret")
    assert credentials_from_env(None, None) == {"env-key": "env-secret"}
    assert credentials_from_env("k", "s") == {"k": "s"}


def test_cli_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    for option in (
        "--host",
        "--port",
        "--data",
        "--key",
        "--secret",
        "--speed",
        "--auto-reply",
        "--fail-destination",
    ):
        assert option in out


def test_cli_reply_needs_text() -> None:
    with pytest.raises(SystemExit):
        main(["reply", "--url", "http://127.0.0.1:9", "only-one-word"])
