"""The RSA work of callback signatures, on the ``cryptography`` package (the ``webhooks`` extra).

The only module that imports ``cryptography``; the others import this one when they first verify,
sign or load a key, so that importing the client (or ``messagemedia_messages.callbacks``) does not.
"""

from __future__ import annotations

import base64
import binascii

try:
    from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa
except ImportError as error:  # pragma: no cover - exercised in a subprocess without the package
    from .errors import ConfigurationError

    raise ConfigurationError(
        "checking or making callback signatures needs the 'cryptography' package: "
        "pip install 'messagemedia-messages[webhooks]'"
    ) from error

from .errors import ConfigurationError

__all__ = [
    "HASHES",
    "PADDING",
    "InvalidSignature",
    "RSAPrivateKey",
    "RSAPublicKey",
    "load_private_key",
    "load_public_key",
    "sign",
    "verify",
]

RSAPublicKey = rsa.RSAPublicKey
RSAPrivateKey = rsa.RSAPrivateKey

# One object of each, made once: they hold no state, and making them per call shows in a 15 µs verify.
PADDING = padding.PKCS1v15()
HASHES: dict[str, hashes.HashAlgorithm] = {
    "SHA224": hashes.SHA224(),
    "SHA256": hashes.SHA256(),
    "SHA512": hashes.SHA512(),
}
_PEM = b"-----BEGIN"


def verify(key: rsa.RSAPublicKey, signature: bytes, message: bytes, digest: str) -> bool:
    """Whether ``signature`` is the RSASSA-PKCS1-v1_5 signature of ``message`` with ``digest``."""
    try:
        key.verify(signature, message, PADDING, HASHES[digest])
    except InvalidSignature:
        return False
    return True


def sign(key: rsa.RSAPrivateKey, message: bytes, digest: str) -> bytes:
    return key.sign(message, PADDING, HASHES[digest])


def load_public_key(material: object) -> rsa.RSAPublicKey:
    """An RSA public key from the create answer's base64 DER, PEM (text or bytes), DER bytes, or
    a ``cryptography`` key. Raises ``ConfigurationError`` (without the material) if it is none."""
    if isinstance(material, rsa.RSAPublicKey):
        return material
    if isinstance(material, rsa.RSAPrivateKey):
        raise ConfigurationError("a callback key must be a public key; pass private_key.public_key()")
    if isinstance(material, str):
        material = material.encode("ascii", "replace")
    if not isinstance(material, bytes | bytearray | memoryview):
        raise ConfigurationError(
            "a callback key must be base64 DER, PEM or a cryptography RSA public key, "
            f"not {type(material).__name__}"
        )
    data = bytes(material).strip()
    try:
        if data.startswith(_PEM):
            key = serialization.load_pem_public_key(data)
        else:
            if not data.startswith(b"0"):  # DER starts with a SEQUENCE (0x30); base64 of it with "M"
                data = base64.b64decode(b"".join(data.split()), validate=True)
            key = serialization.load_der_public_key(data)
    except (ValueError, binascii.Error, UnsupportedAlgorithm, TypeError) as error:
        raise ConfigurationError(
            "a callback key could not be read: give the create answer's public_key (base64 DER), PEM, "
            "or a cryptography RSA public key"
        ) from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise ConfigurationError(f"a callback key must be an RSA key, not {type(key).__name__}")
    return key


def load_private_key(material: object) -> rsa.RSAPrivateKey:
    """An RSA private key from unencrypted PEM (text or bytes) or a ``cryptography`` key."""
    if isinstance(material, rsa.RSAPrivateKey):
        return material
    if isinstance(material, str):
        material = material.encode("ascii", "replace")
    if not isinstance(material, bytes | bytearray | memoryview):
        raise ConfigurationError(
            f"a signing key must be PEM or a cryptography RSA private key, not {type(material).__name__}"
        )
    try:
        key = serialization.load_pem_private_key(bytes(material), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        # The key's text is a secret: never in the message, nor chained into a traceback.
        raise ConfigurationError(
            "the signing key could not be read as an unencrypted PEM RSA private key"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ConfigurationError(f"a signing key must be an RSA key, not {type(key).__name__}")
    return key
