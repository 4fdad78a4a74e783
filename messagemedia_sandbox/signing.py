"""Signs a callback as the API does for accounts with secure callbacks and an enabled key.

The signed bytes are the request line (`<METHOD> <path?query> HTTP/1.1`), then the `Date`
header's value, then the raw body, with nothing between them; the signature is RSASSA-PKCS1-v1_5
with the key's digest (SHA-224, SHA-256 or SHA-512), base64. The headers name the digest as the
Signature Key API spells it (`SHA256`), the cipher (`RSA`) and the key, so that keys can rotate.

Written from the facts sheet alone; the tests check these signatures with code of their own.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formatdate
from functools import lru_cache

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

DIGESTS: Mapping[str, type[hashes.HashAlgorithm]] = {
    "SHA224": hashes.SHA224,
    "SHA256": hashes.SHA256,
    "SHA512": hashes.SHA512,
}


@dataclass(frozen=True)
class SigningKey:
    """An account's enabled signature key, as the store keeps it. Its repr shows no key material."""

    key_id: str
    digest: str
    cipher: str
    private_pem: str

    def __repr__(self) -> str:
        return f"SigningKey(key_id={self.key_id!r}, digest={self.digest!r}, cipher={self.cipher!r})"


@lru_cache(maxsize=64)
def _private_key(private_pem: str) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(private_pem.encode("ascii"), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError("a signature key must be an RSA key")
    return key


def http_date() -> str:
    """Now, as an IMF-fixdate (RFC 7231), e.g. `Wed, 25 Nov 2026 12:01:31 GMT`."""
    return formatdate(usegmt=True)


def signed_bytes(method: str, target: str, date: str, body: bytes) -> bytes:
    """What the signature covers: request line, Date value and body, concatenated."""
    return f"{method} {target} HTTP/1.1".encode() + date.encode("ascii") + body


def signature_headers(key: SigningKey, method: str, target: str, date: str, body: bytes) -> dict[str, str]:
    """The headers that sign one callback request (its `Date` included)."""
    digest = DIGESTS[key.digest]()
    signature = _private_key(key.private_pem).sign(
        signed_bytes(method, target, date, body), padding.PKCS1v15(), digest
    )
    return {
        "Date": date,
        "X-MessageMedia-Signature": base64.b64encode(signature).decode("ascii"),
        "X-MessageMedia-Digest-Type": key.digest,
        "X-MessageMedia-Cipher-Type": key.cipher,
        "X-MessageMedia-Key-Id": key.key_id,
    }
