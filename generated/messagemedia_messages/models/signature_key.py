from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.signature_key_cipher import SignatureKeyCipher
from ..models.signature_key_digest import SignatureKeyDigest
from ..types import UNSET, lenient_datetime, model_repr

T = TypeVar("T", bound="SignatureKey")


def _cipher_from_str(value: SignatureKeyCipher | str) -> SignatureKeyCipher:
    """`SignatureKey.cipher` takes a SignatureKeyCipher or its string value."""
    if type(value) is str:
        return SignatureKeyCipher.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("SignatureKeyCipher", value)


def _digest_from_str(value: SignatureKeyDigest | str) -> SignatureKeyDigest:
    """`SignatureKey.digest` takes a SignatureKeyDigest or its string value."""
    if type(value) is str:
        return SignatureKeyDigest.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("SignatureKeyDigest", value)


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class SignatureKey:
    """A key that signs callbacks, without its public half (see `CreatedSignatureKey`)."""

    key_id: UUID
    """ The key's ID; callbacks it signs carry it in `X-MessageMedia-Key-Id`. """
    cipher: SignatureKeyCipher = _attrs_field(converter=_cipher_from_str)
    """ The signature algorithm; RSA is the only one. """
    digest: SignatureKeyDigest = _attrs_field(converter=_digest_from_str)
    """ The hash a key signs with (RSASSA-PKCS1-v1_5 with SHA-224, SHA-256 or SHA-512). """
    created: datetime.datetime
    """ When the key was made. """
    enabled: bool
    """ Whether this is the key that signs callbacks now (at most one is). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        key_id: Any = self.key_id
        if key_id is not UNSET:
            field_dict["key_id"] = str(key_id) if isinstance(key_id, UUID) else key_id

        cipher: Any = self.cipher
        if cipher is not UNSET:
            field_dict["cipher"] = cipher.value if isinstance(cipher, SignatureKeyCipher) else cipher

        digest: Any = self.digest
        if digest is not UNSET:
            field_dict["digest"] = digest.value if isinstance(digest, SignatureKeyDigest) else digest

        created: Any = self.created
        if created is not UNSET:
            field_dict["created"] = (
                created.isoformat().replace("+00:00", "Z") if isinstance(created, datetime.datetime) else created
            )

        enabled: Any = self.enabled
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Reads the model from JSON data leniently; it never raises for the content of a field.

        A field that is absent stays UNSET, also one the spec requires (`missing_fields` lists
        those). A value that cannot be read as the field's type stays UNSET too, and its raw value
        is kept unchanged in `additional_properties` under its own name (`unreadable_fields` lists
        those; `model["name"]` reads one). A date-time that is not RFC 3339 is read with dateutil;
        one without an offset is taken as UTC. `to_dict()` writes back what came in.
        """
        d = dict(src_dict)
        _key_id_raw = d.pop("key_id", UNSET)
        key_id: Any = UNSET
        if _key_id_raw is not UNSET:
            try:
                key_id = UUID(_key_id_raw)
            except (TypeError, ValueError, AttributeError):
                d["key_id"] = _key_id_raw

        _cipher_raw = d.pop("cipher", UNSET)
        cipher: Any = UNSET
        if _cipher_raw is not UNSET:
            try:
                cipher = SignatureKeyCipher.parse(_cipher_raw)
            except (TypeError, ValueError):
                d["cipher"] = _cipher_raw

        _digest_raw = d.pop("digest", UNSET)
        digest: Any = UNSET
        if _digest_raw is not UNSET:
            try:
                digest = SignatureKeyDigest.parse(_digest_raw)
            except (TypeError, ValueError):
                d["digest"] = _digest_raw

        _created_raw = d.pop("created", UNSET)
        created: Any = UNSET
        if _created_raw is not UNSET:
            try:
                created = datetime.datetime.fromisoformat(_created_raw.upper())
            except (TypeError, ValueError, AttributeError):
                created = lenient_datetime(_created_raw)
                if created is UNSET:
                    d["created"] = _created_raw
            else:
                if created.tzinfo is None:
                    created = created.replace(tzinfo=datetime.UTC)

        enabled = d.pop("enabled", UNSET)
        if not isinstance(enabled, bool) and enabled is not UNSET:
            d["enabled"] = enabled
            enabled = UNSET

        signature_key = cls.__new__(cls)
        signature_key.key_id = key_id
        signature_key.cipher = cipher
        signature_key.digest = digest
        signature_key.created = created
        signature_key.enabled = enabled

        signature_key.additional_properties = d
        return signature_key

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (
            ("key_id", self.key_id),
            ("cipher", self.cipher),
            ("digest", self.digest),
            ("created", self.created),
            ("enabled", self.enabled),
        )
        return [name for name, value in fields if value is UNSET and name not in self.additional_properties]

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = (
            "key_id",
            "cipher",
            "digest",
            "created",
            "enabled",
        )
        return [name for name in names if name in self.additional_properties]

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "key_id",
                "cipher",
                "digest",
                "created",
                "enabled",
            ),
        )

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
