"""Replies and delivery reports are POSTed to callback_url, retried when the receiver fails, and
never sent anywhere the sandbox should not call: the internet (by default) or the sandbox itself."""

from __future__ import annotations

import ipaddress
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from sandbox_helpers import Api, CallbackReceiver, running_sandbox, sms, wait_until

from messagemedia_sandbox.callback_targets import (
    Listener,
    TargetPolicy,
    TargetRefusedError,
    TargetUnresolvedError,
)
from messagemedia_sandbox.callbacks import ORIGIN_HEADER, backoff, post_json

pytestmark = pytest.mark.sandbox


def test_reports_and_replies_are_posted(tmp_path: Path) -> None:
    receiver = CallbackReceiver()
    try:
        with running_sandbox(tmp_path, auto_reply="Got it") as sandbox:
            api = Api(sandbox.base_url)
            (sent,) = api.send(sms(delivery_report=True, callback_url=receiver.url, metadata={"k": "v"}))
            wait_until(lambda: len(receiver.received) == 4)
            kinds = [item["kind"] for item in receiver.received]
            assert kinds.count("delivery_report") == 3 and kinds.count("reply") == 1
            reports = [item["body"] for item in receiver.received if item["kind"] == "delivery_report"]
            assert [r["status"] for r in reports] == ["enroute", "submitted", "delivered"]
            assert reports == api.reports()
            (reply,) = [item["body"] for item in receiver.received if item["kind"] == "reply"]
            assert reply == api.replies()[0]
            assert reply["message_id"] == sent["message_id"] and reply["metadata"] == {"k": "v"}
            assert all(item["path"] == "/hook" for item in receiver.received)
            api.close()
    finally:
        receiver.close()


def test_no_callback_without_delivery_report_or_url(tmp_path: Path) -> None:
    receiver = CallbackReceiver()
    try:
        with running_sandbox(tmp_path) as sandbox:
            api = Api(sandbox.base_url)
            (quiet,) = api.send(sms(callback_url=receiver.url))
            api.send(sms(delivery_report=True))
            wait_until(lambda: api.status(quiet["message_id"]) == "delivered")
            api.http.post("/sandbox/replies", json={"message_id": quiet["message_id"], "content": "hi"})
            wait_until(lambda: receiver.received)
            assert [item["kind"] for item in receiver.received] == ["reply"]
            api.close()
    finally:
        receiver.close()


def test_failing_receiver_is_retried_with_backoff(tmp_path: Path) -> None:
    receiver = CallbackReceiver(failures=2)
    try:
        with running_sandbox(tmp_path, speed=20) as sandbox:  # retries after 50 ms, then 100 ms
            api = Api(sandbox.base_url)
            (sent,) = api.send(sms(callback_url=receiver.url))
            api.http.post("/sandbox/replies", json={"message_id": sent["message_id"], "content": "retry me"})
            wait_until(lambda: receiver.received)
            assert receiver.attempts == 3
            (record,) = api.http.get("/sandbox/callbacks").json()["callbacks"]
            assert record["state"] == "delivered" and record["attempts"] == 3
            api.close()
    finally:
        receiver.close()


def test_callbacks_are_given_up_after_max_attempts(tmp_path: Path) -> None:
    receiver = CallbackReceiver(failures=100)
    try:
        with running_sandbox(tmp_path, speed=100, callback_max_attempts=3) as sandbox:
            api = Api(sandbox.base_url)
            (sent,) = api.send(sms(callback_url=receiver.url))
            api.http.post("/sandbox/replies", json={"message_id": sent["message_id"], "content": "never"})

            def given_up() -> bool:
                records = api.http.get("/sandbox/callbacks").json()["callbacks"]
                return bool(records) and records[0]["state"] == "failed"

            wait_until(given_up)
            assert receiver.attempts == 3
            assert api.http.get("/sandbox/callbacks").json()["callbacks"][0]["last_error"] == "HTTP 500"
            api.close()
    finally:
        receiver.close()


