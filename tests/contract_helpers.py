"""What the contract suite shares: the calls it makes, the checker that holds a request to openapi.yaml,
response data drawn from the spec's schemas, and a Prism mock server.

Everything here reads ``openapi.yaml`` at the repository root (through ``spec_tools``), never a copy:
edit the spec and the suite judges the committed client against the edited spec.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import datetime
import email.utils
import hashlib
import hmac
import json
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from uuid import UUID

import httpx
from hypothesis import strategies as st
from hypothesis.provisional import urls
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.validation.request.exceptions import (
    MissingRequestBodyError,
    ParameterValidationError,
    RequestBodyValidationError,
    SecurityValidationError,
)
from spec_tools import ROOT, SPEC_PATH, load_spec, resolve, resolve_in
from werkzeug.datastructures import Headers, ImmutableMultiDict

from messagemedia_messages.api.delivery_reports import (
    check_delivery_reports,
    confirm_delivery_reports_as_received,
)
from messagemedia_messages.api.messages import (
    cancel_scheduled_message,
    check_credits_remaining,
    get_message_status,
    send_messages,
)
from messagemedia_messages.api.number_authorisation import (
    add_to_blacklist,
    check_numbers_authorised,
    list_blacklist,
    remove_from_blacklist,
)
from messagemedia_messages.api.replies import check_replies, confirm_replies_as_received
from messagemedia_messages.api.signature_keys import (
    create_signature_key,
    delete_signature_key,
    disable_signature_key,
    enable_signature_key,
    get_enabled_signature_key,
    get_signature_key,
    list_signature_keys,
)
from messagemedia_messages.api.webhooks import create_webhook, delete_webhook, list_webhooks, update_webhook
from messagemedia_messages.models import (
    AddToBlacklistRequest,
    AddToBlacklistResponse,
    CancelScheduledMessageRequest,
    CheckCreditsRemainingResponse,
    CheckDeliveryReportsResponse,
    CheckNumbersAuthorisedResponse,
    CheckRepliesResponse,
    ConfirmDeliveryReportsAsReceivedRequest,
    ConfirmRepliesAsReceivedRequest,
    CreatedSignatureKey,
    CreateSignatureKeyRequest,
    CreateWebhookRequest,
    EnableSignatureKeyRequest,
    Format,
    ListBlacklistResponse,
    ListWebhooksResponse,
    Message,
    Metadata,
    SendMessagesRequest,
    SendMessagesResponse,
    SentMessage,
    SignatureKey,
    SignatureKeyCipher,
    SignatureKeyDigest,
    SourceNumberType,
    UpdateWebhookRequest,
    Webhook,
    WebhookEncoding,
    WebhookEvent,
    WebhookHeaders,
    WebhookMethod,
)

API_KEY = "API_KEY"
API_SECRET = "API_SECRET"
# The spec's servers: openapi-core only accepts requests addressed to one of them.
BASE_URL = "https://api.messagemedia.com"
ACCOUNT = "SubAccount01"
MESSAGE_ID = UUID("877c19ef-fa2e-4cec-827a-e1df9b5509f7")
REPLY_IDS = [UUID("a175e797-2b54-468b-9850-41a3eab32f74"), UUID("011dcead-6988-4ad6-a1c7-6b6c68ea628d")]
SCHEMA_PREFIX = "#/components/schemas/"
WEBHOOK_ID = UUID("8805c9d8-bef7-41c7-906a-69ede93aa024")
KEY_ID = UUID("7ca628a8-08b0-4e42-aeb8-960b37049c31")
NUMBER = "+61491570156"
MINIMAL_SEND: dict[str, Any] = {
    "messages": [{"content": "My first message", "destination_number": "+61491570156"}]
}


# --------------------------------------------------------------------------------------------------
# The calls: every operation, once with the least it takes and once with every optional field set.


@dataclass(frozen=True)
class Call:
    """One call of a generated endpoint function, made the same way in sync and async form."""

    operation: str
    variant: str
    module: ModuleType
    # The type `sync` returns: a model, `list` (of `items`) for a bare-array answer, `str` for text, or None.
    returns: type[Any] | None
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    items: type[Any] | None = None

    @property
    def id(self) -> str:
        return f"{self.operation}[{self.variant}]"

    def sync(self, client: Any) -> Any:
        return self.module.sync(*self.args, client=client, **self.kwargs)

    def sync_detailed(self, client: Any) -> Any:
        return self.module.sync_detailed(*self.args, client=client, **self.kwargs)

    async def asyncio(self, client: Any) -> Any:
        return await self.module.asyncio(*self.args, client=client, **self.kwargs)

    async def asyncio_detailed(self, client: Any) -> Any:
        return await self.module.asyncio_detailed(*self.args, client=client, **self.kwargs)

    def check_type(self, parsed: Any) -> None:
        """Assert that ``parsed`` is what this call's ``sync`` is documented to return."""
        if self.returns is None:
            assert parsed is None, f"{self.id}: expected None, got {type(parsed).__name__}"
            return
        assert isinstance(parsed, self.returns), f"{self.id}: got {type(parsed).__name__}"
        if self.items is not None:
            assert all(isinstance(item, self.items) for item in parsed), (
                f"{self.id}: items are not {self.items}"
            )


