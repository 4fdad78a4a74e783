"""Contains all the data models used in inputs/outputs.

Each model is imported on first use (PEP 562), so ``from messagemedia_messages.models import Message``
does not import the other models.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .add_to_blacklist_request import AddToBlacklistRequest
    from .add_to_blacklist_response import AddToBlacklistResponse
    from .blacklist_pagination import BlacklistPagination
    from .cancel_scheduled_message_request import CancelScheduledMessageRequest
    from .check_credits_remaining_response import CheckCreditsRemainingResponse
    from .check_delivery_reports_response import CheckDeliveryReportsResponse
    from .check_numbers_authorised_response import CheckNumbersAuthorisedResponse
    from .check_replies_response import CheckRepliesResponse
    from .confirm_delivery_reports_as_received_request import ConfirmDeliveryReportsAsReceivedRequest
    from .confirm_replies_as_received_request import ConfirmRepliesAsReceivedRequest
    from .create_signature_key_request import CreateSignatureKeyRequest
    from .create_webhook_request import CreateWebhookRequest
    from .created_signature_key import CreatedSignatureKey
    from .delivery_report import DeliveryReport
    from .delivery_report_event import DeliveryReportEvent
    from .delivery_report_status import DeliveryReportStatus
    from .enable_signature_key_request import EnableSignatureKeyRequest
    from .error_response import ErrorResponse
    from .event_metadata import EventMetadata
    from .format_ import Format
    from .invalid_request_response import InvalidRequestResponse
    from .list_blacklist_response import ListBlacklistResponse
    from .list_webhooks_response import ListWebhooksResponse
    from .message import Message
    from .message_status import MessageStatus
    from .metadata import Metadata
    from .mms_attachment import MmsAttachment
    from .number_authorisation import NumberAuthorisation
    from .opt_out_event import OptOutEvent
    from .received_mms_event import ReceivedMmsEvent
    from .reply import Reply
    from .reply_event import ReplyEvent
    from .send_messages_request import SendMessagesRequest
    from .send_messages_response import SendMessagesResponse
    from .sent_message import SentMessage
    from .signature_key import SignatureKey
    from .signature_key_cipher import SignatureKeyCipher
    from .signature_key_digest import SignatureKeyDigest
    from .source_number_type import SourceNumberType
    from .update_webhook_request import UpdateWebhookRequest
    from .vendor_account_id import VendorAccountId
    from .webhook import Webhook
    from .webhook_encoding import WebhookEncoding
    from .webhook_event import WebhookEvent
    from .webhook_headers import WebhookHeaders
    from .webhook_method import WebhookMethod

_MODULES: dict[str, str] = {
    "AddToBlacklistRequest": ".add_to_blacklist_request",
    "AddToBlacklistResponse": ".add_to_blacklist_response",
    "BlacklistPagination": ".blacklist_pagination",
    "CancelScheduledMessageRequest": ".cancel_scheduled_message_request",
    "CheckCreditsRemainingResponse": ".check_credits_remaining_response",
    "CheckDeliveryReportsResponse": ".check_delivery_reports_response",
    "CheckNumbersAuthorisedResponse": ".check_numbers_authorised_response",
    "CheckRepliesResponse": ".check_replies_response",
    "ConfirmDeliveryReportsAsReceivedRequest": ".confirm_delivery_reports_as_received_request",
    "ConfirmRepliesAsReceivedRequest": ".confirm_replies_as_received_request",
    "CreateSignatureKeyRequest": ".create_signature_key_request",
    "CreateWebhookRequest": ".create_webhook_request",
    "CreatedSignatureKey": ".created_signature_key",
    "DeliveryReport": ".delivery_report",
    "DeliveryReportEvent": ".delivery_report_event",
    "DeliveryReportStatus": ".delivery_report_status",
    "EnableSignatureKeyRequest": ".enable_signature_key_request",
    "ErrorResponse": ".error_response",
    "EventMetadata": ".event_metadata",
    "Format": ".format_",
    "InvalidRequestResponse": ".invalid_request_response",
    "ListBlacklistResponse": ".list_blacklist_response",
    "ListWebhooksResponse": ".list_webhooks_response",
    "Message": ".message",
    "MessageStatus": ".message_status",
    "Metadata": ".metadata",
    "MmsAttachment": ".mms_attachment",
    "NumberAuthorisation": ".number_authorisation",
    "OptOutEvent": ".opt_out_event",
    "ReceivedMmsEvent": ".received_mms_event",
    "Reply": ".reply",
    "ReplyEvent": ".reply_event",
    "SendMessagesRequest": ".send_messages_request",
    "SendMessagesResponse": ".send_messages_response",
    "SentMessage": ".sent_message",
    "SignatureKey": ".signature_key",
    "SignatureKeyCipher": ".signature_key_cipher",
    "SignatureKeyDigest": ".signature_key_digest",
    "SourceNumberType": ".source_number_type",
    "UpdateWebhookRequest": ".update_webhook_request",
    "VendorAccountId": ".vendor_account_id",
    "Webhook": ".webhook",
    "WebhookEncoding": ".webhook_encoding",
    "WebhookEvent": ".webhook_event",
    "WebhookHeaders": ".webhook_headers",
    "WebhookMethod": ".webhook_method",
}

__all__ = (
    "AddToBlacklistRequest",
    "AddToBlacklistResponse",
    "BlacklistPagination",
    "CancelScheduledMessageRequest",
    "CheckCreditsRemainingResponse",
    "CheckDeliveryReportsResponse",
    "CheckNumbersAuthorisedResponse",
    "CheckRepliesResponse",
    "ConfirmDeliveryReportsAsReceivedRequest",
    "ConfirmRepliesAsReceivedRequest",
    "CreatedSignatureKey",
    "CreateSignatureKeyRequest",
    "CreateWebhookRequest",
    "DeliveryReport",
    "DeliveryReportEvent",
    "DeliveryReportStatus",
    "EnableSignatureKeyRequest",
    "ErrorResponse",
    "EventMetadata",
    "Format",
    "InvalidRequestResponse",
    "ListBlacklistResponse",
    "ListWebhooksResponse",
    "Message",
    "MessageStatus",
    "Metadata",
    "MmsAttachment",
    "NumberAuthorisation",
    "OptOutEvent",
    "ReceivedMmsEvent",
    "Reply",
    "ReplyEvent",
    "SendMessagesRequest",
    "SendMessagesResponse",
    "SentMessage",
    "SignatureKey",
    "SignatureKeyCipher",
    "SignatureKeyDigest",
    "SourceNumberType",
    "UpdateWebhookRequest",
    "VendorAccountId",
    "Webhook",
    "WebhookEncoding",
    "WebhookEvent",
    "WebhookHeaders",
    "WebhookMethod",
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
