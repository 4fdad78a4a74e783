"""`messagemedia send` (one message), `status`, `cancel` and `credits`, against a sandbox started here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import Cli, json_lines, sandbox_cli
from sandbox_helpers import DEST, Api

from messagemedia_cli.parsing import parse_when
from messagemedia_sandbox import SandboxServer


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SandboxServer, Cli]]:
    with sandbox_cli(tmp_path_factory.mktemp("sandbox")) as running:
        yield running


@pytest.fixture
def cli(sandbox: tuple[SandboxServer, Cli]) -> Cli:
    return sandbox[1]


@pytest.fixture
def api(sandbox: tuple[SandboxServer, Cli]) -> Iterator[Api]:
    raw = Api(sandbox[0].base_url)
    yield raw
    raw.close()


def stored(api: Api, message_id: str) -> dict[str, object]:
    response = api.get(f"/v1/messages/{message_id}")
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_send_an_sms_with_every_option_and_read_it_back(cli: Cli, api: Api) -> None:
    sent = cli.one(
        "send",
        DEST,
        "Your table for two is ready",
        "--delivery-report",
        "--metadata",
        "booking=A-1042",
        "--metadata",
        "note=a=b",
        "--callback-url",
        "http://127.0.0.1:9/hook",
    )
    assert sent["status"] == "queued" and sent["destination_number"] == DEST
    on_server = stored(api, str(sent["message_id"]))
    assert on_server["content"] == "Your table for two is ready"
    assert on_server["delivery_report"] is True
    assert on_server["metadata"] == {"booking": "A-1042", "note": "a=b"}
    assert on_server["callback_url"] == "http://127.0.0.1:9/hook"

    status = cli.one("status", str(sent["message_id"]))
    assert status["message_id"] == sent["message_id"] and status["content"] == "Your table for two is ready"
    assert status["status"] in {"queued", "enroute", "submitted", "delivered"}


def test_send_an_mms(cli: Cli, api: Api) -> None:
    sent = cli.one(
        "send",
        "--mms",
        "--media",
        "https://images.example.com/a.jpeg",
        "--media",
        "https://images.example.com/b.png",
        "--subject",
        "The view",
        DEST,
        "Look at this",
    )
    on_server = stored(api, str(sent["message_id"]))
    assert on_server["format"] == "MMS"
    assert on_server["media"] == ["https://images.example.com/a.jpeg", "https://images.example.com/b.png"]
    assert on_server["subject"] == "The view"


def test_content_dash_reads_stdin(cli: Cli, api: Api) -> None:
    sent = cli.one("send", DEST, "-", input="From a pipe\n")
    assert stored(api, str(sent["message_id"]))["content"] == "From a pipe"


def test_schedule_then_cancel(cli: Cli, api: Api) -> None:
    before = datetime.now(UTC)
    sent = cli.one("send", "--schedule", "in 1 day", DEST, "Reminder: 3pm")
    assert sent["status"] == "scheduled"
    scheduled = datetime.fromisoformat(str(sent["scheduled"]))
    assert (
        before + timedelta(days=1) - timedelta(seconds=5)
        <= scheduled
        <= datetime.now(UTC) + timedelta(days=1)
    )

    cancelled = cli.one("cancel", str(sent["message_id"]))
    assert cancelled == {"message_id": sent["message_id"], "status": "cancelled"}
    assert stored(api, str(sent["message_id"]))["status"] == "cancelled"

    again = cli("cancel", str(sent["message_id"]))  # no longer scheduled: the API answers 400
    assert again.exit_code == 1
    assert again.stdout == ""
    assert len(again.stderr.strip().splitlines()) == 1 and "HTTP 400" in again.stderr


def test_schedule_in_iso_8601(cli: Cli) -> None:
    sent = cli.one("send", "--schedule", "2099-01-02T03:04:05+10:00", DEST, "Far ahead")
    assert datetime.fromisoformat(str(sent["scheduled"])) == datetime(2099, 1, 1, 17, 4, 5, tzinfo=UTC)


def test_credits_go_down_by_what_was_sent(cli: Cli, api: Api) -> None:
    before = cli.one("credits")
    assert before == {"credits": api.credits()}
    cli.ok("send", DEST, "One part")
    assert cli.one("credits")["credits"] == before["credits"] - 1


def test_table_output_for_people(cli: Cli) -> None:
    result = cli.ok("credits")
    assert "credits" in result.stdout and str(cli.one("credits")["credits"]) in result.stdout
    sent = cli.ok("send", DEST, "A table")
    assert "message_id" in sent.stdout and "queued" in sent.stdout
    assert not sent.stdout.lstrip().startswith("{")


def test_json_and_debug_also_after_the_command(cli: Cli) -> None:
    before = json_lines(cli.ok("credits", "--json").stdout)
    assert before == [{"credits": cli.one("credits")["credits"]}]
    (checked,) = json_lines(cli.ok("blacklist", "check", DEST, "--json").stdout)  # a group's command
    assert checked["number"] == DEST and checked["authorised"] is True
    debug = cli.ok("credits", "--json", "--debug")
    assert json_lines(debug.stdout) == before and "GET" in debug.stderr  # each request logged
    assert "GET" not in cli.ok("credits", "--json").stderr


def test_basic_auth_and_sub_accounts(cli: Cli) -> None:
    sent = cli.one("--basic", "--account", "SubAccount01", "send", DEST, "For the sub-account")
    assert cli.one("--account", "SubAccount01", "status", str(sent["message_id"]))["status"]
    other = cli("status", str(sent["message_id"]))  # another account's message is not found
    assert other.exit_code == 1 and "HTTP 404" in other.stderr


def test_an_invalid_message_is_refused_before_anything_is_sent(cli: Cli, api: Api) -> None:
    before = api.credits()
    result = cli("send", "0491570156", "Not E.164")
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("messagemedia: ") and "destination_number" in line and "nothing was sent" in line
    assert api.credits() == before


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["send"], "DESTINATION and CONTENT"),
        (["send", DEST], "DESTINATION and CONTENT"),
        (["send", "--schedule", "someday", DEST, "x"], "--schedule"),
        (["send", "--metadata", "novalue", DEST, "x"], "KEY=VALUE"),
        (["send", "--results", "out.csv", DEST, "x"], "--csv"),
        (["status"], "MESSAGE_ID"),
        (["sned"], "No such command"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: list[str], complaint: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2, result.stderr
    assert complaint in result.stderr and result.stdout == ""


class TestParseWhen:
    NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    @pytest.mark.parametrize(
        ("text", "delta"),
        [
            ("in 2 hours", timedelta(hours=2)),
            ("+30m", timedelta(minutes=30)),
            ("1h30m", timedelta(hours=1, minutes=30)),
            ("2d", timedelta(days=2)),
            ("in 1 day 2 hours", timedelta(days=1, hours=2)),
            ("45 seconds", timedelta(seconds=45)),
        ],
    )
    def test_delays(self, text: str, delta: timedelta) -> None:
        assert parse_when(text, now=self.NOW) == self.NOW + delta

    def test_iso_with_and_without_offset(self) -> None:
        assert parse_when("2026-12-01T09:30:00Z") == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
        local = parse_when("2026-12-01T09:30:00")
        assert local.tzinfo is not None
        assert local.replace(tzinfo=None) == datetime(2026, 12, 1, 9, 30)
        assert local.utcoffset() == datetime(2026, 12, 1, 9, 30).astimezone().utcoffset()

    @pytest.mark.parametrize("text", ["tomorrow", "in 2 fortnights", "2026-13-01", ""])
    def test_refused(self, text: str) -> None:
        with pytest.raises(ValueError, match=r"date-time|unit"):
            parse_when(text)

    def test_no_delays_where_only_dates_make_sense(self) -> None:
        with pytest.raises(ValueError, match="ISO 8601"):
            parse_when("in 2 hours", relative=False)


def test_the_sandbox_command_is_there_too(
    tmp_path: Path, cli: Cli, sandbox: tuple[SandboxServer, Cli]
) -> None:
    server = sandbox[0]
    version = cli("sandbox", "--version")
    assert version.exit_code == 0 and "messagemedia-sandbox" in version.stdout
    number = "+61491570999"
    marked = cli("sandbox", "destination", "--url", server.base_url, number, "fail")
    assert marked.exit_code == 0, marked.stderr
    sent = cli.one("send", number, "Will fail")
    from sandbox_helpers import wait_until

    assert wait_until(lambda: cli.one("status", str(sent["message_id"]))["status"] == "failed")
