"""The benchmark still runs end to end (tiny numbers): it prints its table and writes its JSON.

Timings are not asserted: on a shared machine they say nothing in a few seconds. `make bench` is
the measurement; this only keeps benchmarks/ from rotting as the client changes.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS_AND_RAW = ("ours sync", "ours async", "raw httpx sync", "raw httpx async")


def test_bench_smoke_prints_the_table_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr

    table = proc.stdout
    assert "CPU vs raw" in table
    assert "CPU vs official" in table
    for client in (*OURS_AND_RAW, "httpx", "ours"):
        assert client in table
    verdicts = re.findall(r"^\s+(PASS|MISS|n/a)\s", table, flags=re.MULTILINE)
    assert len(verdicts) == 18

    report = json.loads(out.read_text())
    assert set(report["medians"]) == {"send1", "status", "batch"}
    for workload in ("send1", "status", "batch"):
        for client in OURS_AND_RAW:
            numbers = report["medians"][workload][client]
            assert numbers["cpu"] > 0
            assert numbers["wall"] > 0
    assert {"httpx", "ours"} <= set(report["imports"])
    assert report["imports"]["ours"]["ms"] > 0
    assert [t["verdict"] for t in report["targets"]] == verdicts
    assert report["meta"]["args"]["smoke"] is True
    # The sandbox line: get_message_status over keep-alive against a sandbox process.
    assert "get_message_status over keep-alive" in table
    assert report["sandbox"]["median_rps"]["sync"] > 0
    assert report["sandbox"]["median_rps"]["async"] > 0
    # The callback line: verify_and_parse against the cryptography verify call, for two key sizes.
    assert "receiving one signed callback" in table
    for bits in ("2048", "1024"):
        numbers = report["callbacks"][bits]
        assert numbers["median_seconds"]["verify_alone"] > 0
        assert (
            numbers["ratio"]
            == numbers["median_seconds"]["verify_and_parse"] / numbers["median_seconds"]["verify_alone"]
        )
