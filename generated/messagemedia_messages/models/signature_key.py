from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.signature_key_cipher import SignatureKeyCipher
from ..models.signature_key_digest import SignatureKeyDigest

T = TypeVar("T", bound="SignatureKey")


@_attrs_define
class SignatureKey:
    """A key that signs callbacks, without its public half (see `CreatedSignatureKey`)."""

    key_id: UUID
    """ The key's ID; callbacks it signs carry it in `X-MessageMedia-Key-Id`. """
    cipher: SignatureKeyCipher
    """ The signature algorithm; RSA is the only one. """
    digest: SignatureKeyDigest
    """ The hash a key signs with (RSASSA-PKCS1-v1_5 with SHA-224, SHA-256 or SHA-512). """
    created: datetime.datetime
    """ When the key was made. """
    enabled: bool
    """ Whether this is the key that signs callbacks now (at most one is). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        key_id = str(self.key_id)

        cipher = self.cipher.value

        digest = self.digest.value

        created = self.created.isoformat().replace("+00:00", "Z")

        enabled = self.enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "key_id": key_id,
                "cipher": cipher,
                "digest": digest,
                "created": created,
                "enabled": enabled,
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

        signature_key = cls(
            key_id=key_id,
            cipher=cipher,
            digest=digest,
            created=created,
            enabled=enabled,
        )

        signature_key.additional_properties = d
        return signature_key

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
