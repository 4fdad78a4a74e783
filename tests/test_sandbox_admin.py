"""Who may use the /sandbox/ admin endpoints: a loopback peer, or anyone with the sandbox's own
credentials (Basic or HMAC, checked by the sandbox's verifier). Tests talk only to loopback, so a
peer elsewhere is played by giving `routes.Api` the address it would see."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_helpers import basic_header, hmac_headers

from messagemedia_sandbox.config import SandboxConfig
from messagemedia_sandbox.routes import Api, Incoming
from messagemedia_sandbox.store import Store

ELSEWHERE = "192.0.2.10"


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    store = Store(tmp_path / "admin.sqlite3", 100)
    yield Api(SandboxConfig(data=tmp_path / "admin.sqlite3"), store, lambda: None)
    store.close()


def ask(
    api: Api, method: str, path: str, headers: dict[str, str], body: bytes = b"", peer: str = ELSEWHERE
) -> int:
    response = api.handle(Incoming(method=method, target=path, headers=headers, body=body, client_host=peer))
    return response.status


def test_a_loopback_peer_needs_no_credentials(api: Api) -> None:
    for peer in ("127.0.0.1", "::1", "::ffff:127.0.0.1"):
        assert ask(api, "GET", "/sandbox/health", {}, peer=peer) == 200


def test_a_peer_elsewhere_without_credentials_gets_403_naming_both_ways_in(api: Api) -> None:
    response = api.handle(Incoming("GET", "/sandbox/health", {}, b"", ELSEWHERE))
    assert response.status == 403
    assert "loopback" in response.body["message"] and "Basic or HMAC" in response.body["message"]


def test_a_peer_elsewhere_with_basic_credentials_is_answered(api: Api) -> None:
    assert ask(api, "GET", "/sandbox/callbacks", basic_header()) == 200
    body = json.dumps({"number": "+61400000009", "outcome": "fail"}).encode()
    headers = {**basic_header(), "Content-Type": "application/json"}
    assert ask(api, "POST", "/sandbox/destinations", headers, body) == 200


@pytest.mark.parametrize("algorithm", ["hmac-sha1", "hmac-sha256"])
def test_a_peer_elsewhere_with_an_hmac_signature_is_answered(api: Api, algorithm: str) -> None:
    body = json.dumps({"number": "+61400000008", "outcome": "reject"}).encode()
    headers = {**hmac_headers("POST", "/sandbox/destinations", body, algorithm=algorithm)}
    headers["Content-Type"] = "application/json"
    assert ask(api, "POST", "/sandbox/destinations", headers, body) == 200


@pytest.mark.parametrize(
    "headers",
    [
        basic_header(secret="wrong"),
        basic_header(key="someone-else"),
        {"Authorization": "Bearer abc"},
        hmac_headers("GET", "/sandbox/other-path", b""),  # signed for another request
    ],
)
def test_a_peer_elsewhere_with_bad_credentials_gets_401(api: Api, headers: dict[str, str]) -> None:
    assert ask(api, "GET", "/sandbox/health", headers) == 401