def as_json(parsed: Any) -> Any:
    """What a parsed answer writes back as JSON: ``to_dict()`` of a model, item by item for a list."""
    if isinstance(parsed, list):
        return [as_json(item) for item in parsed]
    if hasattr(parsed, "to_dict"):
        return parsed.to_dict()
    return parsed


def _metadata(pairs: dict[str, str]) -> Metadata:
    return Metadata.from_dict(pairs)


def _every_field_sms() -> Message:
    return Message(
        content="Your table for two is ready. 🍽 Ünïcode too.",
        destination_number="+61491570156",
        format_=Format.SMS,
        source_number="+61491570157",
        source_number_type=SourceNumberType.INTERNATIONAL,
        delivery_report=True,
        callback_url="https://hooks.example.com/messagemedia?tenant=42",
        scheduled=datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC),
        message_expiry_timestamp=datetime.datetime(
            2026, 12, 2, 19, 30, 0, 250000, tzinfo=datetime.timezone(datetime.timedelta(hours=10))
        ),
        metadata=_metadata({"booking": "A-1042", "branch": "Fitzroy"}),
    )


def _every_field_tts() -> Message:
    return Message(
        content="Your code is 4 2 7 1.",
        destination_number="+447700900123",
        format_=Format.TTS,
        source_number="MyShop",
        source_number_type=SourceNumberType.ALPHANUMERIC,
        delivery_report=False,
        callback_url="https://hooks.example.com/tts",
        scheduled=datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC),
        message_expiry_timestamp=datetime.datetime(2026, 12, 1, 10, 30, tzinfo=datetime.UTC),
        metadata=_metadata({f"key{i}": "v" * 256 for i in range(10)}),
    )


def _mms() -> Message:
    return Message(
        content="My second message",
        destination_number="+61491570156",
        format_=Format.MMS,
        source_number="12345",
        source_number_type=SourceNumberType.SHORTCODE,
        media=["https://images.example.com/photos/skyline.jpeg", "https://images.example.com/a.png"],
        subject="This is an MMS message",
    )


EVERY_EVENT = [
    WebhookEvent.RECEIVED_SMS,
    WebhookEvent.OPT_OUT_SMS,
    WebhookEvent.RECEIVED_MMS,
    WebhookEvent.ENROUTE_DR,
    WebhookEvent.SUBMITTED_DR,
    WebhookEvent.DELIVERED_DR,
    WebhookEvent.EXPIRED_DR,
    WebhookEvent.REJECTED_DR,
    WebhookEvent.FAILED_DR,
]


def _webhook_headers() -> WebhookHeaders:
    return WebhookHeaders.from_dict({"X-Tenant": "42", "X-" + "h" * 198: "v" * 1000})


