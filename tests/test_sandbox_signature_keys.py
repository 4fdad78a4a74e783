"""The Signature Key Management API of the sandbox through the generated client: real RSA key
pairs, the public key only in the create answer, one key enabled at a time, 1-based paging, 404s,
and 403 for every operation when the sandbox plays an account without secure callbacks."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from sandbox_helpers import Api, running_sandbox

from messagemedia_messages import MessageMedia
from messagemedia_messages.errors import NotFoundError, PermissionDeniedError
from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer

pytestmark = pytest.mark.sandbox
KEYS = "/v1/iam/signature_keys"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with running_sandbox(tmp_path) as server:
        yield server


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[MessageMedia]:
    with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as made:
        yield made


def test_create_returns_a_real_public_key_once(sandbox: SandboxServer, client: MessageMedia) -> None:
    created = client.signature_keys.create(digest="SHA256", cipher="RSA")
    assert (created.cipher, created.digest, created.enabled) == ("RSA", "SHA256", False)
    der = base64.b64decode(created.public_key, validate=True)
    assert not created.public_key.startswith("-----")
    public = serialization.load_der_public_key(der)
    assert isinstance(public, rsa.RSAPublicKey) and public.key_size >= 2048
    # The stored private half belongs to that public key: what it signs, the public key verifies.
    with sandbox.store.transaction() as db:
        (pem,) = db.execute(
            "SELECT private_key FROM signature_keys WHERE key_id = ?", (str(created.key_id),)
        ).fetchone()
    private = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(private, rsa.RSAPrivateKey)
    signature = private.sign(b"proof", padding.PKCS1v15(), hashes.SHA256())
    public.verify(signature, b"proof", padding.PKCS1v15(), hashes.SHA256())
    # No other answer carries the public key.
    fetched = client.signature_keys.get(created.key_id)
    assert "public_key" not in fetched.to_dict()
    assert fetched.to_dict() == {k: v for k, v in created.to_dict().items() if k != "public_key"}
    assert all("public_key" not in key.to_dict() for key in client.signature_keys.list())


def test_each_key_is_a_new_pair(client: MessageMedia) -> None:
    first = client.signature_keys.create(digest="SHA224", cipher="RSA")
    second = client.signature_keys.create(digest="SHA512", cipher="RSA")
    assert first.key_id != second.key_id and first.public_key != second.public_key
    assert [key.digest for key in client.signature_keys.list()] == ["SHA224", "SHA512"]


def test_one_key_is_enabled_at_a_time(client: MessageMedia) -> None:
    first = client.signature_keys.create(digest="SHA256", cipher="RSA")
    second = client.signature_keys.create(digest="SHA512", cipher="RSA")
    with pytest.raises(NotFoundError):
        client.signature_keys.get_enabled()
    assert client.signature_keys.enable(key_id=first.key_id).enabled is True
    assert client.signature_keys.get_enabled().key_id == first.key_id
    enabled = client.signature_keys.enable(key_id=second.key_id)
    assert enabled.key_id == second.key_id and enabled.enabled is True
    assert client.signature_keys.get(first.key_id).enabled is False
    assert client.signature_keys.get_enabled().key_id == second.key_id
    # Enabling the enabled key again changes nothing.
    assert client.signature_keys.enable(key_id=second.key_id).enabled is True
    assert [key.enabled for key in client.signature_keys.list()] == [False, True]
    client.signature_keys.disable()
    with pytest.raises(NotFoundError):
        client.signature_keys.get_enabled()
    client.signature_keys.disable()  # 204 also when none is enabled
    assert [key.enabled for key in client.signature_keys.list()] == [False, False]


def test_deleting_the_enabled_key_leaves_none_enabled(client: MessageMedia) -> None:
    key = client.signature_keys.create(digest="SHA256", cipher="RSA")
    client.signature_keys.enable(key_id=key.key_id)
    client.signature_keys.delete(key.key_id)
    with pytest.raises(NotFoundError):
        client.signature_keys.get(key.key_id)
    with pytest.raises(NotFoundError):
        client.signature_keys.get_enabled()
    with pytest.raises(NotFoundError):
        client.signature_keys.delete(key.key_id)
    with pytest.raises(NotFoundError):
        client.signature_keys.enable(key_id=key.key_id)


def test_keys_page_from_1(sandbox: SandboxServer, client: MessageMedia) -> None:
    made = [str(client.signature_keys.create(digest="SHA256", cipher="RSA").key_id) for _ in range(5)]
    pager = client.signature_keys.list(page_size=2)
    assert [str(key.key_id) for key in pager] == made
    # The bare array does not say which page size it used, so the client stops at an empty page.
    assert [len(page.items) for page in pager.iter_pages()] == [2, 2, 1, 0]
    assert [str(key.key_id) for key in client.signature_keys.list()] == made  # the client's default size
    raw = Api(sandbox.base_url)
    assert [key["key_id"] for key in raw.get(f"{KEYS}?page=2&page_size=2").json()] == made[2:4]
    assert raw.get(f"{KEYS}?page=4&page_size=2").json() == []
    for query in ("page_size=2", "page=1", "page=0&page_size=2", "page=1&page_size=0", "page=x&page_size=2"):
        response = raw.get(f"{KEYS}?{query}")
        assert response.status_code == 400, query
        assert response.json()["details"]
    raw.close()


def test_keys_belong_to_the_api_key_not_to_a_sub_account(tmp_path: Path) -> None:
    credentials = {DEFAULT_KEY: DEFAULT_SECRET, "other-key": "other-secret"}
    with running_sandbox(tmp_path, credentials=credentials) as sandbox:
        with (
            MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as mine,
            MessageMedia("other-key", "other-secret", base_url=sandbox.base_url) as theirs,
        ):
            key = mine.signature_keys.create(digest="SHA256", cipher="RSA")
            assert list(theirs.signature_keys.list()) == []
            with pytest.raises(NotFoundError):
                theirs.signature_keys.enable(key_id=key.key_id)
            # The Signature Key API takes no Account header: a sub-account sees its parent's keys.
            sub = Api(sandbox.base_url, account="SubAccount01")
            assert [k["key_id"] for k in sub.get(f"{KEYS}?page=1&page_size=10").json()] == [str(key.key_id)]
            sub.close()


def test_bad_requests_are_400_with_details(sandbox: SandboxServer) -> None:
    raw = Api(sandbox.base_url)
    for body, named in (
        ({"digest": "MD5", "cipher": "RSA"}, "digest"),
        ({"digest": "SHA256", "cipher": "DSA"}, "cipher"),
        ({"digest": "SHA256"}, "body"),
    ):
        response = raw.post(KEYS, body)
        assert response.status_code == 400
        assert any(line.startswith(f"{named}:") for line in response.json()["details"]), response.json()
    response = raw.request("PATCH", f"{KEYS}/enabled", {"key_id": "not-a-uuid"})
    assert response.status_code == 400 and response.json()["details"][0].startswith("key_id:")
    assert raw.get(f"{KEYS}/not-a-uuid").status_code == 404
    assert raw.request("DELETE", f"{KEYS}/not-a-uuid").status_code == 404
    assert raw.get(f"{KEYS}?page=1&page_size=10").json() == []
    raw.close()


OPERATIONS: list[tuple[str, Callable[[MessageMedia], object]]] = [
    ("create", lambda c: c.signature_keys.create(digest="SHA256", cipher="RSA")),
    ("list", lambda c: c.signature_keys.list()),
    ("get", lambda c: c.signature_keys.get(uuid.uuid4())),
    ("delete", lambda c: c.signature_keys.delete(uuid.uuid4())),
    ("enable", lambda c: c.signature_keys.enable(key_id=uuid.uuid4())),
    ("get_enabled", lambda c: c.signature_keys.get_enabled()),
    ("disable", lambda c: c.signature_keys.disable()),
]


@pytest.mark.parametrize(("name", "call"), OPERATIONS, ids=[name for name, _ in OPERATIONS])
def test_without_secure_callbacks_every_operation_is_403(
    tmp_path: Path, name: str, call: Callable[[MessageMedia], object]
) -> None:
    with running_sandbox(tmp_path, secure_callbacks=False) as sandbox:
        with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as client:
            with pytest.raises(PermissionDeniedError) as refused:
                call(client)
            assert refused.value.status_code == 403
            # The other APIs still work.
            assert list(client.webhooks.list()) == []
        with sandbox.store.transaction() as db:
            assert db.execute("SELECT COUNT(*) FROM signature_keys").fetchone()[0] == 0
