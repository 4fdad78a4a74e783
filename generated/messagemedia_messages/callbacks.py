"""Receive the callbacks the API sends: delivery reports, replies, inbound MMS and opt-outs.

Verify the signature over the raw body first, then parse (``verify_and_parse`` does both)::

    from messagemedia_messages.callbacks import verify_and_parse

    event = verify_and_parse(method, target, headers, raw_body, keys={key_id: public_key})

or let an adapter do it all and call your handler with the typed event: ``CallbackASGIApp`` /
``CallbackMiddleware`` (FastAPI, Starlette, any ASGI server), ``CallbackWSGIApp`` /
``CallbackWSGIMiddleware`` (Flask, Django, any WSGI server). They answer 2XX only after the
handler returned, so a failure makes the API deliver the callback again; deduplicate by
``event_id(event)``. ``sign_callback`` makes the headers the API would send, to test a receiver.

Verifying and signing need the ``cryptography`` package (``pip install
'messagemedia-messages[webhooks]'``), imported only when a key is read or a signature checked.

The events are openapi.yaml's ``webhooks:`` (``opt_out``, ``received_mms``, ``delivery_report``, ``received_sms``),
recognised in this order:

- ``OptOutEvent`` (opt_out; OPT_OUT_SMS): a body with ``notification_id``; deduplicate by ``notification_id``
- ``ReceivedMmsEvent`` (received_mms; RECEIVED_MMS): a body with ``attachments``; deduplicate by ``reply_id``
- ``DeliveryReportEvent`` (delivery_report; ENROUTE_DR, SUBMITTED_DR, DELIVERED_DR, EXPIRED_DR, REJECTED_DR, FAILED_DR): a body with ``delivery_report_id``; deduplicate by ``delivery_report_id``
- ``ReplyEvent`` (received_sms; RECEIVED_SMS): a body with ``reply_id``; deduplicate by ``reply_id``

Generated from templates/extra/callbacks.py.jinja and openapi.yaml. Do not edit.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, TypeAlias

from messagemedia_runtime import callback_asgi as _asgi
from messagemedia_runtime import callback_wsgi as _wsgi
from messagemedia_runtime.callback_asgi import asgi_target
from messagemedia_runtime.callback_errors import (
    CallbackDateInFutureError,
    CallbackPayloadError,
    CallbackTooOldError,
    CallbackVerificationError,
    DigestMismatchError,
    DuplicateCallbackHeaderError,
    InvalidSignatureError,
    MalformedCallbackDateError,
    MissingCallbackHeaderError,
    UnknownKeyError,
    UnrecognisedEventError,
    UnsupportedAlgorithmError,
)
from messagemedia_runtime.callback_keys import CallbackKey, CallbackKeyring, Keys
from messagemedia_runtime.callback_parsing import EventParser, EventType
from messagemedia_runtime.callback_signing import (
    Headers,
    PublicTarget,
    VerifiedSignature,
    callback_target,
    read_headers,
    sign_callback,
    verify_callback,
    verify_read_headers,
)
from messagemedia_runtime.callback_wsgi import wsgi_headers, wsgi_target
from messagemedia_runtime.errors import MessageMediaError

from .models import DeliveryReportEvent, OptOutEvent, ReceivedMmsEvent, ReplyEvent

CallbackEvent: TypeAlias = OptOutEvent | ReceivedMmsEvent | DeliveryReportEvent | ReplyEvent
"""Any event a callback carries: match on its class (``isinstance``, ``match event: case ...``)."""

EVENT_TYPES: tuple[EventType[CallbackEvent], ...] = (
    EventType[CallbackEvent](
        name="opt_out",
        model=OptOutEvent,
        from_dict=OptOutEvent.from_dict,
        id_field="notification_id",
        recognised_by=("notification_id",),
        events=("OPT_OUT_SMS",),
        structured={"metadata": "object"},
    ),
    EventType[CallbackEvent](
        name="received_mms",
        model=ReceivedMmsEvent,
        from_dict=ReceivedMmsEvent.from_dict,
        id_field="reply_id",
        recognised_by=("attachments",),
        events=("RECEIVED_MMS",),
        structured={"attachments": "array", "metadata": "object"},
    ),
    EventType[CallbackEvent](
        name="delivery_report",
        model=DeliveryReportEvent,
        from_dict=DeliveryReportEvent.from_dict,
        id_field="delivery_report_id",
        recognised_by=("delivery_report_id",),
        events=(
            "ENROUTE_DR",
            "SUBMITTED_DR",
            "DELIVERED_DR",
            "EXPIRED_DR",
            "REJECTED_DR",
            "FAILED_DR",
        ),
        structured={"metadata": "object", "vendor_account_id": "object"},
    ),
    EventType[CallbackEvent](
        name="received_sms",
        model=ReplyEvent,
        from_dict=ReplyEvent.from_dict,
        id_field="reply_id",
        recognised_by=("reply_id",),
        events=("RECEIVED_SMS",),
        structured={"metadata": "object", "vendor_account_id": "object"},
    ),
)
"""The events of openapi.yaml's ``webhooks:``, in the order a body is recognised in."""

_PARSER: EventParser[CallbackEvent] = EventParser(EVENT_TYPES)