WEBHOOK_CALLS: list[Call] = [
    Call(
        "create_webhook",
        "minimal",
        create_webhook,
        Webhook,
        kwargs={
            "body": CreateWebhookRequest(
                url="https://hooks.example.com/messagemedia/replies",
                method=WebhookMethod.POST,
                encoding=WebhookEncoding.JSON,
                events=[WebhookEvent.RECEIVED_SMS],
            )
        },
    ),
    Call(
        "create_webhook",
        "every-field",
        create_webhook,
        Webhook,
        kwargs={
            "body": CreateWebhookRequest(
                url="https://hooks.example.com/messagemedia/events?reply=$moId&from=$sourceAddress",
                method=WebhookMethod.GET,
                encoding=WebhookEncoding.FORM_ENCODED,
                events=EVERY_EVENT,
                headers=_webhook_headers(),
                template='{"id":"$moId","text":"$esc.json($!moContent)","when":"$receivedTimestamp"}',
                read_timeout=60000,
                retries=5,
                retry_delay=60,
            ),
            "account": ACCOUNT,
        },
    ),
    Call("list_webhooks", "minimal", list_webhooks, ListWebhooksResponse),
    Call(
        "list_webhooks",
        "every-field",
        list_webhooks,
        ListWebhooksResponse,
        kwargs={"page": 2, "page_size": 50, "account": ACCOUNT},
    ),
    Call(
        "update_webhook",
        "minimal",
        update_webhook,
        Webhook,
        args=(WEBHOOK_ID,),
        kwargs={"body": UpdateWebhookRequest(events=[WebhookEvent.DELIVERED_DR])},
    ),
    Call(
        "update_webhook",
        "every-field",
        update_webhook,
        Webhook,
        args=(WEBHOOK_ID,),
        kwargs={
            "body": UpdateWebhookRequest(
                url="https://hooks.example.com/messagemedia/v2",
                method=WebhookMethod.PUT,
                encoding=WebhookEncoding.XML,
                headers=_webhook_headers(),
                template='<reply id="$moId"/>',
                events=[WebhookEvent.RECEIVED_MMS, WebhookEvent.FAILED_DR],
            ),
            "account": ACCOUNT,
        },
    ),
    Call("delete_webhook", "minimal", delete_webhook, None, args=(WEBHOOK_ID,)),
    Call(
        "delete_webhook", "every-field", delete_webhook, None, args=(WEBHOOK_ID,), kwargs={"account": ACCOUNT}
    ),
]

# The signature key operations have no optional input: their "every-field" calls use other values.
SIGNATURE_KEY_CALLS: list[Call] = [
    Call(
        "create_signature_key",
        "minimal",
        create_signature_key,
        CreatedSignatureKey,
        kwargs={
            "body": CreateSignatureKeyRequest(digest=SignatureKeyDigest.SHA256, cipher=SignatureKeyCipher.RSA)
        },
    ),
    Call(
        "create_signature_key",
        "every-field",
        create_signature_key,
        CreatedSignatureKey,
        kwargs={
            "body": CreateSignatureKeyRequest(digest=SignatureKeyDigest.SHA512, cipher=SignatureKeyCipher.RSA)
        },
    ),
    Call(
        "list_signature_keys",
        "minimal",
        list_signature_keys,
        list,
        kwargs={"page": 1, "page_size": 1},
        items=SignatureKey,
    ),
    Call(
        "list_signature_keys",
        "every-field",
        list_signature_keys,
        list,
        kwargs={"page": 12, "page_size": 100},
        items=SignatureKey,
    ),
    Call("get_signature_key", "minimal", get_signature_key, SignatureKey, args=(KEY_ID,)),
    Call("get_signature_key", "every-field", get_signature_key, SignatureKey, args=(UUID(int=1),)),
    Call("delete_signature_key", "minimal", delete_signature_key, None, args=(KEY_ID,)),
    Call("delete_signature_key", "every-field", delete_signature_key, None, args=(UUID(int=2),)),
    Call(
        "enable_signature_key",
        "minimal",
        enable_signature_key,
        SignatureKey,
        kwargs={"body": EnableSignatureKeyRequest(key_id=KEY_ID)},
    ),
    Call(
        "enable_signature_key",
        "every-field",
        enable_signature_key,
        SignatureKey,
        kwargs={"body": EnableSignatureKeyRequest(key_id=UUID(int=3))},
    ),
    Call("get_enabled_signature_key", "minimal", get_enabled_signature_key, SignatureKey),
    Call("get_enabled_signature_key", "every-field", get_enabled_signature_key, SignatureKey),
    Call("disable_signature_key", "minimal", disable_signature_key, None),
    Call("disable_signature_key", "every-field", disable_signature_key, None),
]

NUMBER_AUTHORISATION_CALLS: list[Call] = [
    Call(
        "check_numbers_authorised",
        "minimal",
        check_numbers_authorised,
        CheckNumbersAuthorisedResponse,
        args=(NUMBER,),
    ),
    Call(
        "check_numbers_authorised",
        "every-field",
        check_numbers_authorised,
        CheckNumbersAuthorisedResponse,
        args=("+61491570156,+447700900123,+12025550123,+999999999999999",),
    ),
    Call("list_blacklist", "minimal", list_blacklist, ListBlacklistResponse),
    Call(
        "list_blacklist",
        "every-field",
        list_blacklist,
        ListBlacklistResponse,
        kwargs={"token": "eyJwYWdlIjoyfQ"},
    ),
    Call(
        "add_to_blacklist",
        "minimal",
        add_to_blacklist,
        AddToBlacklistResponse,
        kwargs={"body": AddToBlacklistRequest(numbers=[NUMBER])},
    ),
    Call(
        "add_to_blacklist",
        "every-field",
        add_to_blacklist,
        AddToBlacklistResponse,
        # The most one request takes.
        kwargs={"body": AddToBlacklistRequest(numbers=[f"+6149157{n:04d}" for n in range(10)])},
    ),
    Call("remove_from_blacklist", "minimal", remove_from_blacklist, str, args=(NUMBER,)),
    Call("remove_from_blacklist", "every-field", remove_from_blacklist, str, args=("+999999999999999",)),
]

