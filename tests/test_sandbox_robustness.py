"""Malformed input gets a 4xx, never a 5xx: the property a schemathesis run relies on."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sandbox_helpers import Api, basic_header, hmac_headers, running_sandbox, sms

pytestmark = pytest.mark.sandbox


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    with running_sandbox(tmp_path_factory.mktemp("robust"), max_body_bytes=64 * 1024) as sandbox:
        client = Api(sandbox.base_url)
        yield client
        client.close()


def raw_exchange(base_url: str, data: bytes) -> bytes:
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"\xff\xfe",
        b"NaN",
        b'{"messages": [' * 5000,
        b"null",
        b"42",
        b'"text"',
        b'{"messages": "nope"}',
        b'{"messages": [null]}',
        b'{"messages": [{"content": 1, "destination_number": []}]}',
        b'{"messages": [{"content": "x", "destination_number": "+61491570156", "scheduled": "2026-13-45"}]}',
        b'{"messages":[{"content":"x","destination_number":"+61491570156","scheduled":"9999-12-31T23:59:60Z"}]}',
    ],
)
def test_bad_send_bodies_are_400(api: Api, raw: bytes) -> None:
    response = api.request("POST", "/v1/messages", raw=raw)
    assert response.status_code == 400, response.text
    assert response.json()["message"]


@pytest.mark.parametrize(
    ("path", "raw"),
    [
        ("/v1/replies/confirmed", b'{"reply_ids": "x"}'),
        ("/v1/delivery_reports/confirmed", b"[]"),
        ("/v1/messages/877c19ef-fa2e-4cec-827a-e1df9b5509f7", b'{"status": null}'),
    ],
)
def test_bad_bodies_elsewhere_are_400(api: Api, path: str, raw: bytes) -> None:
    method = "PUT" if path.startswith("/v1/messages/") else "POST"
    assert api.request(method, path, raw=raw).status_code == 400


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59.999999-01:00",
        "0101-09-21T13:35:25.0Z",
        "2030-01-01t00:00:00z",
    ],
)
def test_extreme_but_valid_dates_are_accepted_and_shown_in_utc(api: Api, moment: str) -> None:
    (sent,) = api.send(sms(scheduled=moment, message_expiry_timestamp=moment))
    assert sent["scheduled"].endswith("Z") and len(sent["scheduled"]) == 24
    assert api.get(f"/v1/messages/{sent['message_id']}").status_code == 200


def test_missing_body_is_400(api: Api) -> None:
    assert api.request("POST", "/v1/messages", raw=b"").status_code == 400


def test_wrong_content_type_is_400(api: Api) -> None:
    body = json.dumps({"messages": [sms()]}).encode()
    headers = {**hmac_headers("POST", "/v1/messages", body), "Content-Type": "text/plain"}
    response = api.http.post("/v1/messages", content=body, headers=headers)
    assert response.status_code == 400


def test_huge_body_is_400(api: Api) -> None:
    body = b'{"messages": [{"content": "' + b"x" * 100_000 + b'"}]}'
    response = api.http.post("/v1/messages", content=body, headers=basic_header())
    assert response.status_code == 400
    assert "too large" in response.json()["message"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 404),
        ("GET", "/v2/messages", 404),
        ("GET", "/v1/messages/", 404),
        ("GET", "/v1/messages/a/b", 404),
        ("GET", "/sandbox/nothing", 404),
        ("DELETE", "/v1/messages", 405),
        ("GET", "/v1/messages", 405),
        ("PATCH", "/v1/messages/877c19ef-fa2e-4cec-827a-e1df9b5509f7", 405),
        ("POST", "/v1/messaging/credits", 405),
        ("OPTIONS", "/v1/replies", 405),
        ("BREW", "/v1/replies", 405),
        ("PUT", "/sandbox/replies", 405),
    ],
)
def test_unknown_paths_and_methods(api: Api, method: str, path: str, status: int) -> None:
    response = api.http.request(method, path, headers=basic_header())
    assert response.status_code == status
    assert response.json()["message"]
    if status == 405:
        assert response.headers["allow"]


def test_head_gets_405_without_body(api: Api) -> None:
    response = api.http.head("/v1/replies", headers=basic_header())
    assert response.status_code == 405 and response.content == b""


def test_percent_encoded_message_id(api: Api) -> None:
    assert api.request("GET", "/v1/messages/%00%ff").status_code == 404


def test_overlong_account_header_is_400(api: Api) -> None:
    headers = {**basic_header(), "Account": "a" * 101}
    assert api.http.get("/v1/replies", headers=headers).status_code == 400


def test_invalid_content_length(api: Api) -> None:
    reply = raw_exchange(
        api.base_url, b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"
    )
    assert status_of(reply) == 400


def test_garbage_request_line(api: Api) -> None:
    reply = raw_exchange(api.base_url, b"NOT A VALID REQUEST HTTP/1.1\r\n\r\n")
    assert 400 <= status_of(reply) < 500
    assert b'"message"' in reply


def test_chunked_body_is_read(api: Api) -> None:
    body = json.dumps({"messages": [sms()]}).encode()
    auth = basic_header()["Authorization"]
    request = (
        f"POST /v1/messages HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    ).encode()
    request += f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    assert status_of(raw_exchange(api.base_url, request)) == 202


def test_malformed_chunks_are_400(api: Api) -> None:
    request = b"POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
    assert status_of(raw_exchange(api.base_url, request)) == 400


def test_keep_alive_connection_serves_many_requests(api: Api) -> None:
    with httpx.Client(base_url=api.base_url) as http:
        for _ in range(5):
            assert http.get("/v1/replies", headers=basic_header()).status_code == 200


def test_admin_endpoints_refuse_other_hosts(tmp_path: Path) -> None:
    from messagemedia_sandbox.routes import _is_loopback

    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("::ffff:127.0.0.1")
    assert not _is_loopback("192.0.2.1") and not _is_loopback("not-an-ip")
