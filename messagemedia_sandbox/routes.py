"""The API's eight operations and the sandbox's admin endpoints, independent of the HTTP plumbing.

Each request goes through the same gate as on the real API, in this order: is the path known
(404) and the method allowed (405), are the credentials good (401), is the `Account` header
usable (400), is the body valid JSON that the spec accepts (400). Only then does it touch state.
"""

from __future__ import annotations

import ipaddress
import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from . import auth, validation
from .billing import billing_units
from .config import SandboxConfig
from .lifecycle import OUTCOMES, Plan
from .store import NewMessage, Store
from .timestamps import format_datetime, parse_datetime, to_utc

_MESSAGE_PATH = re.compile(r"^/v1/messages/([^/]+)$")
_ECHOED = (
    "content",
    "destination_number",
    "format",
    "source_number",
    "source_number_type",
    "delivery_report",
    "callback_url",
    "scheduled",
    "message_expiry_timestamp",
    "metadata",
    "media",
    "subject",
)
_OUTCOME_ALIASES = {
    "deliver": "delivered",
    "delivered": "delivered",
    "fail": "failed",
    "failed": "failed",
    "reject": "rejected",
    "rejected": "rejected",
    # Ends `failed` with error code 400 (undeliverable), as the API reports it today.
    "undeliverable": "undeliverable",
}
# Destinations as the API accepts them: `+`, then 8 to 15 digits, the first not 0.
_E164 = re.compile(r"^\+[1-9][0-9]{7,14}$")


@dataclass
class Response:
    """What to answer: a status, a JSON-able body (None for an empty one) and extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> bytes:
        if self.body is None:
            return b""
        return json.dumps(self.body, separators=(",", ":")).encode("utf-8")


def error(
    status: int, message: str, details: list[str] | None = None, headers: dict[str, str] | None = None
) -> Response:
    body: dict[str, Any] = {"message": message}
    if details is not None:
        body["details"] = details
    return Response(status, body, headers or {})


class BadRequestError(Exception):
    """Ends a request with 400 and these details."""

    def __init__(self, message: str, details: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


@dataclass(frozen=True)
class Incoming:
    """One HTTP request as received."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes
    client_host: str


