"""The ASGI and WSGI receivers (issue 15, points 4 and 5), in process and under a real server.

Each callback is signed by ``cryptography`` called directly over bytes built by hand
(callback_helpers), never by ``sign_callback``. In process, httpx's ASGI and WSGI transports
drive the apps (the WSGI one gives no REQUEST_URI, so the target is rebuilt from PATH_INFO);
then the ASGI app runs under uvicorn on a free loopback port and gets real HTTP requests.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from callback_helpers import KEY_ID, PUBLIC_KEY_B64, SignCase, headers_for, independent_sign

from messagemedia_messages.callbacks import (
    CallbackASGIApp,
    CallbackEvent,
    CallbackMiddleware,
    CallbackWSGIApp,
    CallbackWSGIMiddleware,
    DeliveryReportEvent,
    OptOutEvent,
    ReceivedMmsEvent,
    ReplyEvent,
    event_id,
)
from messagemedia_messages.errors import ConfigurationError

KEYS = {KEY_ID: PUBLIC_KEY_B64}
DATE = "Wed, 25 Nov 2026 12:01:30 GMT"
DR_ID = "011dcead-6988-4ad6-a1c7-6b6c68ea628d"
DR = {
    "delivery_report_id": DR_ID,
    "status": "delivered",
    "original_text": "private words",
    "metadata": {"k": "v"},
}
REPLY = {"reply_id": "a175e797-2b54-468b-9850-41a3eab32f74", "content": "Yes please"}


def signed(
    path: str, payload: Any, *, method: str = "POST", content_type: str = "application/json", date: str = DATE
) -> tuple[bytes, dict[str, str]]:
    """A body and the headers the API would send with it (signed for ``path`` as the API called it)."""
    if isinstance(payload, bytes):
        body = payload
    elif content_type == "application/json":
        body = json.dumps(payload).encode()
    else:
        body = httpx.QueryParams(payload).__str__().encode()
    case = SignCase("SHA256", method, path, date, body)
    headers = headers_for(case, independent_sign(case))
    headers["Content-Type"] = content_type
    return body, headers


class Recorder:
    """A handler that keeps what it got, and can fail its first calls."""

    def __init__(self, failures: int = 0) -> None:
        self.events: list[CallbackEvent] = []
        self.threads: list[int] = []
        self.failures = failures

    def __call__(self, event: CallbackEvent) -> None:
        self.threads.append(threading.get_ident())
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the database is down")
        self.events.append(event)


@pytest.fixture
def asgi_client() -> Iterator[Any]:
    clients: list[httpx.AsyncClient] = []

    def make(app: Any) -> httpx.AsyncClient:
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://receiver.test")
        clients.append(client)
        return client

    yield make


def wsgi_client(app: Any) -> httpx.Client:
    return httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://receiver.test")


# --------------------------------------------------------------------------- ASGI


async def test_asgi_a_signed_callback_reaches_the_handler_then_gets_204(asgi_client: Any) -> None:
    handler = Recorder()
    client = asgi_client(CallbackASGIApp(handler, keys=KEYS))
    body, headers = signed("/hooks/mm?tenant=7", DR)
    answer = await client.post("/hooks/mm?tenant=7", content=body, headers=headers)
    assert answer.status_code == 204 and answer.content == b""
    (event,) = handler.events
    assert isinstance(event, DeliveryReportEvent) and event.status == "delivered"
    assert event_id(event) == DR_ID
    assert handler.threads[0] != threading.get_ident()  # a plain function runs off the event loop


async def test_asgi_an_async_handler_is_awaited(asgi_client: Any) -> None:
    seen: list[CallbackEvent] = []

    async def handle(event: CallbackEvent) -> None:
        await asyncio.sleep(0)
        seen.append(event)

    client = asgi_client(CallbackASGIApp(handle, keys=KEYS))
    body, headers = signed("/", REPLY)
    assert (await client.post("/", content=body, headers=headers)).status_code == 204
    assert isinstance(seen[0], ReplyEvent) and seen[0].content == "Yes please"


@pytest.mark.parametrize(
    "spoil",
    ["body", "path", "signature", "unsigned", "unknown key"],
)
async def test_asgi_a_bad_signature_gets_401_and_the_handler_is_not_called(
    asgi_client: Any, spoil: str
) -> None:
    handler = Recorder()
    client = asgi_client(CallbackASGIApp(handler, keys=KEYS))
    body, headers = signed("/hooks/mm", DR)
    path = "/hooks/mm"
    if spoil == "body":
        body = body.replace(b"delivered", b"failed!!!")
    elif spoil == "path":
        path = "/hooks/mm2"
    elif spoil == "signature":
        headers["X-MessageMedia-Signature"] = headers["X-MessageMedia-Signature"][::-1]
    elif spoil == "unsigned":
        headers = {"Content-Type": "application/json"}
    else:
        headers["X-MessageMedia-Key-Id"] = "retired-key"
    answer = await client.post(path, content=body, headers=headers)
    assert answer.status_code == 401
    assert answer.json() == {"message": "the callback's signature was not accepted"}
    assert handler.events == [] and handler.threads == []


async def test_asgi_an_unreadable_body_gets_400(asgi_client: Any) -> None:
    handler = Recorder()
    client = asgi_client(CallbackASGIApp(handler, keys=KEYS))
    for payload in (b"[1, 2]", b'{"id": "no event field"}', b"{not json"):
        body, headers = signed("/", payload)
        answer = await client.post("/", content=body, headers=headers)
        assert answer.status_code == 400, payload
        assert "message" in answer.json()
    assert handler.threads == []


async def test_asgi_a_failing_handler_gets_500_so_the_api_delivers_again(asgi_client: Any) -> None:
    handler = Recorder(failures=1)
    client = asgi_client(CallbackASGIApp(handler, keys=KEYS))
    body, headers = signed("/", DR)
    first = await client.post("/", content=body, headers=headers)
    assert first.status_code == 500
    assert "database" not in first.text and "delivered" not in first.text
    again = await client.post("/", content=body, headers=headers)  # the API's retry
    assert again.status_code == 204
    assert [event_id(e) for e in handler.events] == [DR_ID]


async def test_asgi_a_body_over_max_body_gets_413_unread(asgi_client: Any) -> None:
    handler = Recorder()
    client = asgi_client(CallbackASGIApp(handler, keys=KEYS, max_body=64))
    body, headers = signed("/", DR)
    assert len(body) > 64
    assert (await client.post("/", content=body, headers=headers)).status_code == 413

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted while read
        for start in range(0, len(body), 16):
            yield body[start : start + 16]

    assert (await client.post("/", content=chunks(), headers=headers)).status_code == 413
    assert handler.threads == []


async def test_asgi_a_client_that_goes_away_mid_body_gets_no_answer_and_no_handling() -> None:
    handler = Recorder()
    app = CallbackASGIApp(handler, keys=KEYS)
    body, headers = signed("/", DR)
    messages = [
        {"type": "http.request", "body": body[:20], "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[Any] = []

    async def receive() -> Any:
        return messages.pop(0)

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "raw_path": b"/",
        "query_string": b"",
        "headers": [(name.lower().encode(), value.encode()) for name, value in headers.items()],
    }
    await app(scope, receive, send)
    assert sent == [] and handler.threads == []


async def test_asgi_public_target_for_a_proxy_that_rewrites_the_path(asgi_client: Any) -> None:
    handler = Recorder()
    body, headers = signed("/api/hooks/mm", DR)  # what the API called; the proxy strips /api
    plain = asgi_client(CallbackASGIApp(handler, keys=KEYS))
    assert (await plain.post("/hooks/mm", content=body, headers=headers)).status_code == 401
    behind = asgi_client(CallbackASGIApp(handler, keys=KEYS, public_target=lambda target: "/api" + target))
    assert (await behind.post("/hooks/mm", content=body, headers=headers)).status_code == 204


async def test_asgi_max_age(asgi_client: Any) -> None:
    client = asgi_client(CallbackASGIApp(Recorder(), keys=KEYS, max_age=3600))
    body, headers = signed("/", DR, date="Tue, 10 Oct 2017 21:18:00 GMT")
    assert (await client.post("/", content=body, headers=headers)).status_code == 401


async def test_asgi_event_type_for_a_url_that_receives_one_event(asgi_client: Any) -> None:
    handler = Recorder()
    client = asgi_client(CallbackASGIApp(handler, keys=KEYS, event_type="RECEIVED_MMS"))
    body, headers = signed("/mms", {"reply_id": "m-1", "content": "Photo to follow"})
    assert (await client.post("/mms", content=body, headers=headers)).status_code == 204
    assert isinstance(handler.events[0], ReceivedMmsEvent)


async def test_asgi_a_form_encoded_webhook_and_a_get_webhook(asgi_client: Any) -> None:
    handler = Recorder()
    client = asgi_client(CallbackASGIApp(handler, keys=KEYS))
    body, headers = signed(
        "/", {"reply_id": "r-1", "content": "Yes"}, content_type="application/x-www-form-urlencoded"
    )
    assert (await client.post("/", content=body, headers=headers)).status_code == 204
    target = "/hook?reply_id=r-2&content=Later"
    _, headers = signed(target, b"", method="GET")
    assert (await client.get(target, headers=headers)).status_code == 204
    assert [(e.reply_id, e.content) for e in handler.events if isinstance(e, ReplyEvent)] == [
        ("r-1", "Yes"),
        ("r-2", "Later"),
    ]


async def test_asgi_unsigned_callbacks_only_with_verify_false(asgi_client: Any) -> None:
    with pytest.raises(ConfigurationError, match="verify=False"):
        CallbackASGIApp(Recorder())
    with pytest.raises(ConfigurationError, match="verify=False"):
        CallbackASGIApp(Recorder(), keys={})
    with pytest.raises(ConfigurationError):
        CallbackASGIApp(Recorder(), keys=KEYS, verify=False)
    handler = Recorder()
    client = asgi_client(CallbackASGIApp(handler, verify=False))
    answer = await client.post("/", json=REPLY)
    assert answer.status_code == 204 and isinstance(handler.events[0], ReplyEvent)


async def test_asgi_middleware_takes_its_path_and_passes_the_rest(asgi_client: Any) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]}
        )
        await send({"type": "http.response.body", "body": b"the application"})

    handler = Recorder()
    client = asgi_client(CallbackMiddleware(app, path="/messagemedia/", handler=handler, keys=KEYS))
    body, headers = signed("/messagemedia", DR)
    assert (await client.post("/messagemedia", content=body, headers=headers)).status_code == 204
    assert (await client.get("/elsewhere")).text == "the application"
    assert (await client.post("/messagemedia/x", content=body, headers=headers)).text == "the application"
    assert len(handler.events) == 1


async def test_logs_say_what_failed_without_secrets_or_bodies(
    asgi_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="messagemedia")
    client = asgi_client(CallbackASGIApp(Recorder(failures=1), keys=KEYS))
    body, headers = signed("/", DR)
    spoilt = {**headers, "Date": "Thu, 26 Nov 2026 12:01:30 GMT"}
    assert (await client.post("/", content=body, headers=spoilt)).status_code == 401
    bad_body, bad_headers = signed("/", b'{"content": "private words"}')
    assert (await client.post("/", content=bad_body, headers=bad_headers)).status_code == 400
    assert (await client.post("/", content=body, headers=headers)).status_code == 500
    assert (await client.post("/", content=body, headers=headers)).status_code == 204
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "InvalidSignatureError" in text and "UnrecognisedEventError" in text and "RuntimeError" in text
    assert DR_ID in text  # the failed event is named by its ID, so it can be found
    for secret in (headers["X-MessageMedia-Signature"][:20], "private words", PUBLIC_KEY_B64[40:60], '"k"'):
        assert secret not in text


# --------------------------------------------------------------------------- WSGI


def test_wsgi_the_same_answers() -> None:
    handler = Recorder(failures=1)
    client = wsgi_client(CallbackWSGIApp(handler, keys=KEYS))
    body, headers = signed("/hooks/mm?tenant=7", DR)
    assert client.post("/hooks/mm?tenant=7", content=body, headers=headers).status_code == 500
    ok = client.post("/hooks/mm?tenant=7", content=body, headers=headers)
    assert ok.status_code == 204 and ok.content == b""
    assert isinstance(handler.events[0], DeliveryReportEvent)
    assert client.post("/hooks/mm?tenant=8", content=body, headers=headers).status_code == 401
    garbage, garbage_headers = signed("/", b"{nope")
    assert client.post("/", content=garbage, headers=garbage_headers).status_code == 400
    small = wsgi_client(CallbackWSGIApp(handler, keys=KEYS, max_body=10))
    assert small.post("/hooks/mm?tenant=7", content=body, headers=headers).status_code == 413


def test_wsgi_a_path_with_escapes_is_rebuilt_as_it_arrived() -> None:
    handler = Recorder()
    client = wsgi_client(CallbackWSGIApp(handler, keys=KEYS))
    body, headers = signed("/hooks/media%20x", DR)
    assert client.post("/hooks/media%20x", content=body, headers=headers).status_code == 204


def test_wsgi_middleware_and_sync_only() -> None:
    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"the application"]

    handler = Recorder()
    client = wsgi_client(CallbackWSGIMiddleware(app, path="/messagemedia", handler=handler, keys=KEYS))
    body, headers = signed("/messagemedia", REPLY)
    assert client.post("/messagemedia", content=body, headers=headers).status_code == 204
    assert client.get("/").text == "the application"
    assert isinstance(handler.events[0], ReplyEvent)

    async def handle(event: CallbackEvent) -> None:
        pass

    with pytest.raises(ConfigurationError, match="plain function"):
        CallbackWSGIApp(handle, keys=KEYS)
    # A plain function that hands back a coroutine is caught when called: 500, so the API retries.
    wrapped = wsgi_client(CallbackWSGIApp(lambda event: handle(event), keys=KEYS))  # noqa: PLW0108 - on purpose
    assert wrapped.post("/messagemedia", content=body, headers=headers).status_code == 500


def test_wsgi_target_prefers_the_raw_uri() -> None:
    from messagemedia_runtime.callback_wsgi import wsgi_target

    environ = {"PATH_INFO": "/a b", "QUERY_STRING": "x=1", "SCRIPT_NAME": "/app"}
    assert wsgi_target(environ) == b"/app/a%20b?x=1"
    assert wsgi_target({**environ, "REQUEST_URI": "/app/a%20b?x=1"}) == b"/app/a%20b?x=1"
    assert wsgi_target({"RAW_URI": "http://h.example/p?q=1"}) == b"/p?q=1"
    assert wsgi_target({"REQUEST_URI": "/caf\xc3\xa9"}) == "/café".encode()
    # PEP 3333: PATH_INFO holds the decoded bytes as latin-1 text; they are escaped again.
    assert wsgi_target({"PATH_INFO": "/caf\xc3\xa9"}) == b"/caf%C3%A9"


# --------------------------------------------------------------------------- a real server


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` under uvicorn on a free loopback port, stopped afterwards."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, lifespan="on", log_level="warning", http="h11"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()
    for _ in range(500):
        if server.started or not thread.is_alive():
            break
        threading.Event().wait(0.01)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_the_asgi_app_under_uvicorn_accepts_signed_callbacks_and_refuses_the_rest() -> None:
    handler = Recorder(failures=1)
    app = CallbackASGIApp(handler, keys=KEYS)
    with serving(app) as url, httpx.Client(base_url=url, timeout=10) as client:
        report, report_headers = signed("/callbacks?n=1", DR)
        reply, reply_headers = signed("/callbacks?n=1", REPLY)
        mms, mms_headers = signed(
            "/callbacks?n=1", {"reply_id": "m-1", "attachments": [{"content_type": "image/png"}]}
        )
        assert client.post("/callbacks?n=1", content=report, headers=report_headers).status_code == 500
        assert client.post("/callbacks?n=1", content=report, headers=report_headers).status_code == 204
        assert client.post("/callbacks?n=1", content=reply, headers=reply_headers).status_code == 204
        assert client.post("/callbacks?n=1", content=mms, headers=mms_headers).status_code == 204
        assert client.post("/callbacks?n=2", content=reply, headers=reply_headers).status_code == 401
        assert client.post("/callbacks?n=1", content=b"{}", headers=reply_headers).status_code == 401
        assert client.post("/callbacks?n=1", json=REPLY).status_code == 401
        # The path as it went over the wire (raw_path), escapes and all, is what is verified.
        escaped = "/callbacks/caf%C3%A9%20x?q=a%2Fb"
        opt_out, opt_out_headers = signed(escaped, {"notification_id": "n-1", "content": "STOP"})
        assert client.post(escaped, content=opt_out, headers=opt_out_headers).status_code == 204
    assert [type(e) for e in handler.events] == [
        DeliveryReportEvent,
        ReplyEvent,
        ReceivedMmsEvent,
        OptOutEvent,
    ]
    assert [event_id(e) for e in handler.events] == [DR_ID, REPLY["reply_id"], "m-1", "n-1"]
