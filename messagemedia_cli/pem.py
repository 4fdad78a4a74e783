"""The public key of a new signature key, as a PEM file that openssl and every crypto library read.

The API's create answer carries ``public_key`` as base64 of the DER-encoded X.509
SubjectPublicKeyInfo, with no PEM lines around it. PEM (RFC 7468) is that same base64, wrapped
at 64 columns, between ``-----BEGIN PUBLIC KEY-----`` and ``-----END PUBLIC KEY-----``.
"""

from __future__ import annotations

import base64
import binascii

_WIDTH = 64


def public_key_pem(public_key: str) -> str:
    """PEM text of a base64 DER SubjectPublicKeyInfo; ``ValueError`` if it is not base64 of a DER SEQUENCE."""
    try:
        der = base64.b64decode("".join(public_key.split()), validate=True)
    except binascii.Error as exc:
        raise ValueError(f"the public key is not base64: {exc}") from None
    if not der or der[0] != 0x30:  # a SubjectPublicKeyInfo is an ASN.1 SEQUENCE
        raise ValueError("the public key is not a DER-encoded SubjectPublicKeyInfo")
    text = base64.b64encode(der).decode("ascii")
    lines = [text[start : start + _WIDTH] for start in range(0, len(text), _WIDTH)]
    return "-----BEGIN PUBLIC KEY-----\n" + "\n".join(lines) + "\n-----END PUBLIC KEY-----\n"
