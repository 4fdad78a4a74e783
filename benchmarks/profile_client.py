"""Where does this client's time go? cProfile one workload against the benchmark responder.

    .venv/bin/python benchmarks/profile_client.py [--workload send1|status|batch] [--client ours-sync]
                                                  [--n 2000] [--messages 10000] [--top 25]
                                                  [--sort tottime|cumulative] [--out FILE.prof]

It warms the client up first (imports, lazily loaded validators, the keep-alive connection), then
profiles only the measured workload, and prints the top functions and a breakdown by package
(own time of every function, grouped by the file it lives in), so that the share of httpx,
attrs models, validation, HMAC signing, json and so on reads at a glance. cProfile inflates
call-heavy code, so read the shares, not the absolute microseconds (run.py gives those).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_clients  # noqa: E402
from run import responder  # noqa: E402

CLIENTS: dict[
    str,
    type[bench_clients.OursSync | bench_clients.OursAsync | bench_clients.RawSync | bench_clients.RawAsync],
] = {
    "ours-sync": bench_clients.OursSync,
    "ours-async": bench_clients.OursAsync,
    "raw-sync": bench_clients.RawSync,
    "raw-async": bench_clients.RawAsync,
}

GROUPS = (
    ("messagemedia_messages/_spec", "validation: compiled spec rules (_spec)"),
    ("messagemedia_runtime/validation", "validation: check_request"),
    ("messagemedia_messages/models", "models: attrs classes, to_dict/from_dict"),
    ("messagemedia_messages/api", "generated endpoint functions"),
    ("messagemedia_messages", "generated package, other"),
    ("messagemedia_runtime/transport", "runtime: transport/retries"),
    ("messagemedia_runtime/batching", "runtime: batching"),
    ("messagemedia_runtime", "runtime: other (errors, parse_success)"),
    ("hmac_auth", "hmac_auth: signing"),
    ("/attr/", "attrs library"),
    ("/httpx/", "httpx"),
    ("/httpcore/", "httpcore"),
    ("/h11/", "h11"),
    ("/anyio/", "anyio"),
    ("/json/", "json (stdlib)"),
    ("/asyncio/", "asyncio (stdlib)"),
    ("/logging/", "logging"),
    ("/enum.py", "enum"),
    ("/uuid.py", "uuid"),
    ("/email/", "email.utils"),
    ("/http/", "http (stdlib)"),
    ("/socket.py", "socket"),
    ("/selectors.py", "selectors"),
    ("bench_clients.py", "benchmark loop itself"),
)


def _group(filename: str) -> str:
    for needle, label in GROUPS:
        if needle in filename:
            return label
    if filename.startswith("~") or filename == "":
        return "builtins (C: json/hash/socket/dict...)"
    return "other python"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--workload", choices=("send1", "status", "batch"), default="batch")
    parser.add_argument("--client", choices=tuple(CLIENTS), default="ours-sync")
    parser.add_argument("--n", type=int, default=2000, help="requests for send1/status")
    parser.add_argument("--messages", type=int, default=10_000, help="messages for batch")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", choices=("tottime", "cumulative"), default="tottime")
    parser.add_argument(
        "--out", type=Path, default=None, help="also save the raw profile (for snakeviz etc.)"
    )
    args = parser.parse_args()

    with responder() as base_url:
        runner = CLIENTS[args.client](base_url)
        try:
            # Warm-up: imports, validators, connection.
            runner.send1(20)
            runner.status(20)
            runner.batch(200, 100)
            profiler = cProfile.Profile()
            profiler.enable()
            if args.workload == "send1":
                runner.send1(args.n)
            elif args.workload == "status":
                runner.status(args.n)
            else:
                runner.batch(args.messages, 100)
            profiler.disable()
        finally:
            runner.close()

    stats = pstats.Stats(profiler)
    if args.out:
        stats.dump_stats(str(args.out))
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    by_group: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in raw.items():
        by_group[_group(filename)] += tottime
    print(f"\n{args.client} / {args.workload}: {total * 1e3:.1f} ms of own time under cProfile\n")
    print("Own time by package:")
    for label, seconds in sorted(by_group.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds / total:6.1%}  {seconds * 1e3:8.1f} ms  {label}")
    print()
    stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
