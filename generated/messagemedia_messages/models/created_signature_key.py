from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signature_key_cipher import SignatureKeyCipher
from ..models.signature_key_digest import SignatureKeyDigest

T = TypeVar("T", bound="CreatedSignatureKey")


@_attrs_define
class CreatedSignatureKey:
    """A new key as the create answer gives it: the fields of a `SignatureKey` and the only copy
    of its public half the API ever returns. (Written out rather than composed with `allOf`,
    so that each schema lists every field it has.)

    """

    key_id: UUID
    """ The key's ID; callbacks it signs carry it in `X-MessageMedia-Key-Id`. """
    cipher: SignatureKeyCipher
    """ The signature algorithm; RSA is the only one. """
    digest: SignatureKeyDigest
    """ The hash a key signs with (RSASSA-PKCS1-v1_5 with SHA-224, SHA-256 or SHA-512). """
    created: datetime.datetime
    """ When the key was made. """
    enabled: bool
    """ Always false in the create answer; enable the key with `enable_signature_key`. """
    public_key: str
    """ The public key as base64 DER X.509 SubjectPublicKeyInfo, without PEM lines. Store it:
    no other answer returns it, and verifying signed callbacks needs it.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_id = str(self.key_id)

        cipher = self.cipher.value

        digest = self.digest.value

        created = self.created.isoformat().replace("+00:00", "Z")

        enabled = self.enabled

        public_key = self.public_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key_id": key_id,
                "cipher": cipher,
                "digest": digest,
                "created": created,
                "enabled": enabled,
                "public_key": public_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key_id = UUID(d.pop("key_id"))

        cipher = SignatureKeyCipher.parse(d.pop("cipher"))

        digest = SignatureKeyDigest.parse(d.pop("digest"))

        created = datetime.datetime.fromisoformat(d.pop("created").upper())

        enabled = d.pop("enabled")

        public_key = d.pop("public_key")

        created_signature_key = cls(
            key_id=key_id,
            cipher=cipher,
            digest=digest,
            created=created,
            enabled=enabled,
            public_key=public_key,
        )

        created_signature_key.additional_properties = d
        return created_signature_key

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
