"""Shared pieces of the `messagemedia` command-line tests: run the command in-process (CliRunner) or
as a real process, against a sandbox the test run starts on a free loopback port."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from sandbox_helpers import running_sandbox

from messagemedia_cli.app import cli
from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer

CLI = [sys.executable, "-m", "messagemedia_cli"]
# Settings of the developer's shell that would send the command elsewhere than the test's server.
_OUTSIDE = (
    "MESSAGEMEDIA_API_KEY",
    "MESSAGEMEDIA_API_SECRET",
    "MESSAGEMEDIA_BASE_URL",
    "MESSAGEMEDIA_REGION",
    "MESSAGEMEDIA_SANDBOX_URL",
    "TTY_INTERACTIVE",
    "TTY_COMPATIBLE",
    "FORCE_COLOR",
)


def cli_env(base_url: str | None, **extra: str) -> dict[str, str | None]:
    """Variables for one run: the test server and the sandbox's credentials, nothing from outside."""
    env: dict[str, str | None] = dict.fromkeys(_OUTSIDE)
    if base_url is not None:
        env.update(
            MESSAGEMEDIA_API_KEY=DEFAULT_KEY,
            MESSAGEMEDIA_API_SECRET=DEFAULT_SECRET,
            MESSAGEMEDIA_BASE_URL=base_url,
        )
    env.update(extra)
    return env


def process_env(base_url: str | None, **extra: str) -> dict[str, str]:
    """The same, as the whole environment of a child process."""
    env = {key: value for key, value in os.environ.items() if key not in _OUTSIDE}
    env.update({key: value for key, value in cli_env(base_url, **extra).items() if value is not None})
    return env


def json_lines(text: str) -> list[dict[str, Any]]:
    """Every line of ``text`` parsed as one JSON object (fails on any line that is not one)."""
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert all(isinstance(record, dict) for record in records), text
    return records


class Cli:
    """``messagemedia`` run in this process with CliRunner, pointed at ``base_url``."""

    def __init__(self, base_url: str | None, **extra: str) -> None:
        self.base_url = base_url
        self.env = cli_env(base_url, **extra)
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, **extra: str) -> Result:
        env = {**self.env, **extra} if extra else self.env
        return self.runner.invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    def ok(self, *args: str, input: str | None = None) -> Result:
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.exit_code, result.stdout, result.stderr)
        return result

    def json(self, *args: str, input: str | None = None) -> list[dict[str, Any]]:
        """Runs ``messagemedia --json ARGS`` (must succeed) and parses its stdout."""
        return json_lines(self.ok("--json", *args, input=input).stdout)

    def one(self, *args: str, input: str | None = None) -> dict[str, Any]:
        (record,) = self.json(*args, input=input)
        return record


def run_process(
    args: Sequence[str], env: dict[str, str], *, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout, check=False
    )


@contextmanager
def sandbox_cli(tmp_path: Path, **settings: Any) -> Iterator[tuple[SandboxServer, Cli]]:
    with running_sandbox(tmp_path, **settings) as sandbox:
        yield sandbox, Cli(sandbox.base_url)
