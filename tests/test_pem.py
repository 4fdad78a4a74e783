"""A signature key's public key, which the API sends once as base64 DER, also reads as PEM."""

from __future__ import annotations

import base64
import shutil
import subprocess

import pytest
from spec_tools import load_spec

from messagemedia_messages.models import CreatedSignatureKey
from messagemedia_messages.types import UNSET
from messagemedia_runtime.pem import der_base64_to_pem

EXAMPLE_PATH = ("paths", "/v1/iam/signature_keys", "post", "responses", "201", "content", "application/json")


def _example() -> dict[str, object]:
    node: object = load_spec()
    for key in EXAMPLE_PATH:
        assert isinstance(node, dict)
        node = node[key]
    assert isinstance(node, dict)
    examples = node.get("examples") or {"one": {"value": node["example"]}}
    value = next(iter(examples.values()))["value"]
    assert isinstance(value, dict)
    return value


def test_the_create_answer_offers_its_public_key_as_pem() -> None:
    created = CreatedSignatureKey.from_dict(_example())
    pem = created.public_key_pem
    assert isinstance(pem, str)
    lines = pem.splitlines()
    assert lines[0] == "-----BEGIN PUBLIC KEY-----" and lines[-1] == "-----END PUBLIC KEY-----"
    assert all(len(line) <= 64 for line in lines[1:-1])
    assert base64.b64decode("".join(lines[1:-1])) == base64.b64decode(str(created.public_key))


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_openssl_reads_the_pem(tmp_path: object) -> None:
    pem = CreatedSignatureKey.from_dict(_example()).public_key_pem
    assert isinstance(pem, str)
    done = subprocess.run(
        ["openssl", "pkey", "-pubin", "-noout", "-text"],
        input=pem,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Public-Key: (1024 bit)" in done.stdout


def test_what_is_not_base64_der_gives_unset() -> None:
    assert der_base64_to_pem("not base64!", "PUBLIC KEY") is UNSET
    assert der_base64_to_pem(12, "PUBLIC KEY") is UNSET
    assert der_base64_to_pem("", "PUBLIC KEY") is UNSET
    missing = CreatedSignatureKey.from_dict({k: v for k, v in _example().items() if k != "public_key"})
    assert missing.public_key_pem is UNSET
