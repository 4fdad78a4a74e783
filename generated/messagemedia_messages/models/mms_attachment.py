from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import UNSET, Unset, model_repr

T = TypeVar("T", bound="MmsAttachment")


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class MmsAttachment:
    """One media item of an inbound MMS."""

    content_type: str | Unset = UNSET
    """ The media type, e.g. `image/png`. """
    content: str | Unset = UNSET
    """ The media itself, base64. """
    original_name: str | Unset = UNSET
    """ The file name the handset gave it. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        content_type: Any = self.content_type
        if content_type is not UNSET:
            field_dict["content_type"] = content_type

        content: Any = self.content
        if content is not UNSET:
            field_dict["content"] = content

        original_name: Any = self.original_name
        if original_name is not UNSET:
            field_dict["original_name"] = original_name

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
        content_type = d.pop("content_type", UNSET)
        if not isinstance(content_type, str) and content_type is not UNSET:
            d["content_type"] = content_type
            content_type = UNSET

        content = d.pop("content", UNSET)
        if not isinstance(content, str) and content is not UNSET:
            d["content"] = content
            content = UNSET

        original_name = d.pop("original_name", UNSET)
        if not isinstance(original_name, str) and original_name is not UNSET:
            d["original_name"] = original_name
            original_name = UNSET

        mms_attachment = cls.__new__(cls)
        mms_attachment.content_type = content_type
        mms_attachment.content = content
        mms_attachment.original_name = original_name

        mms_attachment.additional_properties = d
        return mms_attachment

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        return []

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = (
            "content_type",
            "content",
            "original_name",
        )
        return [name for name in names if name in self.additional_properties]

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            (
                "content_type",
                "content",
                "original_name",
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
