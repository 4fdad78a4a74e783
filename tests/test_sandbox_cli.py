"""The `messagemedia-sandbox` command as a new user meets it: --help, --version, what it prints
when it starts, and the `reply` / `destination` commands finding the sandbox from the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from sandbox_helpers import Api, sms, wait_until

from messagemedia_messages import create_client
from messagemedia_messages.api.messages import check_credits_remaining
from messagemedia_sandbox import SandboxProcess
from messagemedia_sandbox.cli import main

CLI = [sys.executable, "-m", "messagemedia_sandbox"]
_URL_VARIABLES = ("MESSAGEMEDIA_SANDBOX_URL", "MESSAGEMEDIA_BASE_URL")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=60, check=False, env=env or dict(os.environ)
    )


def clean_env(**variables: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in _URL_VARIABLES and not k.startswith("MESSAGEMEDIA_API")
    }
    return {**env, **variables}


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_shows_the_servers_options_and_the_other_commands(
    flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main([flag])
    assert done.value.code == 0
    text = capsys.readouterr().out
    for option in (
        "--port",
        "--data",
        "--speed",
        "--key",
        "--secret",
        "--allow-external-callbacks",
        "--version",
    ):
        assert option in text
    assert "messagemedia-sandbox reply" in text and "messagemedia-sandbox destination" in text
    flat = " ".join(text.split())
    # What the admin endpoints accept, and where callbacks may go, are said where users look.
    assert "loopback peer, or for a request made with the sandbox's API key and secret (Basic or HMAC" in flat
    assert "only loopback and private addresses are called" in flat
    assert "Never called, whatever the flags: the sandbox itself" in flat


@pytest.mark.parametrize("args", [["--version"], ["serve", "--version"]])
def test_version_is_the_distributions(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == 0
    assert (
        capsys.readouterr().out.strip() == f"messagemedia-sandbox {metadata.version('messagemedia-messages')}"
    )


def test_version_from_the_installed_command() -> None:
    done = run_cli("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["messagemedia-sandbox", metadata.version("messagemedia-messages")]


def test_startup_prints_the_credentials_and_a_working_export_line(tmp_path: Path) -> None:
    secret = "s3cr3t with 'quotes' & spaces"
    with SandboxProcess(tmp_path / "cli.sqlite3", speed=50, key="cli-key", secret=secret) as sandbox:
        export = wait_until(lambda: [line for line in sandbox.output if line.startswith("export ")])[0]
        printed = "\n".join(sandbox.output)
        assert f"listening on {sandbox.base_url}" in sandbox.output[0]
        assert "cli-key" in printed and secret in printed
        # Pasted into a shell, the line sets exactly what create_client() reads.
        shell = subprocess.run(
            ["bash", "-c", export + '\nprintf "%s\\n" "$MESSAGEMEDIA_API_KEY" "$MESSAGEMEDIA_API_SECRET" '
             '"$MESSAGEMEDIA_BASE_URL"'],
            capture_output=True, text=True, timeout=30, check=True, env=clean_env(),
        )  # fmt: skip
        key, pasted_secret, base_url = shell.stdout.splitlines()
        assert (key, pasted_secret, base_url) == ("cli-key", secret, sandbox.base_url)
        with create_client(key, pasted_secret, base_url=base_url) as client:
            assert check_credits_remaining.sync(client=client).to_dict()["credits"] == 10_000


def test_a_secret_from_the_environment_is_used_but_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = "the-accounts-real-secret-7f3a"
    monkeypatch.setenv("MESSAGEMEDIA_API_KEY", "real-key")
    monkeypatch.setenv("MESSAGEMEDIA_API_SECRET", real)
    # An empty --secret (a script's "$VAR" with VAR unset) leaves the environment's in use.
    with SandboxProcess(tmp_path / "env-secret.sqlite3", speed=50, secret="") as sandbox:
        export = wait_until(lambda: [line for line in sandbox.output if line.startswith("export ")])[0]
        printed = "\n".join(sandbox.output)
        assert real not in printed and "from $MESSAGEMEDIA_API_SECRET (not shown)" in printed
        assert "MESSAGEMEDIA_API_SECRET=" not in export and "MESSAGEMEDIA_API_KEY=real-key" in export
        # The sandbox took it: a client reading the same environment is let in.
        with create_client("real-key", real, base_url=sandbox.base_url) as client:
            assert check_credits_remaining.sync(client=client).to_dict()["credits"] == 10_000


def test_reply_and_destination_find_the_sandbox_through_messagemedia_base_url(tmp_path: Path) -> None:
    with SandboxProcess(tmp_path / "env.sqlite3", speed=50) as sandbox:
        api = Api(sandbox.base_url)
        (sent,) = api.send(sms())
        done = run_cli(
            "reply", sent["message_id"], "from", "env", env=clean_env(MESSAGEMEDIA_BASE_URL=sandbox.base_url)
        )
        assert done.returncode == 0, done.stderr
        assert [reply["content"] for reply in api.replies()] == ["from env"]
        done = run_cli(
            "destination", "+61400000004", "fail", env=clean_env(MESSAGEMEDIA_BASE_URL=sandbox.base_url)
        )
        assert done.returncode == 0, done.stderr
        (doomed,) = api.send(sms(destination_number="+61400000004"))
        wait_until(lambda: api.status(doomed["message_id"]) == "failed")
        # The API's documentation writes the base URL with /v1; the client takes it, so these do too.
        for written in (sandbox.base_url + "/v1", sandbox.base_url + "/v1/"):
            done = run_cli(
                "reply", sent["message_id"], written[-3:], env=clean_env(MESSAGEMEDIA_BASE_URL=written)
            )
            assert done.returncode == 0, done.stderr
        assert [reply["content"] for reply in api.replies()] == ["from env", "/v1", "v1/"]
        api.close()


def test_url_flag_beats_sandbox_url_which_beats_base_url(tmp_path: Path) -> None:
    nobody = "http://127.0.0.1:9"  # the discard port: nothing listens there
    with SandboxProcess(tmp_path / "order.sqlite3", speed=50) as sandbox:
        api = Api(sandbox.base_url)
        (sent,) = api.send(sms())
        env = clean_env(MESSAGEMEDIA_SANDBOX_URL=sandbox.base_url, MESSAGEMEDIA_BASE_URL=nobody)
        assert run_cli("reply", sent["message_id"], "one", env=env).returncode == 0
        env = clean_env(MESSAGEMEDIA_SANDBOX_URL=nobody, MESSAGEMEDIA_BASE_URL=nobody)
        assert run_cli("reply", "--url", sandbox.base_url, sent["message_id"], "two", env=env).returncode == 0
        failed = run_cli("reply", sent["message_id"], "three", env=env)
        assert failed.returncode == 1 and f"cannot reach {nobody}" in failed.stderr
        assert [reply["content"] for reply in api.replies()] == ["one", "two"]
        api.close()
