"""The public keys that callback signatures are checked with, by key ID.

``keys`` maps each key ID (the ``key_id`` of the signature key, as ``X-MessageMedia-Key-Id``
carries it) to its public key: the create answer's ``public_key`` (base64 DER), PEM text or bytes,
a ``cryptography`` RSA public key, a ``CallbackKey`` (a key with its known digest), or the create
answer itself (anything with ``public_key`` and ``digest``). Several entries let keys rotate: add
the new key before enabling it, drop the old one once no callback can still carry it.

Nothing here imports ``cryptography`` until a key is loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from .errors import ConfigurationError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

__all__ = [
    "DIGESTS",
    "CallbackKey",
    "CallbackKeyring",
    "KeyLike",
    "Keys",
    "SignatureKeyLike",
    "normalise_digest",
]

DIGESTS = ("SHA224", "SHA256", "SHA512")
_DIGEST_SPELLINGS = {
    spelling: name
    for name in DIGESTS
    for spelling in (name, f"SHA-{name[3:]}", f"SHA_{name[3:]}", name.lower(), f"sha-{name[3:]}")
}


def normalise_digest(name: str) -> str | None:
    """``SHA256`` for ``SHA256``, ``SHA-256``, ``sha256``...; ``None`` for a digest the API does not use."""
    found = _DIGEST_SPELLINGS.get(name)
    if found is None:
        found = _DIGEST_SPELLINGS.get(name.strip().upper().replace("-", "").replace("_", ""))
    return found


class SignatureKeyLike(Protocol):
    """A signature key as the API describes it: the create answer (``CreatedSignatureKey``) is one."""

    @property
    def public_key(self) -> object: ...

    @property
    def digest(self) -> object: ...


def _digest_of(value: object) -> str | None:
    """The digest a key was made with, from a string or an enum member (``SignatureKeyDigest``)."""
    if value is None or not value:  # None, "", UNSET
        return None
    name = getattr(value, "value", value)
    if not isinstance(name, str):
        raise ConfigurationError(f"a callback key's digest must be a string, not {type(name).__name__}")
    digest = normalise_digest(name)
    if digest is None:
        raise ConfigurationError(
            f"a callback key's digest must be one of {', '.join(DIGESTS)}, not {name[:20]!r}"
        )
    return digest


class CallbackKey:
    """One public key, and the digest it signs with when that is known (the create answer says it).

    A callback that names another digest than the key's fails with ``DigestMismatchError``. The
    key is read when this is made, so a key that cannot be read fails here, not on the first callback.
    """

    __slots__ = ("digest", "public_key")

    public_key: RSAPublicKey
    digest: str | None

    def __init__(self, public_key: str | bytes | RSAPublicKey, digest: object = None) -> None:
        from .callback_crypto import load_public_key

        self.public_key = load_public_key(public_key)
        self.digest = _digest_of(digest)

    @classmethod
    def from_signature_key(cls, key: SignatureKeyLike) -> CallbackKey:
        """From the create answer (``client.signature_keys.create(...)``): its public key and digest."""
        material = key.public_key
        if not isinstance(material, str | bytes):
            raise ConfigurationError(
                "this signature key has no public_key: only the create answer carries it, save it then"
            )
        return cls(material, key.digest)

    def __repr__(self) -> str:
        return f"CallbackKey(<RSA {self.public_key.key_size}-bit public key>, digest={self.digest!r})"


KeyLike: TypeAlias = "str | bytes | RSAPublicKey | CallbackKey | SignatureKeyLike"


def _normalise_id(key_id: object) -> str:
    return str(key_id).strip().lower()


# Keys given as text (or as objects) are read once per process, not once per callback. Objects are
# found by identity (the entry keeps the object alive, so its id cannot be reused meanwhile).
_LOADED: dict[object, tuple[object, CallbackKey]] = {}
_LOADED_MAX = 256
_LOADED_LOCK = threading.Lock()


def as_callback_key(value: KeyLike) -> CallbackKey:
    if isinstance(value, CallbackKey):
        return value
    cache_key: object = value if isinstance(value, str | bytes) else id(value)
    entry = _LOADED.get(cache_key)
    if entry is not None and (entry[0] is value or entry[0] == value):
        return entry[1]
    if isinstance(value, str | bytes):
        key = CallbackKey(value)
    elif hasattr(value, "public_key") and hasattr(value, "digest"):
        key = CallbackKey.from_signature_key(value)
    else:
        key = CallbackKey(value)
    with _LOADED_LOCK:
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.clear()
        _LOADED[cache_key] = (value, key)
    return key


class CallbackKeyring(Mapping[str, CallbackKey]):
    """``keys`` read once: key ID (lower case) -> ``CallbackKey``. The adapters make one; passing
    one to ``verify_callback`` saves reading a mapping on every callback."""

    __slots__ = ("_keys",)

    def __init__(self, keys: Mapping[Any, KeyLike] | None = None) -> None:
        if keys is not None and not isinstance(keys, Mapping):
            raise ConfigurationError(
                "keys must map each key ID to its public key, e.g. {key_id: created_key.public_key}"
            )
        self._keys: dict[str, CallbackKey] = {
            _normalise_id(key_id): as_callback_key(value) for key_id, value in (keys or {}).items()
        }

    def __getitem__(self, key_id: str) -> CallbackKey:
        return self._keys[_normalise_id(key_id)]

    def find(self, key_id: str) -> CallbackKey | None:
        found = self._keys.get(key_id)
        return found if found is not None else self._keys.get(_normalise_id(key_id))

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"CallbackKeyring({sorted(self._keys)})"


# Key IDs may be strings or UUIDs (the create answer's key_id is one); they are compared as text.
Keys: TypeAlias = CallbackKeyring | Mapping[Any, KeyLike]


def find_key(keys: Keys, key_id: str) -> CallbackKey | None:
    """The key ``key_id`` names, from a keyring or any mapping (IDs compared without case)."""
    if type(keys) is CallbackKeyring:  # the adapters' case, and the cheapest check for it
        return keys.find(key_id)
    if type(keys) is not dict and isinstance(keys, CallbackKeyring):
        return keys.find(key_id)
    if not isinstance(keys, dict | Mapping):
        raise ConfigurationError("keys must map each key ID to its public key, e.g. {key_id: public_key}")
    value = keys.get(key_id)
    if value is None:
        wanted = _normalise_id(key_id)
        value = next((v for k, v in keys.items() if _normalise_id(k) == wanted), None)
        if value is None:
            return None
    return as_callback_key(value)
