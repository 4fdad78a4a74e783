"""Token paging of the blacklist: the token, else the token of next_uri; and where a list ends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from messagemedia_messages import MessageMedia, RetryPolicy
from messagemedia_messages.errors import RequestValidationError

LIST = "/v1/number_authorisation/mt/blacklist"
NUMBERS = [f"+614915{n:05d}" for n in range(7)]


def _client(pages: dict[str | None, dict[str, Any]], asked: list[str | None]) -> MessageMedia:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == LIST
        token = request.url.params.get("token")
        asked.append(token)
        return httpx.Response(200, json={"uri": str(request.url), **pages[token]})

    return MessageMedia(
        "KEY",
        "SECRET",
        retry=RetryPolicy(max_retries=0),
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
    )


def _next(page: str | None, next_uri: str | None) -> dict[str, Any]:
    return {"page": page, "next_uri": next_uri}


@pytest.mark.parametrize(
    ("pages", "tokens"),
    [
        pytest.param(
            {
                None: {"numbers": NUMBERS[:3], "pagination": _next("t2", f"{LIST}?token=t2")},
                "t2": {"numbers": NUMBERS[3:6], "pagination": _next("t3", f"{LIST}?token=t3")},
                "t3": {"numbers": NUMBERS[6:], "pagination": _next(None, None)},
            },
            [None, "t2", "t3"],
            id="by the token",
        ),
        pytest.param(
            {
                None: {"numbers": NUMBERS[:3], "pagination": _next(None, f"{LIST}?token=u2")},
                "u2": {
                    "numbers": NUMBERS[3:6],
                    "pagination": {"next_uri": f"https://api.example{LIST}?token=u3"},
                },
                "u3": {"numbers": NUMBERS[6:], "pagination": _next("", None)},
            },
            [None, "u2", "u3"],
            id="by the token of next_uri when the token is missing",
        ),
        pytest.param(
            {
                None: {"numbers": NUMBERS[:3], "pagination": _next("t2", f"{LIST}?token=elsewhere")},
                "t2": {"numbers": NUMBERS[3:], "pagination": _next(None, f"{LIST}?other=1")},
            },
            [None, "t2"],
            id="the token first; a next_uri without a token ends the list",
        ),
        pytest.param(
            {
                None: {"numbers": NUMBERS[:3], "pagination": _next("t2", None)},
                "t2": {"numbers": NUMBERS[3:], "pagination": _next("t2", f"{LIST}?token=t2")},
            },
            [None, "t2"],
            id="a page naming itself as the next ends the list",
        ),
    ],
)
def test_the_blacklist_pages_itself(
    pages: dict[str | None, dict[str, Any]], tokens: list[str | None]
) -> None:
    asked: list[str | None] = []
    client = _client(pages, asked)
    assert list(client.number_authorisation.list_blacklist()) == NUMBERS
    assert asked == tokens


def test_a_page_without_pagination_is_the_last() -> None:
    asked: list[str | None] = []
    client = _client({None: {"numbers": NUMBERS}}, asked)
    pager = client.number_authorisation.list_blacklist()
    assert list(pager) == NUMBERS and asked == [None] and not pager.has_next_page()


def test_paging_by_hand_follows_next_uri_too() -> None:
    asked: list[str | None] = []
    pages: dict[str | None, dict[str, Any]] = {
        None: {"numbers": NUMBERS[:4], "pagination": _next(None, f"{LIST}?token=h2")},
        "h2": {"numbers": NUMBERS[4:], "pagination": _next(None, None)},
    }
    first = _client(pages, asked).number_authorisation.list_blacklist()
    assert first.items == NUMBERS[:4] and first.has_next_page()
    second: Callable[[], Any] = first.next_page
    assert second().items == NUMBERS[4:] and asked == [None, "h2"]


@pytest.mark.parametrize(
    ("call", "complaint"),
    [
        (lambda c: c.webhooks.list(page="x"), "page must be an integer, not str"),
        (lambda c: c.webhooks.list(page=5.5), "page must be an integer, not float"),
        (lambda c: c.webhooks.list(page=-1), "page must be at least 0"),
        (lambda c: c.signature_keys.list(page="3"), "page must be an integer, not str"),
        (lambda c: c.number_authorisation.list_blacklist(token=5), "token must be a string, not int"),
    ],
)
def test_a_starting_page_or_token_of_the_wrong_kind_is_refused_not_replaced(
    call: Callable[[MessageMedia], object], complaint: str
) -> None:
    asked: list[str | None] = []
    client = _client({}, asked)
    with pytest.raises(RequestValidationError, match=complaint):
        call(client)
    assert asked == []  # nothing was sent, and no other page was asked for instead
