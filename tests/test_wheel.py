"""The distribution builds from a clean checkout and its packages import from the wheel alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_from_a_clean_checkout_installs_and_imports() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "wheel_check.py")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wheel imports OK" in result.stdout