def parse_event(
    body: bytes | str | Mapping[str, Any],
    content_type: str | None = None,
    *,
    event_type: str | type[Any] | None = None,
    query: str | None = None,
) -> CallbackEvent:
    """The event a callback's body carries, as its model; read leniently (unknown fields are kept,
    absent ones are ``UNSET``).

    ``body``: the raw bytes (or text, or an already decoded mapping); ``content_type``: the
    request's, which says JSON or form-encoded (a body without one is recognised by its first
    character). ``event_type`` names the event instead of recognising it from the fields, for a URL
    that receives one event only (a webhook whose template shapes its own body): a webhook name
    (``opt_out``, ``received_mms``, ``delivery_report``, ``received_sms``),
    an API event (``DELIVERED_DR``, ``RECEIVED_MMS``...) or a model class. ``query``: a GET
    webhook's query string, read as a form when the body is empty.

    Raises ``CallbackPayloadError`` for a body that is not a JSON object or a form, and
    ``UnrecognisedEventError`` (one) for a body none of whose fields tells its event.
    """
    return _PARSER.parse(body, content_type, event_type=event_type, query=query)


def event_id(event: CallbackEvent) -> str | None:
    """The ID to deduplicate this event's deliveries by (``notification_id``, ``reply_id``, ``delivery_report_id``),
    or ``None`` when the body carried none. The API delivers again after any non-2XX answer."""
    return _PARSER.event_id(event)


def event_name(event: CallbackEvent) -> str:
    """The webhook name of an event's kind in openapi.yaml, e.g. ``delivery_report``."""
    return _PARSER.event_type_of(event)


def verify_and_parse(
    method: str,
    target: str | bytes,
    headers: Headers,
    body: bytes | str,
    *,
    keys: Keys,
    max_age: float | _dt.timedelta | None = None,
    now: float | _dt.datetime | None = None,
    public_target: PublicTarget = None,
    event_type: str | type[Any] | None = None,
) -> CallbackEvent:
    """Verify a callback's signature over its raw body, then parse it: the event, or an error.

    A ``CallbackVerificationError`` (answer 401) or a ``CallbackPayloadError`` (answer 400);
    the arguments are those of ``verify_callback`` and ``parse_event``.
    """
    found = read_headers(headers)
    verify_read_headers(method, target, found, body, keys=keys, max_age=max_age, now=now, public_target=public_target)
    query = None
    if not body:
        raw = target.decode("latin-1") if isinstance(target, bytes) else target
        query = raw.partition("?")[2] or None
    return _PARSER.parse(body, found.get("content-type"), event_type=event_type, query=query)


class CallbackASGIApp(_asgi.CallbackASGIApp[CallbackEvent]):
    """An ASGI application that receives callbacks and calls ``handler(event)`` with each one.

    ``keys``: key ID -> public key (required unless ``verify=False``); ``max_age``: refuse
    callbacks dated further than this many seconds from now; ``public_target``: the path the API
    calls when a proxy rewrites it; ``max_body``: the largest body read (16 MiB); ``event_type``:
    the one event this URL receives. 204 once the handler returned (sync handlers run in a
    thread), 401 bad signature, 400 unreadable body, 413 too large, 500 the handler raised.
    """

    parser = _PARSER


class CallbackMiddleware(_asgi.CallbackMiddleware[CallbackEvent]):
    """ASGI middleware: requests to ``path`` go to a ``CallbackASGIApp``, the rest to the app.

    FastAPI / Starlette: ``app.add_middleware(CallbackMiddleware, path="/messagemedia", handler=handle, keys=KEYS)``.
    """

    receiver_class = CallbackASGIApp


class CallbackWSGIApp(_wsgi.CallbackWSGIApp[CallbackEvent]):
    """A WSGI application that receives callbacks and calls ``handler(event)`` with each one;
    the arguments and answers are those of ``CallbackASGIApp``."""

    parser = _PARSER


class CallbackWSGIMiddleware(_wsgi.CallbackWSGIMiddleware[CallbackEvent]):
    """WSGI middleware: requests to ``path`` go to a ``CallbackWSGIApp``, the rest to the app.

    Flask: ``app.wsgi_app = CallbackWSGIMiddleware(app.wsgi_app, path="/messagemedia", handler=handle, keys=KEYS)``.
    """

    receiver_class = CallbackWSGIApp


__all__ = [
    "EVENT_TYPES",
    "CallbackASGIApp",
    "CallbackDateInFutureError",
    "CallbackEvent",
    "CallbackKey",
    "CallbackKeyring",
    "CallbackMiddleware",
    "CallbackPayloadError",
    "CallbackTooOldError",
    "CallbackVerificationError",
    "CallbackWSGIApp",
    "CallbackWSGIMiddleware",
    "DeliveryReportEvent",
    "OptOutEvent",
    "ReceivedMmsEvent",
    "ReplyEvent",
    "DigestMismatchError",
    "DuplicateCallbackHeaderError",
    "Headers",
    "InvalidSignatureError",
    "Keys",
    "MalformedCallbackDateError",
    "MessageMediaError",
    "MissingCallbackHeaderError",
    "UnknownKeyError",
    "UnrecognisedEventError",
    "UnsupportedAlgorithmError",
    "VerifiedSignature",
    "asgi_target",
    "callback_target",
    "event_id",
    "event_name",
    "parse_event",
    "sign_callback",
    "verify_and_parse",
    "verify_callback",
    "wsgi_headers",
    "wsgi_target",
]
