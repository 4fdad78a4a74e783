"""What a webhook is called with: the event's name, its template variables and its default payload.

Events and their variables follow the API's table (D = delivery reports, M = `RECEIVED_SMS`,
X = `RECEIVED_MMS`, O = `OPT_OUT_SMS`). Where the table leaves a value open, the sandbox chooses:

- `$submittedTimestamp` is the report's `submitted_date` (when the status changed) for D, and the
  time the reply came for M and X (a handset's message has no other "message time" here);
  `$receivedTimestamp` is `date_received`.
- `$statusCode` is the report's delivery code (`error_code`, e.g. `220`); `$status` its status.
- O has `$notificationId`, `$accountId`, the addresses, the time, the message answered
  (`$mtId`, `$mtContent`, `$metadata`) and what the handset sent (`$moContent`), but not `$moId` /
  `$replyId`: those render as written, as the API documents.
- `$retryCount` is added per attempt by the delivery (0 on the first).

Default payloads are those of the API's `webhooks` schemas, every scalar a string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .lifecycle import VENDOR_ID

DR_EVENTS = {
    "enroute": "ENROUTE_DR",
    "submitted": "SUBMITTED_DR",
    "delivered": "DELIVERED_DR",
    "expired": "EXPIRED_DR",
    "rejected": "REJECTED_DR",
    "failed": "FAILED_DR",
}


@dataclass(frozen=True)
class Event:
    """One event for the account's webhooks."""

    name: str
    variables: dict[str, Any]
    payload: dict[str, Any]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _metadata(value: object) -> dict[str, str]:
    return {str(k): _text(v) for k, v in value.items()} if isinstance(value, Mapping) else {}


def delivery_report(report: Mapping[str, Any], fields: Mapping[str, Any], account: str) -> Event:
    """The `*_DR` event of a delivery report of a message sent with these fields."""
    metadata = _metadata(report.get("metadata"))
    variables: dict[str, Any] = {
        "format": _text(fields.get("format", "SMS")),
        "mtId": report["message_id"],
        "drId": report["delivery_report_id"],
        "accountId": account,
        "submittedTimestamp": report["submitted_date"],
        "receivedTimestamp": report["date_received"],
        "status": report["status"],
        "statusCode": report["error_code"],
        "metadata": metadata,
        "sourceAddress": report["source_number"],
        "mtContent": report["original_text"],
        "billingUnits": _text(report.get("billing_units")),
        "vendorId": VENDOR_ID,
    }
    _aliases(variables)
    payload = {
        "delivery_report_id": report["delivery_report_id"],
        "source_number": report["source_number"],
        "date_received": report["date_received"],
        "status": report["status"],
        "delay": "0",
        "submitted_date": report["submitted_date"],
        "message_id": report["message_id"],
        "original_text": report["original_text"],
        "vendor_account_id": {"vendor_id": VENDOR_ID, "account_id": account},
        "error_code": report["error_code"],
        "metadata": metadata,
    }
    return Event(DR_EVENTS[str(report["status"])], variables, payload)


def reply(reply: Mapping[str, Any], account: str, message: Mapping[str, Any] | None) -> Event:
    """The `RECEIVED_SMS` event of a reply, or `RECEIVED_MMS` when it carries attachments."""
    attachments = reply.get("attachments")
    is_mms = bool(attachments)
    metadata = _metadata(reply.get("metadata"))
    variables: dict[str, Any] = {
        "format": "MMS" if is_mms else "SMS",
        "moId": reply["reply_id"],
        "accountId": account,
        "submittedTimestamp": reply["date_received"],
        "receivedTimestamp": reply["date_received"],
        "metadata": metadata,
        "sourceAddress": reply["source_number"],
        "destinationAddress": reply.get("destination_number"),
        "moContent": reply.get("content"),
    }
    if reply.get("message_id"):
        variables["mtId"] = reply["message_id"]
    if message is not None:
        variables["mtContent"] = message.get("content")
    if is_mms:
        variables["attachments"] = list(attachments or [])
    _aliases(variables)
    payload: dict[str, Any] = {"account_id": account, "reply_id": reply["reply_id"]}
    if reply.get("destination_number"):
        payload["destination_number"] = reply["destination_number"]
    payload["source_number"] = reply["source_number"]
    payload["date_received"] = reply["date_received"]
    if reply.get("message_id"):
        payload["message_id"] = reply["message_id"]
    if is_mms:
        # With media, `attachments` replaces `content`: a payload has one or the other.
        payload["attachments"] = [
            {
                "content_type": _text(item.get("content_type")),
                "content": _text(item.get("content")),
                "original_name": _text(item.get("original_name")),
            }
            for item in attachments or []
        ]
    else:
        payload["content"] = _text(reply.get("content"))
    payload["metadata"] = metadata
    return Event("RECEIVED_MMS" if is_mms else "RECEIVED_SMS", variables, payload)


def opt_out(notification: Mapping[str, Any], message: Mapping[str, Any] | None) -> Event:
    """The `OPT_OUT_SMS` event of an opt-out notification (see `optout.record_opt_out`)."""
    metadata = _metadata(notification.get("metadata"))
    variables: dict[str, Any] = {
        "format": "SMS",
        "notificationId": notification["notification_id"],
        "accountId": notification["account_id"],
        "submittedTimestamp": notification["date_received"],
        "receivedTimestamp": notification["date_received"],
        "metadata": metadata,
        "sourceAddress": notification["source_number"],
        "destinationAddress": notification.get("destination_number"),
        "moContent": notification["content"],
    }
    if notification.get("message_id"):
        variables["mtId"] = notification["message_id"]
    if message is not None:
        variables["mtContent"] = message.get("content")
    _aliases(variables)
    payload: dict[str, Any] = {
        "notification_id": notification["notification_id"],
        "account_id": notification["account_id"],
    }
    if notification.get("destination_number"):
        payload["destination_number"] = notification["destination_number"]
    payload["source_number"] = notification["source_number"]
    payload["date_received"] = notification["date_received"]
    if notification.get("message_id"):
        payload["message_id"] = notification["message_id"]
    payload["content"] = notification["content"]
    payload["metadata"] = metadata
    return Event("OPT_OUT_SMS", variables, payload)


_ALIASES = {
    "type": "format",  # deprecated name of $format
    "messageId": "mtId",
    "reportId": "drId",
    "replyId": "moId",
    "messageContent": "mtContent",
    "replyContent": "moContent",
}


def _aliases(variables: dict[str, Any]) -> None:
    for alias, name in _ALIASES.items():
        if variables.get(name) is not None:
            variables[alias] = variables[name]
    for name in [name for name, value in variables.items() if value is None]:
        del variables[name]
