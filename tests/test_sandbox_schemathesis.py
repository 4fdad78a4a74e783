"""Schemathesis fuzzes the sandbox from openapi.yaml: the examples, coverage and fuzzing phases
with valid and invalid inputs, then the stateful phase, which chains operations (a send, then
that message's status or cancellation...). No answer may be a 5XX, every answer must conform to
the spec (status code, content type, body schema), and no callback may leave loopback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from sandbox_helpers import HttpRecorder, running_sandbox, wait_until

from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET

ROOT = Path(__file__).resolve().parent.parent
HOOKS = Path(__file__).resolve().parent / "schemathesis_hooks.py"
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"


@pytest.mark.sandbox
@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_nonconforming_answer(tmp_path: Path) -> None:
    # Webhooks are called with any method and encoding: the receiver takes every request as it comes.
    receiver = HttpRecorder()
    receiver_base = receiver.url("")
    try:
        # Every delivered message gets a reply, so every generated callback_url is called back.
        with running_sandbox(tmp_path, auto_reply="fuzzed") as sandbox:
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
            command += [
                "--mode",
                "all",
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--max-examples",
                "25",
            ]
            command += ["--seed", "20261125", "--no-shrink", "--request-timeout", "10", "--workers", "1"]
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
                env={
                    **os.environ,
                    "SCHEMATHESIS_TELEMETRY": "false",
                    "NO_COLOR": "1",
                    "SCHEMATHESIS_HOOKS": str(HOOKS),
                    "SANDBOX_TEST_CALLBACK_BASE": receiver_base,
                },
                cwd=tmp_path,
            )
            output = result.stdout + result.stderr
            assert result.returncode == 0, output[-6000:]
            assert "Selected: 23/23" in output
            assert " passed" in output
            # The stateful phase ran chains of calls, following links it inferred between operations.
            scenarios = re.search(r"Scenarios:\s+(\d+)", output)
            links = re.search(r"API Links:\s+(\d+) covered", output)
            assert scenarios and int(scenarios.group(1)) > 0, output[-3000:]
            assert links and int(links.group(1)) > 0, output[-3000:]

            def log() -> list[dict[str, object]]:
                records: list[dict[str, object]] = httpx.get(f"{sandbox.base_url}/sandbox/callbacks").json()[
                    "callbacks"
                ]
                return records

            # Let the last callbacks go out, then read where every one of them went.
            wait_until(lambda: all(record["state"] != "pending" for record in log()), timeout=30)
            records = log()
    finally:
        receiver.close()
    assert records, "the run queued no callback at all: the loopback rewrite was never exercised"
    elsewhere = [
        record
        for record in records
        if urlsplit(str(record["url"])).netloc != urlsplit(receiver_base).netloc
        and not str(record["last_error"] or "").startswith("refused: ")
    ]
    # Anything not aimed at the receiver was refused before any connection was made.
    assert elsewhere == [], elsewhere[:5]
    assert receiver.accepted(), "no callback reached the loopback receiver"
    kinds = {str(record["kind"]) for record in records}
    assert "webhook" in kinds and kinds & {"reply", "delivery_report"}, kinds
