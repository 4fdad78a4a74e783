"""`messagemedia webhooks`, `keys` and `blacklist` against a sandbox started here: every operation,
lists that page themselves, and the public key of a new signature key saved as a PEM file that an
independent library (cryptography) reads as the same key."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Cli, json_lines, sandbox_cli
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from messagemedia_sandbox import SandboxServer


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cli]:
    server: SandboxServer
    with sandbox_cli(tmp_path_factory.mktemp("sandbox")) as (server, runner):
        assert server.base_url
        yield runner


def numbers(first: int, count: int) -> list[str]:
    return [f"+614915{n:05d}" for n in range(first, first + count)]


# -- webhooks --------------------------------------------------------------------------------------


def test_webhook_create_list_update_delete(cli: Cli, tmp_path: Path) -> None:
    template = tmp_path / "body.vm"
    template.write_text('{"from": "$sourceAddress"}', encoding="utf-8")
    created = cli.one(
        "webhooks",
        "create",
        "http://127.0.0.1:9/hooks/sms",
        "--event",
        "received_sms,DELIVERED_DR",
        "--event",
        "OPT_OUT_SMS",
        "--header",
        "X-Token=abc=def",
        "--template-file",
        str(template),
        "--retries",
        "3",
        "--retry-delay",
        "30",
        "--read-timeout",
        "5000",
    )
    assert created["url"] == "http://127.0.0.1:9/hooks/sms"
    assert created["method"] == "POST" and created["encoding"] == "JSON"
    assert created["events"] == ["RECEIVED_SMS", "DELIVERED_DR", "OPT_OUT_SMS"]
    assert created["headers"] == {"X-Token": "abc=def"}
    assert created["template"] == '{"from": "$sourceAddress"}'
    assert (created["retries"], created["retry_delay"], created["read_timeout"]) == (3, 30, 5000)
    webhook_id = created["id"]
    assert webhook_id in {hook["id"] for hook in cli.json("webhooks", "list")}

    updated = cli.one("webhooks", "update", webhook_id, "--method", "put", "--event", "FAILED_DR")
    assert updated["method"] == "PUT" and updated["events"] == ["FAILED_DR"]
    assert updated["url"] == created["url"] and updated["retries"] == 3  # what was not given is kept

    table = cli.ok("webhooks", "list").stdout
    assert webhook_id in table and "FAILED_DR" in table

    assert cli.one("webhooks", "delete", webhook_id) == {"id": webhook_id, "deleted": True}
    assert webhook_id not in {hook["id"] for hook in cli.json("webhooks", "list")}
    gone = cli("webhooks", "delete", webhook_id)
    assert gone.exit_code == 1 and "HTTP 404" in gone.stderr


def test_a_duplicate_webhook_is_one_line_and_exit_1(cli: Cli) -> None:
    args = ("webhooks", "create", "http://127.0.0.1:9/dup", "--event", "RECEIVED_SMS")
    cli.ok(*args)
    again = cli(*args)
    assert again.exit_code == 1 and "HTTP 409" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["webhooks", "create", "http://127.0.0.1:9/x"], "--event"),
        (["webhooks", "update", "00000000-0000-4000-8000-000000000000"], "at least one change"),
        (["webhooks", "create", "http://127.0.0.1:9/x", "--event", "X", "--header", "novalue"], "NAME=VALUE"),
        (["webhooks", "create", "http://127.0.0.1:9/x", "--event", "X", "--retries", "many"], "--retries"),
    ],
)
def test_webhook_usage_errors(cli: Cli, args: list[str], complaint: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2 and complaint in result.stderr


def test_an_unknown_event_is_refused_by_name(cli: Cli) -> None:
    result = cli("webhooks", "create", "http://127.0.0.1:9/x", "--event", "RECEIVED_FAX")
    assert result.exit_code == 1 and "RECEIVED_FAX" in result.stderr


def test_webhooks_list_pages_itself(cli: Cli) -> None:
    before = len(cli.json("webhooks", "list"))
    for n in range(101):  # the sandbox's pages hold 100
        cli.ok("webhooks", "create", f"http://127.0.0.1:9/many/{n}", "--event", "RECEIVED_SMS")
    listed = cli.json("webhooks", "list")
    assert len(listed) == before + 101 and len({hook["id"] for hook in listed}) == len(listed)


# -- signature keys -----------------------------------------------------------------------------------


def test_keys_create_saves_the_public_key_as_pem(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "callbacks.pem"
    created = cli.one("keys", "create", "--digest", "sha512", "--out", str(out))
    assert created["digest"] == "SHA512" and created["cipher"] == "RSA" and created["enabled"] is False
    assert created["pem_file"] == str(out)
    pem = out.read_bytes()
    lines = pem.decode("ascii").splitlines()
    assert lines[0] == "-----BEGIN PUBLIC KEY-----" and lines[-1] == "-----END PUBLIC KEY-----"
    assert all(len(line) <= 64 for line in lines[1:-1]) and all(len(line) == 64 for line in lines[1:-2])
    from_pem = serialization.load_pem_public_key(pem)
    from_answer = serialization.load_der_public_key(base64.b64decode(created["public_key"]))
    assert isinstance(from_pem, rsa.RSAPublicKey) and isinstance(from_answer, rsa.RSAPublicKey)
    assert from_pem.public_numbers() == from_answer.public_numbers()


def test_keys_create_defaults_to_a_file_named_after_the_key(
    cli: Cli, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    created = cli.one("keys", "create")
    assert created["digest"] == "SHA256"
    assert (
        (tmp_path / f"messagemedia-key-{created['key_id']}.pem")
        .read_text()
        .startswith("-----BEGIN PUBLIC KEY")
    )


def test_keys_create_refuses_an_existing_file_before_creating_a_key(cli: Cli, tmp_path: Path) -> None:
    taken = tmp_path / "taken.pem"
    taken.write_text("mine", encoding="utf-8")
    before = len(cli.json("keys", "list"))
    result = cli("keys", "create", "--out", str(taken))
    assert result.exit_code == 2 and "exists" in result.stderr
    assert taken.read_text() == "mine" and len(cli.json("keys", "list")) == before


def test_keys_list_enable_disable_delete(cli: Cli, tmp_path: Path) -> None:
    first = cli.one("keys", "create", "--out", str(tmp_path / "a.pem"))["key_id"]
    second = cli.one("keys", "create", "--out", str(tmp_path / "b.pem"))["key_id"]
    listed = {key["key_id"]: key for key in cli.json("keys", "list")}
    assert {first, second} <= set(listed) and "public_key" not in listed[first]

    assert cli.one("keys", "enable", first)["enabled"] is True
    assert cli.one("keys", "enable", second)["enabled"] is True  # one at a time
    enabled = {key["key_id"] for key in cli.json("keys", "list") if key["enabled"]}
    assert enabled == {second}
    table = cli.ok("keys", "list").stdout
    assert second in table and "true" in table

    assert cli.one("keys", "disable") == {"enabled_key": None, "disabled": True}
    assert not any(key["enabled"] for key in cli.json("keys", "list"))

    assert cli.one("keys", "delete", first) == {"key_id": first, "deleted": True}
    assert first not in {key["key_id"] for key in cli.json("keys", "list")}


# -- the blacklist --------------------------------------------------------------------------------------


def test_blacklist_add_check_list_remove(cli: Cli) -> None:
    listed_numbers = numbers(100, 2)
    added = cli.json("blacklist", "add", *listed_numbers)
    assert added == [{"number": n, "blacklisted": True} for n in listed_numbers]
    checked = cli.json("blacklist", "check", listed_numbers[0], "+61491570156")
    assert checked == [
        {"number": listed_numbers[0], "authorised": False},
        {"number": "+61491570156", "authorised": True},
    ]
    assert set(listed_numbers) <= {entry["number"] for entry in cli.json("blacklist", "list")}
    table = cli.ok("blacklist", "check", listed_numbers[1]).stdout
    assert listed_numbers[1] in table and "false" in table

    removed = cli.json("blacklist", "remove", listed_numbers[0])
    assert removed == [{"number": listed_numbers[0], "blacklisted": False}]
    assert cli.one("blacklist", "check", listed_numbers[0])["authorised"] is True
    again = cli("blacklist", "remove", listed_numbers[0])
    assert again.exit_code == 1 and "HTTP 404" in again.stderr


def test_blacklist_add_goes_ten_to_a_request_and_list_pages_itself(cli: Cli) -> None:
    many = numbers(1000, 150)  # 15 add requests; the sandbox lists 100 to a page
    cli.ok("blacklist", "add", *many)
    listed = [entry["number"] for entry in cli.json("blacklist", "list")]
    assert set(many) <= set(listed) and len(listed) == len(set(listed))


def test_blacklist_refuses_a_malformed_number_by_name(cli: Cli) -> None:
    result = cli("blacklist", "add", "0491570156")
    assert result.exit_code == 1 and "numbers[0]" in result.stderr
    assert json_lines(cli.ok("--json", "blacklist", "check", "+61491570156").stdout)[0]["authorised"] is True


def test_a_webhooks_header_values_are_masked_in_tables_and_given_in_json(cli: Cli) -> None:
    args = ("webhooks", "create", "https://hooks.example.com/masked", "--event", "RECEIVED_SMS")
    table = cli.ok(*args, "--header", "Authorization=Bearer TOKEN-51d2")
    assert "TOKEN-51d2" not in table.stdout and "Authorization" in table.stdout
    (created,) = cli.json(
        *args[:2], "https://hooks.example.com/masked-json", *args[3:], "--header", "X-Key=K-77"
    )
    assert created["headers"] == {"X-Key": "K-77"}  # a script that asked for the data gets it
