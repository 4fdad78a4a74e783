"""The Webhooks Management API: register, list, update and delete an account's webhooks.

The rules are the spec's: a webhook is identified by its `url` and `method` together (a second
one with the same pair is a 409, on create and on update); `read_timeout`, `retries` and
`retry_delay` are set on create only (the update schema refuses them); an update changes at least
one field and none to null; lists are pages counted from 0 with `page`/`pageSize`/`pageData`.
Bodies and paging parameters are checked against openapi.yaml (400 with details).

A template is stored as given, not parsed: the API documents no check of it, and a template that
the sandbox's Velocity engine cannot render shows up on the delivery (`GET /sandbox/callbacks`).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from . import validation
from .protocol import Incoming, Response, error, query_value, valid_body
from .store import Store

DEFAULT_PAGE_SIZE = 100  # the API's own example; it documents no default
DEFAULT_RETRIES = 0
_CONFLICT = "A webhook with this url and method already exists."
_NOT_FOUND = "Webhook not found."


def shown(webhook_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A webhook as the API answers with it: `template` and `read_timeout` only when set,
    `retry_delay` only when set and the webhook is retried at all."""
    answer: dict[str, Any] = {
        "id": webhook_id,
        "url": fields["url"],
        "method": fields["method"],
        "encoding": fields.get("encoding"),
        "headers": fields.get("headers", {}),
        "events": fields.get("events", []),
    }
    for name in ("template", "read_timeout"):
        if name in fields:
            answer[name] = fields[name]
    answer["retries"] = fields.get("retries", DEFAULT_RETRIES)
    if "retry_delay" in fields and answer["retries"] > 0:
        answer["retry_delay"] = fields["retry_delay"]
    return answer


def _webhook_id(raw: str) -> str | None:
    # Like message IDs: an ID that is not a UUID names no webhook (404; DELETE declares no 400).
    return raw.lower() if validation.is_uuid(raw) else None


class Webhooks:
    """The four operations, on the webhooks table of a `Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def create(self, incoming: Incoming, account: str, _: str) -> Response:
        fields = valid_body(incoming, "CreateWebhookRequest", "Invalid webhook.")
        webhook_id = str(uuid.uuid4())
        with self._store.transaction() as db:
            if _taken(db, account, fields["url"], fields["method"], None):
                return error(409, _CONFLICT)
            db.execute(
                "INSERT INTO webhooks (id, account, url, method, fields) VALUES (?, ?, ?, ?, ?)",
                (webhook_id, account, fields["url"], fields["method"], json.dumps(fields)),
            )
        return Response(201, shown(webhook_id, fields))

    def page(self, incoming: Incoming, account: str, _: str) -> Response:
        page = query_value(incoming, "page", "WebhookPage", "Invalid paging parameters.")
        size = query_value(incoming, "page_size", "WebhookPageSize", "Invalid paging parameters.")
        page = 0 if page is None else int(page)
        size = DEFAULT_PAGE_SIZE if size is None else int(size)
        every = self.every(account)
        # Sliced here rather than with LIMIT/OFFSET: the spec sets no largest page or page size,
        # and Python's integers cannot overflow where SQLite's would.
        start = page * size
        return Response(200, {"page": page, "pageSize": size, "pageData": every[start : start + size]})

    def every(self, account: str) -> list[dict[str, Any]]:
        """Every webhook of the account, oldest first, as the API shows them."""
        with self._store.transaction() as db:
            rows = db.execute(
                "SELECT id, fields FROM webhooks WHERE account = ? ORDER BY seq", (account,)
            ).fetchall()
        return [shown(row["id"], json.loads(row["fields"])) for row in rows]

    def update(self, incoming: Incoming, account: str, raw_id: str) -> Response:
        webhook_id = _webhook_id(raw_id)
        if webhook_id is None:
            return error(404, _NOT_FOUND)
        changes = valid_body(incoming, "UpdateWebhookRequest", "Invalid webhook.")
        with self._store.transaction() as db:
            row = db.execute(
                "SELECT fields FROM webhooks WHERE id = ? AND account = ?", (webhook_id, account)
            ).fetchone()
            if row is None:
                return error(404, _NOT_FOUND)
            fields = {**json.loads(row["fields"]), **changes}
            if _taken(db, account, fields["url"], fields["method"], webhook_id):
                return error(409, _CONFLICT)
            db.execute(
                "UPDATE webhooks SET url = ?, method = ?, fields = ? WHERE id = ?",
                (fields["url"], fields["method"], json.dumps(fields), webhook_id),
            )
        return Response(200, shown(webhook_id, fields))

    def delete(self, _incoming: Incoming, account: str, raw_id: str) -> Response:
        webhook_id = _webhook_id(raw_id)
        if webhook_id is None:
            return error(404, _NOT_FOUND)
        with self._store.transaction() as db:
            cursor = db.execute("DELETE FROM webhooks WHERE id = ? AND account = ?", (webhook_id, account))
        if cursor.rowcount == 0:
            return error(404, _NOT_FOUND)
        return Response(204)


def _taken(db: sqlite3.Connection, account: str, url: str, method: str, other_than: str | None) -> bool:
    row = db.execute(
        "SELECT id FROM webhooks WHERE account = ? AND url = ? AND method = ?", (account, url, method)
    ).fetchone()
    return row is not None and row["id"] != other_than