CALLS: list[Call] = [
    Call(
        "send_messages",
        "minimal",
        send_messages,
        SendMessagesResponse,
        kwargs={
            "body": SendMessagesRequest(
                messages=[Message(content="My first message", destination_number="+61491570156")]
            )
        },
    ),
    Call(
        "send_messages",
        "every-field",
        send_messages,
        SendMessagesResponse,
        kwargs={
            "body": SendMessagesRequest(messages=[_every_field_sms(), _every_field_tts()]),
            "account": ACCOUNT,
        },
    ),
    Call(
        "send_messages",
        "mms",
        send_messages,
        SendMessagesResponse,
        kwargs={"body": SendMessagesRequest(messages=[_mms()]), "account": ACCOUNT},
    ),
    Call("get_message_status", "minimal", get_message_status, SentMessage, args=(MESSAGE_ID,)),
    Call(
        "get_message_status",
        "every-field",
        get_message_status,
        SentMessage,
        args=(MESSAGE_ID,),
        kwargs={"account": ACCOUNT},
    ),
    Call(
        "cancel_scheduled_message",
        "minimal",
        cancel_scheduled_message,
        None,
        args=(MESSAGE_ID,),
        kwargs={"body": CancelScheduledMessageRequest()},
    ),
    Call(
        "cancel_scheduled_message",
        "every-field",
        cancel_scheduled_message,
        None,
        args=(MESSAGE_ID,),
        kwargs={"body": CancelScheduledMessageRequest(status="cancelled"), "account": ACCOUNT},
    ),
    Call("check_credits_remaining", "minimal", check_credits_remaining, CheckCreditsRemainingResponse),
    Call(
        "check_credits_remaining",
        "every-field",
        check_credits_remaining,
        CheckCreditsRemainingResponse,
        kwargs={"account": ACCOUNT},
    ),
    Call("check_replies", "minimal", check_replies, CheckRepliesResponse),
    Call("check_replies", "every-field", check_replies, CheckRepliesResponse, kwargs={"account": ACCOUNT}),
    Call(
        "confirm_replies_as_received",
        "minimal",
        confirm_replies_as_received,
        None,
        kwargs={"body": ConfirmRepliesAsReceivedRequest(reply_ids=REPLY_IDS[:1])},
    ),
    Call(
        "confirm_replies_as_received",
        "every-field",
        confirm_replies_as_received,
        None,
        kwargs={
            # The most a confirm takes.
            "body": ConfirmRepliesAsReceivedRequest(reply_ids=[UUID(int=i + 1) for i in range(100)]),
            "account": ACCOUNT,
        },
    ),
    Call("check_delivery_reports", "minimal", check_delivery_reports, CheckDeliveryReportsResponse),
    Call(
        "check_delivery_reports",
        "every-field",
        check_delivery_reports,
        CheckDeliveryReportsResponse,
        kwargs={"account": ACCOUNT},
    ),
    Call(
        "confirm_delivery_reports_as_received",
        "minimal",
        confirm_delivery_reports_as_received,
        None,
        kwargs={"body": ConfirmDeliveryReportsAsReceivedRequest(delivery_report_ids=REPLY_IDS[1:])},
    ),
    Call(
        "confirm_delivery_reports_as_received",
        "every-field",
        confirm_delivery_reports_as_received,
        None,
        kwargs={
            "body": ConfirmDeliveryReportsAsReceivedRequest(
                delivery_report_ids=[UUID(int=i + 1000) for i in range(100)]
            ),
            "account": ACCOUNT,
        },
    ),
    *WEBHOOK_CALLS,
    *SIGNATURE_KEY_CALLS,
    *NUMBER_AUTHORISATION_CALLS,
]


# --------------------------------------------------------------------------------------------------
# What the spec says about each operation.


