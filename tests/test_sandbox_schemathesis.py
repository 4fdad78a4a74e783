"""Schemathesis fuzzes the sandbox from openapi.yaml: valid and invalid inputs, no 5XX, and every
answer conforms to the spec (status code, content type, body schema)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sandbox_helpers import running_sandbox

from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET

ROOT = Path(__file__).resolve().parent.parent
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"
# The tags whose operations the sandbox serves. The webhook, signature key and number authorisation
# operations (issue 14) join this list when the sandbox implements them.
SANDBOX_TAGS = ("messages", "replies", "delivery_reports")


@pytest.mark.sandbox
@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_nonconforming_answer(tmp_path: Path) -> None:
    with running_sandbox(tmp_path) as sandbox:
        command = [sys.executable, "-m", "schemathesis.cli", "run", str(ROOT / "openapi.yaml")]
        command += [
            "--url",
            sandbox.base_url,
            "--auth",
            f"{DEFAULT_KEY}:{DEFAULT_SECRET}",
            "--checks",
            CHECKS,
        ]
        # Positive and negative data, a fixed seed so a failure can be replayed, no shrinking (speed).
        command += ["--mode", "all", "--phases", "examples,coverage,fuzzing", "--max-examples", "25"]
        command += ["--seed", "20261125", "--no-shrink", "--request-timeout", "10"]
        for tag in SANDBOX_TAGS:
            command += ["--include-tag", tag]
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={**os.environ, "SCHEMATHESIS_TELEMETRY": "false", "NO_COLOR": "1"},
            cwd=tmp_path,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "Selected: 8/23" in output
    assert " passed" in output
