"""The official SDK, ``messagemedia-messages-sdk==2.1.3`` from PyPI, in a venv of its own.

Shared by the benchmark (benchmarks/run.py) and the compatibility test
(tests/test_official_sdk.py), so that both use one venv, made once: ``benchmarks/.bench-venv``
(ignored by git). The SDK pins ``urllib3<2`` and ``setuptools<68`` itself, which is why it does not
go into the project's own venv.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OFFICIAL_PACKAGE = "messagemedia-messages-sdk==2.1.3"
OFFICIAL_VENV = HERE / ".bench-venv"  # ignored by git through the `.bench-venv/` rule in .gitignore
OFFICIAL_STAMP = OFFICIAL_VENV / ".installed-messagemedia-messages-sdk-2.1.3"


def official_python(*, install: bool) -> tuple[Path | None, str]:
    """The official SDK venv's python, creating the venv if allowed; else None and why."""
    python = OFFICIAL_VENV / "bin" / "python"
    if OFFICIAL_STAMP.exists() and python.exists():
        return python, "ok"
    where = OFFICIAL_VENV.relative_to(HERE.parent)
    if not install:
        return None, f"skipped: {where} does not exist yet (run without --smoke once)"
    print(f"Creating {where} with {OFFICIAL_PACKAGE} (once)...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(OFFICIAL_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", OFFICIAL_PACKAGE],
            check=True,
            timeout=600,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        return None, f"skipped: installing {OFFICIAL_PACKAGE} failed ({exc})"
    OFFICIAL_STAMP.touch()
    return python, "ok"
