from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..models.signature_key_cipher import SignatureKeyCipher
from ..models.signature_key_digest import SignatureKeyDigest
from ..types import UNSET, model_repr

T = TypeVar("T", bound="CreateSignatureKeyRequest")


def _digest_from_str(value: SignatureKeyDigest | str) -> SignatureKeyDigest:
    """`CreateSignatureKeyRequest.digest` takes a SignatureKeyDigest or its string value."""
    if type(value) is str:
        return SignatureKeyDigest.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("SignatureKeyDigest", value)


def _cipher_from_str(value: SignatureKeyCipher | str) -> SignatureKeyCipher:
    """`CreateSignatureKeyRequest.cipher` takes a SignatureKeyCipher or its string value."""
    if type(value) is str:
        return SignatureKeyCipher.parse(value)
    # A member or UNSET as it is; anything else too: to_dict writes it back, request validation names it.
    return cast("SignatureKeyCipher", value)


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class CreateSignatureKeyRequest:
    """The kind of key to make."""

    digest: SignatureKeyDigest = _attrs_field(converter=_digest_from_str)
    """ The hash a key signs with (RSASSA-PKCS1-v1_5 with SHA-224, SHA-256 or SHA-512). """
    cipher: SignatureKeyCipher = _attrs_field(converter=_cipher_from_str)
    """ The signature algorithm; RSA is the only one. """

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = {}
        digest: Any = self.digest
        if digest is not UNSET:
            field_dict["digest"] = digest.value if isinstance(digest, SignatureKeyDigest) else digest

        cipher: Any = self.cipher
        if cipher is not UNSET:
            field_dict["cipher"] = cipher.value if isinstance(cipher, SignatureKeyCipher) else cipher

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
        _digest_raw = d.pop("digest", UNSET)
        digest: Any = UNSET
        if _digest_raw is not UNSET:
            try:
                digest = SignatureKeyDigest.parse(_digest_raw)
            except (TypeError, ValueError):
                d["digest"] = _digest_raw

        _cipher_raw = d.pop("cipher", UNSET)
        cipher: Any = UNSET
        if _cipher_raw is not UNSET:
            try:
                cipher = SignatureKeyCipher.parse(_cipher_raw)
            except (TypeError, ValueError):
                d["cipher"] = _cipher_raw

        create_signature_key_request = cls.__new__(cls)
        create_signature_key_request.digest = digest
        create_signature_key_request.cipher = cipher

        return create_signature_key_request

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (
            ("digest", self.digest),
            ("cipher", self.cipher),
        )
        return [name for name, value in fields if value is UNSET]

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        return []

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "digest",
                "cipher",
            ),
        )
