"""benchmarks/bench_cli.py (part of `make bench`) still runs: it measures both figures and prints them.

No timing is asserted here (test_cli_basics has the generous --version bound the issue asks for).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_cli_measures_version_and_csv_against_send_many() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_cli.py"),
            "--rows",
            "250",
            "--rounds",
            "1",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "command line (messagemedia):"
    assert "messagemedia --version" in lines[1] and "target <= 250 ms" in lines[1]
    assert "`send --csv` of 250 rows vs send_many" in lines[2] and "target <= 1.2x" in lines[2]
    numbers = json.loads(lines[3])
    assert numbers["csv"]["rows"] == 250
    assert (
        numbers["csv"]["median_cpu_s"]["send --csv"] > 0 and numbers["csv"]["median_cpu_s"]["send_many"] > 0
    )
    assert numbers["version"]["median_ms"]["version"] > 0
