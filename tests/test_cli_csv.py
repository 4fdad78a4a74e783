"""`messagemedia send --csv`: every row sent or reported by row number and column, a results file
that --resume trusts, and rows whose outcome is unknown never resent blindly."""

from __future__ import annotations

import csv
import signal
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import CLI, Cli, json_lines, process_env, sandbox_cli
from fault_server import FaultServer, Recorded, Step, running
from sandbox_helpers import Api, wait_until

from messagemedia_cli.csv_messages import CsvMessages
from messagemedia_cli.results_file import COLUMNS, read_results
from messagemedia_sandbox import SandboxServer

HEADER = ["destination_number", "content", "metadata.booking", "delivery_report"]


def number(i: int) -> str:
    return f"+6149157{i:04d}"


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def reminders(count: int) -> list[list[str]]:
    return [[number(i), f"Reminder {i}", f"B-{i}", "yes" if i % 2 else ""] for i in range(count)]


def results_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SandboxServer, Cli]]:
    with sandbox_cli(tmp_path_factory.mktemp("sandbox")) as running_sandbox:
        yield running_sandbox


@pytest.fixture
def cli(sandbox: tuple[SandboxServer, Cli]) -> Cli:
    return sandbox[1]


@pytest.fixture
def api(sandbox: tuple[SandboxServer, Cli]) -> Iterator[Api]:
    raw = Api(sandbox[0].base_url)
    yield raw
    raw.close()


def test_1050_rows_3_invalid_then_resume_sends_nothing(tmp_path: Path, cli: Cli, api: Api) -> None:
    rows = reminders(1050)
    rows[100][0] = "0491570156"  # row 102: the client's validation refuses it (not E.164)
    rows[500][3] = "maybe"  # row 502: a cell that cannot be converted
    rows[899] = rows[899][:2]  # row 901: too few cells
    source = write_csv(tmp_path / "reminders.csv", rows)
    out = tmp_path / "sent.csv"
    credits = api.credits()

    first = cli("send", "--csv", str(source), "--results", str(out))
    assert first.exit_code == 1, first.stderr
    (summary,) = first.stderr.strip().splitlines()
    assert "1050 rows: 1047 accepted, 3 failed" in summary and "11 requests" in summary
    assert first.stdout == ""  # with --results, the rows go to the file

    results = results_of(out)
    assert [int(r["row"]) for r in results] == list(range(2, 1052))
    failed = {int(r["row"]): r for r in results if r["outcome"] != "accepted"}
    assert sorted(failed) == [102, 502, 901]
    assert {row: r["outcome"] for row, r in failed.items()} == dict.fromkeys((102, 502, 901), "failed")
    assert failed[102]["field"] == "destination_number" and "E.164" in failed[102]["error"]
    assert failed[502]["field"] == "delivery_report" and "'maybe'" in failed[502]["error"]
    assert failed[901]["field"] == "metadata.booking" and "no value for" in failed[901]["error"]
    accepted = [r for r in results if r["outcome"] == "accepted"]
    assert len(accepted) == 1047 and len({r["message_id"] for r in accepted}) == 1047
    assert api.credits() == credits - 1047
    # Each accepted row's ID is the message the sandbox holds for that row.
    for result in (accepted[0], accepted[500], accepted[-1]):
        row = int(result["row"])
        message = api.get(f"/v1/messages/{result['message_id']}").json()
        assert message["destination_number"] == rows[row - 2][0] == result["destination_number"]
        assert message["content"] == rows[row - 2][1]
        assert message["metadata"] == {"booking": rows[row - 2][2]}
        assert message["delivery_report"] is (rows[row - 2][3] == "yes")

    second = cli("send", "--csv", str(source), "--results", str(out), "--resume")
    assert second.exit_code == 1  # the 3 rows are still wrong
    assert "0 accepted, 3 failed, 1047 skipped (accepted before); 0 requests" in second.stderr
    assert api.credits() == credits - 1047
    assert results_of(out) == results

    # Fixed in the CSV, the three rows (and only they) go out on the next --resume.
    rows[100][0], rows[500][3], rows[899] = number(9100), "no", [number(9899), "Reminder 899", "B-899", ""]
    write_csv(source, rows)
    third = cli("send", "--csv", str(source), "--results", str(out), "--resume")
    assert third.exit_code == 0, third.stderr
    assert "3 accepted, 0 failed, 1047 skipped (accepted before); 1 requests" in third.stderr
    assert api.credits() == credits - 1050
    final = results_of(out)
    assert [int(r["row"]) for r in final] == list(range(2, 1052))
    assert all(r["outcome"] == "accepted" for r in final)
    assert [r for r in final if int(r["row"]) not in failed] == accepted