def operations(spec: Mapping[str, Any] | None = None) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (METHOD, path template, operation object)."""
    spec = spec if spec is not None else load_spec()
    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in ("parameters", "summary", "description", "servers"):
                continue
            found[op["operationId"]] = (method.upper(), path, op)
    return found


JSON = "application/json"


@dataclass(frozen=True)
class SuccessAnswer:
    """An operation's documented 2XX answer: status, media type, example bodies, schema ($refs inlined).

    ``media_type`` is None, with no examples and no schema, when the answer has no body.
    """

    status: int
    media_type: str | None
    examples: list[Any]
    schema: dict[str, Any] | None


def success_response(operation: str) -> SuccessAnswer:
    """The first 2XX answer openapi.yaml documents for ``operation``."""
    _, _, op = operations()[operation]
    for status, response in op["responses"].items():
        if str(status).startswith("2"):
            content = resolve(response).get("content", {})
            if not content:
                return SuccessAnswer(int(status), None, [], None)
            media_type, media = next(iter(content.items()))
            examples = [resolve(example)["value"] for example in media.get("examples", {}).values()]
            return SuccessAnswer(int(status), media_type, examples, inline(media["schema"]))
    raise AssertionError(f"{operation}: openapi.yaml documents no 2XX answer")


def inline(node: Any, spec: Mapping[str, Any] | None = None) -> Any:
    """A copy of a schema with every local $ref replaced by what it names (the spec has no cycles)."""
    spec = spec if spec is not None else load_spec()
    if isinstance(node, dict):
        if "$ref" in node:
            target: Any = spec
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            return {**inline(target, spec), **inline(siblings, spec)}
        return {key: inline(value, spec) for key, value in node.items()}
    if isinstance(node, list):
        return [inline(value, spec) for value in node]
    return node


def merged(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema's own keywords together with those of its allOf branches (properties merged)."""
    combined = {key: value for key, value in schema.items() if key != "allOf"}
    for branch in schema.get("allOf", []):
        if "if" in branch:
            continue
        for key, value in merged(branch).items():
            if key == "properties":
                combined["properties"] = {**combined.get("properties", {}), **value}
            else:
                combined.setdefault(key, value)
    return combined


# --------------------------------------------------------------------------------------------------
# The request checker.


class HttpxOpenAPIRequest:
    """An ``httpx.Request`` as openapi-core's Request protocol sees one."""

    def __init__(self, request: httpx.Request) -> None:
        self._request = request
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(list(request.url.params.multi_items())),
            header=Headers(list(request.headers.multi_items())),
            cookie=ImmutableMultiDict(),
        )

    @property
    def host_url(self) -> str:
        return f"{self._request.url.scheme}://{self._request.url.netloc.decode('ascii')}"

    @property
    def path(self) -> str:
        return self._request.url.path

    @property
    def method(self) -> str:
        return self._request.method.lower()

    @property
    def body(self) -> bytes | None:
        return self._request.content or None

    @property
    def content_type(self) -> str:
        return str(self._request.headers.get("content-type", "")).lower()


def _field_path(parts: Any) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def strict_body_problems(schema: dict[str, Any], value: Any, where: tuple[str | int, ...] = ()) -> list[str]:
    """What openapi-core lets through but a client must not send: fields the spec does not define
    (on objects that list their properties and say nothing of others) and read-only fields.

    ``schema`` has its $refs inlined.
    """
    schema = merged(schema)
    problems: list[str] = []
    if isinstance(value, dict):
        properties: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in properties:
                if merged(properties[key]).get("readOnly") is True:
                    problems.append(
                        f"{_field_path((*where, key))}: read-only (the API sets it), must not be sent"
                    )
                problems += strict_body_problems(properties[key], item, (*where, key))
            elif isinstance(extra, dict):
                problems += strict_body_problems(extra, item, (*where, key))
            elif properties and extra is None:
                where_text = _field_path(where) or "(the body)"
                problems.append(f"{where_text}: unexpected field {key!r}, which openapi.yaml does not define")
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            problems += strict_body_problems(schema["items"], item, (*where, index))
    return problems


