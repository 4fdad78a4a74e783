"""HmacAuth and BasicAuth as httpx auth classes, against in-process mock transports."""

from __future__ import annotations

import base64
import copy
import hashlib
import hmac
import pickle
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from hmac_auth import BasicAuth, HmacAuth

DATE = "Wed, 25 Nov 2026 12:00:00 GMT"
FIXED = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SEND_BODY = b'{"messages":[{"content":"My first message","destination_number":"+61491570156"}]}'


def _fixed_clock() -> datetime:
    return FIXED


def _capture() -> tuple[list[httpx.Request], httpx.MockTransport]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    return seen, httpx.MockTransport(handler)


def test_sync_client_sends_the_official_vector() -> None:
    seen, transport = _capture()
    auth = HmacAuth("API_KEY", "API_SECRET", clock=_fixed_clock)
    with httpx.Client(base_url="https://api.example", auth=auth, transport=transport) as client:
        client.post("/v1/messages", content=SEND_BODY)
    (request,) = seen
    assert request.headers["date"] == DATE
    assert request.headers["x-content-md5"] == "de04e43fe3ded92c5717bda5e83290a7"
    assert request.headers["authorization"].endswith('signature="uNMufD4M8emadnDaZ1vSCwy8fjc="')


async def test_async_client_signs_put_with_the_real_method() -> None:
    seen, transport = _capture()
    auth = HmacAuth("API_KEY", "API_SECRET", clock=_fixed_clock)
    async with httpx.AsyncClient(base_url="https://api.example", auth=auth, transport=transport) as client:
        await client.put(
            "/v1/messages/877c19ef-fa2e-4cec-827a-e1df9b5509f7", content=b'{"status":"cancelled"}'
        )
        await client.get("/v1/messages/877c19ef-fa2e-4cec-827a-e1df9b5509f7")
    put, get = seen
    assert put.headers["authorization"].endswith('signature="EgKRhcpMD7PjYIqeGpPFNerJiPg="')
    assert get.headers["authorization"].endswith('signature="lbb971fnrwKSo37xzf7mB/u5sR8="')
    assert "x-content-md5" not in get.headers


def test_signs_the_raw_percent_encoded_target_with_query() -> None:
    seen, transport = _capture()
    auth = HmacAuth("API_KEY", "API_SECRET", clock=_fixed_clock)
    with httpx.Client(auth=auth, transport=transport) as client:
        client.get("https://api.example/v1/replies", params={"q": "a b/ü", "n": 2})
    (request,) = seen
    target = request.url.raw_path.decode()
    assert target == "/v1/replies?q=a+b%2F%C3%BC&n=2"
    # Recomputed here from the documented scheme, not by our signer.
    lines = f"date: {DATE}\nGET {target} HTTP/1.1"
    signature = base64.b64encode(hmac.new(b"API_SECRET", lines.encode(), hashlib.sha1).digest()).decode()
    assert request.headers["authorization"] == (
        f'hmac username="API_KEY", algorithm="hmac-sha1", headers="date request-line",'
        f' signature="{signature}"'
    )


def test_signs_the_exact_bytes_of_a_json_body() -> None:
    seen, transport = _capture()
    auth = HmacAuth("API_KEY", "API_SECRET", algorithm="hmac-sha256", clock=_fixed_clock)
    with httpx.Client(auth=auth, transport=transport) as client:
        client.post("https://api.example/v1/messages", json={"messages": [{"content": "Grüße 👋"}]})
    (request,) = seen
    assert "Grüße 👋".encode() in request.content  # the bytes on the wire, UTF-8
    # Recomputed here from the documented scheme and those bytes, not by our signer.
    md5 = hashlib.md5(request.content, usedforsecurity=False).hexdigest()
    lines = f"date: {DATE}\nx-content-md5: {md5}\nPOST /v1/messages HTTP/1.1"
    signature = base64.b64encode(hmac.new(b"API_SECRET", lines.encode(), hashlib.sha256).digest()).decode()
    assert request.headers["x-content-md5"] == md5
    assert request.headers["authorization"] == (
        f'hmac username="API_KEY", algorithm="hmac-sha256", headers="date x-content-md5 request-line",'
        f' signature="{signature}"'
    )