def test_without_results_each_row_goes_to_stdout(tmp_path: Path, cli: Cli) -> None:
    rows = [*reminders(3), ["+61491570100", ""]]
    source = write_csv(tmp_path / "few.csv", [*rows[:3], [*rows[3], "B", ""]])
    result = cli("--json", "send", "--csv", str(source))
    assert result.exit_code == 1
    records = json_lines(result.stdout)
    assert [r["row"] for r in records] == [2, 3, 4, 5]
    assert [r["outcome"] for r in records] == ["accepted"] * 3 + ["failed"]
    assert records[3]["field"] == "content" and "empty" in records[3]["error"]
    table = cli("send", "--csv", str(source))
    assert "accepted" in table.stdout and "content" in table.stdout


def test_every_column_maps_to_its_message_field(tmp_path: Path, cli: Cli, api: Api) -> None:
    header = [
        "content",
        "destination_number",
        "format",
        "media",
        "subject",
        "scheduled",
        "callback_url",
        "metadata.booking",
        "metadata.table",
    ]
    row = [
        "See you",
        number(7),
        "mms",
        "https://img.example.com/a.png https://img.example.com/b.gif",
        "Booking",
        "2099-05-06T07:08:09+02:00",
        "http://127.0.0.1:9/cb",
        "A-1",
        "",
    ]
    source = tmp_path / "all.csv"
    # A spreadsheet's byte-order mark in front of the header is not part of the first column's name.
    source.write_bytes(b"\xef\xbb\xbf" + write_csv(tmp_path / "plain.csv", [row], header).read_bytes())
    (record,) = cli.json("send", "--csv", str(source))
    assert record["outcome"] == "accepted" and record["status"] == "scheduled"
    message = api.get(f"/v1/messages/{record['message_id']}").json()
    assert message["format"] == "MMS" and message["subject"] == "Booking"
    assert message["media"] == ["https://img.example.com/a.png", "https://img.example.com/b.gif"]
    assert message["scheduled"].startswith("2099-05-06T05:08:09")
    assert message["callback_url"] == "http://127.0.0.1:9/cb"
    assert message["metadata"] == {"booking": "A-1"}  # an empty metadata cell leaves its key out


@pytest.mark.parametrize(
    ("header", "complaint"),
    [
        (["destination_number", "text"], "no content column"),
        (["destination_number", "content", "delivery_reprot"], "unknown column 'delivery_reprot'"),
        (["destination_number", "content", "content"], "content appears more than once"),
        (["destination_number", "content", "metadata."], "unknown column 'metadata.'"),
    ],
)
def test_a_bad_header_stops_everything_before_sending(
    tmp_path: Path, cli: Cli, api: Api, header: list[str], complaint: str
) -> None:
    source = write_csv(tmp_path / "bad.csv", [[number(1), "Hi", "x"][: len(header)]], header)
    credits = api.credits()
    result = cli("send", "--csv", str(source), "--results", str(tmp_path / "out.csv"))
    assert result.exit_code == 1 and complaint in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert api.credits() == credits and not (tmp_path / "out.csv").exists()


def test_a_file_that_is_not_utf8_is_refused_before_sending(tmp_path: Path, cli: Cli, api: Api) -> None:
    source = tmp_path / "latin1.csv"
    rows = "".join(f"+6149157{n:04d},Reminder {n}\n" for n in range(300))
    source.write_bytes(("destination_number,content\n" + rows + "+61491570999,Caf\u00e9\n").encode("latin-1"))
    credits = api.credits()
    result = cli("send", "--csv", str(source))
    assert result.exit_code == 1 and "not UTF-8" in result.stderr
    assert api.credits() == credits


def test_an_existing_results_file_needs_resume(tmp_path: Path, cli: Cli, api: Api) -> None:
    source = write_csv(tmp_path / "two.csv", reminders(2))
    out = tmp_path / "out.csv"
    cli.ok("send", "--csv", str(source), "--results", str(out))
    credits = api.credits()
    again = cli("send", "--csv", str(source), "--results", str(out))
    assert again.exit_code == 1 and "--resume" in again.stderr
    assert api.credits() == credits


