"""`messagemedia listen`: a receiver that verifies signed callbacks and prints each event.

The callbacks come from the sandbox, which signs them with its own code, or are signed here by
hand with `cryptography` (tests/callback_helpers.py): never by the runtime's signer, so that the
receiver's verifier is checked against another implementation.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import threading
import uuid
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path
from typing import IO, Any

import httpx
import pytest
from callback_helpers import KEY_ID, PUBLIC_PEM, SignCase, headers_for, independent_sign
from cli_helpers import CLI, Cli, json_lines, process_env, sandbox_cli
from cryptography.hazmat.primitives.asymmetric import rsa
from sandbox_helpers import DEST, Api, wait_until


class Listener:
    """`messagemedia [--json] listen ARGS` as a real process; its output read as it comes."""

    def __init__(self, *args: str, json_output: bool = True, cwd: Path | None = None) -> None:
        command = [*CLI, *(["--json"] if json_output else []), "listen", "--port", "0", *args]
        self.process = subprocess.Popen(
            command, env=process_env(None), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, sink in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=self._read, args=(stream, sink), daemon=True).start()
        found = wait_until(lambda: re.search(r"listening on (http://\S+)/ ", "".join(self.err)), timeout=30)
        self.url = found.group(1)

    @staticmethod
    def _read(stream: IO[str] | None, sink: list[str]) -> None:
        assert stream is not None
        sink.extend(stream)

    def events(self) -> list[dict[str, Any]]:
        return json_lines("".join(self.out))

    def stop(self) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=30)
        return self.process.returncode, "".join(self.err)


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[Listener]:
    key_file = tmp_path / "test-key.pem"
    key_file.write_bytes(PUBLIC_PEM)
    running = Listener("--key-file", f"{KEY_ID}={key_file}")
    yield running
    running.stop()


def signed_post(
    url: str, body: bytes, *, path: str = "/cb", date: str | None = None, **overrides: str
) -> int:
    case = SignCase("SHA256", "POST", path, date or formatdate(usegmt=True), body)
    headers = {**headers_for(case, independent_sign(case)), "Content-Type": "application/json", **overrides}
    return httpx.post(url + path, content=body, headers=headers, timeout=10).status_code


REPORT = {
    "delivery_report_id": "0f4c3e4a-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
    "message_id": "3fa56f3c-1d6a-4b1e-9f0e-6f2b8f4c1a10",
    "source_number": DEST,
    "date_received": "2026-11-25T10:00:01Z",
    "status": "delivered",
    "error_code": "220",
    "metadata": {"booking": "A-1042"},
}


def test_a_whole_cycle_from_the_sandbox_is_verified_and_printed(tmp_path: Path) -> None:
    with sandbox_cli(tmp_path) as (sandbox, cli):
        monkey_cwd = tmp_path / "keys"
        monkey_cwd.mkdir()
        key = cli.one("keys", "create", "--out", str(monkey_cwd / "signing.pem"))
        cli.ok("keys", "enable", key["key_id"])
        # The file name `keys create` chooses holds the key ID, so --key-file needs nothing else.
        named = monkey_cwd / f"messagemedia-key-{key['key_id']}.pem"
        (monkey_cwd / "signing.pem").rename(named)
        listening = Listener("--key-file", str(named))
        try:
            sent = cli.one(
                "send", "--delivery-report", "--callback-url", f"{listening.url}/cb", DEST, "Table for 2?"
            )
            wait_until(lambda: any(e.get("status") == "delivered" for e in listening.events()), timeout=30)
            api = Api(sandbox.base_url)
            reply = api.post("/sandbox/replies", {"message_id": sent["message_id"], "content": "Yes please"})
            assert reply.status_code == 201, reply.text
            api.close()
            wait_until(lambda: any(e["event"] == "received_sms" for e in listening.events()), timeout=30)
        finally:
            code, stderr = listening.stop()
        assert code == 0 and "stopped" in stderr
        assert f"verifying with 1 key(s): {key['key_id']}" in stderr
        events = listening.events()
        reports = [e for e in events if e["event"] == "delivery_report"]
        assert {e["message_id"] for e in reports} == {sent["message_id"]}
        assert [e["status"] for e in reports][-1] == "delivered"
        (answer,) = [e for e in events if e["event"] == "received_sms"]
        assert answer["content"] == "Yes please" and answer["message_id"] == sent["message_id"]
        assert "refused" not in stderr
        # Every callback the sandbox made was answered 2XX: verified and handled.
        log = httpx.get(f"{sandbox.base_url}/sandbox/callbacks", timeout=10).json()["callbacks"]
        ours = [entry for entry in log if str(entry.get("url", "")).startswith(listening.url)]
        assert ours and {entry["state"] for entry in ours} == {"delivered"}
        assert len(ours) == len(events)


def test_signed_callbacks_are_printed_once_and_forged_ones_refused(listener: Listener) -> None:
    body = json.dumps(REPORT).encode()
    assert signed_post(listener.url, body) == 204
    assert signed_post(listener.url, body) == 204  # the API delivering it again
    wait_until(lambda: "delivered again" in "".join(listener.err), timeout=30)
    (event,) = listener.events()
    assert event["event"] == "delivery_report" and event["delivery_report_id"] == REPORT["delivery_report_id"]
    assert event["metadata"] == {"booking": "A-1042"}

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    case = SignCase("SHA256", "POST", "/cb", formatdate(usegmt=True), body)
    forged = {**headers_for(case, independent_sign(case, other)), "Content-Type": "application/json"}
    assert httpx.post(listener.url + "/cb", content=body, headers=forged, timeout=10).status_code == 401
    assert httpx.post(listener.url + "/cb", content=body, timeout=10).status_code == 401  # unsigned
    tampered = json.dumps({**REPORT, "status": "failed"}).encode()
    assert httpx.post(listener.url + "/cb", content=tampered, headers=forged | headers_for(
        case, independent_sign(case)), timeout=10).status_code == 401  # fmt: skip
    unknown_key = signed_post(listener.url, body, **{"X-MessageMedia-Key-Id": str(uuid.uuid4())})
    assert unknown_key == 401
    wait_until(lambda: "".join(listener.err).count("callback refused (401)") >= 4, timeout=30)
    assert len(listener.events()) == 1  # nothing refused was printed


def test_a_body_that_is_no_event_gets_400(listener: Listener) -> None:
    assert signed_post(listener.url, b'{"hello": "world"}') == 400
    assert signed_post(listener.url, b"not json") == 400
    wait_until(lambda: "".join(listener.err).count("callback refused (400)") == 2, timeout=30)
    assert listener.events() == []


def test_lines_for_people_without_json(tmp_path: Path) -> None:
    key_file = tmp_path / "k.pem"
    key_file.write_bytes(PUBLIC_PEM)
    listening = Listener("--key-file", f"{KEY_ID}={key_file}", json_output=False)
    try:
        assert signed_post(listening.url, json.dumps(REPORT).encode()) == 204
        wait_until(lambda: listening.out, timeout=30)
    finally:
        code, _ = listening.stop()
    assert code == 0
    (line,) = "".join(listening.out).splitlines()
    assert line.startswith("delivery_report  delivery_report_id=0f4c3e4a")
    assert "status=delivered" in line and "metadata=booking=A-1042" in line


def test_no_verify_accepts_unsigned_callbacks() -> None:
    listening = Listener("--no-verify")
    try:
        assert "NOT verifying signatures" in "".join(listening.err)
        response = httpx.post(listening.url + "/cb", json={**REPORT, "status": "enroute"}, timeout=10)
        assert response.status_code == 204
        wait_until(listening.events, timeout=30)
    finally:
        listening.stop()
    assert listening.events()[0]["status"] == "enroute"


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        ([], "--key-file for each key"),
        (["--key-file", "k.pem", "--no-verify"], "do not go together"),
        (["--key-file", "callbacks.pem"], "give the key's ID"),
        (["--key-file", f"{KEY_ID}=missing.pem"], "cannot read"),
    ],
)
def test_listen_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], complaint: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "callbacks.pem").write_bytes(PUBLIC_PEM)
    result = Cli(None)("listen", *args)
    assert result.exit_code == 2 and complaint in result.stderr


def test_a_key_file_that_is_no_key_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n", encoding="ascii")
    result = Cli(None)("listen", "--key-file", f"{KEY_ID}={bad}")
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1


def test_a_port_in_use_is_one_line(listener: Listener) -> None:
    port = listener.url.rsplit(":", 1)[1]
    result = Cli(None)("listen", "--no-verify", "--port", port)
    assert result.exit_code == 1 and "cannot listen" in result.stderr
