from enum import StrEnum
from typing import Any, Self


class DeliveryReportStatus(StrEnum):
    """Values listed in openapi.yaml, plus any value the API sends that the spec does not list yet.

    An unlisted value does not fail parsing: it becomes a member made on the fly whose ``value``
    is the exact string received (so ``to_dict`` gives it back unchanged) and whose ``is_known``
    is False.
    """

    DELIVERED = "delivered"
    ENROUTE = "enroute"
    EXPIRED = "expired"
    FAILED = "failed"
    REJECTED = "rejected"
    SUBMITTED = "submitted"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    @classmethod
    def parse(cls, value: str) -> Self:
        """``cls(value)``, without Enum's call machinery for the values the spec lists."""
        member = cls._value2member_map_.get(value)
        return member if isinstance(member, cls) else cls(value)

    @property
    def is_known(self) -> bool:
        """False for a value the spec does not list."""
        return type(self).__members__.get(self._name_) is self

    def __str__(self) -> str:
        return str(self.value)