class RequestContract:
    """Holds one captured HTTP request to the operation openapi.yaml describes.

    ``violations`` lists every way the request breaks the spec, each starting with the operation
    and naming the part of the request, e.g.
    ``send_messages: request body: messages[0].destination_number: '0491570156' does not match ...``.
    The work is openapi-core's (path, method, parameters, security, body); on top of it the body may
    not carry fields the spec does not list or read-only fields, and, given the credentials, the
    Authorization header must be what the security scheme describes.
    """

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec: dict[str, Any] = copy.deepcopy(dict(spec))
        self.app = OpenAPI.from_dict(self.spec)
        self._routes: list[tuple[re.Pattern[str], str, str, dict[str, Any]]] = []
        # A literal path wins over a templated one it also matches (/signature_keys/enabled over
        # /signature_keys/{key_id}), as OpenAPI says: so paths with fewer templates are tried first.
        by_templates = sorted(operations(self.spec).items(), key=lambda item: item[1][1].count("{"))
        for operation_id, (method, path, op) in by_templates:
            pattern = re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(path))
            self._routes.append((re.compile(f"^{pattern}$"), method, operation_id, op))

    @classmethod
    def from_repository(cls) -> RequestContract:
        return cls(load_spec())

    def _route(self, request: httpx.Request) -> tuple[str, dict[str, Any]] | None:
        for pattern, method, operation_id, op in self._routes:
            if method == request.method and pattern.match(request.url.path):
                return operation_id, op
        return None

    def violations(
        self, operation: str, request: httpx.Request, *, credentials: tuple[str, str] | None = None
    ) -> list[str]:
        route = self._route(request)
        where = f"{request.method} {request.url.path}"
        if route is None:
            return [f"{operation}: no operation in openapi.yaml matches {where}"]
        found, op = route
        if found != operation:
            return [f"{operation}: {where} is {found} in openapi.yaml, not {operation}"]
        problems = [
            f"{operation}: {line}"
            for error in self.app.iter_request_errors(HttpxOpenAPIRequest(request))
            for line in _describe(error)
        ]
        problems += [f"{operation}: request body: {line}" for line in self._strict_body(op, request)]
        if credentials is not None:
            problems += [
                f"{operation}: security: {line}" for line in authorization_problems(request, *credentials)
            ]
        return problems

    def _strict_body(self, op: dict[str, Any], request: httpx.Request) -> list[str]:
        if "requestBody" not in op or not request.content:
            return []
        media = resolve_in(self.spec, op["requestBody"]).get("content", {}).get("application/json")
        if media is None:
            return []
        try:
            body = json.loads(request.content)
        except ValueError:
            return []  # openapi-core reports it
        return strict_body_problems(inline(media["schema"], self.spec), body)


def _describe(error: Exception) -> list[str]:
    """openapi-core's error as lines that name the part of the request and the field."""
    cause = error.__cause__
    if isinstance(error, PathError):
        return [f"path: {error}"]
    if isinstance(error, ParameterValidationError):
        where = f"{error.location} parameter {error.name}"
    elif isinstance(error, MissingRequestBodyError):
        return [f"request body: {error}"]
    elif isinstance(error, RequestBodyValidationError):
        where = "request body"
    elif isinstance(error, SecurityValidationError):
        return [f"security: {cause or error} (an Authorization header for basicAuth or hmacAuth)"]
    else:
        where = type(error).__name__
    schema_errors = getattr(cause, "schema_errors", None)
    if schema_errors:
        lines = []
        for schema_error in schema_errors:
            field_name = _field_path(schema_error.absolute_path)
            lines.append(f"{where}: {field_name + ': ' if field_name else ''}{schema_error.message}")
        return lines
    return [f"{where}: {cause or error}"]


_HMAC_HEADER = re.compile(
    r'^hmac username="(?P<username>[^"]*)", algorithm="(?P<algorithm>[^"]*)", '
    r'headers="(?P<headers>[^"]*)", signature="(?P<signature>[^"]*)"$'
)
_DIGESTS = {"hmac-sha1": hashlib.sha1, "hmac-sha256": hashlib.sha256}


def authorization_problems(request: httpx.Request, api_key: str, api_secret: str) -> list[str]:
    """How the Authorization header departs from the security schemes of openapi.yaml (basicAuth, hmacAuth).

    Written from the spec's description of the schemes, independently of hmac_auth.
    """
    authorization = request.headers.get("authorization")
    if authorization is None:
        return ["no Authorization header"]
    if authorization.startswith("Basic "):
        expected = base64.b64encode(f"{api_key}:{api_secret}".encode()).decode("ascii")
        return (
            [] if authorization == f"Basic {expected}" else ["Basic credentials are not base64(key:secret)"]
        )
    match = _HMAC_HEADER.match(authorization)
    if match is None:
        return [f"Authorization is neither Basic nor the hmac scheme: {authorization.split(' ')[0]!r}..."]
    problems = []
    body = request.content
    listed = "date x-content-md5 request-line" if body else "date request-line"
    if match["username"] != api_key:
        problems.append("hmac username is not the API key")
    if match["headers"] != listed:
        problems.append(f'hmac headers="{match["headers"]}", expected "{listed}"')
    date = request.headers.get("date")
    if date is None or not date.endswith(" GMT") or email.utils.parsedate_to_datetime(date) is None:
        problems.append(f"date header missing or not an IMF-fixdate in GMT: {date!r}")
    md5 = hashlib.md5(body).hexdigest() if body else None
    if body and request.headers.get("x-content-md5") != md5:
        problems.append(f"x-content-md5 is {request.headers.get('x-content-md5')!r}, the body's MD5 is {md5}")
    digest = _DIGESTS.get(match["algorithm"])
    if digest is None:
        return [*problems, f"unknown hmac algorithm {match['algorithm']!r}"]
    lines = [f"date: {date}"]
    if body:
        lines.append(f"x-content-md5: {md5}")
    lines.append(f"{request.method} {request.url.raw_path.decode('ascii')} HTTP/1.1")
    expected_signature = base64.b64encode(
        hmac.new(api_secret.encode(), "\n".join(lines).encode(), digest).digest()
    ).decode("ascii")
    if match["signature"] != expected_signature:
        problems.append("the hmac signature does not match the signing string the scheme describes")
    return problems


