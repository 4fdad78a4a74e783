"""The layers point one way: the runtime and the signing code never import the generated package.

messagemedia_runtime is what the generated code runs on, and hmac_auth signs requests for it; the
generated package (models, endpoint functions, the client objects) sits on top and hands down what
they need. An import the other way, even a lazy one inside a function, fails here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BELOW = {
    "messagemedia_runtime": {"messagemedia_messages", "hmac_auth", "messagemedia_sandbox"},
    "hmac_auth": {"messagemedia_messages", "messagemedia_sandbox"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # A name handed to importlib.import_module or __import__ counts too.
            first = node.value.split(".")[0].split(":")[0]
            if first.isidentifier():
                found.add(first)
    return found


@pytest.mark.parametrize("package", sorted(BELOW))
def test_lower_layers_do_not_import_upper_ones(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & BELOW[package])
        for path in files
        if _imports(path) & BELOW[package]
    }
    assert offenders == {}


@pytest.mark.parametrize("package", sorted(BELOW))
def test_importing_every_module_of_a_lower_layer_loads_no_upper_one(package: str) -> None:
    # What the source says is one thing; what importing it does is checked in a fresh interpreter.
    code = f"""
import importlib, pkgutil, sys
import {package} as top
for info in pkgutil.walk_packages(top.__path__, top.__name__ + "."):
    importlib.import_module(info.name)
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in {sorted(BELOW[package])!r})))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
