"""The Signature Key Management API: RSA key pairs that sign an account's callbacks.

Each key is a real RSA key pair made with the `cryptography` package. The private half stays in
the store (it signs callbacks, see `signing`); the public half is returned once, in the create
answer, as base64 DER X.509 SubjectPublicKeyInfo without PEM lines, as the API returns it. At
most one key of an account is enabled: enabling one disables the others. Lists are bare arrays,
pages counted from 1, `page` and `page_size` both required.

A sandbox started with secure callbacks off (`--secure-callbacks off`) plays an account without
the feature: every operation here answers 403, as the API does.
"""

from __future__ import annotations

import base64
import sqlite3
import time
import uuid
from typing import Any

try:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
except ImportError as missing:  # the client installs without it; say how to get the sandbox's
    raise ImportError(
        f"the MessageMedia sandbox needs the cryptography package ({missing}): "
        "pip install 'messagemedia-messages[sandbox]'"
    ) from missing

from . import validation
from .protocol import Incoming, Response, error, query_value, valid_body
from .store import Store
from .timestamps import to_rfc3339

# The API's published example key is 1024-bit; 2048 is today's floor for RSA signatures.
KEY_BITS = 2048
_FEATURE_DISABLED = "This feature is not enabled for your account."
_NOT_FOUND = "Signature key not found."
_NONE_ENABLED = "No signature key is enabled."
_COLUMNS = "key_id, cipher, digest, created, enabled"


def new_key_pair() -> tuple[str, str]:
    """A fresh RSA key: (private key as unencrypted PKCS#8 PEM, public key as base64 DER SPKI)."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    public_der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, base64.b64encode(public_der).decode("ascii")


def _shown(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "key_id": row["key_id"],
        "cipher": row["cipher"],
        "digest": row["digest"],
        "created": row["created"],
        "enabled": bool(row["enabled"]),
    }


def _key_id(raw: str) -> str | None:
    # An ID that is not a UUID names no key: 404, which every operation on one key declares.
    return raw.lower() if validation.is_uuid(raw) else None


class SignatureKeys:
    """The seven operations, on the signature_keys table of a `Store`."""

    def __init__(self, store: Store, *, feature_enabled: bool) -> None:
        self._store = store
        self._feature_enabled = feature_enabled

    def refusal(self) -> Response | None:
        """The 403 every operation answers when the account lacks secure callbacks, else None."""
        return None if self._feature_enabled else error(403, _FEATURE_DISABLED)

    def create(self, incoming: Incoming, account: str, _: str) -> Response:
        request = valid_body(incoming, "CreateSignatureKeyRequest", "Invalid signature key request.")
        private_pem, public_key = new_key_pair()
        key_id = str(uuid.uuid4())
        created = to_rfc3339(time.time())
        with self._store.transaction() as db:
            db.execute(
                "INSERT INTO signature_keys (key_id, account, digest, cipher, created, enabled, private_key)"
                " VALUES (?, ?, ?, ?, ?, 0, ?)",
                (key_id, account, request["digest"], request["cipher"], created, private_pem),
            )
        answer = {
            "key_id": key_id,
            "cipher": request["cipher"],
            "digest": request["digest"],
            "created": created,
            "enabled": False,
            "public_key": public_key,
        }
        return Response(201, answer)

    def page(self, incoming: Incoming, account: str, _: str) -> Response:
        page = int(query_value(incoming, "page", "SignatureKeyPage", "Invalid paging parameters."))
        size = int(query_value(incoming, "page_size", "SignatureKeyPageSize", "Invalid paging parameters."))
        with self._store.transaction() as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM signature_keys WHERE account = ? ORDER BY seq",  # noqa: S608 - a constant
                (account,),
            ).fetchall()
        # Sliced in Python: no page number or size can overflow.
        start = (page - 1) * size
        return Response(200, [_shown(row) for row in rows[start : start + size]])

    def get(self, _incoming: Incoming, account: str, raw_id: str) -> Response:
        key_id = _key_id(raw_id)
        row = None if key_id is None else self._row(account, key_id)
        if row is None:
            return error(404, _NOT_FOUND)
        return Response(200, _shown(row))

    def delete(self, _incoming: Incoming, account: str, raw_id: str) -> Response:
        key_id = _key_id(raw_id)
        if key_id is None:
            return error(404, _NOT_FOUND)
        with self._store.transaction() as db:
            cursor = db.execute(
                "DELETE FROM signature_keys WHERE key_id = ? AND account = ?", (key_id, account)
            )
        if cursor.rowcount == 0:
            return error(404, _NOT_FOUND)
        return Response(200)

    def enable(self, incoming: Incoming, account: str, _: str) -> Response:
        request = valid_body(incoming, "EnableSignatureKeyRequest", "Invalid signature key request.")
        key_id = str(request["key_id"]).lower()
        with self._store.transaction() as db:
            exists = db.execute(
                "SELECT 1 FROM signature_keys WHERE key_id = ? AND account = ?", (key_id, account)
            ).fetchone()
            if exists is None:
                return error(404, _NOT_FOUND)
            db.execute(
                "UPDATE signature_keys SET enabled = (key_id = ?) WHERE account = ?", (key_id, account)
            )
            row = db.execute(
                f"SELECT {_COLUMNS} FROM signature_keys WHERE key_id = ?",  # noqa: S608 - a constant
                (key_id,),
            ).fetchone()
        return Response(200, _shown(row))

    def get_enabled(self, _incoming: Incoming, account: str, _: str) -> Response:
        with self._store.transaction() as db:
            row = db.execute(
                f"SELECT {_COLUMNS} FROM signature_keys WHERE account = ? AND enabled = 1",  # noqa: S608 - a constant
                (account,),
            ).fetchone()
        if row is None:
            return error(404, _NONE_ENABLED)
        return Response(200, _shown(row))

    def disable(self, _incoming: Incoming, account: str, _: str) -> Response:
        with self._store.transaction() as db:
            db.execute("UPDATE signature_keys SET enabled = 0 WHERE account = ?", (account,))
        return Response(204)

    def _row(self, account: str, key_id: str) -> sqlite3.Row | None:
        with self._store.transaction() as db:
            row: sqlite3.Row | None = db.execute(
                f"SELECT {_COLUMNS} FROM signature_keys WHERE key_id = ? AND account = ?",  # noqa: S608 - a constant
                (key_id, account),
            ).fetchone()
        return row