def test_callbacks_never_block_requests(tmp_path: Path) -> None:
    # A receiver that is not there at all: connection refused, retried in the background.
    with running_sandbox(tmp_path) as sandbox:
        api = Api(sandbox.base_url)
        (sent,) = api.send(sms(callback_url="http://127.0.0.1:9/unreachable", delivery_report=True))
        wait_until(lambda: api.status(sent["message_id"]) == "delivered")
        assert len(api.reports()) == 3
        api.close()


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(n, 1.0, 5.0) for n in range(1, 6)] == [1.0, 2.0, 4.0, 5.0, 5.0]


# -- where callbacks may go -------------------------------------------------------------------


class Receiver:
    """A loopback endpoint that records each POST (path, headers, body) and answers `status`."""

    def __init__(self, status: int = 200, location: str | None = None) -> None:
        self.requests: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.requests.append(
                    {"path": self.path, "headers": dict(self.headers.items()), "body": body}
                )
                self.send_response(status)
                if location is not None:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        self.port = int(self._server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}/hook"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class Forwarder(Receiver):
    """A loopback proxy: relays each POST, headers and all, to `target` and answers its status."""

    def __init__(self, target: str) -> None:
        super().__init__()
        self._server.RequestHandlerClass = self._handler(target)

    def _handler(self, target: str) -> type[BaseHTTPRequestHandler]:
        forwarder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")
                }
                answer = httpx.post(target, content=body, headers=headers)
                forwarder.requests.append({"status": answer.status_code, "body": answer.json()})
                self.send_response(answer.status_code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


def callback_log(api: Api) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = api.http.get("/sandbox/callbacks").json()["callbacks"]
    return records


def reply_with_callback(api: Api, callback_url: str) -> dict[str, Any]:
    """Sends a message with this callback_url and has the handset reply: one callback is queued."""
    (sent,) = api.send(sms(callback_url=callback_url))
    response = api.http.post("/sandbox/replies", json={"message_id": sent["message_id"], "content": "hi"})
    assert response.status_code == 201, response.text
    return sent


@pytest.mark.parametrize(
    "template",
    [
        "{base}/sandbox/replies",
        "http://localhost:{port}/sandbox/replies",
        "http://[::ffff:127.0.0.1]:{port}/sandbox/replies",
        "http://127.0.0.2:{port}/sandbox/replies",  # another loopback address, the sandbox's port
        "http://0.0.0.0:{port}/sandbox/replies",  # connecting to 0.0.0.0 reaches this machine
    ],
)
def test_a_callback_to_the_sandbox_itself_is_refused_once_and_never_loops(
    tmp_path: Path, template: str
) -> None:
    with running_sandbox(tmp_path, speed=100) as sandbox:
        api = Api(sandbox.base_url)
        port = sandbox.listeners[0].port
        url = template.format(base=sandbox.base_url, port=port)
        reply_with_callback(api, url)
        (record,) = wait_until(lambda: [r for r in callback_log(api) if r["state"] == "failed"])
        assert record["url"] == url and record["attempts"] == 1
        assert record["last_error"].startswith("refused: ")
        time.sleep(0.3)  # 30 lifecycle steps: time enough for any loop or retry to show
        assert len(callback_log(api)) == 1 and callback_log(api)[0]["attempts"] == 1
        assert len(api.replies()) == 1
        api.close()


def test_the_sandbox_refuses_its_own_callback_that_comes_back_through_a_proxy(tmp_path: Path) -> None:
    # A loop the address check cannot see: a private-address proxy that forwards to the sandbox.
    with running_sandbox(tmp_path, speed=100, callback_max_attempts=3) as sandbox:
        proxy = Forwarder(f"{sandbox.base_url}/sandbox/replies")
        try:
            api = Api(sandbox.base_url)
            reply_with_callback(api, proxy.url)
            (record,) = wait_until(lambda: [r for r in callback_log(api) if r["state"] == "failed"])
            assert record["attempts"] == 3 and record["last_error"] == "HTTP 403"
            assert [request["status"] for request in proxy.requests] == [403, 403, 403]
            assert "own callbacks" in proxy.requests[0]["body"]["message"]
            assert len(api.replies()) == 1 and len(callback_log(api)) == 1
            api.close()
        finally:
            proxy.close()


def test_callbacks_carry_the_event_kind_and_the_origin_token(tmp_path: Path) -> None:
    receiver = Receiver()
    try:
        with running_sandbox(tmp_path) as sandbox:
            api = Api(sandbox.base_url)
            reply_with_callback(api, receiver.url)
            (request,) = wait_until(lambda: receiver.requests)
            headers = {name.lower(): value for name, value in request["headers"].items()}
            assert headers["x-messagemedia-sandbox-event"] == "reply"
            assert headers["host"] == f"127.0.0.1:{receiver.port}"
            token = headers[ORIGIN_HEADER.lower()]
            assert len(token) >= 16
            # That token is what makes the sandbox refuse a request: any request, on any path.
            refused = api.http.get("/sandbox/health", headers={ORIGIN_HEADER: token})
            assert refused.status_code == 403
            assert api.http.get("/sandbox/health", headers={ORIGIN_HEADER: "another"}).status_code == 200
            api.close()
    finally:
        receiver.close()


def test_internet_hosts_are_refused_by_default_with_the_flag_named(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, speed=100) as sandbox:
        assert sandbox.callback_policy.allow_external is False
        api = Api(sandbox.base_url)
        reply_with_callback(api, "http://93.184.215.14/hook")
        (record,) = wait_until(lambda: [r for r in callback_log(api) if r["state"] == "failed"])
        assert record["attempts"] == 1
        assert "--allow-external-callbacks" in record["last_error"]
        api.close()


def test_allow_external_callbacks_reaches_the_policy(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, allow_external_callbacks=True) as sandbox:
        policy = sandbox.callback_policy
        assert policy.allow_external is True
        assert policy.check("http://93.184.215.14/hook").addresses == ("93.184.215.14",)
        with pytest.raises(TargetRefusedError, match="sandbox itself"):
            policy.check(f"{sandbox.base_url}/sandbox/replies")


def test_a_redirect_is_not_followed(tmp_path: Path) -> None:
    elsewhere = Receiver()
    redirecting = Receiver(status=307, location=elsewhere.url)
    try:
        with running_sandbox(tmp_path, speed=100, callback_max_attempts=2) as sandbox:
            api = Api(sandbox.base_url)
            reply_with_callback(api, redirecting.url)
            (record,) = wait_until(lambda: [r for r in callback_log(api) if r["state"] == "failed"])
            assert record["last_error"] == "HTTP 307"
            assert len(redirecting.requests) == 2 and elsewhere.requests == []
            api.close()
    finally:
        redirecting.close()
        elsewhere.close()


def counting_resolver(answers: dict[str, list[str]]) -> tuple[list[str], Any]:
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return answers[host]

    return calls, resolve


def test_a_host_name_is_resolved_once_and_the_checked_address_is_called() -> None:
    receiver = Receiver()
    try:
        # `.invalid` never resolves (RFC 2606): the delivery can only work if the connection goes
        # to the address the policy checked, with no second lookup.
        calls, resolve = counting_resolver({"hooks.invalid": ["127.0.0.1"]})
        policy = TargetPolicy(resolver=resolve)
        target = policy.check(f"http://hooks.invalid:{receiver.port}/hook?x=1")
        assert target.addresses == ("127.0.0.1",) and target.request_target == "/hook?x=1"
        assert post_json(target, '{"a": 1}', timeout=5, kind="reply") is None
        assert calls == ["hooks.invalid"]
        (request,) = receiver.requests
        assert request["path"] == "/hook?x=1" and request["body"] == b'{"a": 1}'
        assert request["headers"]["Host"] == f"hooks.invalid:{receiver.port}"
    finally:
        receiver.close()


@pytest.mark.parametrize(
    ("addresses", "allowed"),
    [
        (["127.0.0.1"], True),
        (["10.1.2.3", "192.168.0.9", "172.16.5.5"], True),
        (["fd12:3456::1"], True),  # unique-local IPv6
        (["10.1.2.3", "93.184.215.14"], False),  # every address must pass, not just the first
        (["169.254.169.254"], False),  # link-local: cloud metadata services live here
        (["2606:2800:220:1::1"], False),
        (["0.0.0.0"], False),
        (["224.0.0.1"], False),
    ],
)
def test_resolved_addresses_must_all_be_loopback_or_private(addresses: list[str], allowed: bool) -> None:
    _, resolve = counting_resolver({"hooks.example": addresses})
    policy = TargetPolicy(resolver=resolve)
    if allowed:
        assert policy.check("https://hooks.example/x").addresses == tuple(addresses)
    else:
        with pytest.raises(TargetRefusedError, match=r"^refused: "):
            policy.check("https://hooks.example/x")


def test_the_external_flag_never_allows_the_sandbox_itself_or_non_host_addresses() -> None:
    listeners = (Listener.of("127.0.0.1", 8765),)
    policy = TargetPolicy(allow_external=True, listeners=listeners)
    assert policy.check("http://203.0.113.7:8765/").port == 8765  # not ours: another host's 8765
    for url in (
        "http://127.0.0.1:8765/sandbox/replies",
        "http://localhost:8765/",
        "http://[::1]:8765/",
        "http://0.0.0.0/",
        "http://[::]:80/",
        "http://239.1.1.1/",
    ):
        with pytest.raises(TargetRefusedError):
            policy.check(url)
    assert policy.check("http://127.0.0.1:8766/").addresses == ("127.0.0.1",)


def test_a_wildcard_listener_covers_every_local_address() -> None:
    local = {"10.9.8.7"}
    policy = TargetPolicy(
        listeners=(Listener.of("0.0.0.0", 8765),),
        is_local=lambda address: str(address) in local,
    )
    with pytest.raises(TargetRefusedError, match="sandbox itself"):
        policy.check("http://10.9.8.7:8765/")
    assert policy.check("http://10.9.8.6:8765/").addresses == ("10.9.8.6",)  # another host
    assert policy.check("http://10.9.8.7:8766/").addresses == ("10.9.8.7",)  # another port


def test_is_local_tells_this_machines_addresses_from_others() -> None:
    from messagemedia_sandbox.callback_targets import _is_local

    assert _is_local(ipaddress.ip_address("127.0.0.1"))
    assert not _is_local(ipaddress.ip_address("192.0.2.1"))  # TEST-NET-1, never assigned


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://127.0.0.1/x", "only http and https"),
        ("http:///nohost", "names no host"),
        ("http://127.0.0.1:99999/", "not a usable URL"),
        ("file:///etc/passwd", "only http and https"),
    ],
)
def test_unusable_callback_urls_are_refused(url: str, reason: str) -> None:
    with pytest.raises(TargetRefusedError, match=reason):
        TargetPolicy().check(url)


