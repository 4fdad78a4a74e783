"""``cryptography`` is an optional extra (``webhooks``): the client and the callbacks module import
it only when a key is read or a signature made or checked, each in a fresh interpreter here."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from callback_helpers import KEY_PATH


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_importing_the_client_and_the_callbacks_module_leaves_cryptography_out() -> None:
    out = _run(
        f"""
        import sys
        import messagemedia_messages
        from messagemedia_messages import MessageMedia
        import messagemedia_messages.callbacks as callbacks
        print("after import", "cryptography" in sys.modules)
        event = callbacks.parse_event(b'{{"reply_id": "r"}}', "application/json")
        print("after parse", "cryptography" in sys.modules, type(event).__name__)
        pem = open({str(KEY_PATH)!r}, "rb").read()
        headers = callbacks.sign_callback(pem, "POST", "/", "Wed, 29 Nov 2017 13:59:00 GMT", b"x", key_id="k")
        print("after sign", "cryptography" in sys.modules)
        """
    )
    assert out.splitlines() == ["after import False", "after parse False ReplyEvent", "after sign True"]


def test_without_cryptography_parsing_works_and_verifying_says_what_to_install() -> None:
    out = _run(
        """
        import sys
        sys.modules["cryptography"] = None  # as if the webhooks extra were not installed
        from messagemedia_messages.callbacks import parse_event, verify_callback, CallbackASGIApp
        from messagemedia_messages.errors import ConfigurationError
        print(type(parse_event('{"notification_id": "n"}')).__name__)
        headers = {
            "X-MessageMedia-Signature": "AAAA", "X-MessageMedia-Key-Id": "k",
            "X-MessageMedia-Digest-Type": "SHA256", "Date": "Wed, 29 Nov 2017 13:59:00 GMT",
        }
        for attempt in (
            lambda: verify_callback("POST", "/", headers, b"{}", keys={"k": "MIIB"}),
            lambda: CallbackASGIApp(print, keys={"k": "MIIB"}),
        ):
            try:
                attempt()
            except ConfigurationError as error:
                print(error)
        """
    )
    lines = out.splitlines()
    assert lines[0] == "OptOutEvent"
    assert len(lines) == 3
    for line in lines[1:]:
        assert "pip install 'messagemedia-messages[webhooks]'" in line


def _runtime_imports(node: ast.AST) -> Iterator[str]:
    """Modules imported by code that runs (``if TYPE_CHECKING:`` blocks left out)."""
    if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
        yield from (name for child in node.orelse for name in _runtime_imports(child))
        return
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        yield node.module
    for child in ast.iter_child_nodes(node):
        yield from _runtime_imports(child)


def test_only_callback_crypto_imports_cryptography() -> None:
    root = Path(__file__).resolve().parent.parent
    files = [
        *sorted((root / "messagemedia_runtime").glob("*.py")),
        root / "generated/messagemedia_messages/callbacks.py",
    ]
    importers = {
        path.name
        for path in files
        if any(name.split(".")[0] == "cryptography" for name in _runtime_imports(ast.parse(path.read_text())))
    }
    assert importers == {"callback_crypto.py"}