def test_streamed_body_is_read_before_signing() -> None:
    seen, transport = _capture()
    auth = HmacAuth("API_KEY", "API_SECRET", clock=_fixed_clock)

    def chunks() -> Iterator[bytes]:
        yield SEND_BODY[:10]
        yield SEND_BODY[10:]

    with httpx.Client(auth=auth, transport=transport) as client:
        client.post("https://api.example/v1/messages", content=chunks())
    (request,) = seen
    assert request.headers["authorization"].endswith('signature="uNMufD4M8emadnDaZ1vSCwy8fjc="')


def test_every_attempt_gets_a_fresh_date() -> None:
    ticks = iter(FIXED + timedelta(seconds=n) for n in range(10))
    sent: list[list[tuple[str, str]]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(list(request.headers.items()))  # a snapshot: the Request object is reused
        return httpx.Response(200)

    auth = HmacAuth("API_KEY", "API_SECRET", clock=lambda: next(ticks))
    with httpx.Client(auth=auth, transport=httpx.MockTransport(handler)) as client:
        request = client.build_request("POST", "https://api.example/v1/messages", content=SEND_BODY)
        client.send(request)
        client.send(request)  # what a retry of the same Request does
    first, second = (httpx.Headers(items) for items in sent)
    assert first["date"] == "Wed, 25 Nov 2026 12:00:00 GMT"
    assert second.get_list("date") == ["Wed, 25 Nov 2026 12:00:01 GMT"]
    assert first["authorization"] != second["authorization"]
    assert len(second.get_list("authorization")) == 1
    assert len(second.get_list("x-content-md5")) == 1


def test_a_stale_md5_header_is_dropped_when_there_is_no_body() -> None:
    auth = HmacAuth("API_KEY", "API_SECRET", clock=_fixed_clock)
    request = httpx.Request("GET", "https://api.example/v1/replies", headers={"x-content-md5": "stale"})
    flow = auth.sync_auth_flow(request)
    signed = next(flow)
    assert "x-content-md5" not in signed.headers
    assert 'headers="date request-line"' in signed.headers["authorization"]


def test_basic_auth_header() -> None:
    seen, transport = _capture()
    with httpx.Client(auth=BasicAuth("API_KEY", "API_SECRET"), transport=transport) as client:
        client.get("https://api.example/v1/messaging/credits")
    (request,) = seen
    assert request.headers["authorization"] == "Basic " + base64.b64encode(b"API_KEY:API_SECRET").decode()


@pytest.mark.parametrize("auth", [HmacAuth("k", "s"), BasicAuth("k", "s")], ids=["hmac", "basic"])
def test_immutable_and_not_picklable(auth: httpx.Auth) -> None:
    with pytest.raises(AttributeError, match="immutable"):
        auth._api_key = "other"  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="immutable"):
        del auth._api_key  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(auth)
    assert copy.copy(auth) is auth
    assert copy.deepcopy(auth) is auth


def test_properties_and_repr() -> None:
    auth = HmacAuth("API_KEY", "API_SECRET", algorithm="hmac-sha256")
    assert (auth.api_key, auth.algorithm) == ("API_KEY", "hmac-sha256")
    assert repr(auth) == "HmacAuth(api_key='API_KEY', api_secret='***', algorithm='hmac-sha256')"
    assert repr(BasicAuth("API_KEY", "API_SECRET")) == "BasicAuth(api_key='API_KEY', api_secret='***')"
    assert HmacAuth.requires_request_body is True


@pytest.mark.parametrize(
    ("key", "secret", "error"),
    [
        ("", "s", ValueError),
        ("k", "", ValueError),
        ('k"x', "s", ValueError),
        ("k\r\nX-Evil: 1", "s", ValueError),
        ("k:x", "s", ValueError),
        (b"k", "s", TypeError),
        ("k", None, TypeError),
    ],
)
def test_invalid_credentials_are_refused(key: object, secret: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        HmacAuth(key, secret)  # type: ignore[arg-type]
    with pytest.raises(error):
        BasicAuth(key, secret)  # type: ignore[arg-type]


def test_unknown_algorithm_at_construction() -> None:
    with pytest.raises(ValueError, match="'hmac-sha1', 'hmac-sha256'"):
        HmacAuth("k", "s", algorithm="hmac-sha512")


def test_naive_clock_is_refused_at_signing_time() -> None:
    auth = HmacAuth("k", "s", clock=lambda: datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="timezone-aware"):
        next(auth.sync_auth_flow(httpx.Request("GET", "https://api.example/")))
