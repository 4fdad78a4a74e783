"""Authentication: Basic and HMAC accepted; each kind of failure a 401 that says which."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandbox_helpers import DEST, assert_conforms, basic_header, hmac_headers, imf_date, running_sandbox

from messagemedia_messages import create_client
from messagemedia_messages.api.messages import get_message_status, send_messages
from messagemedia_messages.models import Message, SendMessagesRequest
from messagemedia_sandbox import auth

pytestmark = pytest.mark.sandbox

SEND = json.dumps({"messages": [{"content": "hi", "destination_number": DEST}]}).encode()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_sandbox(tmp_path_factory.mktemp("auth")) as sandbox:
        yield sandbox.base_url


def call(base_url: str, method: str, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    response = httpx.request(method, base_url + path, content=body, headers=headers, timeout=10)
    assert_conforms(method, path, response)
    return response


def expect_401(response: httpx.Response, reason: str) -> None:
    assert response.status_code == 401, response.text
    assert reason.lower() in response.json()["message"].lower()


@pytest.mark.parametrize("algorithm", ["hmac-sha1", "hmac-sha256"])
def test_hmac_accepted_for_get_post_and_put(base_url: str, algorithm: str) -> None:
    sent = call(
        base_url,
        "POST",
        "/v1/messages",
        SEND,
        hmac_headers("POST", "/v1/messages", SEND, algorithm=algorithm),
    )
    assert sent.status_code == 202
    message_id = sent.json()["messages"][0]["message_id"]
    path = f"/v1/messages/{message_id}"
    assert (
        call(base_url, "GET", path, b"", hmac_headers("GET", path, b"", algorithm=algorithm)).status_code
        == 200
    )
    cancel = b'{"status":"cancelled"}'
    # The message is not scheduled, so a correctly signed PUT gets past auth and meets the 400.
    put = call(base_url, "PUT", path, cancel, hmac_headers("PUT", path, cancel, algorithm=algorithm))
    assert put.status_code == 400


def test_query_string_is_part_of_the_request_line(base_url: str) -> None:
    target = "/v1/replies?page=1"
    assert call(base_url, "GET", target, b"", hmac_headers("GET", target, b"")).status_code == 200
    signed_without_query = hmac_headers("GET", "/v1/replies", b"")
    expect_401(call(base_url, "GET", target, b"", signed_without_query), "bad signature")


def test_basic_accepted(base_url: str) -> None:
    assert call(base_url, "GET", "/v1/replies", b"", basic_header()).status_code == 200


def test_basic_wrong_secret(base_url: str) -> None:
    expect_401(call(base_url, "GET", "/v1/replies", b"", basic_header(secret="nope")), "wrong API secret")


def test_basic_unknown_key(base_url: str) -> None:
    expect_401(call(base_url, "GET", "/v1/replies", b"", basic_header(key="who")), "unknown API key")


def test_basic_malformed(base_url: str) -> None:
    expect_401(call(base_url, "GET", "/v1/replies", b"", {"Authorization": "Basic !!!"}), "malformed")


@pytest.mark.parametrize("value", ["Basic \u00fc\u00fc", 'hmac username="\u00fc"', "Basic " + "A" * 5000])
def test_odd_authorization_values(base_url: str, value: str) -> None:
    response = httpx.get(base_url + "/v1/replies", headers={b"Authorization": value.encode("utf-8")})
    assert response.status_code == 401
    assert response.json()["message"]


@pytest.mark.parametrize(
    "date", ["yesterday", "Wed, 25 Nov 99999 12:00:00 GMT", "Mon, 01 Jan 0001 00:00:00 +0100"]
)
def test_unparseable_dates(base_url: str, date: str) -> None:
    headers = hmac_headers("GET", "/v1/replies", b"", date=date)
    assert call(base_url, "GET", "/v1/replies", b"", headers).status_code == 401


def test_missing_authorization(base_url: str) -> None:
    expect_401(call(base_url, "GET", "/v1/replies", b"", {}), "missing authorization")


def test_unknown_scheme(base_url: str) -> None:
    expect_401(call(base_url, "GET", "/v1/replies", b"", {"Authorization": "Bearer x"}), "unsupported")


def test_hmac_unknown_key(base_url: str) -> None:
    headers = hmac_headers("GET", "/v1/replies", b"", key="stranger")
    expect_401(call(base_url, "GET", "/v1/replies", b"", headers), "unknown API key")


def test_hmac_bad_signature(base_url: str) -> None:
    headers = hmac_headers("GET", "/v1/replies", b"", secret="not-the-secret")
    expect_401(call(base_url, "GET", "/v1/replies", b"", headers), "bad signature")


def test_hmac_signed_with_wrong_method(base_url: str) -> None:
    # The official SDKs' defect: a PUT signed as POST must not pass.
    path = "/v1/messages/877c19ef-fa2e-4cec-827a-e1df9b5509f7"
    body = b'{"status":"cancelled"}'
    expect_401(call(base_url, "PUT", path, body, hmac_headers("POST", path, body)), "bad signature")


def test_hmac_body_md5_mismatch(base_url: str) -> None:
    headers = hmac_headers("POST", "/v1/messages", SEND)
    tampered = SEND.replace(b"hi", b"ho")
    expect_401(call(base_url, "POST", "/v1/messages", tampered, headers), "body MD5 mismatch")


def test_hmac_body_not_covered(base_url: str) -> None:
    headers = hmac_headers("POST", "/v1/messages", b"")
    expect_401(call(base_url, "POST", "/v1/messages", SEND, headers), "x-content-md5")


def test_hmac_stale_date(base_url: str) -> None:
    headers = hmac_headers("GET", "/v1/replies", b"", date=imf_date(time.time() - 301))
    expect_401(call(base_url, "GET", "/v1/replies", b"", headers), "stale date")


def test_hmac_date_in_the_future(base_url: str) -> None:
    headers = hmac_headers("GET", "/v1/replies", b"", date=imf_date(time.time() + 400))
    expect_401(call(base_url, "GET", "/v1/replies", b"", headers), "stale date")


def test_hmac_date_within_skew(base_url: str) -> None:
    headers = hmac_headers("GET", "/v1/replies", b"", date=imf_date(time.time() - 200))
    assert call(base_url, "GET", "/v1/replies", b"", headers).status_code == 200


def test_hmac_missing_date_header(base_url: str) -> None:
    headers = hmac_headers("GET", "/v1/replies", b"")
    del headers["date"]
    expect_401(call(base_url, "GET", "/v1/replies", b"", headers), "missing header 'date'")


def test_hmac_missing_md5_header(base_url: str) -> None:
    headers = hmac_headers("POST", "/v1/messages", SEND)
    del headers["x-content-md5"]
    expect_401(call(base_url, "POST", "/v1/messages", SEND, headers), "missing header 'x-content-md5'")


def test_hmac_unsupported_algorithm(base_url: str) -> None:
    headers = hmac_headers("GET", "/v1/replies", b"")
    headers["Authorization"] = headers["Authorization"].replace("hmac-sha1", "hmac-md5")
    expect_401(call(base_url, "GET", "/v1/replies", b"", headers), "unsupported algorithm")


def test_hmac_malformed_header(base_url: str) -> None:
    expect_401(call(base_url, "GET", "/v1/replies", b"", {"Authorization": "hmac nonsense"}), "malformed")


def test_hmac_must_sign_date_and_request_line(base_url: str) -> None:
    headers = hmac_headers("GET", "/v1/replies", b"")
    headers["Authorization"] = headers["Authorization"].replace(
        'headers="date request-line"', 'headers="date"'
    )
    expect_401(call(base_url, "GET", "/v1/replies", b"", headers), "request-line")


def test_content_md5_variant_of_the_published_docs(base_url: str) -> None:
    headers = hmac_headers("POST", "/v1/messages", SEND, algorithm="hmac-sha256", md5_header="content-md5")
    assert call(base_url, "POST", "/v1/messages", SEND, headers).status_code == 202


# How each known signer lists and spells the headers (facts: two-way-api-facts.md, section 3).
SIGNER_STYLES: dict[str, dict[str, Any]] = {
    "docs: Date Content-MD5, hmac-sha256": {
        "algorithm": "hmac-sha256",
        "date_header": "Date",
        "md5_header": "Content-MD5",
    },
    "docs: base64 Content-MD5 (RFC 1864)": {
        "algorithm": "hmac-sha256",
        "date_header": "Date",
        "md5_header": "Content-MD5",
        "md5_encoding": "base64",
    },
    "official Python SDK: date x-Content-MD5": {"md5_header": "x-Content-MD5"},
    "official C# SDK: upper-case hex": {"md5_header": "x-Content-MD5", "md5_encoding": "HEX"},
    "PHP SDK: date x-content-md5": {"md5_header": "x-content-md5"},
    "old REST page: date content-md5": {"md5_header": "content-md5"},
    "listed in another case than sent on the wire": {
        "md5_header": "x-content-md5",
        "list_as": {"date": "DATE", "x-content-md5": "X-Content-Md5"},
    },
}


@pytest.mark.parametrize("style", list(SIGNER_STYLES), ids=list(SIGNER_STYLES))
def test_every_signer_style_verifies(base_url: str, style: str) -> None:
    options = SIGNER_STYLES[style]
    sent = call(base_url, "POST", "/v1/messages", SEND, hmac_headers("POST", "/v1/messages", SEND, **options))
    assert sent.status_code == 202, sent.text
    path = f"/v1/messages/{sent.json()['messages'][0]['message_id']}"
    assert call(base_url, "GET", path, b"", hmac_headers("GET", path, b"", **options)).status_code == 200
    cancel = b'{"status":"cancelled"}'
    # Past authentication: the message is not scheduled, so the cancel meets the 400.
    put = call(base_url, "PUT", path, cancel, hmac_headers("PUT", path, cancel, **options))
    assert put.status_code == 400, put.text


@pytest.mark.parametrize("algorithm", ["hmac-sha1", "hmac-sha256"])
def test_our_signer_verifies(base_url: str, algorithm: str) -> None:
    with create_client("sandbox-key", "sandbox-secret", base_url=base_url, algorithm=algorithm) as client:
        body = SendMessagesRequest(messages=[Message(content="hi", destination_number=DEST)])
        sent = send_messages.sync(client=client, body=body).messages[0]
        assert get_message_status.sync(sent.message_id, client=client).message_id == sent.message_id


@pytest.mark.parametrize(
    ("md5_header", "list_as", "sign_as"),
    [
        ("x-Content-MD5", {}, {"x-Content-MD5": "x-content-md5"}),
        ("x-content-md5", {}, {"x-content-md5": "x-Content-MD5"}),
        ("Content-MD5", {"date": "Date"}, {"date": "date", "Content-MD5": "content-md5"}),
        ("content-md5", {}, {"date": "Date"}),
    ],
)
def test_a_name_signed_in_another_case_than_listed_fails(
    base_url: str, md5_header: str, list_as: dict[str, str], sign_as: dict[str, str]
) -> None:
    headers = hmac_headers(
        "POST", "/v1/messages", SEND, md5_header=md5_header, list_as=list_as, sign_as=sign_as
    )
    expect_401(call(base_url, "POST", "/v1/messages", SEND, headers), "bad signature")


def test_signing_string_keeps_each_name_as_listed() -> None:
    date, md5, x_md5 = "Wed, 25 Nov 2026 12:00:00 GMT", "bWQ1IG9mIHRoZSBib2R5Lg==", "0a1b2c"
    request = auth.Request(
        "POST", "/v1/messages?x=1", {"DATE": date, "content-md5": md5, "X-Content-Md5": x_md5}, b"{}"
    )
    assert auth.signing_string(request, ["Date", "Content-MD5", "request-line"]) == (
        f"Date: {date}\nContent-MD5: {md5}\nPOST /v1/messages?x=1 HTTP/1.1"
    )
    assert auth.signing_string(request, ["date", "x-Content-MD5", "request-line"]) == (
        f"date: {date}\nx-Content-MD5: {x_md5}\nPOST /v1/messages?x=1 HTTP/1.1"
    )


@pytest.mark.parametrize(
    ("method", "target", "body", "signature"),
    [
        (
            "POST",
            "/v1/messages",
            b'{"messages":[{"content":"My first message","destination_number":"+61491570156"}]}',
            "uNMufD4M8emadnDaZ1vSCwy8fjc=",
        ),
        ("GET", "/v1/messages/877c19ef-fa2e-4cec-827a-e1df9b5509f7", b"", "lbb971fnrwKSo37xzf7mB/u5sR8="),
        (
            "PUT",
            "/v1/messages/877c19ef-fa2e-4cec-827a-e1df9b5509f7",
            b'{"status":"cancelled"}',
            "EgKRhcpMD7PjYIqeGpPFNerJiPg=",
        ),
    ],
)
def test_published_vectors(method: str, target: str, body: bytes, signature: str) -> None:
    date = "Wed, 25 Nov 2026 12:00:00 GMT"
    headers = hmac_headers(method, target, body, key="API_KEY", secret="API_SECRET", date=date)
    assert headers["Authorization"].endswith(f'signature="{signature}"')
    request = auth.Request(method, target, headers, body)
    now = parsedate_to_datetime(date).timestamp()
    assert auth.authenticate(request, {"API_KEY": "API_SECRET"}, now, 300) == "API_KEY"


def test_basic_unit_rejects_missing_colon() -> None:
    token = base64.b64encode(b"just-a-key").decode()
    with pytest.raises(auth.AuthError, match="':'"):
        auth.authenticate(
            auth.Request("GET", "/", {"Authorization": f"Basic {token}"}, b""), {"k": "s"}, 0, 300
        )


def test_auth_is_checked_before_validation(base_url: str, tmp_path: Path) -> None:
    # An unauthenticated caller learns nothing about the body's problems.
    response = call(base_url, "POST", "/v1/messages", b"{not json", {})
    assert response.status_code == 401


def test_a_refusal_never_quotes_what_may_be_the_secret(base_url: str) -> None:
    secret = "sandbox-secret"
    raw = call(base_url, "GET", "/v1/replies", b"", {"Authorization": secret})
    swapped = "Basic " + base64.b64encode(f"{secret}:".encode()).decode()
    as_key = call(base_url, "GET", "/v1/replies", b"", {"Authorization": swapped})
    for response in (raw, as_key):
        assert response.status_code == 401 and secret not in response.text
