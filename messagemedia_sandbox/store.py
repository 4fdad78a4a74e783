"""All sandbox state, in one SQLite file, partitioned by account.

One connection is shared by every thread behind a re-entrant lock: SQLite serialises writers
anyway, and a single connection keeps each API call one transaction without busy-retry logic.
WAL journaling means a killed process loses nothing that was committed.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import events, optout
from .lifecycle import FINAL, REPORTED, VENDOR_ID, Plan, error_code, timeline
from .signing import SigningKey
from .timestamps import to_rfc3339

SCHEMA_VERSION = 2
PAGE = 100
_SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    message_id TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    fields TEXT NOT NULL,
    created_at REAL NOT NULL,
    due_at REAL NOT NULL,
    step REAL NOT NULL,
    outcome TEXT NOT NULL,
    scheduled INTEGER NOT NULL,
    expires_at REAL,
    parts INTEGER NOT NULL,
    stage INTEGER NOT NULL,
    status TEXT NOT NULL,
    next_at REAL
);
CREATE INDEX IF NOT EXISTS messages_next ON messages (next_at) WHERE next_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS replies (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    reply_id TEXT NOT NULL UNIQUE,
    account TEXT NOT NULL,
    body TEXT NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS replies_open ON replies (account, confirmed, seq);
CREATE TABLE IF NOT EXISTS delivery_reports (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_report_id TEXT NOT NULL UNIQUE,
    account TEXT NOT NULL,
    message_id TEXT NOT NULL,
    body TEXT NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS reports_open ON delivery_reports (account, confirmed, seq);
CREATE TABLE IF NOT EXISTS credits (
    account TEXT PRIMARY KEY,
    balance INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS destinations (
    number TEXT PRIMARY KEY,
    outcome TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS callbacks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    url TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL,
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS callbacks_due ON callbacks (state, next_at);
CREATE TABLE IF NOT EXISTS webhooks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    account TEXT NOT NULL,
    url TEXT NOT NULL,
    method TEXT NOT NULL,
    fields TEXT NOT NULL,
    UNIQUE (account, url, method)
);
CREATE TABLE IF NOT EXISTS signature_keys (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key_id TEXT NOT NULL UNIQUE,
    account TEXT NOT NULL,
    digest TEXT NOT NULL,
    cipher TEXT NOT NULL,
    created TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 0,
    private_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS signature_keys_account ON signature_keys (account, seq);
CREATE TABLE IF NOT EXISTS blacklist (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    account TEXT NOT NULL,
    number TEXT NOT NULL,
    UNIQUE (account, number)
);
CREATE TABLE IF NOT EXISTS sub_accounts (
    account TEXT PRIMARY KEY,
    parent TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS opt_outs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id TEXT NOT NULL UNIQUE,
    account TEXT NOT NULL,
    reply_id TEXT NOT NULL,
    body TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class NewMessage:
    """A validated message ready to store: the echoed fields and how many parts it bills."""

    fields: dict[str, Any]
    plan: Plan
    parts: int


@dataclass(frozen=True)
class Callback:
    """One pending callback delivery: to a message's `callback_url` (``webhook`` None; ``payload``
    is the JSON body), or to a webhook (``webhook`` is what it was when the event happened,
    ``payload`` the default payload and ``variables`` the template's variables, both JSON)."""

    id: int
    kind: str
    url: str
    payload: str
    attempts: int
    account: str | None = None
    event: str | None = None
    webhook: dict[str, Any] | None = None
    variables: str | None = None


# Columns added to `callbacks` after its first version; a data file made before gets them added.
_CALLBACK_COLUMNS = {"account": "TEXT", "event": "TEXT", "webhook": "TEXT", "variables": "TEXT"}


class Store:
    """The sandbox's persistent state; every public method is one transaction."""

    def __init__(self, path: Path | str, initial_credits: int) -> None:
        self._lock = threading.RLock()
        self._initial_credits = initial_credits
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        if str(path) != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL syncs the WAL at checkpoints only: a killed process still loses nothing, which is
        # the durability a sandbox needs, and sends do not each wait for the disk.
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self.transaction() as db:
            # executescript would commit on its own, so the statements run one by one.
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            present = {row["name"] for row in db.execute("PRAGMA table_info(callbacks)")}
            for column, kind in _CALLBACK_COLUMNS.items():
                if column not in present:
                    db.execute(f"ALTER TABLE callbacks ADD COLUMN {column} {kind}")
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection inside BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- messages --------------------------------------------------------------------------

    def add_messages(self, account: str, messages: Sequence[NewMessage]) -> list[dict[str, Any]]:
        """Stores every message (all or none) and charges their parts; returns them as the API shows them."""
        shown: list[dict[str, Any]] = []
        with self.transaction() as db:
            self._ensure_credits(db, account)
            for message in messages:
                message_id = str(uuid.uuid4())
                steps = timeline(message.plan)
                plan = message.plan
                status = steps[0][0]
                db.execute(
                    "INSERT INTO messages (message_id, account, fields, created_at, due_at, step, outcome,"
                    " scheduled, expires_at, parts, stage, status, next_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                    (
                        message_id,
                        account,
                        json.dumps(message.fields),
                        plan.created_at,
                        plan.due_at,
                        plan.step,
                        plan.outcome,
                        int(plan.scheduled),
                        plan.expires_at,
                        message.parts,
                        status,
                        steps[1][1] if len(steps) > 1 else None,
                    ),
                )
                db.execute(
                    "UPDATE credits SET balance = balance - ? WHERE account = ?", (message.parts, account)
                )
                shown.append(_show_message(message_id, status, message.fields))
        return shown

    def get_message(self, account: str, message_id: str) -> dict[str, Any] | None:
        with self.transaction() as db:
            row = db.execute(
                "SELECT message_id, status, fields FROM messages WHERE message_id = ? AND account = ?",
                (message_id, account),
            ).fetchone()
        if row is None:
            return None
        return _show_message(row["message_id"], row["status"], json.loads(row["fields"]))

    def find_message(self, message_id: str) -> tuple[str, dict[str, Any]] | None:
        """The account and API view of a message, whichever account it belongs to."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT account, message_id, status, fields FROM messages WHERE message_id = ?", (message_id,)
            ).fetchone()
        if row is None:
            return None
        return row["account"], _show_message(row["message_id"], row["status"], json.loads(row["fields"]))

    def cancel(self, account: str, message_id: str) -> tuple[bool, str | None]:
        """(True, None) when cancelled; (False, None) when there is no such message; else
        (False, the status that made it not cancellable)."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT status, parts FROM messages WHERE message_id = ? AND account = ?",
                (message_id, account),
            ).fetchone()
            if row is None:
                return False, None
            if row["status"] != "scheduled":
                return False, str(row["status"])
            db.execute(
                "UPDATE messages SET status = 'cancelled', next_at = NULL WHERE message_id = ?", (message_id,)
            )
            # A cancelled message never leaves, so what it was charged is given back.
            self._ensure_credits(db, account)
            db.execute("UPDATE credits SET balance = balance + ? WHERE account = ?", (row["parts"], account))
        return True, None

    # -- the clock -------------------------------------------------------------------------

    def advance(self, now: float, auto_reply: str | None = None) -> int:
        """Applies every status step due by `now`; returns how many callbacks were queued."""
        queued = 0
        with self._lock:
            # Most ticks find nothing due; a plain read then spares a write transaction.
            due = self._db.execute(
                "SELECT 1 FROM messages WHERE next_at IS NOT NULL AND next_at <= ? LIMIT 1", (now,)
            ).fetchone()
        if due is None:
            return 0
        with self.transaction() as db:
            rows = db.execute(
                "SELECT * FROM messages WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY next_at", (now,)
            ).fetchall()
            for row in rows:
                queued += self._advance_one(db, row, now, auto_reply)
        return queued

    def _advance_one(
        self, db: sqlite3.Connection, row: sqlite3.Row, now: float, auto_reply: str | None
    ) -> int:
        plan = Plan(
            created_at=row["created_at"],
            due_at=row["due_at"],
            step=row["step"],
            outcome=row["outcome"],
            scheduled=bool(row["scheduled"]),
            expires_at=row["expires_at"],
        )
        fields: dict[str, Any] = json.loads(row["fields"])
        stage = int(row["stage"])
        if (
            plan.scheduled
            and stage == 0
            and plan.due_at <= now
            and plan.outcome != "blocked"
            and optout.listed(db, self._owner(db, row["account"]), [fields["destination_number"]])
        ):
            # A scheduled message is checked against the blacklist when it leaves, not when it
            # was sent: a number that opted out in between gets nothing.
            plan = dataclasses.replace(plan, outcome="blocked")
            db.execute(
                "UPDATE messages SET outcome = ? WHERE message_id = ?", (plan.outcome, row["message_id"])
            )
        steps = timeline(plan)
        queued = 0
        while stage + 1 < len(steps) and steps[stage + 1][1] <= now:
            stage += 1
            status, at = steps[stage]
            if status in REPORTED and fields.get("delivery_report"):
                queued += self._report(db, row, fields, status=status, at=at, now=now, outcome=plan.outcome)
            if status == "delivered" and auto_reply is not None:
                _, count = self._reply_row(
                    db, row["account"], row["message_id"], fields, content=auto_reply, at=at
                )
                queued += count
        next_at = steps[stage + 1][1] if stage + 1 < len(steps) else None
        db.execute(
            "UPDATE messages SET stage = ?, status = ?, next_at = ? WHERE message_id = ?",
            (stage, steps[stage][0], next_at, row["message_id"]),
        )
        return queued

    def _report(
        self,
        db: sqlite3.Connection,
        row: sqlite3.Row,
        fields: Mapping[str, Any],
        *,
        status: str,
        at: float,
        now: float,
        outcome: str,
    ) -> int:
        report: dict[str, Any] = {
            "delivery_report_id": str(uuid.uuid4()),
            "message_id": row["message_id"],
            "status": status,
            "source_number": fields["destination_number"],
            # Made when the sandbox noticed the change, which is never before the change itself.
            "date_received": to_rfc3339(max(now, at)),
            "submitted_date": to_rfc3339(at),
            "original_text": fields["content"],
            "delay": 0,
            "billing_units": int(row["parts"]),
            "error_code": error_code(status, outcome),
            "metadata": fields.get("metadata", {}),
            "vendor_account_id": {"vendor_id": VENDOR_ID, "account_id": row["account"]},
        }
        if "callback_url" in fields:
            report["callback_url"] = fields["callback_url"]
        db.execute(
            "INSERT INTO delivery_reports (delivery_report_id, account, message_id, body)"
            " VALUES (?, ?, ?, ?)",
            (report["delivery_report_id"], row["account"], row["message_id"], json.dumps(report)),
        )
        queued = self._enqueue(db, "delivery_report", report, now, row["account"])
        event = events.delivery_report(report, fields, row["account"])
        return queued + self._notify_webhooks(db, row["account"], event, now)

    # -- replies ---------------------------------------------------------------------------

    def add_reply(
        self, message_id: str, content: str | None, at: float, attachments: list[dict[str, str]] | None = None
    ) -> dict[str, Any] | None:
        """Records a handset's answer to a message (of any account); None if there is no such message.

        With ``attachments`` (``content_type``, base64 ``content``, ``original_name``) it is an MMS."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT account, fields FROM messages WHERE message_id = ?", (message_id,)
            ).fetchone()
            if row is None:
                return None
            fields = json.loads(row["fields"])
            reply_id, _ = self._reply_row(
                db, row["account"], message_id, fields, content=content, at=at, attachments=attachments
            )
            body = db.execute("SELECT body FROM replies WHERE reply_id = ?", (reply_id,)).fetchone()
        result: dict[str, Any] = json.loads(body["body"])
        return result

    def add_inbound(
        self,
        account: str,
        content: str | None,
        at: float,
        source_number: str,
        destination_number: str | None,
        *,
        attachments: list[dict[str, str]] | None = None,
    ) -> dict[str, Any]:
        """Records an unsolicited inbound message: a reply that answers no message."""
        reply: dict[str, Any] = {"reply_id": str(uuid.uuid4())}
        if content is not None:
            reply["content"] = content
        reply.update(
            {
                "source_number": source_number,
                "date_received": to_rfc3339(at),
                "metadata": {},
                "vendor_account_id": {"vendor_id": VENDOR_ID, "account_id": account},
            }
        )
        if destination_number:
            reply["destination_number"] = destination_number
        if attachments:
            reply["attachments"] = attachments
        with self.transaction() as db:
            self._insert_reply(db, account, reply, None)
        return reply

    def _reply_row(
        self,
        db: sqlite3.Connection,
        account: str,
        message_id: str,
        fields: Mapping[str, Any],
        *,
        content: str | None,
        at: float,
        attachments: list[dict[str, str]] | None = None,
    ) -> tuple[str, int]:
        """Stores a reply to the message with these fields; its ID, and how many callbacks it queued."""
        reply: dict[str, Any] = {"reply_id": str(uuid.uuid4()), "message_id": message_id}
        if content is not None:
            reply["content"] = content
        reply.update(
            {
                "source_number": fields["destination_number"],
                "date_received": to_rfc3339(at),
                "metadata": fields.get("metadata", {}),
                "vendor_account_id": {"vendor_id": VENDOR_ID, "account_id": account},
            }
        )
        if "source_number" in fields:
            reply["destination_number"] = fields["source_number"]
        if "callback_url" in fields:
            reply["callback_url"] = fields["callback_url"]
        if attachments:
            reply["attachments"] = attachments
        queued = self._insert_reply(db, account, reply, fields)
        return str(reply["reply_id"]), queued

    def _insert_reply(
        self, db: sqlite3.Connection, account: str, reply: dict[str, Any], message: Mapping[str, Any] | None
    ) -> int:
        db.execute(
            "INSERT INTO replies (reply_id, account, body) VALUES (?, ?, ?)",
            (reply["reply_id"], account, json.dumps(reply)),
        )
        queued = self._enqueue(db, "reply", reply, 0.0, account)
        queued += self._notify_webhooks(db, account, events.reply(reply, account, message), 0.0)
        # An opt-out is still a reply (checks and callback_url get it as one); it also lists the
        # handset, in the same transaction, so no send after this answer can reach it.
        if not reply.get("attachments") and optout.is_opt_out(str(reply.get("content", ""))):
            notification = optout.record_opt_out(db, account, self._owner(db, account), reply)
            queued += self._notify_webhooks(db, account, events.opt_out(notification, message), 0.0)
        return queued

    # -- sub-accounts and the blacklist ----------------------------------------------------

    def note_sub_account(self, account: str, parent: str) -> None:
        """Records that ``account`` is a sub-account of the API key ``parent`` (its first parent wins)."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO sub_accounts (account, parent) VALUES (?, ?)", (account, parent)
            )

    @staticmethod
    def _owner(db: sqlite3.Connection, account: str) -> str:
        """The account whose blacklist and signature keys apply to ``account``: its parent, if it
        is a sub-account (the Number Authorisation and Signature Key APIs take no Account header)."""
        row = db.execute("SELECT parent FROM sub_accounts WHERE account = ?", (account,)).fetchone()
        return account if row is None else str(row[0])

    def owner(self, account: str) -> str:
        with self.transaction() as db:
            return self._owner(db, account)

    def blacklisted(self, account: str, numbers: Sequence[str]) -> set[str]:
        """Those of ``numbers`` on the blacklist that applies to sends of ``account``."""
        with self.transaction() as db:
            return optout.listed(db, self._owner(db, account), numbers)

    def opt_outs(self, account: str | None = None) -> list[dict[str, Any]]:
        """The opt-out notifications recorded, oldest first."""
        with self.transaction() as db:
            return optout.opt_outs(db, account)

    def open_replies(self, account: str) -> list[dict[str, Any]]:
        return self._open("replies", account)

    def confirm_replies(self, account: str, reply_ids: Iterable[str]) -> None:
        self._confirm("replies", "reply_id", account, reply_ids)

    def open_reports(self, account: str) -> list[dict[str, Any]]:
        return self._open("delivery_reports", account)

    def confirm_reports(self, account: str, report_ids: Iterable[str]) -> None:
        self._confirm("delivery_reports", "delivery_report_id", account, report_ids)

    def _open(self, table: str, account: str) -> list[dict[str, Any]]:
        with self.transaction() as db:
            rows = db.execute(
                f"SELECT body FROM {table} WHERE account = ? AND confirmed = 0 ORDER BY seq LIMIT ?",  # noqa: S608 - table is one of two literals
                (account, PAGE),
            ).fetchall()
        return [json.loads(row["body"]) for row in rows]

    def _confirm(self, table: str, column: str, account: str, ids: Iterable[str]) -> None:
        with self.transaction() as db:
            db.executemany(
                f"UPDATE {table} SET confirmed = 1 WHERE account = ? AND {column} = ?",  # noqa: S608 - literals only
                [(account, item.lower()) for item in ids],
            )

    def count_all(self, account: str | None = None) -> dict[str, int]:
        """How many messages, replies and reports are stored (for tests and the health endpoint)."""
        counts: dict[str, int] = {}
        with self.transaction() as db:
            for table in ("messages", "replies", "delivery_reports"):
                if account is None:
                    row = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()  # noqa: S608
                else:
                    row = db.execute(f"SELECT COUNT(*) FROM {table} WHERE account = ?", (account,)).fetchone()  # noqa: S608
                counts[table] = int(row[0])
        return counts

    # -- credits and destinations ----------------------------------------------------------

    def credits(self, account: str) -> int:
        with self.transaction() as db:
            self._ensure_credits(db, account)
            row = db.execute("SELECT balance FROM credits WHERE account = ?", (account,)).fetchone()
        return int(row["balance"])

    def _ensure_credits(self, db: sqlite3.Connection, account: str) -> None:
        db.execute(
            "INSERT OR IGNORE INTO credits (account, balance) VALUES (?, ?)", (account, self._initial_credits)
        )

    def set_destination(self, number: str, outcome: str) -> None:
        """From now on, messages to `number` end with `outcome` (`delivered` forgets the number)."""
        with self.transaction() as db:
            if outcome == "delivered":
                db.execute("DELETE FROM destinations WHERE number = ?", (number,))
            else:
                db.execute(
                    "INSERT INTO destinations (number, outcome) VALUES (?, ?)"
                    " ON CONFLICT (number) DO UPDATE SET outcome = excluded.outcome",
                    (number, outcome),
                )

    def destination_outcomes(self, numbers: Iterable[str]) -> dict[str, str]:
        wanted = list(set(numbers))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        with self.transaction() as db:
            rows = db.execute(
                f"SELECT number, outcome FROM destinations WHERE number IN ({marks})",  # noqa: S608 - placeholders only
                wanted,
            ).fetchall()
        return {row["number"]: row["outcome"] for row in rows}

    # -- callbacks -------------------------------------------------------------------------

    def _enqueue(
        self, db: sqlite3.Connection, kind: str, payload: Mapping[str, Any], at: float, account: str
    ) -> int:
        url = payload.get("callback_url")
        if not url:
            return 0
        db.execute(
            "INSERT INTO callbacks (kind, url, payload, next_at, account) VALUES (?, ?, ?, ?, ?)",
            (kind, url, json.dumps(payload), at, account),
        )
        return 1

    def _notify_webhooks(self, db: sqlite3.Connection, account: str, event: events.Event, at: float) -> int:
        """Queues a delivery of the event to each of the account's webhooks registered for it."""
        rows = db.execute(
            "SELECT id, fields FROM webhooks WHERE account = ? ORDER BY seq", (account,)
        ).fetchall()
        queued = 0
        for row in rows:
            webhook = {"id": row["id"], **json.loads(row["fields"])}
            if event.name not in webhook.get("events", []):
                continue
            db.execute(
                "INSERT INTO callbacks (kind, url, payload, next_at, account, event, webhook, variables)"
                " VALUES ('webhook', ?, ?, ?, ?, ?, ?, ?)",
                (
                    webhook["url"],
                    json.dumps(event.payload),
                    at,
                    account,
                    event.name,
                    json.dumps(webhook),
                    json.dumps(event.variables),
                ),
            )
            queued += 1
        return queued

    def signing_key(self, account: str) -> SigningKey | None:
        """The enabled signature key that signs the callbacks of ``account`` (its parent's, for a
        sub-account), or None."""
        with self.transaction() as db:
            row = db.execute(
                "SELECT key_id, digest, cipher, private_key FROM signature_keys"
                " WHERE account = ? AND enabled = 1",
                (self._owner(db, account),),
            ).fetchone()
        if row is None:
            return None
        return SigningKey(row["key_id"], row["digest"], row["cipher"], row["private_key"])

    def due_callbacks(self, now: float, limit: int = 20) -> list[Callback]:
        with self.transaction() as db:
            rows = db.execute(
                "SELECT id, kind, url, payload, attempts, account, event, webhook, variables FROM callbacks"
                " WHERE state = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT ?",
                (now, limit),
            ).fetchall()
        return [
            Callback(
                r["id"],
                r["kind"],
                r["url"],
                r["payload"],
                r["attempts"],
                account=r["account"],
                event=r["event"],
                webhook=json.loads(r["webhook"]) if r["webhook"] else None,
                variables=r["variables"],
            )
            for r in rows
        ]

    def next_callback_at(self) -> float | None:
        with self.transaction() as db:
            row = db.execute("SELECT MIN(next_at) FROM callbacks WHERE state = 'pending'").fetchone()
        return None if row[0] is None else float(row[0])

    def callback_done(self, callback_id: int) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE callbacks SET state = 'delivered', attempts = attempts + 1, last_error = NULL"
                " WHERE id = ?",
                (callback_id,),
            )

    def callback_failed(self, callback_id: int, error: str, retry_at: float | None) -> None:
        """Records a failed attempt; `retry_at` None means the callback is given up."""
        with self.transaction() as db:
            if retry_at is None:
                db.execute(
                    "UPDATE callbacks SET state = 'failed', attempts = attempts + 1, last_error = ?"
                    " WHERE id = ?",
                    (error, callback_id),
                )
            else:
                db.execute(
                    "UPDATE callbacks SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE id = ?",
                    (error, retry_at, callback_id),
                )

    def callbacks(self) -> list[dict[str, Any]]:
        """Every callback and how its delivery went (the admin view)."""
        with self.transaction() as db:
            rows = db.execute(
                "SELECT id, kind, url, state, attempts, last_error, payload, account, event, webhook"
                " FROM callbacks ORDER BY id"
            ).fetchall()
        shown = []
        for r in rows:
            record: dict[str, Any] = {
                "id": r["id"],
                "kind": r["kind"],
                "url": r["url"],
                "state": r["state"],
                "attempts": r["attempts"],
                "last_error": r["last_error"],
                "payload": json.loads(r["payload"]),
            }
            if r["webhook"]:
                # A webhook's delivery: which one, for which event, and how it is called.
                webhook = json.loads(r["webhook"])
                record.update(
                    event=r["event"],
                    webhook_id=webhook["id"],
                    method=webhook["method"],
                    encoding=webhook.get("encoding"),
                )
            shown.append(record)
        return shown


def _show_message(message_id: str, status: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    return {"message_id": message_id, "status": status, **fields}


__all__ = ["FINAL", "Callback", "NewMessage", "Store"]
