"""The blacklist (the Number Authorisation API's opt-out list) at the level of one SQLite transaction.

`store` calls these inside its own transactions (a STOP reply lists its sender in the same
transaction that records the reply), and `blacklist` for the API's four operations.

An opt-out keyword is a reply whose whole text, trimmed and in any case, is one of
`OPT_OUT_KEYWORDS`. The API names only `STOP`; the others are the opt-out words that carriers and
messaging platforms commonly honour (STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT), so a sandbox user
sees the usual ones work. A reply that merely contains one ("please don't stop") is a reply.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

OPT_OUT_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
PAGE = 100


def is_opt_out(content: str) -> bool:
    """Whether a reply with this text opts its sender out."""
    return content.strip().upper() in OPT_OUT_KEYWORDS


def add(db: sqlite3.Connection, account: str, numbers: Iterable[str]) -> int:
    """Lists the numbers on the account's blacklist; returns how many were not listed before."""
    added = 0
    for number in numbers:
        cursor = db.execute(
            "INSERT OR IGNORE INTO blacklist (account, number) VALUES (?, ?)", (account, number)
        )
        added += cursor.rowcount
    return added


def remove(db: sqlite3.Connection, account: str, number: str) -> bool:
    """Takes the number off; False when it was not listed."""
    cursor = db.execute("DELETE FROM blacklist WHERE account = ? AND number = ?", (account, number))
    return cursor.rowcount > 0


def listed(db: sqlite3.Connection, account: str, numbers: Sequence[str]) -> set[str]:
    """Those of ``numbers`` that are on the account's blacklist."""
    wanted = list(set(numbers))
    if not wanted:
        return set()
    marks = ",".join("?" * len(wanted))
    rows = db.execute(
        f"SELECT number FROM blacklist WHERE account = ? AND number IN ({marks})",  # noqa: S608 - placeholders only
        [account, *wanted],
    ).fetchall()
    return {str(row[0]) for row in rows}


def page(db: sqlite3.Connection, account: str, after: int) -> tuple[list[str], int | None]:
    """Up to `PAGE` numbers listed after position ``after`` (0: from the start), oldest first, and
    the position to continue from, or None when nothing follows."""
    rows = db.execute(
        "SELECT seq, number FROM blacklist WHERE account = ? AND seq > ? ORDER BY seq LIMIT ?",
        (account, after, PAGE + 1),
    ).fetchall()
    numbers = [str(row[1]) for row in rows[:PAGE]]
    following = int(rows[PAGE - 1][0]) if len(rows) > PAGE else None
    return numbers, following


def record_opt_out(
    db: sqlite3.Connection, account: str, owner: str, reply: Mapping[str, Any]
) -> dict[str, Any]:
    """Lists the reply's sender on ``owner``'s blacklist (the parent of a sub-account ``account``)
    and records the opt-out notification an `OPT_OUT_SMS` webhook of ``account`` carries.

    The notification has the fields the API's template variables provide for that event
    (`$notificationId`, `$accountId`, the addresses, the time, the message answered, the text).
    """
    add(db, owner, [str(reply["source_number"])])
    notification: dict[str, Any] = {
        "notification_id": str(uuid.uuid4()),
        "account_id": account,
        "source_number": reply["source_number"],
        "date_received": reply["date_received"],
        "content": reply["content"],
        "metadata": reply.get("metadata", {}),
    }
    for name in ("destination_number", "message_id"):
        if name in reply:
            notification[name] = reply[name]
    db.execute(
        "INSERT INTO opt_outs (notification_id, account, reply_id, body) VALUES (?, ?, ?, ?)",
        (notification["notification_id"], account, reply["reply_id"], json.dumps(notification)),
    )
    return notification


def opt_outs(db: sqlite3.Connection, account: str | None = None) -> list[dict[str, Any]]:
    """Every opt-out notification recorded (of one account, or of all), oldest first."""
    if account is None:
        rows = db.execute("SELECT body FROM opt_outs ORDER BY seq").fetchall()
    else:
        rows = db.execute("SELECT body FROM opt_outs WHERE account = ? ORDER BY seq", (account,)).fetchall()
    return [json.loads(row[0]) for row in rows]


__all__ = ["OPT_OUT_KEYWORDS", "add", "is_opt_out", "listed", "opt_outs", "page", "record_opt_out", "remove"]
