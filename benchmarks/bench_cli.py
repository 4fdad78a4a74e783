"""The `messagemedia` command line: how fast `--version` answers, and what `send --csv` costs.

- ``--version``: wall time of the installed console script in a fresh process (what a person
  waits for), next to a bare ``python -c pass`` of the same interpreter; the target is 250 ms.
- ``send --csv`` of ``--rows`` rows against a sandbox process, next to ``client.messages.send_many``
  of the same messages (dicts made from the same file beforehand), in one run and alternating
  order. Both run in this process, after a warm-up round (so imports are not counted: the
  ``--version`` line and ``bench_imports`` measure those), and are measured with
  ``time.process_time`` (every thread of this process; the sandbox's CPU is its own). Each makes
  its client for the run. The command line's figure also includes reading and converting the
  CSV, writing the results file and drawing the progress bar (forced on, into a buffer), so it is
  what a person at a terminal pays. Target: <= 1.2x.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

KEY = "bench-cli-key"
SECRET = "bench-cli-secret"
VERSION_MS_MAX = 250.0
CSV_CPU_VS_SEND_MANY_MAX = 1.2


def _script() -> list[str]:
    script = Path(sys.executable).parent / "messagemedia"
    return [str(script)] if script.exists() else [sys.executable, "-m", "messagemedia_cli"]


def _wall_ms(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1e3


def measure_version(rounds: int) -> dict[str, Any]:
    version = [*_script(), "--version"]
    bare = [sys.executable, "-c", "pass"]
    _wall_ms(version)  # warm the page cache and the .pyc files
    times: dict[str, list[float]] = {"version": [], "python": []}
    for _ in range(rounds):
        times["version"].append(_wall_ms(version))
        times["python"].append(_wall_ms(bare))
    return {
        "command": " ".join(Path(version[0]).name if i == 0 else part for i, part in enumerate(version)),
        "median_ms": {name: statistics.median(values) for name, values in times.items()},
        "rounds_ms": times,
    }


def write_rows(path: Path, rows: int) -> list[dict[str, Any]]:
    """A CSV of ``rows`` messages, and the same messages as the dicts send_many takes."""
    messages: list[dict[str, Any]] = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["destination_number", "content", "metadata.booking"])
        for n in range(rows):
            number, content, booking = f"+61491{n:06d}", f"Reminder {n}: your table is at 7pm", f"B-{n}"
            writer.writerow([number, content, booking])
            messages.append(
                {"destination_number": number, "content": content, "metadata": {"booking": booking}}
            )
    return messages


@contextlib.contextmanager
def _terminal_like_stderr() -> Iterator[None]:
    """Make rich draw the progress bar as on a terminal, into a buffer instead of the screen."""
    saved_env = {name: os.environ.get(name) for name in ("TTY_INTERACTIVE", "TTY_COMPATIBLE")}
    saved_stderr = sys.stderr
    os.environ.update(TTY_INTERACTIVE="1", TTY_COMPATIBLE="1")
    sys.stderr = io.StringIO()
    try:
        yield
    finally:
        sys.stderr = saved_stderr
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def measure_csv(rows: int, rounds: int) -> dict[str, Any]:
    from messagemedia_cli.app import main
    from messagemedia_messages import MessageMedia
    from messagemedia_sandbox import SandboxProcess

    cpu: dict[str, list[float]] = {"send --csv": [], "send_many": []}
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as folder:
        work = Path(folder)
        source = work / "rows.csv"
        messages = write_rows(source, rows)
        credits = rows * 2 * (rounds + 1) + 10
        sandbox = SandboxProcess(
            work / "bench.sqlite3", speed=50, key=KEY, secret=SECRET, extra_args=["--credits", str(credits)]
        )
        base_url = sandbox.start()
        env = {
            "MESSAGEMEDIA_API_KEY": KEY,
            "MESSAGEMEDIA_API_SECRET": SECRET,
            "MESSAGEMEDIA_BASE_URL": base_url,
        }
        saved = {name: os.environ.get(name) for name in env}
        os.environ.update(env)
        try:

            def with_send_many() -> None:
                # A client made for the run, as the command makes one (with its TLS context, ~20 ms).
                with MessageMedia() as client:
                    result = client.messages.send_many(messages)  # type: ignore[arg-type]
                if result.accepted_count != rows:
                    raise RuntimeError(f"send_many: {result.accepted_count} of {rows} accepted")

            def with_the_command(round_no: int) -> None:
                results = work / f"results-{round_no}.csv"
                with _terminal_like_stderr():
                    code = main(["send", "--csv", str(source), "--results", str(results)])
                if code != 0:
                    raise RuntimeError(f"messagemedia send --csv exited {code}")

            for round_no in range(rounds + 1):
                for name in ("send --csv", "send_many") if round_no % 2 else ("send_many", "send --csv"):
                    gc.collect()
                    started = time.process_time()
                    if name == "send_many":
                        with_send_many()
                    else:
                        with_the_command(round_no)
                    spent = time.process_time() - started
                    if round_no:  # round 0 warms up both
                        cpu[name].append(spent)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            sandbox.stop()
    medians = {name: statistics.median(values) for name, values in cpu.items()}
    return {"rows": rows, "median_cpu_s": medians, "rounds_cpu_s": cpu}


def measure(rows: int, rounds: int) -> dict[str, Any]:
    return {"version": measure_version(max(rounds, 5)), "csv": measure_csv(rows, rounds)}


def render(result: dict[str, Any]) -> str:
    version, csv_run = result["version"], result["csv"]
    version_ms, python_ms = version["median_ms"]["version"], version["median_ms"]["python"]
    command_cpu, batch_cpu = csv_run["median_cpu_s"]["send --csv"], csv_run["median_cpu_s"]["send_many"]
    ratio = command_cpu / batch_cpu
    version_verdict = "met" if version_ms <= VERSION_MS_MAX else "MISSED"
    csv_verdict = "met" if ratio <= CSV_CPU_VS_SEND_MANY_MAX else "MISSED"
    return "\n".join(
        [
            "command line (messagemedia):",
            f"  `{version['command']}`: {version_ms:,.0f} ms wall "
            f"(a bare `python -c pass`: {python_ms:,.0f} ms, {version_ms / python_ms:.2f}x); "
            f"target <= {VERSION_MS_MAX:.0f} ms: {version_verdict}",
            f"  `send --csv` of {csv_run['rows']:,} rows vs send_many of the same messages, against a "
            f"sandbox process: {command_cpu * 1e3:,.0f} ms vs {batch_cpu * 1e3:,.0f} ms client CPU, "
            f"{ratio:.2f}x; target <= {CSV_CPU_VS_SEND_MANY_MAX:.1f}x: {csv_verdict}",
        ]
    )


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON after the lines")
    arguments = parser.parse_args()
    measured = measure(arguments.rows, arguments.rounds)
    print(render(measured))
    if arguments.json:
        print(json.dumps(measured))
