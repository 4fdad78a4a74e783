"""PEM text from the base64 DER the API answers with (no ``cryptography`` needed)."""

from __future__ import annotations

import base64
import binascii
import textwrap

from .unset import UNSET, Unset

__all__ = ["der_base64_to_pem"]


def der_base64_to_pem(value: object, label: str) -> str | Unset:
    """``value`` (base64 DER, e.g. a SubjectPublicKeyInfo) as PEM with ``label``; UNSET if it is not base64.

    PEM is the same DER, base64-encoded in lines of 64 characters between ``-----BEGIN <label>-----``
    and ``-----END <label>-----``: what OpenSSL, ``cryptography`` and most web frameworks read.
    """
    if not isinstance(value, str):
        return UNSET
    try:
        der = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        return UNSET
    if not der:
        return UNSET
    body = "\n".join(textwrap.wrap(base64.b64encode(der).decode("ascii"), 64))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n"
