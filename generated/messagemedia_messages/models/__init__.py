"""Contains all the data models used in inputs/outputs"""

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
from .source_number_type import SourceNumberType
from .vendor_account_id import VendorAccountId

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
    "SourceNumberType",
    "VendorAccountId",
)