def test_resume_refuses_a_csv_whose_rows_moved(tmp_path: Path, cli: Cli, api: Api) -> None:
    rows = reminders(5)
    source = write_csv(tmp_path / "list.csv", rows)
    out = tmp_path / "out.csv"
    cli.ok("send", "--csv", str(source), "--results", str(out))
    write_csv(source, [[number(50), "Inserted", "", ""], *rows])
    credits = api.credits()
    moved = cli("send", "--csv", str(source), "--results", str(out), "--resume")
    assert moved.exit_code == 1 and "row 2" in moved.stderr and "CSV changed" in moved.stderr
    write_csv(source, rows[:3])
    shorter = cli("send", "--csv", str(source), "--results", str(out), "--resume")
    assert shorter.exit_code == 1 and "ends at row 4" in shorter.stderr
    assert api.credits() == credits


def test_resume_of_a_results_file_this_command_did_not_write(tmp_path: Path, cli: Cli) -> None:
    source = write_csv(tmp_path / "list.csv", reminders(1))
    other = tmp_path / "other.csv"
    other.write_text("id,whatever\n1,2\n", encoding="utf-8")
    result = cli("send", "--csv", str(source), "--results", str(other), "--resume")
    assert result.exit_code == 1 and "not a results file" in result.stderr


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--resume"], "--resume needs --results"),
        (["--results", "r.csv", "--resend-unknown"], "--resend-unknown goes with --resume"),
        (["--delivery-report"], "cannot go with --csv"),
        (["+61491570156", "Hi"], "cannot go with --csv"),
    ],
)
def test_csv_usage_errors(tmp_path: Path, cli: Cli, args: list[str], complaint: str) -> None:
    source = write_csv(tmp_path / "one.csv", reminders(1))
    result = cli("send", "--csv", str(source), *args)
    assert result.exit_code == 2 and complaint in result.stderr


def test_the_progress_bar_on_a_terminal(tmp_path: Path, cli: Cli) -> None:
    source = write_csv(tmp_path / "many.csv", reminders(250))
    result = cli(
        "send",
        "--csv",
        str(source),
        "--results",
        str(tmp_path / "o.csv"),
        TTY_INTERACTIVE="1",
        TTY_COMPATIBLE="1",
    )
    assert result.exit_code == 0, result.stderr
    assert "250/250" in result.stderr and "250 accepted" in result.stderr
    quiet = cli("send", "--csv", str(source), "--results", str(tmp_path / "p.csv"))
    assert "/250" not in quiet.stderr  # not a terminal: no bar, only the summary


# -- outcomes the sandbox does not produce: a scripted server -------------------------------------


def accept_sends(request: Recorded) -> Step:
    """Answers a send as the API does: each message back with an ID and the status queued."""
    if request.method == "POST" and request.path == "/v1/messages":
        messages = [
            {**message, "message_id": str(uuid.uuid4()), "status": "queued"}
            for message in request.json()["messages"]
        ]
        return Step(202, {"messages": messages})
    return Step(404, {"message": "not here"})


def sent_destinations(server: FaultServer) -> list[str]:
    return [
        message["destination_number"]
        for request in server.requests
        if request.path == "/v1/messages"
        for message in request.json()["messages"]
    ]


@pytest.mark.parametrize(
    "answer",
    [
        Step(500, {"message": "boom"}),  # a 5XX after the request left: SendOutcomeUnknownError
        Step(202, b"<html>proxy</html>"),  # accepted, but the IDs cannot be read
        Step(202, {"messages": []}),  # accepted, with the wrong number of messages
    ],
    ids=["500", "unreadable-202", "short-202"],
)
def test_an_unknown_outcome_is_marked_and_not_resent_blindly(
    tmp_path: Path, sandbox: tuple[SandboxServer, Cli], api: Api, answer: Step
) -> None:
    rows = reminders(150)
    source = write_csv(tmp_path / "list.csv", rows)
    out = tmp_path / "out.csv"
    with running(accept_sends) as server:
        server.script(answer)  # the first request (rows 2-101) gets this; the second is accepted
        flaky = Cli(server.url)
        first = flaky("send", "--csv", str(source), "--results", str(out))
        assert first.exit_code == 1
        assert "50 accepted, 0 failed, 100 with an unknown outcome" in first.stderr
        outcomes = {int(r["row"]): r["outcome"] for r in results_of(out)}
        assert outcomes == {row: "unknown" if row <= 101 else "accepted" for row in range(2, 152)}
        assert len(server.requests) == 2

        resumed = flaky("send", "--csv", str(source), "--results", str(out), "--resume")
        assert resumed.exit_code == 1
        assert (
            "100 skipped (outcome unknown before" in resumed.stderr and "--resend-unknown" in resumed.stderr
        )
        assert len(server.requests) == 2  # nothing was sent again

    # Once checked, the person says so: the rows go out (here to the sandbox).
    credits = api.credits()
    sandbox_cli_ = sandbox[1]
    forced = sandbox_cli_("send", "--csv", str(source), "--results", str(out), "--resume", "--resend-unknown")
    assert forced.exit_code == 0, forced.stderr
    assert "100 accepted" in forced.stderr and "50 skipped (accepted before)" in forced.stderr
    assert api.credits() == credits - 100
    assert {r["outcome"] for r in results_of(out)} == {"accepted"}


def test_a_refused_request_is_failed_and_tried_again_on_resume(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "list.csv", reminders(120))
    out = tmp_path / "out.csv"
    with running(accept_sends) as server:
        server.script(Step(401, {"message": "Invalid authentication credentials"}))
        flaky = Cli(server.url)
        first = flaky("send", "--csv", str(source), "--results", str(out))
        assert first.exit_code == 1 and "20 accepted, 100 failed" in first.stderr
        failed = [r for r in results_of(out) if r["outcome"] == "failed"]
        assert len(failed) == 100 and "HTTP 401" in failed[0]["error"]
        resumed = flaky("send", "--csv", str(source), "--results", str(out), "--resume")
        assert resumed.exit_code == 0, resumed.stderr
        assert "100 accepted, 0 failed, 20 skipped" in resumed.stderr
        assert sorted(sent_destinations(server)) == sorted(
            [number(i) for i in range(120)] + [number(i) for i in range(100)]
        )


def test_ctrl_c_finishes_the_request_in_flight_and_loses_no_id(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "list.csv", reminders(450))
    out = tmp_path / "out.csv"

    def slow_accept(request: Recorded) -> Step:
        step = accept_sends(request)
        return Step(step.status, step.body, delay=0.4)

    with running(slow_accept) as server:
        env = process_env(server.url)
        child = subprocess.Popen(
            [*CLI, "send", "--csv", str(source), "--results", str(out)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_until(lambda: len(server.requests) >= 1, timeout=30)
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=30)
        assert child.returncode == 130, stderr
        assert "--resume" in stderr
        interrupted = results_of(out)
        sent_before = len(server.requests)
        assert 1 <= sent_before < 5
        assert len(interrupted) == sent_before * 100
        assert {r["outcome"] for r in interrupted} == {"accepted"}

        resumed = subprocess.run(
            [*CLI, "send", "--csv", str(source), "--results", str(out), "--resume"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert resumed.returncode == 0, resumed.stderr
        everything = sent_destinations(server)
        assert sorted(everything) == sorted(number(i) for i in range(450))  # each row sent exactly once
        assert [int(r["row"]) for r in results_of(out)] == list(range(2, 452))


# -- the pieces ---------------------------------------------------------------------------------


def test_rows_are_numbered_as_in_a_spreadsheet(tmp_path: Path) -> None:
    source = tmp_path / "gaps.csv"
    source.write_text(
        'destination_number,content\n+61491570001,"two\nlines"\n\n+61491570002,three\n+61491570003\n',
        encoding="utf-8",
    )
    rows = list(CsvMessages(source).rows())
    assert [(r.row, r.message is not None) for r in rows] == [(2, True), (4, True), (5, False)]
    assert rows[0].message == {"destination_number": "+61491570001", "content": "two\nlines"}
    assert rows[2].column == "content" and "no value for content" in rows[2].problem


def test_a_results_line_cut_short_by_a_crash_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(",".join(COLUMNS) + "\n2,accepted,abc,queued,+61491570001,,\n3,accep", encoding="utf-8")
    assert list(read_results(path)) == [2]


def test_json_lines_of_results_parse(tmp_path: Path, cli: Cli) -> None:
    source = write_csv(tmp_path / "one.csv", reminders(1))
    (record,) = cli.json("send", "--csv", str(source))
    assert set(record) == set(COLUMNS)
    assert isinstance(record["row"], int) and record["outcome"] == "accepted"
