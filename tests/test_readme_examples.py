"""The README's Python examples run as written, in order, against the local sandbox, and type-check.

The examples read their credentials and host from the environment, as a user's code would; here
the environment points them at a sandbox on loopback.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest
from sandbox_helpers import running_sandbox

from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
SEED_EXAMPLES = (
    "Send an SMS",
    "Send an MMS",
    "Get a message's status",
    "Check replies",
    "Check delivery reports",
    "Confirm delivery reports",
    "Check credits remaining",
    "Cancel a scheduled message",
)


def _blocks() -> list[str]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


def test_the_readme_has_an_example_for_each_seed_example() -> None:
    text = README.read_text(encoding="utf-8")
    for title in SEED_EXAMPLES:
        section = text.split(f"### {title}\n", 1)
        assert len(section) == 2, f"README has no '### {title}' example"
        assert section[1].lstrip().startswith("```python"), f"'{title}' has no Python example"


def test_readme_examples_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = _blocks()
    assert len(blocks) >= len(SEED_EXAMPLES)
    with running_sandbox(tmp_path) as sandbox:
        monkeypatch.chdir(tmp_path)  # the examples save a public key in the working directory
        monkeypatch.setenv("MESSAGEMEDIA_API_KEY", DEFAULT_KEY)
        monkeypatch.setenv("MESSAGEMEDIA_API_SECRET", DEFAULT_SECRET)
        monkeypatch.setenv("MESSAGEMEDIA_BASE_URL", sandbox.base_url)
        namespace: dict[str, object] = {"__name__": "readme"}
        for number, block in enumerate(blocks, start=1):
            try:
                exec(compile(block, f"README.md python block {number}", "exec"), namespace)
            except Exception as error:  # pragma: no cover - the message is the point
                pytest.fail(f"README python block {number} failed: {error!r}\n{block}")
        sent = _sent_messages(tmp_path / "sandbox.sqlite3")
    printed = capsys.readouterr().out
    assert "+61491570159 is on the blacklist" in printed
    (saved,) = tmp_path.glob("messagemedia-*.pem")
    assert saved.read_text().startswith("-----BEGIN PUBLIC KEY-----")
    assert "queued" in printed  # the first example printed the new message's status
    assert "Sending failed" not in printed and "refused" not in printed
    # The callback examples: the signed report reached the handler through FastAPI and Flask, and once only.
    assert printed.count("report: 877c19ef-fa2e-4cec-827a-e1df9b5509f7 delivered 220") == 1
    # Run in order on a real account, the README must not send any message twice.
    assert len(sent) > 250
    repeated = {message: count for message, count in Counter(sent).items() if count > 1}
    assert not repeated, f"the README sends these messages more than once: {repeated}"


def _sent_messages(data: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(data)) as db:
        rows = db.execute("SELECT fields FROM messages").fetchall()
    return [(json.loads(f)["content"], json.loads(f)["destination_number"]) for (f,) in rows]


def _mypy(tmp_path: Path, text: str) -> tuple[int, list[str]]:
    source = tmp_path / "readme_examples.py"
    source.write_text(text, encoding="utf-8")
    root = README.parent
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.11", str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": f"{root}{os.pathsep}{root / 'generated'}"},
    )
    errors = [line for line in (result.stdout + result.stderr).splitlines() if ": error:" in line]
    return result.returncode, errors


@pytest.mark.slow
def test_readme_examples_pass_mypy_strict_without_casts(tmp_path: Path) -> None:
    text = "\n\n".join(_blocks())
    assert "cast(" not in text
    returncode, errors = _mypy(tmp_path, text)
    assert returncode == 0, errors


@pytest.mark.slow
def test_number_authorisation_resource_is_typed_as_the_resource(tmp_path: Path) -> None:
    text = "from messagemedia_messages import MessageMedia\n\nMessageMedia().number_authorisation.check('+1')"
    returncode, errors = _mypy(tmp_path, text)
    assert returncode == 0, errors
