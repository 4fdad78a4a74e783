"""The API's eight operations and the sandbox's admin endpoints, independent of the HTTP plumbing.

Each request goes through the same gate as on the real API, in this order: is the path known
(404) and the method allowed (405), are the credentials good (401), is the `Account` header
usable (400), is the body valid JSON that the spec accepts (400). Only then does it touch state.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from . import auth, validation
from .billing import billing_units
from .blacklist import Blacklist
from .config import SandboxConfig
from .lifecycle import OUTCOMES, Plan
from .protocol import BadRequestError, Incoming, Response, error, parse_json, valid_body
from .signature_keys import SignatureKeys
from .store import NewMessage, Store
from .timestamps import format_datetime, parse_datetime, to_utc
from .webhooks import Webhooks

__all__ = ["Api", "BadRequestError", "Incoming", "Response", "error", "parse_json"]

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


# A handler gets the request, the account it acts for, and the path parameter (or "").
Handler = Callable[[Incoming, str, str], Response]
_PARAMETER = re.compile(r"\\\{[^}]+\\\}")


class Route:
    """One path of the spec: its pattern, its handlers, and which of its methods declare a 400."""

    def __init__(self, template: str, handlers: dict[str, Handler]) -> None:
        self.template = template
        self.pattern = re.compile(_PARAMETER.sub("([^/]+)", re.escape(template)))
        self.handlers = handlers
        self.declares_400 = {
            method for method in handlers if "400" in validation.declared_statuses(template, method)
        }
        # Where the spec takes no `Account` header (signature keys, the blacklist), the operation
        # acts for the account of the API key, whatever header comes with it.
        self.takes_account = {
            method for method in handlers if validation.takes_header(template, method, "Account")
        }


Routes = list[Route]
_WEBHOOKS = "/v1/webhooks/"
_SIGNATURE_KEYS = "/v1/iam/signature_keys"


class Api:
    """Answers requests from the state in `store`."""

    def __init__(self, config: SandboxConfig, store: Store, on_callbacks: Callable[[], None]) -> None:
        self.config = config
        self.store = store
        self._on_callbacks = on_callbacks
        self.webhooks = Webhooks(store)
        self.signature_keys = SignatureKeys(store, feature_enabled=config.secure_callbacks)
        self.blacklist = Blacklist(store)
        self._routes = self._route_table()
        self._sub_accounts: set[tuple[str, str]] = set()

    def _route_table(self) -> Routes:
        """Each path of openapi.yaml (matched whole; a path parameter is its one group) and its
        handler per method."""
        hooks, keys, blacklist = self.webhooks, self.signature_keys, self.blacklist
        table: list[tuple[str, dict[str, Handler]]] = [
            ("/v1/messages", {"POST": self.send_messages}),
            ("/v1/messages/{messageId}", {"GET": self.get_message, "PUT": self.cancel_message}),
            ("/v1/messaging/credits", {"GET": self.check_credits}),
            ("/v1/replies", {"GET": self.check_replies}),
            ("/v1/replies/confirmed", {"POST": self.confirm_replies}),
            ("/v1/delivery_reports", {"GET": self.check_reports}),
            ("/v1/delivery_reports/confirmed", {"POST": self.confirm_reports}),
            ("/v1/webhooks/messages", {"POST": hooks.create, "GET": hooks.page}),
            ("/v1/webhooks/messages/{webhookId}", {"PATCH": hooks.update, "DELETE": hooks.delete}),
            ("/v1/iam/signature_keys", {"POST": keys.create, "GET": keys.page}),
            (
                "/v1/iam/signature_keys/enabled",
                {"GET": keys.get_enabled, "PATCH": keys.enable, "DELETE": keys.disable},
            ),
            ("/v1/iam/signature_keys/{key_id}", {"GET": keys.get, "DELETE": keys.delete}),
            ("/v1/number_authorisation/is_authorised/{numbers}", {"GET": blacklist.check}),
            ("/v1/number_authorisation/mt/blacklist", {"GET": blacklist.page, "POST": blacklist.add}),
            ("/v1/number_authorisation/mt/blacklist/{number}", {"DELETE": blacklist.remove}),
        ]
        # First match wins, so `/signature_keys/enabled` is never taken for a key ID.
        return [Route(template, handlers) for template, handlers in table]

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
        found = self._route(path)
        if found is None:
            return error(404, "Resource not found.")
        route, path_arg = found
        handler = route.handlers.get(incoming.method)
        if handler is None:
            allowed = ", ".join(sorted(route.handlers))
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
            challenge = {"WWW-Authenticate": 'Basic realm="messagemedia-sandbox"'}
            if path.startswith(_WEBHOOKS):
                # The Webhooks API answers 401 without a body.
                return Response(401, headers=challenge)
            return error(401, str(exc), headers=challenge)
        if path.startswith(_SIGNATURE_KEYS):
            refusal = self.signature_keys.refusal()
            if refusal is not None:
                return refusal
        try:
            account = self._account(incoming, key) if incoming.method in route.takes_account else key
        except BadRequestError as exc:
            if incoming.method not in route.declares_400:
                # An operation that declares no 400 cannot say the header is malformed; a
                # sub-account that cannot exist has nothing this request could find.
                return error(404, "Resource not found.")
            return error(400, exc.message, exc.details)
        try:
            return handler(incoming, account, path_arg)
        except BadRequestError as exc:
            return error(400, exc.message, exc.details)

    def _route(self, path: str) -> tuple[Route, str] | None:
        for route in self._routes:
            match = route.pattern.fullmatch(path)
            if match:
                return route, unquote(match.group(1)) if match.groups() else ""
        return None

    def _account(self, incoming: Incoming, key: str) -> str:
        # Without the header the key's own account is meant; with it, the named sub-account.
        value = auth.find_header(incoming.headers, "account")
        if value is None:
            return key
        if not 1 <= len(value) <= 100:
            raise BadRequestError("Invalid Account header", ["Account: must be 1 to 100 characters"])
        if value != key and (value, key) not in self._sub_accounts:
            # Remembered so that what belongs to the parent (its blacklist, its signature keys)
            # applies to the sub-account's messages too.
            self.store.note_sub_account(value, key)
            self._sub_accounts.add((value, key))
        return value

    # -- messages --------------------------------------------------------------------------

    def send_messages(self, incoming: Incoming, account: str, _: str) -> Response:
        payload = valid_body(incoming, "SendMessagesRequest", "Invalid message request.")
        # Problems the schema cannot see (a date-time Python cannot represent...), still all or nothing.
        details: list[str] = []
        now = time.time()
        drafts: list[tuple[dict[str, Any], float | None, float | None]] = []
        for index, message in enumerate(payload["messages"]):
            fields, scheduled, expires = self._message_fields(message, index, details)
            drafts.append((fields, scheduled, expires))
        if details:
            raise BadRequestError("Invalid message request.", details)
        destinations = [fields["destination_number"] for fields, _, _ in drafts]
        outcomes = self.store.destination_outcomes(destinations)
        # The blacklist wins over any outcome the sandbox was told for a number.
        outcomes.update(dict.fromkeys(self.store.blacklisted(account, destinations), "blocked"))
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
        valid_body(incoming, "CancelScheduledMessageRequest", "Invalid cancel request.")
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
        payload = valid_body(incoming, "ConfirmRepliesAsReceivedRequest", "Invalid confirm request.")
        self.store.confirm_replies(account, payload["reply_ids"])
        return Response(202)

    def check_reports(self, _incoming: Incoming, account: str, _: str) -> Response:
        self.advance()
        return Response(200, {"delivery_reports": self.store.open_reports(account)})

    def confirm_reports(self, incoming: Incoming, account: str, _: str) -> Response:
        payload = valid_body(incoming, "ConfirmDeliveryReportsAsReceivedRequest", "Invalid confirm request.")
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
        attachments = _attachments(payload.get("attachments"))
        if (content is not None or not attachments) and (
            not isinstance(content, str) or not 1 <= len(content) <= 5000
        ):
            raise BadRequestError(
                "Invalid reply",
                ["content: a string of 1 to 5000 characters is required (unless attachments)"],
            )
        message_id = payload.get("message_id")
        self.advance()
        if message_id is not None:
            if not isinstance(message_id, str) or not validation.is_uuid(message_id):
                raise BadRequestError("Invalid reply", ["message_id: must be a UUID"])
            reply = self.store.add_reply(message_id.lower(), content, time.time(), attachments)
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
                str(account),
                content,
                time.time(),
                source_number=str(source),
                destination_number=destination,
                attachments=attachments,
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


def _no_message(message_id: str) -> Response:
    return error(404, f"No message {message_id!r} on this account.")


def _attachments(value: object) -> list[dict[str, str]] | None:
    """The media of a simulated inbound MMS: each item `content_type`, base64 `content` and
    `original_name`, as a RECEIVED_MMS webhook carries them."""
    if value is None:
        return None
    problem = "attachments: a list of {content_type, content (base64), original_name} objects"
    if not isinstance(value, list):
        raise BadRequestError("Invalid reply", [problem])
    items = []
    for item in value:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(name), str) for name in ("content_type", "content", "original_name")
        ):
            raise BadRequestError("Invalid reply", [problem])
        try:
            base64.b64decode(item["content"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise BadRequestError("Invalid reply", [f"attachments: content is not base64 ({exc})"]) from exc
        items.append({name: str(item[name]) for name in ("content_type", "content", "original_name")})
    return items


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
