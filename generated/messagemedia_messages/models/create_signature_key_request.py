from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.signature_key_cipher import SignatureKeyCipher
from ..models.signature_key_digest import SignatureKeyDigest

T = TypeVar("T", bound="CreateSignatureKeyRequest")


@_attrs_define
class CreateSignatureKeyRequest:
    """The kind of key to make."""

    digest: SignatureKeyDigest
    """ The hash a key signs with (RSASSA-PKCS1-v1_5 with SHA-224, SHA-256 or SHA-512). """
    cipher: SignatureKeyCipher
    """ The signature algorithm; RSA is the only one. """

    def to_dict(self) -> dict[str, Any]:
        digest = self.digest.value

        cipher = self.cipher.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "digest": digest,
                "cipher": cipher,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        digest = SignatureKeyDigest.parse(d.pop("digest"))

        cipher = SignatureKeyCipher.parse(d.pop("cipher"))

        create_signature_key_request = cls(
            digest=digest,
            cipher=cipher,
        )

        return create_signature_key_request
