from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from attrs import setters as _attrs_setters

from ..types import UNSET, model_repr

T = TypeVar("T", bound="CheckRepliesResponse")


@_attrs_define(repr=False, on_setattr=_attrs_setters.NO_OP)
class CheckRepliesResponse:
    """Up to 100 unconfirmed replies, oldest first."""

    replies: list[Reply]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON-ready data; it never raises.

        UNSET fields are left out. A field holding a value of another type than the spec's (a raw
        value a lenient `from_dict` could not read, or a wrong one set by the caller) is written
        through unchanged, so that the request validation compiled from the spec names the field.
        """
        field_dict: dict[str, Any] = dict(self.additional_properties)
        replies: Any = self.replies
        if replies is not UNSET:
            _replies_json = (
                [_item.to_dict() if isinstance(_item, Reply) else _item for _item in replies]
                if isinstance(replies, list)
                else replies
            )
            _replies_raw = field_dict.get("replies")
            if not isinstance(_replies_raw, list) or _replies_json != [
                _replies_item for _replies_item in _replies_raw if isinstance(_replies_item, dict)
            ]:
                field_dict["replies"] = _replies_json

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
        _replies_raw = d.pop("replies", UNSET)
        replies: Any = UNSET
        if isinstance(_replies_raw, list):
            replies = [
                Reply.from_dict(_replies_item) for _replies_item in _replies_raw if isinstance(_replies_item, dict)
            ]
            if len(replies) != len(_replies_raw):
                d["replies"] = _replies_raw
        elif _replies_raw is not UNSET:
            d["replies"] = _replies_raw

        check_replies_response = cls.__new__(cls)
        check_replies_response.replies = replies

        check_replies_response.additional_properties = d
        return check_replies_response

    @property
    def missing_fields(self) -> list[str]:
        """The fields the spec requires that the data read by `from_dict` did not have (left UNSET)."""
        fields: tuple[tuple[str, object], ...] = (("replies", self.replies),)
        return [name for name, value in fields if value is UNSET and name not in self.additional_properties]

    @property
    def unreadable_fields(self) -> list[str]:
        """The fields whose value `from_dict` could not read as the spec's type: each is UNSET
        here (a list of objects keeps the items that are objects) and its raw value is kept in
        `additional_properties` (`model["name"]` reads it)."""
        names: tuple[str, ...] = ("replies",)
        return [name for name in names if name in self.additional_properties]

    def __repr__(self) -> str:
        """The fields that are set (UNSET ones are left out), then any additional properties."""
        return model_repr(
            self,
            ("replies",),
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


# Models that refer to each other import each other here, after the class exists, so that any
# import order works; not inside from_dict/to_dict, where the import statement ran on every call.
from ..models.reply import Reply  # noqa: E402