# --------------------------------------------------------------------------------------------------
# Capturing what the client sends.


class Recorder:
    """An httpx.MockTransport handler: keeps every request and answers with one canned response.

    ``body`` goes out as JSON, or as text when ``media_type`` is ``text/...``; None sends no body.
    """

    def __init__(self, status: int, body: Any = None, media_type: str = JSON) -> None:
        self.status = status
        self.body = body
        self.media_type = media_type
        self.requests: list[httpx.Request] = []

    @classmethod
    def answering(cls, operation: str) -> Recorder:
        """A recorder that answers as openapi.yaml's first success example of ``operation`` does."""
        answer = success_response(operation)
        return cls(answer.status, answer.examples[0] if answer.examples else None, answer.media_type or JSON)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.body is None:
            return httpx.Response(self.status)
        if self.media_type.startswith("text/"):
            return httpx.Response(self.status, text=self.body, headers={"Content-Type": self.media_type})
        return httpx.Response(self.status, json=self.body)


# --------------------------------------------------------------------------------------------------
# Response data drawn from the spec's schemas.


def _date_time(moment: datetime.datetime, offset_minutes: int | None, digits: int, lower: bool) -> str:
    zone = (
        datetime.UTC
        if offset_minutes is None
        else datetime.timezone(datetime.timedelta(minutes=offset_minutes))
    )
    text = moment.replace(tzinfo=zone).isoformat(timespec="microseconds")
    head, _, rest = text.partition(".")
    fraction, sign, offset = rest[:6], rest[6:7], rest[7:]
    # RFC 3339 allows any number of fraction digits, or none; and Z for UTC.
    fraction = (fraction + "123")[:digits]
    text = f"{head}.{fraction}" if digits else head
    text += "Z" if offset_minutes is None else sign + offset
    return text.lower() if lower else text


DATE_TIMES: st.SearchStrategy[str] = st.builds(
    _date_time,
    st.datetimes(min_value=datetime.datetime(1970, 1, 1), max_value=datetime.datetime(9998, 12, 31)),
    st.one_of(st.none(), st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59)),
    st.integers(min_value=0, max_value=9),
    st.booleans(),
)
FORMATS: dict[str, st.SearchStrategy[str]] = {
    "date-time": DATE_TIMES,
    "uuid": st.uuids().map(str) | st.uuids().map(lambda u: str(u).upper()),
    "uri": urls(),
}


