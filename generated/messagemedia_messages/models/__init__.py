"""Contains all the data models used in inputs/outputs.

Each model is imported on first use (PEP 562), so ``from messagemedia_messages.models import Message``
does not import the other models.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cancel_scheduled_message_request import CancelScheduledMessageRequest
    from .check_credits_remaining_response import CheckCreditsRemainingResponse
    from .check_delivery_reports_response import CheckDeliveryReportsResponse
    from .check_replies_response import CheckRepliesResponse
    from .confirm_delivery_reports_as_received_request import ConfirmDeliveryReportsAsReceivedRequest
    from .confirm_replies_as_received_request import ConfirmRepliesAsReceivedRequest
    from .delivery_report import DeliveryReport
    from .delivery_report_status import DeliveryReportStatus
    from .error_response import ErrorResponse
    from .format_ import Format
    from .invalid_request_response import InvalidRequestResponse
    from .message import Message
    from .message_status import MessageStatus
    from .metadata import Metadata
    from .reply import Reply
    from .send_messages_request import SendMessagesRequest
    from .send_messages_response import SendMessagesResponse
    from .sent_message import SentMessage
    from .source_number_type import SourceNumberType
    from .vendor_account_id import VendorAccountId

_MODULES: dict[str, str] = {
    "CancelScheduledMessageRequest": ".cancel_scheduled_message_request",
    "CheckCreditsRemainingResponse": ".check_credits_remaining_response",
    "CheckDeliveryReportsResponse": ".check_delivery_reports_response",
    "CheckRepliesResponse": ".check_replies_response",
    "ConfirmDeliveryReportsAsReceivedRequest": ".confirm_delivery_reports_as_received_request",
    "ConfirmRepliesAsReceivedRequest": ".confirm_replies_as_received_request",
    "DeliveryReport": ".delivery_report",
    "DeliveryReportStatus": ".delivery_report_status",
    "ErrorResponse": ".error_response",
    "Format": ".format_",
    "InvalidRequestResponse": ".invalid_request_response",
    "Message": ".message",
    "MessageStatus": ".message_status",
    "Metadata": ".metadata",
    "Reply": ".reply",
    "SendMessagesRequest": ".send_messages_request",
    "SendMessagesResponse": ".send_messages_response",
    "SentMessage": ".sent_message",
    "SourceNumberType": ".source_number_type",
    "VendorAccountId": ".vendor_account_id",
}

__all__ = (
    "CancelScheduledMessageRequest",
    "CheckCreditsRemainingResponse",
    "CheckDeliveryReportsResponse",
    "CheckRepliesResponse",
    "ConfirmDeliveryReportsAsReceivedRequest",
    "ConfirmRepliesAsReceivedRequest",
    "DeliveryReport",
    "DeliveryReportStatus",
    "ErrorResponse",
    "Format",
    "InvalidRequestResponse",
    "Message",
    "MessageStatus",
    "Metadata",
    "Reply",
    "SendMessagesRequest",
    "SendMessagesResponse",
    "SentMessage",
    "SourceNumberType",
    "VendorAccountId",
)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
