from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MmsAttachment")


@_attrs_define
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
        content_type = self.content_type

        content = self.content

        original_name = self.original_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if content is not UNSET:
            field_dict["content"] = content
        if original_name is not UNSET:
            field_dict["original_name"] = original_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content_type = d.pop("content_type", UNSET)

        content = d.pop("content", UNSET)

        original_name = d.pop("original_name", UNSET)

        mms_attachment = cls(
            content_type=content_type,
            content=content,
            original_name=original_name,
        )

        mms_attachment.additional_properties = d
        return mms_attachment

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
