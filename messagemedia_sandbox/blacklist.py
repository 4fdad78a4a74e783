"""The Number Authorisation API: an account's blacklist, the numbers messages may not be sent to.

Numbers get there through `add_to_blacklist` or by replying with an opt-out keyword (`optout`),
and leave through `remove_from_blacklist`. `check_numbers_authorised` says `authorised: false`
for a listed number; a send to one is accepted and then refused (see `lifecycle.OUTCOMES`).

The list pages by token, 100 numbers a page, oldest first. The token is opaque to clients; here
it is base64url JSON naming the position after which the page starts (`{"after": 17}`), so a
number removed between two pages shifts nothing. The spec declares no 400 for this operation, so
a token the sandbox cannot read is answered with an empty last page rather than an error.
"""

from __future__ import annotations

import base64
import binascii
import json
from urllib.parse import unquote, urlsplit

from . import optout
from .protocol import BadRequestError, Incoming, Response, error, plain_text, valid_body
from .store import Store
from .validation import parameter_value

LIST_PATH = "/v1/number_authorisation/mt/blacklist"


def _token(after: int) -> str:
    raw = json.dumps({"after": after}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _position(token: str) -> int | None:
    """Where the page of this token starts, or None when the token is not one the sandbox made."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        after = json.loads(raw)["after"]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after < 2**63:
        return None
    return after


class Blacklist:
    """The four operations, on the blacklist table of a `Store`."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def check(self, incoming: Incoming, account: str, text: str) -> Response:
        _, details = parameter_value("Numbers", "numbers", text)
        if details:
            raise BadRequestError("Invalid numbers.", details)
        numbers = text.split(",")
        listed = self._store.blacklisted(account, numbers)
        answer = {
            "uri": unquote(urlsplit(incoming.target).path),
            "numbers": [{"number": number, "authorised": number not in listed} for number in numbers],
        }
        return Response(200, answer)

    def page(self, incoming: Incoming, account: str, _: str) -> Response:
        token = incoming.query.get("token")
        after = 0 if token is None else _position(token)
        parts = urlsplit(incoming.target)
        uri = f"{parts.path}?{parts.query}" if parts.query else parts.path
        if after is None:
            numbers: list[str] = []
            following = None
        else:
            with self._store.transaction() as db:
                numbers, following = optout.page(db, account, after)
        pagination: dict[str, str | None] = {"page": None, "next_uri": None}
        if following is not None:
            next_token = _token(following)
            pagination = {"page": next_token, "next_uri": f"{LIST_PATH}?token={next_token}"}
        return Response(200, {"uri": uri, "numbers": numbers, "pagination": pagination})

    def add(self, incoming: Incoming, account: str, _: str) -> Response:
        request = valid_body(incoming, "AddToBlacklistRequest", "Invalid blacklist request.")
        numbers: list[str] = request["numbers"]
        with self._store.transaction() as db:
            added = optout.add(db, account, numbers)
        # 201 when anything was added; 200 when every number was listed already.
        return Response(201 if added else 200, {"uri": LIST_PATH, "numbers": numbers})

    def remove(self, _incoming: Incoming, account: str, number: str) -> Response:
        with self._store.transaction() as db:
            removed = optout.remove(db, account, number)
        if not removed:
            # Also the answer to a number that is not E.164: it cannot be listed (no 400 is declared).
            return error(404, "Number not found in the blacklist.")
        return plain_text(200, "Number removed from the blacklist.")
