"""Measure this client against raw httpx (the limit) and the official SDK, in one run.

    .venv/bin/python benchmarks/run.py [--rounds 5] [--requests 1000] [--messages 10000] [--smoke]
                                       [--json benchmarks/results/latest.json] [--no-official]

What it does:

1. starts benchmarks/bench_server.py, a raw-asyncio HTTP/1.1 keep-alive responder, in its own
   process on 127.0.0.1 (its CPU is never counted for a client);
2. creates benchmarks/.bench-venv with ``messagemedia-messages-sdk==2.1.3`` (the official SDK) on
   first use, and runs the SDK there as a worker process (benchmarks/bench_official.py) that reports
   its own ``process_time``; ``--smoke`` uses that venv only if it already exists;
3. runs, round by round and in a rotating order so that load bursts hit every client alike:
   send_messages with one message, get_message_status (both per request), and ``--messages``
   messages in requests of ``--batch-size``, for this client (sync and async), raw httpx (sync and
   async) and the official SDK (sync only; it has no async API); round 0 is a warm-up, not counted;
4. measures import time and memory of each client in fresh interpreters (benchmarks/bench_imports.py);
5. measures the local sandbox: get_message_status requests per second over keep-alive, against a
   sandbox process of its own (benchmarks/bench_sandbox.py; ``--no-sandbox`` leaves it out);
   and the ``messagemedia`` command line: ``--version`` wall time, and ``send --csv`` of
   ``--messages`` rows against ``send_many`` of the same messages (benchmarks/bench_cli.py;
   ``--no-cli`` leaves it out);
6. measures receiving one signed callback, ``verify_and_parse`` against the ``cryptography``
   verify call alone, with a 2048-bit and a 1024-bit key (benchmarks/bench_callbacks.py);
7. prints one table of medians with the ratios to raw httpx and to the official SDK, PASS/MISS for
   each target, and writes every number (all rounds included) as JSON.

A MISS is a measurement, not an error: the exit status is 0 unless the benchmark itself failed.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_callbacks  # noqa: E402
import bench_cli  # noqa: E402
import bench_clients  # noqa: E402
import bench_imports  # noqa: E402
import bench_sandbox  # noqa: E402
from official_sdk import OFFICIAL_PACKAGE, official_python  # noqa: E402

DEFAULT_JSON = HERE / "results" / "latest.json"

# The targets of the issue, as ratios measured in the same run.
CPU_VS_RAW_MAX = 1.15
CPU_VS_OFFICIAL_MAX = 0.55
BATCH_WALL_SPEEDUP_MIN = 2.0
BATCH_CPU_VS_RAW_MAX = 2.0
IMPORT_EXTRA_MS_MAX = 40.0
OBJECT_VS_FUNCTION_MAX = 1.03
CALLBACK_VS_VERIFY_MAX = 1.5

WORKLOADS = ("send1", "status", "batch")
WORKLOAD_TITLES = {
    "send1": "send_messages, 1 message (per request)",
    "status": "get_message_status (per request)",
    "batch": "{messages:,} messages in requests of {batch_size} (total)",
}
OBJECT = "ours MessageMedia"
RAW_OF = {
    "ours sync": "raw httpx sync",
    OBJECT: "raw httpx sync",
    "ours async": "raw httpx async",
    "official SDK": "raw httpx sync",
}
OFFICIAL = "official SDK"
CLIENT_ORDER = ("ours sync", OBJECT, "ours async", "raw httpx sync", "raw httpx async", OFFICIAL)


# --------------------------------------------------------------------------- the responder


@contextlib.contextmanager
def responder() -> Iterator[str]:
    """Start bench_server.py in its own process; yield its base URL; stop it on exit."""
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "bench_server.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"the responder did not start: {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        if proc.stdin is not None:
            proc.stdin.close()  # the responder stops when its stdin closes
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- the official SDK


class OfficialRunner:
    """Drives bench_official.py in the SDK's venv; its numbers are that process's own."""

    name = OFFICIAL

    def __init__(self, python: Path, base_url: str) -> None:
        self.proc = subprocess.Popen(
            [str(python), str(HERE / "bench_official.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        reply = self._ask(
            cmd="setup",
            base_url=base_url,
            key=bench_clients.KEY,
            secret=bench_clients.SECRET,
            content=bench_clients.CONTENT,
            destination=bench_clients.DESTINATION,
            message_id=bench_clients.MESSAGE_ID,
        )
        self.python_version = str(reply.get("python", "?"))

    def _ask(self, **command: Any) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the official SDK worker died")
        reply: dict[str, Any] = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"official SDK worker: {reply['error']}")
        return reply

    def send1(self, n: int) -> tuple[float, float]:
        reply = self._ask(cmd="send1", n=n)
        return reply["cpu"], reply["wall"]

    def status(self, n: int) -> tuple[float, float]:
        reply = self._ask(cmd="status", n=n)
        return reply["cpu"], reply["wall"]

    def batch(self, messages: int, batch_size: int) -> tuple[float, float]:
        reply = self._ask(cmd="batch", messages=messages, batch_size=batch_size)
        if reply.get("accepted") != messages:
            raise RuntimeError(f"official SDK: {reply.get('accepted')} of {messages} accepted")
        return reply["cpu"], reply["wall"]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# --------------------------------------------------------------------------- measuring


@dataclass
class Samples:
    """Per-round (cpu, wall) seconds of one client on one workload, and the unit count."""

    units: int
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    def cpu_per_unit(self) -> float:
        return statistics.median(self.cpu) / self.units

    def wall_per_unit(self) -> float:
        return statistics.median(self.wall) / self.units


def run_rounds(
    runners: list[bench_clients.Runner], args: argparse.Namespace, progress: Callable[[str], None]
) -> dict[str, dict[str, Samples]]:
    """Round 0 is a warm-up (smaller); rounds 1..N are kept. The client order rotates each round."""
    results: dict[str, dict[str, Samples]] = {w: {} for w in WORKLOADS}
    for round_no in range(args.rounds + 1):
        warm = round_no == 0
        requests = max(5, args.requests // 5) if warm else args.requests
        messages = max(args.batch_size, args.messages // 10) if warm else args.messages
        order = runners[round_no % len(runners) :] + runners[: round_no % len(runners)]
        progress(f"round {round_no}/{args.rounds}{' (warm-up)' if warm else ''}")
        for workload in WORKLOADS:
            for runner in order:
                gc.collect()
                if workload == "send1":
                    cpu, wall = runner.send1(requests)
                    units = requests
                elif workload == "status":
                    cpu, wall = runner.status(requests)
                    units = requests
                else:
                    cpu, wall = runner.batch(messages, args.batch_size)
                    units = 1  # reported per run of `messages` messages
                if warm:
                    continue
                samples = results[workload].setdefault(runner.name, Samples(units=units))
                samples.cpu.append(cpu)
                samples.wall.append(wall)
    return results


# --------------------------------------------------------------------------- reporting


@dataclass
class Target:
    name: str
    value: float | None
    limit: str
    ok: bool | None

    @property
    def verdict(self) -> str:
        return "n/a" if self.ok is None else ("PASS" if self.ok else "MISS")


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def evaluate(
    medians: dict[str, dict[str, dict[str, float]]],
    imports: dict[str, dict[str, Any]],
    callbacks: dict[str, Any] | None = None,
) -> list[Target]:
    targets: list[Target] = []

    def cpu(workload: str, client: str) -> float | None:
        return medians.get(workload, {}).get(client, {}).get("cpu")

    def wall(workload: str, client: str) -> float | None:
        return medians.get(workload, {}).get(client, {}).get("wall")

    def check(name: str, value: float | None, limit: str, ok: Callable[[float], bool]) -> None:
        targets.append(Target(name, value, limit, None if value is None else ok(value)))

    for workload, label in (("send1", "send 1 message"), ("status", "get_message_status")):
        for mode in ("sync", "async"):
            ours = f"ours {mode}"
            check(
                f"{label}, {mode}: CPU/request vs raw httpx {mode}",
                _ratio(cpu(workload, ours), cpu(workload, f"raw httpx {mode}")),
                f"<= {CPU_VS_RAW_MAX:.2f}x",
                lambda r: r <= CPU_VS_RAW_MAX,
            )
        for mode in ("sync", "async"):
            check(
                f"{label}, {mode}: CPU/request vs official SDK",
                _ratio(cpu(workload, f"ours {mode}"), cpu(workload, OFFICIAL)),
                f"<= {CPU_VS_OFFICIAL_MAX:.2f}x",
                lambda r: r <= CPU_VS_OFFICIAL_MAX,
            )
    for workload, label in (("send1", "send 1 message"), ("status", "get_message_status")):
        check(
            f"{label}: MessageMedia (dicts) CPU/request vs the endpoint function",
            _ratio(cpu(workload, OBJECT), cpu(workload, "ours sync")),
            f"<= {OBJECT_VS_FUNCTION_MAX:.2f}x",
            lambda r: r <= OBJECT_VS_FUNCTION_MAX,
        )
    for mode in ("sync", "async"):
        ours = f"ours {mode}"
        check(
            f"batch, {mode}: wall-time speed-up over official SDK",
            _ratio(wall("batch", OFFICIAL), wall("batch", ours)),
            f">= {BATCH_WALL_SPEEDUP_MIN:.1f}x",
            lambda r: r >= BATCH_WALL_SPEEDUP_MIN,
        )
        check(
            f"batch, {mode}: CPU vs raw httpx {mode}",
            _ratio(cpu("batch", ours), cpu("batch", f"raw httpx {mode}")),
            f"<= {BATCH_CPU_VS_RAW_MAX:.1f}x",
            lambda r: r <= BATCH_CPU_VS_RAW_MAX,
        )
    extra = None
    if "ours" in imports and "httpx" in imports:
        extra = imports["ours"]["ms"] - imports["httpx"]["ms"]
    targets.append(
        Target(
            "import: extra time over `import httpx` (ms)",
            extra,
            f"<= {IMPORT_EXTRA_MS_MAX:.0f} ms",
            None if extra is None else extra <= IMPORT_EXTRA_MS_MAX,
        )
    )
    extra_object = None
    if "MessageMedia" in imports and "httpx" in imports:
        extra_object = imports["MessageMedia"]["ms"] - imports["httpx"]["ms"]
    targets.append(
        Target(
            "import: `from messagemedia_messages import MessageMedia` over `import httpx` (ms)",
            extra_object,
            f"<= {IMPORT_EXTRA_MS_MAX:.0f} ms",
            None if extra_object is None else extra_object <= IMPORT_EXTRA_MS_MAX,
        )
    )
    for bits, label in (("2048", "RSA-2048"), ("1024", "RSA-1024, the API's example key size")):
        ratio = (callbacks or {}).get(bits, {}).get("ratio")
        check(
            f"callback ({label}): verify_and_parse CPU vs the cryptography verify call alone",
            ratio,
            f"<= {CALLBACK_VS_VERIFY_MAX:.2f}x",
            lambda r: r <= CALLBACK_VS_VERIFY_MAX,
        )
    return targets


def _fmt_time(seconds: float | None, per_unit: bool) -> str:
    if seconds is None:
        return "-"
    if per_unit:
        return f"{seconds * 1e6:,.0f} µs"
    return f"{seconds * 1e3:,.0f} ms"


def _fmt_ratio(r: float | None) -> str:
    return "-" if r is None else f"{r:.2f}x"


def render_table(
    medians: dict[str, dict[str, dict[str, float]]],
    imports: dict[str, dict[str, Any]],
    args: argparse.Namespace,
) -> str:
    header = (
        "workload",
        "client",
        "CPU",
        "wall",
        "CPU vs raw",
        "CPU vs official",
        "wall vs official",
        "memory",
    )
    rows: list[tuple[str, ...]] = []
    for workload in WORKLOADS:
        title = WORKLOAD_TITLES[workload].format(messages=args.messages, batch_size=args.batch_size)
        per_unit = workload != "batch"
        clients = medians.get(workload, {})
        official = clients.get(OFFICIAL, {})
        for client in sorted(clients, key=CLIENT_ORDER.index):
            m = clients[client]
            raw = clients.get(RAW_OF.get(client, client), {})
            rows.append(
                (
                    title,
                    client,
                    _fmt_time(m["cpu"], per_unit),
                    _fmt_time(m["wall"], per_unit),
                    _fmt_ratio(_ratio(m["cpu"], raw.get("cpu"))),
                    _fmt_ratio(_ratio(m["cpu"], official.get("cpu"))),
                    _fmt_ratio(_ratio(m["wall"], official.get("wall"))),
                    "",
                )
            )
            title = ""
    title = "import (fresh interpreter)"
    httpx_ms = imports.get("httpx", {}).get("ms")
    official_ms = imports.get(OFFICIAL, {}).get("ms")
    for client, m in imports.items():
        rows.append(
            (
                title,
                client,
                "",
                f"{m['ms']:,.1f} ms",
                _fmt_ratio(_ratio(m["ms"], httpx_ms)),
                "",
                _fmt_ratio(_ratio(m["ms"], official_ms)),
                f"RSS +{m['rss_kib'] / 1024:,.1f} MiB, "
                f"tracemalloc peak {m['tracemalloc_peak_kib'] / 1024:,.1f} MiB",
            )
        )
        title = ""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [
            (cell.ljust(w) if i < 2 or i == len(row) - 1 else cell.rjust(w))
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def render_targets(targets: list[Target]) -> str:
    width = max(len(t.name) for t in targets)
    lines = []
    for t in targets:
        if t.value is None:
            value = "-"
        elif t.name.startswith("import"):
            value = f"{t.value:+.1f} ms"
        else:
            value = f"{t.value:.2f}x"
        lines.append(f"  {t.verdict:4}  {t.name.ljust(width)}  {value:>9}  (target {t.limit})")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--rounds", type=int, default=5, help="measured rounds, after one warm-up (default 5)"
    )
    parser.add_argument(
        "--requests", type=int, default=1000, help="requests per round, per-request workloads"
    )
    parser.add_argument("--messages", type=int, default=10_000, help="messages per round, batch workload")
    parser.add_argument(
        "--batch-size", type=int, default=100, help="messages per request in the batch workload"
    )
    parser.add_argument("--import-rounds", type=int, default=None, help="import rounds (default: --rounds)")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny numbers, official SDK only if already installed"
    )
    parser.add_argument("--no-official", action="store_true", help="leave the official SDK out")
    parser.add_argument("--no-sandbox", action="store_true", help="leave the sandbox throughput out")
    parser.add_argument("--no-cli", action="store_true", help="leave the command-line figures out")
    parser.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help=f"where to write the numbers ({DEFAULT_JSON.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.rounds, args.requests, args.messages = 1, 20, 3 * args.batch_size
        args.import_rounds = 1 if args.import_rounds is None else args.import_rounds
    if args.import_rounds is None:
        args.import_rounds = args.rounds
    if args.rounds < 1 or args.requests < 1 or args.messages < 1 or not 1 <= args.batch_size <= 100:
        parser.error("--rounds, --requests and --messages must be >= 1, --batch-size 1..100")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()

    def progress(text: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {text}", file=sys.stderr, flush=True)

    load_before = os.getloadavg()
    if args.no_official:
        official_py, official_status = None, "skipped: --no-official"
    else:
        official_py, official_status = official_python(install=not args.smoke)
    if official_py is None:
        progress(f"official SDK {official_status}")

    with responder() as base_url:
        progress(f"responder on {base_url}")
        runners: list[bench_clients.Runner] = [
            bench_clients.OursSync(base_url),
            bench_clients.OursObject(base_url),
            bench_clients.OursAsync(base_url),
            bench_clients.RawSync(base_url),
            bench_clients.RawAsync(base_url),
        ]
        official_runner: OfficialRunner | None = None
        if official_py is not None:
            official_runner = OfficialRunner(official_py, base_url)
            runners.append(official_runner)
        try:
            samples = run_rounds(runners, args, progress)
        finally:
            for runner in runners:
                runner.close()

    progress("imports")
    venv_python = Path(sys.executable)
    cases = [
        bench_imports.ImportCase("httpx", venv_python, bench_imports.HTTPX_IMPORTS),
        bench_imports.ImportCase("ours", venv_python, bench_imports.OURS_IMPORTS),
        bench_imports.ImportCase("MessageMedia", venv_python, bench_imports.OBJECT_IMPORTS),
        bench_imports.ImportCase("ours + 1st send validator", venv_python, bench_imports.OURS_FIRST_SEND),
    ]
    if official_py is not None:
        cases.append(bench_imports.ImportCase(OFFICIAL, official_py, bench_imports.OFFICIAL_IMPORTS))
    imports = bench_imports.measure(cases, args.import_rounds)
    sandbox: dict[str, Any] | None = None
    if not args.no_sandbox:
        progress("sandbox")
        sandbox = bench_sandbox.measure(args.requests, args.rounds)
    progress("callbacks")
    callbacks = bench_callbacks.measure(args.rounds, 50 if args.smoke else 2 * args.requests)
    command_line: dict[str, Any] | None = None
    if not args.no_cli:
        progress("command line")
        command_line = bench_cli.measure(args.messages, args.rounds)
    load_after = os.getloadavg()

    medians = {
        workload: {
            client: {"cpu": by_client[client].cpu_per_unit(), "wall": by_client[client].wall_per_unit()}
            for client in sorted(by_client, key=CLIENT_ORDER.index)
        }
        for workload, by_client in samples.items()
    }
    targets = evaluate(medians, imports, callbacks)

    print()
    print(
        f"MessageMedia client benchmark: medians of {args.rounds} rounds (warm-up excluded), "
        f"{args.requests:,} requests per round, {args.messages:,} messages per batch round"
    )
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, load average "
        f"{load_before[0]:.2f} before / {load_after[0]:.2f} after; official SDK: {official_status}"
    )
    print("CPU = the client process's process_time (the responder runs in its own process).")
    print("'vs raw' = ratio to raw httpx of the same mode (sync/async); for imports, to `import httpx`.")
    print()
    print(render_table(medians, imports, args))
    if sandbox is not None:
        print()
        print(bench_sandbox.render(sandbox))
    if command_line is not None:
        print()
        print(bench_cli.render(command_line))
    print()
    print(bench_callbacks.render(callbacks))
    print()
    print("Targets (ratios from this run):")
    print(render_targets(targets))
    missed = [t for t in targets if t.ok is False]
    measured = [t for t in targets if t.ok is not None]
    print()
    if missed:
        print(
            f"{len(missed)} of {len(measured)} measured targets MISSED (a measurement, not an error: exit 0)."
        )
    else:
        print(f"All {len(measured)} measured targets met.")

    report = {
        "meta": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "loadavg_before": load_before,
            "loadavg_after": load_after,
            "official_sdk": {"package": OFFICIAL_PACKAGE, "status": official_status},
            "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
            "seconds": round(time.perf_counter() - started, 1),
            "units": {
                "send1/status": "seconds per request",
                "batch": f"seconds per {args.messages} messages",
                "imports": "ms, KiB",
            },
        },
        "medians": medians,
        "rounds": {
            workload: {c: {"units": s.units, "cpu": s.cpu, "wall": s.wall} for c, s in by_client.items()}
            for workload, by_client in samples.items()
        },
        "imports": imports,
        "sandbox": sandbox,
        "cli": command_line,
        "callbacks": callbacks,
        "targets": [
            {"name": t.name, "value": t.value, "limit": t.limit, "verdict": t.verdict} for t in targets
        ],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
