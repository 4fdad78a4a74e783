from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="EnableSignatureKeyRequest")


@_attrs_define
class EnableSignatureKeyRequest:
    """The key to enable."""

    key_id: UUID
    """ The `key_id` of the key to enable. """

    def to_dict(self) -> dict[str, Any]:
        key_id = str(self.key_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key_id": key_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key_id = UUID(d.pop("key_id"))

        enable_signature_key_request = cls(
            key_id=key_id,
        )

        return enable_signature_key_request
