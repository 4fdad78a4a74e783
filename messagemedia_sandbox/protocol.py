"""What every API handler takes and gives: the request as received, the answer, the 400 it may raise.

Kept apart from `routes` so that the handlers of each group of operations (`webhooks`,
`signature_keys`, `blacklist`) can live in modules of their own without importing the router.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from . import auth, validation


@dataclass
class Response:
    """What to answer: a status, a JSON-able body (None for an empty one) and extra headers.

    ``text`` is a plain-text body instead (its ``Content-Type`` goes in ``headers``).
    """

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    text: str | None = None

    def encoded(self) -> bytes:
        if self.text is not None:
            return self.text.encode("utf-8")
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


def plain_text(status: int, text: str) -> Response:
    return Response(status, headers={"Content-Type": "text/plain; charset=utf-8"}, text=text)


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

    @property
    def query(self) -> dict[str, str]:
        """The query parameters; a repeated one keeps its last value."""
        try:
            return dict(parse_qsl(urlsplit(self.target).query, keep_blank_values=True))
        except ValueError:
            return {}


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


def valid_body(incoming: Incoming, schema: str, message: str) -> Any:
    """The request's JSON body, or a 400 listing every way it breaks ``schema`` in openapi.yaml."""
    payload = parse_json(incoming)
    details = validation.problems(schema, payload)
    if details:
        raise BadRequestError(message, details)
    return payload


def query_value(incoming: Incoming, name: str, parameter: str, message: str) -> Any:
    """Query parameter ``name`` read and checked by the spec's ``components/parameters/<parameter>``:
    None when it is absent (and optional), else its value as the schema types it, or a 400."""
    query = incoming.query
    value, details = validation.parameter_value(parameter, name, query.get(name))
    if details:
        raise BadRequestError(message, details)
    return value