def parse_json(incoming: Incoming) -> Any:
    """The body as JSON, or BadRequestError saying why it is not."""
    content_type = auth.find_header(incoming.headers, "content-type")
    if content_type is not None and "json" not in content_type.lower():
        raise BadRequestError(
            "Unsupported Content-Type", [f"body: expected application/json, got {content_type!r}"]
        )
    if not incoming.body.strip():
        raise BadRequestError("Missing request body", ["body: a JSON object is required"])
    try:
        return json.loads(incoming.body.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        raise BadRequestError("Request body is not UTF-8", [f"body: {exc}"]) from exc
    except (ValueError, RecursionError) as exc:
        raise BadRequestError("Request body is not valid JSON", [f"body: {exc}"]) from exc


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


Handler = Callable[["Api", Incoming, str, str], Response]


class Api:
    """Answers requests from the state in `store`."""

    def __init__(self, config: SandboxConfig, store: Store, on_callbacks: Callable[[], None]) -> None:
        self.config = config
        self.store = store
        self._on_callbacks = on_callbacks

    def advance(self, now: float | None = None) -> None:
        """Brings every message's status up to date (the ticker and each read call this)."""
        if self.store.advance(time.time() if now is None else now, self.config.auto_reply):
            self._on_callbacks()

    # -- dispatch --------------------------------------------------------------------------

    def handle(self, incoming: Incoming) -> Response:
        try:
            path = urlsplit(incoming.target).path
        except ValueError:
            return error(404, "Resource not found.")
        if path.startswith("/sandbox/"):
            return self._admin(incoming, path)
        route = self._route(path)
        if route is None:
            return error(404, "Resource not found.")
        handlers, path_arg = route
        handler = handlers.get(incoming.method)
        if handler is None:
            allowed = ", ".join(sorted(handlers))
            return error(
                405, f"{incoming.method} is not allowed here; use {allowed}.", headers={"Allow": allowed}
            )
        try:
            key = auth.authenticate(
                auth.Request(incoming.method, incoming.target, incoming.headers, incoming.body),
                self.config.credentials,
                time.time(),
                self.config.max_clock_skew,
            )
        except auth.AuthError as exc:
            return error(401, str(exc), headers={"WWW-Authenticate": 'Basic realm="messagemedia-sandbox"'})
        try:
            account = self._account(incoming, key)
            return handler(self, incoming, account, path_arg)
        except BadRequestError as exc:
            return error(400, exc.message, exc.details)

    @staticmethod
    def _route(path: str) -> tuple[dict[str, Handler], str] | None:
        if path in _FIXED_ROUTES:
            return _FIXED_ROUTES[path], ""
        match = _MESSAGE_PATH.match(path)
        if match:
            return _MESSAGE_ROUTES, unquote(match.group(1))
        return None

    def _account(self, incoming: Incoming, key: str) -> str:
        # Without the header the key's own account is meant; with it, the named sub-account.
        value = auth.find_header(incoming.headers, "account")
        if value is None:
            return key
        if not 1 <= len(value) <= 100:
            raise BadRequestError("Invalid Account header", ["Account: must be 1 to 100 characters"])
        return value

    # -- messages --------------------------------------------------------------------------

    def send_messages(self, incoming: Incoming, account: str, _: str) -> Response:
        payload = _valid_body(incoming, "SendMessagesRequest", "Invalid message request.")
        # Problems the schema cannot see (a date-time Python cannot represent...), still all or nothing.
        details: list[str] = []
        now = time.time()
        drafts: list[tuple[dict[str, Any], float | None, float | None]] = []
        for index, message in enumerate(payload["messages"]):
            fields, scheduled, expires = self._message_fields(message, index, details)
            drafts.append((fields, scheduled, expires))
        if details:
            raise BadRequestError("Invalid message request.", details)
        outcomes = self.store.destination_outcomes(fields["destination_number"] for fields, _, _ in drafts)
        new = []
        for fields, scheduled, expires in drafts:
            later = scheduled is not None and scheduled > now
            plan = Plan(
                created_at=now,
                due_at=scheduled if later and scheduled is not None else now,
                step=self.config.step_seconds,
                outcome=outcomes.get(fields["destination_number"], "delivered"),
                scheduled=later,
                expires_at=expires,
            )
            parts = billing_units(fields["format"], fields["content"])
            new.append(NewMessage(fields=fields, plan=plan, parts=parts))
        return Response(202, {"messages": self.store.add_messages(account, new)})

    @staticmethod
    def _message_fields(
        message: Mapping[str, Any], index: int, details: list[str]
    ) -> tuple[dict[str, Any], float | None, float | None]:
        # message_id and status are read-only: a client that sends them back is ignored, as
        # are keys the spec does not know.
        fields = {name: message[name] for name in _ECHOED if name in message}
        # The schema already demands these; checking again keeps a drifted spec from turning
        # into a KeyError (a 500) further down.
        for name in ("content", "destination_number"):
            if not isinstance(fields.get(name), str):
                details.append(f"messages[{index}].{name}: a string is required")
                fields[name] = ""
        fields.setdefault("format", "SMS")
        fields.setdefault("delivery_report", False)
        fields.setdefault("metadata", {})
        moments: dict[str, float] = {}
        for name in ("scheduled", "message_expiry_timestamp"):
            if name not in fields:
                continue
            try:
                parsed = to_utc(parse_datetime(fields[name]))
                moment = parsed.timestamp()
                # Shown back in the one form every response uses (UTC, `Z`).
                fields[name] = format_datetime(parsed)
            except (ValueError, OverflowError, OSError):
                details.append(f"messages[{index}].{name}: {fields[name]!r} is not a usable date-time")
                continue
            moments[name] = moment
        return fields, moments.get("scheduled"), moments.get("message_expiry_timestamp")

    @staticmethod
    def _message_id(raw: str) -> str | None:
        # The API answers 404 for an ID it does not know, however malformed: no message has it.
        return raw.lower() if validation.is_uuid(raw) else None

    def get_message(self, _incoming: Incoming, account: str, raw_id: str) -> Response:
        message_id = self._message_id(raw_id)
        if message_id is None:
            return _no_message(raw_id)
        self.advance()
        message = self.store.get_message(account, message_id)
        if message is None:
            return _no_message(message_id)
        return Response(200, message)

    def cancel_message(self, incoming: Incoming, account: str, raw_id: str) -> Response:
        message_id = self._message_id(raw_id)
        if message_id is None:
            return _no_message(raw_id)
        _valid_body(incoming, "CancelScheduledMessageRequest", "Invalid cancel request.")
        self.advance()
        cancelled, status = self.store.cancel(account, message_id)
        if not cancelled and status is None:
            return _no_message(message_id)
        if not cancelled:
            raise BadRequestError(
                "Only scheduled messages can be cancelled.",
                [f"status: the message is {status}, not scheduled"],
            )
        return Response(200)

    def check_credits(self, _incoming: Incoming, account: str, _: str) -> Response:
        return Response(200, {"credits": self.store.credits(account)})

    # -- replies and delivery reports ------------------------------------------------------

    def check_replies(self, _incoming: Incoming, account: str, _: str) -> Response:
        self.advance()
        return Response(200, {"replies": self.store.open_replies(account)})

    def confirm_replies(self, incoming: Incoming, account: str, _: str) -> Response:
        payload = _valid_body(incoming, "ConfirmRepliesAsReceivedRequest", "Invalid confirm request.")
        self.store.confirm_replies(account, payload["reply_ids"])
        return Response(202)

    def check_reports(self, _incoming: Incoming, account: str, _: str) -> Response:
        self.advance()
        return Response(200, {"delivery_reports": self.store.open_reports(account)})

    def confirm_reports(self, incoming: Incoming, account: str, _: str) -> Response:
        payload = _valid_body(incoming, "ConfirmDeliveryReportsAsReceivedRequest", "Invalid confirm request.")
        self.store.confirm_reports(account, payload["delivery_report_ids"])
        return Response(202)

    # -- admin (a loopback peer, or the sandbox's own credentials) -------------------------

    def _admin(self, incoming: Incoming, path: str) -> Response:
        if not _is_loopback(incoming.client_host):
            refusal = self._admin_credentials(incoming)
            if refusal is not None:
                return refusal
        routes: dict[str, dict[str, Callable[[Incoming], Response]]] = {
            "/sandbox/health": {"GET": self._health},
            "/sandbox/replies": {"POST": self._simulate_reply},
            "/sandbox/destinations": {"POST": self._mark_destination},
            "/sandbox/callbacks": {"GET": self._list_callbacks},
        }
        handlers = routes.get(path)
        if handlers is None:
            return error(404, "Resource not found.")
        handler = handlers.get(incoming.method)
        if handler is None:
            allowed = ", ".join(sorted(handlers))
            return error(
                405, f"{incoming.method} is not allowed here; use {allowed}.", headers={"Allow": allowed}
            )
        try:
            return handler(incoming)
        except BadRequestError as exc:
            return error(400, exc.message, exc.details)

    def _admin_credentials(self, incoming: Incoming) -> Response | None:
        """None when the request carries the sandbox's credentials (Basic or HMAC), else the refusal."""
        if auth.find_header(incoming.headers, "authorization") is None:
            return error(
                403,
                "The /sandbox/ endpoints answer a loopback peer, or a request made with the sandbox's "
                "API key and secret (Basic or HMAC).",
            )
        try:
            auth.authenticate(
                auth.Request(incoming.method, incoming.target, incoming.headers, incoming.body),
                self.config.credentials,
                time.time(),
                self.config.max_clock_skew,
            )
        except auth.AuthError as exc:
            return error(401, str(exc), headers={"WWW-Authenticate": 'Basic realm="messagemedia-sandbox"'})
        return None

    def _health(self, _incoming: Incoming) -> Response:
        return Response(200, {"status": "ok", "stored": self.store.count_all()})

    def _list_callbacks(self, _incoming: Incoming) -> Response:
        return Response(200, {"callbacks": self.store.callbacks()})

    def _simulate_reply(self, incoming: Incoming) -> Response:
        payload = _admin_object(incoming)
        content = payload.get("content")
        if not isinstance(content, str) or not 1 <= len(content) <= 5000:
            raise BadRequestError("Invalid reply", ["content: a string of 1 to 5000 characters is required"])
        message_id = payload.get("message_id")
        self.advance()
        if message_id is not None:
            if not isinstance(message_id, str) or not validation.is_uuid(message_id):
                raise BadRequestError("Invalid reply", ["message_id: must be a UUID"])
            reply = self.store.add_reply(message_id.lower(), content, time.time())
            if reply is None:
                return error(404, f"No message {message_id}.")
        else:
            source, destination = payload.get("source_number"), payload.get("destination_number")
            account = payload.get("account", next(iter(self.config.credentials)))
            problems = []
            if not isinstance(source, str) or not source:
                problems.append("source_number: required (the handset) when message_id is absent")
            if destination is not None and not isinstance(destination, str):
                problems.append("destination_number: must be a string")
            if not isinstance(account, str) or not account:
                problems.append("account: must be a non-empty string")
            if problems:
                raise BadRequestError("Invalid reply", problems)
            reply = self.store.add_inbound(
                str(account), content, time.time(), source_number=str(source), destination_number=destination
            )
        self._on_callbacks()
        return Response(201, reply)

    def _mark_destination(self, incoming: Incoming) -> Response:
        payload = _admin_object(incoming)
        number, outcome = payload.get("number"), payload.get("outcome")
        problems = []
        if not isinstance(number, str) or not _E164.match(number):
            problems.append("number: an E.164 number ('+' then 8 to 15 digits, the first not 0) is required")
        if not isinstance(outcome, str) or outcome not in _OUTCOME_ALIASES:
            problems.append(f"outcome: one of {', '.join(sorted(_OUTCOME_ALIASES))}")
        if problems:
            raise BadRequestError("Invalid destination", problems)
        planned = _OUTCOME_ALIASES[str(outcome)]
        self.store.set_destination(str(number), planned)
        final, code = OUTCOMES[planned]
        return Response(200, {"number": number, "outcome": final, "error_code": code})


_FIXED_ROUTES: dict[str, dict[str, Handler]] = {
    "/v1/messages": {"POST": Api.send_messages},
    "/v1/messaging/credits": {"GET": Api.check_credits},
    "/v1/replies": {"GET": Api.check_replies},
    "/v1/replies/confirmed": {"POST": Api.confirm_replies},
    "/v1/delivery_reports": {"GET": Api.check_reports},
    "/v1/delivery_reports/confirmed": {"POST": Api.confirm_reports},
}
_MESSAGE_ROUTES: dict[str, Handler] = {"GET": Api.get_message, "PUT": Api.cancel_message}


def _valid_body(incoming: Incoming, schema: str, message: str) -> Any:
    """The request's JSON body, or a 400 listing every way it breaks ``schema`` in openapi.yaml."""
    payload = parse_json(incoming)
    details = validation.problems(schema, payload)
    if details:
        raise BadRequestError(message, details)
    return payload


def _no_message(message_id: str) -> Response:
    return error(404, f"No message {message_id!r} on this account.")


def _admin_object(incoming: Incoming) -> dict[str, Any]:
    payload = parse_json(incoming)
    if not isinstance(payload, dict):
        raise BadRequestError("Invalid request", ["body: a JSON object is required"])
    return payload


def _is_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback
