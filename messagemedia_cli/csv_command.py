"""``messagemedia send --csv``: the CSV, the results file, the progress bar and Ctrl-C, put together."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import click

from .bulk_send import BulkSender, Summary
from .csv_messages import CsvMessages
from .errors import CliError
from .output import json_line
from .results_file import ACCEPTED, COLUMNS, UNKNOWN, ResultsWriter, RowResult, read_results
from .state import CliState

_REDRAW_SECONDS = 0.5


def _check_same_file(source: CsvMessages, previous: Mapping[int, RowResult], results: Path) -> None:
    """Refuse to resume when the CSV no longer has, row for row, the destinations already sent to.

    Rows are matched by number, so a row inserted or removed above others would make --resume skip
    the wrong rows and send others twice. Checked before anything is sent.
    """
    settled = {row: r for row, r in previous.items() if r.outcome in (ACCEPTED, UNKNOWN)}
    last = 1
    for row, destination in source.destinations():
        last = row
        before = settled.get(row)
        if before is not None and before.destination_number != destination:
            raise CliError(
                f"row {row} of {source.path} is to {destination or '(nothing)'}, but {results} shows "
                f"row {row} {before.outcome} for {before.destination_number}: the CSV changed since "
                "that run; refusing to resume (send the changed rows from a new file)"
            )
    beyond = sorted(row for row in settled if row > last)
    if beyond:
        raise CliError(
            f"{results} has results for row {beyond[0]}, but {source.path} ends at row {last}: "
            "the CSV changed since that run; refusing to resume"
        )


@contextmanager
def _ctrl_c_stops_after_the_request() -> Iterator[Callable[[], bool]]:
    """The first Ctrl-C lets the request in flight finish and be recorded; a second one interrupts it."""
    stopping = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stopping.is_set
        return
    previous = signal.getsignal(signal.SIGINT)

    def on_interrupt(_signum: int, _frame: FrameType | None) -> None:
        stopping.set()
        click.echo("\nstopping after the request in flight (Ctrl-C again to interrupt it)", err=True)
        signal.signal(signal.SIGINT, previous)

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield stopping.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _progress_bar(source: CsvMessages) -> Iterator[Callable[[int, Summary], object] | None]:
    """A rich progress bar on stderr when stderr is an interactive terminal; nothing otherwise."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_interactive:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    # Drawn when a request is answered, at most a few times a second: rich's own refresh thread
    # (10 a second) would cost more CPU than reading the CSV does.
    progress = Progress(
        TextColumn("sending"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("rows · {task.fields[accepted]} accepted · {task.fields[failed]} not"),
        TimeRemainingColumn(),
        console=console,
        auto_refresh=False,
    )
    task = progress.add_task("send", total=source.estimate(), accepted=0, failed=0)
    last_drawn = 0.0

    def advance(settled: int, summary: Summary) -> None:
        nonlocal last_drawn
        failed = summary.failed + summary.unknown
        progress.update(task, completed=settled, accepted=summary.accepted, failed=failed)
        now = time.monotonic()
        if now - last_drawn >= _REDRAW_SECONDS:
            last_drawn = now
            progress.refresh()

    with progress:
        yield advance
        done = progress.tasks[0].completed
        progress.update(task, total=done, completed=done)  # the estimate may have been high


class _StdoutResults:
    """Without --results, each row's result is data on stdout: JSON lines as they come, or one table."""

    def __init__(self, state: CliState) -> None:
        self.state = state
        self.rows: list[dict[str, Any]] = []

    def write(self, results: list[RowResult]) -> None:
        if self.state.out.json_lines:
            sys.stdout.write("".join(json_line(result.as_dict()) + "\n" for result in results))
            sys.stdout.flush()
        else:
            self.rows.extend(result.as_dict() for result in results)

    def close(self) -> None:
        if not self.state.out.json_lines:
            self.state.out.records(self.rows, COLUMNS, title="rows")


def _summary_text(summary: Summary, results: Path | None) -> str:
    parts = [f"{summary.rows} rows: {summary.accepted} accepted, {summary.failed} failed"]
    if summary.unknown:
        parts.append(f"{summary.unknown} with an unknown outcome (check before resending)")
    if summary.skipped_accepted:
        parts.append(f"{summary.skipped_accepted} skipped (accepted before)")
    if summary.skipped_unknown:
        parts.append(
            f"{summary.skipped_unknown} skipped (outcome unknown before: check them, then --resend-unknown)"
        )
    text = ", ".join(parts) + f"; {summary.requests} requests"
    if results is not None:
        text += f"; results in {results}"
    return text


def send_csv(
    state: CliState, csv_path: Path, results: Path | None, *, resume: bool, resend_unknown: bool
) -> None:
    source = CsvMessages(csv_path)
    previous: dict[int, RowResult] = {}
    if results is not None and results.exists() and results.stat().st_size > 0:
        if not resume:
            raise CliError(
                f"{results} exists: add --resume to continue from it (the rows it shows as accepted are "
                "skipped), or give another --results file"
            )
        previous = read_results(results)
        _check_same_file(source, previous, results)
    client = state.client()  # a missing credential fails here, before a results file is made
    sink: ResultsWriter | _StdoutResults = (
        ResultsWriter(results) if results is not None else _StdoutResults(state)
    )
    try:
        with _progress_bar(source) as progress, _ctrl_c_stops_after_the_request() as stop:
            sender = BulkSender(
                client, sink.write, previous=previous, resend_unknown=resend_unknown, progress=progress
            )
            summary = sender.run(source.rows(), stop)
    finally:
        sink.close()
    text = _summary_text(summary, results)
    if summary.interrupted:
        state.out.note(f"stopped by Ctrl-C: {text}; run again with --resume to continue")
        raise click.exceptions.Exit(130)
    if not summary.ok:
        raise CliError(text)
    state.out.note(text)
