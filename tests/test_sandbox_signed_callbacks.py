"""With an enabled signature key (and secure callbacks on) every callback the sandbox makes, to a
webhook or to a message's callback_url, is signed as the API signs it. The signatures are checked
here from what the receiver got on the wire, with `cryptography`'s own verify and the public key
of the create answer; the sandbox's signer is never called."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from sandbox_helpers import DEST, HttpRecorder, running_sandbox, wait_until

from messagemedia_messages import MessageMedia
from messagemedia_messages.models import SignatureKeyDigest
from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer

pytestmark = pytest.mark.sandbox
HASHES: dict[str, hashes.HashAlgorithm] = {
    "SHA224": hashes.SHA224(),
    "SHA256": hashes.SHA256(),
    "SHA512": hashes.SHA512(),
}
SIGNING_HEADERS = (
    "x-messagemedia-signature",
    "x-messagemedia-digest-type",
    "x-messagemedia-cipher-type",
    "x-messagemedia-key-id",
)


def verify(public_key_b64: str, request: dict[str, Any]) -> None:
    """Raises InvalidSignature unless the request is signed by the key: request line + Date + body."""
    public = serialization.load_der_public_key(base64.b64decode(public_key_b64))
    assert isinstance(public, rsa.RSAPublicKey)
    headers = request["headers"]
    signed = (
        f"{request['method']} {request['target']} HTTP/1.1".encode()
        + headers["date"].encode()
        + request["body"]
    )
    signature = base64.b64decode(headers["x-messagemedia-signature"], validate=True)
    public.verify(signature, signed, padding.PKCS1v15(), HASHES[headers["x-messagemedia-digest-type"]])


def tampered(request: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**request, **changes, "headers": {**request["headers"], **changes.pop("headers", {})}}


@pytest.fixture
def receiver() -> Iterator[HttpRecorder]:
    recorder = HttpRecorder()
    yield recorder
    recorder.close()


def settled(sandbox: SandboxServer, count: int) -> list[dict[str, Any]]:
    def done() -> list[dict[str, Any]] | None:
        records: list[dict[str, Any]] = httpx.get(f"{sandbox.base_url}/sandbox/callbacks").json()["callbacks"]
        return records if len(records) >= count and all(r["state"] != "pending" for r in records) else None

    return list(wait_until(done))


@pytest.mark.parametrize("digest", ["SHA224", "SHA256", "SHA512"])
def test_every_callback_of_a_send_and_reply_cycle_is_signed(
    tmp_path: Path, receiver: HttpRecorder, digest: str
) -> None:
    with running_sandbox(tmp_path) as sandbox:
        with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
            key = client.signature_keys.create(digest=SignatureKeyDigest(digest), cipher="RSA")
            client.signature_keys.enable(key_id=key.key_id)
            client.webhooks.create(
                url=receiver.url("/events?tenant=42"), method="POST", encoding="JSON",
                events=["DELIVERED_DR", "RECEIVED_SMS", "OPT_OUT_SMS"],
            )  # fmt: skip
            client.webhooks.create(
                url=receiver.url("/get?id=$moId"), method="GET", encoding="JSON", events=["RECEIVED_SMS"]
            )
            (sent,) = client.messages.send(
                messages=[
                    {
                        "content": "Hi",
                        "destination_number": DEST,
                        "delivery_report": True,
                        "callback_url": receiver.url("/cb"),
                    }
                ]
            ).messages
            wait_until(lambda: client.messages.get_status(str(sent.message_id)).status == "delivered")
            httpx.post(
                f"{sandbox.base_url}/sandbox/replies",
                json={"message_id": str(sent.message_id), "content": "STOP"},
            )
            # callback_url: 3 reports and the reply; webhooks: DELIVERED_DR, RECEIVED_SMS twice, OPT_OUT_SMS.
            records = settled(sandbox, 8)
    assert all(record["state"] == "delivered" for record in records), records
    requests = receiver.accepted()
    assert len(requests) == 8
    assert {r["target"].split("?")[0] for r in requests} == {"/cb", "/events", "/get"}
    for request in requests:
        headers = request["headers"]
        assert headers["x-messagemedia-digest-type"] == digest
        assert headers["x-messagemedia-cipher-type"] == "RSA"
        assert headers["x-messagemedia-key-id"] == str(key.key_id)
        assert parsedate_to_datetime(headers["date"]).tzinfo is not None
        assert headers["date"].endswith(" GMT")
        verify(key.public_key, request)
    # The check can fail: one byte of the body, the date, the path or the signature changed.
    signed = next(r for r in requests if r["method"] == "POST" and r["target"] == "/events?tenant=42")
    signature = bytearray(base64.b64decode(signed["headers"]["x-messagemedia-signature"]))
    signature[0] ^= 1
    for forged in (
        tampered(signed, body=signed["body"][:-1] + b" "),
        tampered(signed, headers={"date": signed["headers"]["date"].replace(" GMT", " UTC")}),
        tampered(signed, target="/events?tenant=43"),
        tampered(signed, method="PUT"),
        tampered(signed, headers={"x-messagemedia-signature": base64.b64encode(bytes(signature)).decode()}),
    ):
        with pytest.raises(InvalidSignature):
            verify(key.public_key, forged)
    # A GET carries no body; its signature covers the request line with the filled-in query.
    (get,) = [r for r in requests if r["method"] == "GET"]
    assert get["body"] == b"" and get["target"].startswith("/get?id=")


def test_nothing_is_signed_without_an_enabled_key(tmp_path: Path, receiver: HttpRecorder) -> None:
    with running_sandbox(tmp_path) as sandbox:
        with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
            key = client.signature_keys.create(digest="SHA256", cipher="RSA")  # made, never enabled
            client.webhooks.create(
                url=receiver.url(), method="POST", encoding="JSON", events=["RECEIVED_SMS"]
            )
            httpx.post(f"{sandbox.base_url}/sandbox/replies", json={"source_number": DEST, "content": "one"})
            settled(sandbox, 1)
            client.signature_keys.enable(key_id=key.key_id)
            httpx.post(f"{sandbox.base_url}/sandbox/replies", json={"source_number": DEST, "content": "two"})
            settled(sandbox, 2)
            client.signature_keys.disable()
            httpx.post(
                f"{sandbox.base_url}/sandbox/replies", json={"source_number": DEST, "content": "three"}
            )
            settled(sandbox, 3)
    first, second, third = receiver.accepted()
    assert all(name not in first["headers"] for name in SIGNING_HEADERS) and "date" in first["headers"]
    verify(key.public_key, second)
    assert all(name not in third["headers"] for name in SIGNING_HEADERS)


def test_the_key_enabled_when_a_callback_is_sent_signs_it(tmp_path: Path, receiver: HttpRecorder) -> None:
    with running_sandbox(tmp_path) as sandbox:
        with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
            old = client.signature_keys.create(digest="SHA224", cipher="RSA")
            new = client.signature_keys.create(digest="SHA512", cipher="RSA")
            client.webhooks.create(
                url=receiver.url(), method="POST", encoding="JSON", events=["RECEIVED_SMS"]
            )
            client.signature_keys.enable(key_id=old.key_id)
            httpx.post(f"{sandbox.base_url}/sandbox/replies", json={"source_number": DEST, "content": "one"})
            settled(sandbox, 1)
            client.signature_keys.enable(key_id=new.key_id)  # rotation
            httpx.post(f"{sandbox.base_url}/sandbox/replies", json={"source_number": DEST, "content": "two"})
            settled(sandbox, 2)
    first, second = receiver.accepted()
    assert first["headers"]["x-messagemedia-key-id"] == str(old.key_id)
    assert second["headers"]["x-messagemedia-key-id"] == str(new.key_id)
    verify(old.public_key, first)
    verify(new.public_key, second)
    with pytest.raises(InvalidSignature):
        verify(new.public_key, first)


def test_a_sub_account_s_callbacks_are_signed_with_its_parent_s_key(
    tmp_path: Path, receiver: HttpRecorder
) -> None:
    with running_sandbox(tmp_path) as sandbox:
        with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
            key = client.signature_keys.create(digest="SHA256", cipher="RSA")
            client.signature_keys.enable(key_id=key.key_id)
            sub = client.with_options(account="SubAccount01")
            (sent,) = sub.messages.send(
                messages=[{"content": "Hi", "destination_number": DEST, "callback_url": receiver.url("/sub")}]
            ).messages
            httpx.post(
                f"{sandbox.base_url}/sandbox/replies",
                json={"message_id": str(sent.message_id), "content": "Yes"},
            )
            settled(sandbox, 1)
    (request,) = receiver.accepted()
    assert json.loads(request["body"])["vendor_account_id"]["account_id"] == "SubAccount01"
    verify(key.public_key, request)


def test_secure_callbacks_off_signs_nothing_even_with_a_key_enabled_before(
    tmp_path: Path, receiver: HttpRecorder
) -> None:
    with running_sandbox(tmp_path) as sandbox:
        with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
            key = client.signature_keys.create(digest="SHA256", cipher="RSA")
            client.signature_keys.enable(key_id=key.key_id)
            client.webhooks.create(
                url=receiver.url(), method="POST", encoding="JSON", events=["RECEIVED_SMS"]
            )
    with running_sandbox(tmp_path, secure_callbacks=False) as sandbox:
        httpx.post(f"{sandbox.base_url}/sandbox/replies", json={"source_number": DEST, "content": "Hello"})
        settled(sandbox, 1)
    (request,) = receiver.accepted()
    assert all(name not in request["headers"] for name in SIGNING_HEADERS)