def test_an_unresolvable_name_is_a_failed_attempt_not_a_refusal(tmp_path: Path) -> None:
    asked: list[str] = []

    def no_such_host(host: str, port: int) -> list[str]:  # what DNS says, without asking it
        asked.append(host)
        raise TargetUnresolvedError(f"cannot resolve {host!r}: [Errno -2] Name or service not known")

    with running_sandbox(
        tmp_path, speed=100, callback_max_attempts=2, callback_resolver=no_such_host
    ) as sandbox:
        api = Api(sandbox.base_url)
        reply_with_callback(api, "http://no-such-host.invalid/hook")
        (record,) = wait_until(lambda: [r for r in callback_log(api) if r["state"] == "failed"], timeout=10)
        assert record["attempts"] == 2  # retried: DNS may answer later
        assert record["last_error"].startswith("cannot resolve 'no-such-host.invalid'")
        assert asked == ["no-such-host.invalid"] * 2
        api.close()


def test_special_purpose_ranges_are_not_taken_for_private_networks() -> None:
    # Python's `is_private` counts these; none is a host on a network of one's own, so they are
    # external, like any public address. IP literals are judged without any connection.
    policy = TargetPolicy()
    for url in ("http://192.0.2.10/", "http://198.51.100.1/", "http://203.0.113.7/", "http://198.18.0.1/",
                "http://100.64.0.1/", "http://240.0.0.1/", "http://[2001:db8::1]/"):  # fmt: skip
        with pytest.raises(TargetRefusedError, match="neither a loopback nor a private address"):
            policy.check(url)
    for url in ("http://10.1.2.3/", "http://172.31.0.1/", "http://192.168.1.1/", "http://[fd00::1]/"):
        assert policy.check(url).addresses
