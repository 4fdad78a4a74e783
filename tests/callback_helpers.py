"""The fixed test key, the API's SignServiceTest tuples, and a second signer and verifier.

The second implementation builds the signed bytes by hand from the facts (request line, then the
Date value, then the body, nothing between) and signs or verifies with ``cryptography`` called
directly, or with the ``openssl`` command line: never through messagemedia_runtime, so that our
signer is never checked by our verifier alone.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KEY_PATH = Path(__file__).resolve().parent / "keys" / "callback_test_key.pem"
KEY_PEM = KEY_PATH.read_bytes()
_loaded = serialization.load_pem_private_key(KEY_PEM, password=None)
assert isinstance(_loaded, rsa.RSAPrivateKey)
PRIVATE_KEY: rsa.RSAPrivateKey = _loaded
PUBLIC_KEY = PRIVATE_KEY.public_key()
PUBLIC_DER = PUBLIC_KEY.public_bytes(
    serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
)
# What the create answer's `public_key` holds: base64 DER SubjectPublicKeyInfo, no PEM lines.
PUBLIC_KEY_B64 = base64.b64encode(PUBLIC_DER).decode("ascii")
PUBLIC_PEM = PUBLIC_KEY.public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)
KEY_ID = "7ca628a8-08b0-4e42-aeb8-960b37049c31"


class SignCase(NamedTuple):
    digest: str
    method: str
    target: str
    date: str
    body: bytes

    @property
    def request_line(self) -> str:
        return f"{self.method} {self.target} HTTP/1.1"


# The API's own signing test (facts sheet, section 6): digest, cipher RSA, request line, date, body.
SIGN_SERVICE_CASES = (
    SignCase("SHA224", "GET", "/test1/moreceiver", "Fri, 08 Dec 2017 09:30:00 GMT", b"Message 1"),
    SignCase("SHA256", "POST", "/test2/drreceiver", "Wed, 29 Nov 2017 13:59:00 GMT", b"Message 2"),
    SignCase("SHA512", "PATCH", "/test3/receivers", "Tue, 10 Oct 2017 21:18:00 GMT", b"Message 3"),
)
_HASHES = {"SHA224": hashes.SHA224(), "SHA256": hashes.SHA256(), "SHA512": hashes.SHA512()}


def message_by_hand(method: str, target: str, date: str, body: bytes) -> bytes:
    return (method + " " + target + " HTTP/1.1").encode() + date.encode() + body


def independent_sign(case: SignCase, key: rsa.RSAPrivateKey = PRIVATE_KEY) -> str:
    message = message_by_hand(case.method, case.target, case.date, case.body)
    return base64.b64encode(key.sign(message, padding.PKCS1v15(), _HASHES[case.digest])).decode()


def independent_verify(case: SignCase, signature_b64: str) -> bool:
    message = message_by_hand(case.method, case.target, case.date, case.body)
    try:
        PUBLIC_KEY.verify(base64.b64decode(signature_b64), message, padding.PKCS1v15(), _HASHES[case.digest])
    except InvalidSignature:
        return False
    return True


def headers_for(case: SignCase, signature_b64: str, *, key_id: str = KEY_ID) -> dict[str, str]:
    return {
        "X-MessageMedia-Signature": signature_b64,
        "X-MessageMedia-Digest-Type": case.digest,
        "X-MessageMedia-Cipher-Type": "RSA",
        "X-MessageMedia-Key-Id": key_id,
        "Date": case.date,
    }


OPENSSL = shutil.which("openssl")


def openssl_sign(case: SignCase, folder: Path) -> str:
    """The signature as the openssl command line makes it (RSASSA-PKCS1-v1_5 is its default)."""
    assert OPENSSL is not None
    data = folder / "message.bin"
    data.write_bytes(message_by_hand(case.method, case.target, case.date, case.body))
    out = subprocess.run(
        [OPENSSL, "dgst", f"-{case.digest.lower()}", "-sign", str(KEY_PATH), str(data)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return base64.b64encode(out.stdout).decode()


def openssl_verify(case: SignCase, signature_b64: str, folder: Path) -> bool:
    assert OPENSSL is not None
    data, signature, public = folder / "message.bin", folder / "signature.bin", folder / "public.pem"
    data.write_bytes(message_by_hand(case.method, case.target, case.date, case.body))
    signature.write_bytes(base64.b64decode(signature_b64))
    public.write_bytes(PUBLIC_PEM)
    result = subprocess.run(
        [
            OPENSSL,
            "dgst",
            f"-{case.digest.lower()}",
            "-verify",
            str(public),
            "-signature",
            str(signature),
            str(data),
        ],
        capture_output=True,
        check=False,
        timeout=60,
    )
    return result.returncode == 0 and b"Verified OK" in result.stdout