def strategy_for(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values a schema of the spec admits (the schema with its $refs inlined).

    hypothesis-jsonschema 0.23.1 cannot draw objects with the pinned Hypothesis 6.170 (its
    ``from_object_schema`` calls ``cu.many(...).more()``, which Hypothesis removed), so this uses the
    JSON Schema engine of the pinned schemathesis, which draws Draft 2020-12 (``if``/``then``,
    ``const``...) with the formats above.
    """
    import jsonschema_rs
    from schemathesis.generation.jsonschema.builder import build

    strategy: st.SearchStrategy[Any] = build(schema, draft=jsonschema_rs.Draft202012, formats=dict(FORMATS))
    return strategy


EXTRA_KEY = "zz_field_from_the_future"
EXTRA_VALUE: dict[str, Any] = {"nested": [1, "two", None, {"three": 3.5}], "flag": True}


def with_extra_fields(schema: dict[str, Any], value: Any) -> Any:
    """A copy of ``value`` with an unknown field added to every object that is a model (lists properties)
    and admits other keys: a request schema closed with ``additionalProperties: false`` gets none."""
    schema = merged(schema)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        copied = {
            key: with_extra_fields(properties.get(key, extra if isinstance(extra, dict) else {}), item)
            for key, item in value.items()
        }
        if properties and extra is not False and EXTRA_KEY not in copied:
            copied[EXTRA_KEY] = copy.deepcopy(EXTRA_VALUE)
        return copied
    if isinstance(value, list):
        return [with_extra_fields(schema.get("items", {}), item) for item in value]
    return value


UNKNOWN_ENUM_PREFIX = "zz_new_"


def _map_strings(schema: dict[str, Any], value: Any, leaf: Callable[[dict[str, Any], str], Any]) -> Any:
    """``value`` rebuilt with ``leaf(schema_of_the_string, string)`` applied to every string in it."""
    schema = merged(schema)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        return {
            key: _map_strings(properties.get(key, extra if isinstance(extra, dict) else {}), item, leaf)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_map_strings(schema.get("items", {}), item, leaf) for item in value]
    if isinstance(value, str):
        return leaf(schema, value)
    return value


def with_unknown_enum_values(schema: dict[str, Any], value: Any) -> Any:
    """A copy of ``value`` where every enum value (status, format...) is one the spec does not list yet."""
    return _map_strings(schema, value, lambda s, text: UNKNOWN_ENUM_PREFIX + text if "enum" in s else text)


def _comparable(schema: dict[str, Any], text: str) -> Any:
    if schema.get("format") == "date-time":
        moment = datetime.datetime.fromisoformat(text.upper())
        return ("date-time", moment, moment.utcoffset())
    if schema.get("format") == "uuid":
        return ("uuid", UUID(text))
    return text


def normalised(schema: dict[str, Any], value: Any) -> Any:
    """``value`` with each date-time and uuid made comparable whatever its spelling (Z or +00:00, case)."""
    return _map_strings(schema, value, _comparable)


def schema_ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref", "")
    return ref.removeprefix(SCHEMA_PREFIX) if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX) else None


# --------------------------------------------------------------------------------------------------
# Prism.

PRISM = ROOT / "node_modules" / ".bin" / "prism"
VIOLATIONS_HEADER = "sl-violations"


class PrismUnavailableError(RuntimeError):
    """Prism is not installed, or did not start."""


@dataclass
class PrismServer:
    base_url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def output(self, limit: int = 6000) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no output)"
        return text if len(text) <= limit else "…" + text[-limit:]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop Prism and anything it forked: its own process group (started with start_new_session)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _wait_until_answering(server: PrismServer, deadline: float) -> bool:
    """True once Prism answers HTTP; False if it exited (e.g. the port was taken)."""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            httpx.get(f"{server.base_url}/v1/messaging/credits", timeout=1.0)
        except httpx.TransportError:
            time.sleep(0.2)
            continue
        return True
    raise PrismUnavailableError(
        f"Prism did not answer within the time allowed. Its output:\n{server.output()}"
    )


@contextlib.contextmanager
def running_prism(
    log_dir: Path, *, timeout: float = 60.0, spec_path: Path = SPEC_PATH, upstream: str | None = None
) -> Iterator[PrismServer]:
    """Prism mocking ``spec_path`` on a free loopback port, answering request violations with errors.

    ``--errors``: a request that breaks the spec gets an error status and an ``sl-violations`` header;
    ``--dynamic false``: answers are the spec's own examples. Stopped on exit, whatever happened.
    With ``upstream``, Prism is a validating proxy in front of that server instead of a mock: it
    forwards each request and checks the request and the answer against the spec (``sl-violations``).
    """
    if not os.access(PRISM, os.X_OK):
        raise PrismUnavailableError(
            f"Prism is not installed ({PRISM.relative_to(ROOT)} is missing): run `make setup`, "
            "which installs the pinned @stoplight/prism-cli from package-lock.json."
        )
    deadline = time.monotonic() + timeout
    for attempt in range(3):
        port = _free_port()
        log_path = log_dir / f"prism-{attempt}.log"
        with log_path.open("wb") as log:
            mode = ["mock", str(spec_path)] if upstream is None else ["proxy", str(spec_path), upstream]
            options = ["--host", "127.0.0.1", "--port", str(port), "--errors"]
            process = subprocess.Popen(
                [str(PRISM), *mode, *options, *(["--dynamic", "false"] if upstream is None else [])],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = PrismServer(f"http://127.0.0.1:{port}", process, log_path)
        try:
            if _wait_until_answering(server, deadline):
                yield server
                return
        finally:
            _stop(process)
        if "EADDRINUSE" not in server.output():
            break
    raise PrismUnavailableError(
        f"Prism exited with status {process.returncode} before answering. Its output:\n{server.output()}"
    )
