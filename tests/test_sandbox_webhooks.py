"""The Webhooks Management API of the sandbox, through the generated client (and raw HTTP where
the client's own checks would stop a request before it left): state, 409s, update rules, paging."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sandbox_helpers import Api, running_sandbox

from messagemedia_messages import MessageMedia
from messagemedia_messages.errors import ConflictError, NotFoundError
from messagemedia_sandbox import DEFAULT_KEY, DEFAULT_SECRET, SandboxServer

pytestmark = pytest.mark.sandbox
HOOKS = "/v1/webhooks/messages"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with running_sandbox(tmp_path) as server:
        yield server


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[MessageMedia]:
    with MessageMedia(DEFAULT_KEY, DEFAULT_SECRET, base_url=sandbox.base_url) as made:
        yield made


@pytest.fixture
def api(sandbox: SandboxServer) -> Iterator[Api]:
    raw = Api(sandbox.base_url)
    yield raw
    raw.close()


def test_create_answers_what_was_registered(client: MessageMedia) -> None:
    created = client.webhooks.create(
        url="http://127.0.0.1:9/events",
        method="POST",
        encoding="JSON",
        events=["RECEIVED_SMS", "DELIVERED_DR"],
        headers={"X-Tenant": "42"},
        template='{"id":"$moId"}',
        read_timeout=5000,
        retries=3,
        retry_delay=30,
    )
    assert isinstance(created.id, uuid.UUID)
    assert created.to_dict() == {
        "id": str(created.id),
        "url": "http://127.0.0.1:9/events",
        "method": "POST",
        "encoding": "JSON",
        "headers": {"X-Tenant": "42"},
        "events": ["RECEIVED_SMS", "DELIVERED_DR"],
        "template": '{"id":"$moId"}',
        "read_timeout": 5000,
        "retries": 3,
        "retry_delay": 30,
    }
    (listed,) = list(client.webhooks.list())
    assert listed.to_dict() == created.to_dict()


def test_optional_fields_appear_only_when_set(api: Api) -> None:
    body = {
        "url": "http://127.0.0.1:9/a",
        "method": "GET",
        "encoding": "FORM_ENCODED",
        "events": ["OPT_OUT_SMS"],
    }
    created = api.post(HOOKS, body).json()
    assert created == {**body, "id": created["id"], "headers": {}, "retries": 0}
    # retry_delay only means something with retries, and is shown only then.
    quiet = api.post(HOOKS, {**body, "url": "http://127.0.0.1:9/b", "retry_delay": 10}).json()
    assert "retry_delay" not in quiet and quiet["retries"] == 0


def test_same_url_and_method_is_a_conflict_but_another_method_is_not(client: MessageMedia) -> None:
    client.webhooks.create(
        url="http://127.0.0.1:9/x", method="POST", encoding="JSON", events=["RECEIVED_SMS"]
    )
    with pytest.raises(ConflictError) as conflict:
        client.webhooks.create(
            url="http://127.0.0.1:9/x", method="POST", encoding="XML", events=["FAILED_DR"]
        )
    assert conflict.value.status_code == 409
    other = client.webhooks.create(
        url="http://127.0.0.1:9/x", method="PUT", encoding="JSON", events=["FAILED_DR"]
    )
    assert len(list(client.webhooks.list())) == 2
    # Moving one onto the url and method of another is a conflict too.
    with pytest.raises(ConflictError) as moved:
        client.webhooks.update(other.id, method="POST")
    assert moved.value.status_code == 409
    assert client.webhooks.update(other.id, method="PATCH").method == "PATCH"


def test_update_changes_only_what_it_names(client: MessageMedia) -> None:
    created = client.webhooks.create(
        url="http://127.0.0.1:9/u",
        method="POST",
        encoding="JSON",
        events=["RECEIVED_SMS"],
        retries=2,
        retry_delay=5,
    )
    updated = client.webhooks.update(created.id, events=["RECEIVED_SMS", "OPT_OUT_SMS"], headers={"A": "b"})
    assert updated.to_dict() == {
        **created.to_dict(),
        "events": ["RECEIVED_SMS", "OPT_OUT_SMS"],
        "headers": {"A": "b"},
    }
    (listed,) = client.webhooks.list()
    assert listed.to_dict() == updated.to_dict()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"url": None},
        {"events": []},
        {"events": None},
        {"retries": 1},
        {"read_timeout": 100},
        {"retry_delay": 10},
        {"headers": {"Content-Type": "text/plain"}},
        {"url": "ftp://127.0.0.1/x"},
        {"encoding": "YAML"},
    ],
)
def test_update_rules(api: Api, body: dict[str, object]) -> None:
    created = api.post(
        HOOKS, {"url": "http://127.0.0.1:9/r", "method": "POST", "encoding": "JSON", "events": ["FAILED_DR"]}
    )
    response = api.request("PATCH", f"{HOOKS}/{created.json()['id']}", body)
    assert response.status_code == 400, response.text
    assert response.json()["details"]
    assert api.get(HOOKS).json()["pageData"] == [created.json()]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"url": "not a url"}, "url"),
        ({"url": "http://127.0.0.1/" + "x" * 1000}, "url"),
        ({"method": None}, "method"),
        ({"encoding": None}, "encoding"),
        ({"events": None}, "events"),
        ({"events": []}, "events"),
        ({"events": ["SOMETHING"]}, "events[0]"),
        ({"headers": {"content-type": "application/xml"}}, "headers"),
        ({"headers": {"X": "v" * 1001}}, "headers.X"),
        ({"read_timeout": 0}, "read_timeout"),
        ({"read_timeout": 60001}, "read_timeout"),
        ({"retries": 6}, "retries"),
        ({"retry_delay": 4}, "retry_delay"),
        ({"retry_delay": 61}, "retry_delay"),
        ({"surprise": 1}, "body"),
    ],
)
def test_create_rules(api: Api, change: dict[str, object], named: str) -> None:
    body = {
        "url": "http://127.0.0.1:9/c",
        "method": "POST",
        "encoding": "JSON",
        "events": ["FAILED_DR"],
        **change,
    }
    response = api.post(HOOKS, body)
    assert response.status_code == 400, response.text
    assert any(line.startswith(f"{named}:") for line in response.json()["details"]), response.json()
    assert api.get(HOOKS).json()["pageData"] == []


def test_unknown_or_malformed_ids_are_404(client: MessageMedia, api: Api) -> None:
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError):
        client.webhooks.update(missing, events=["FAILED_DR"])
    with pytest.raises(NotFoundError):
        client.webhooks.delete(missing)
    assert api.request("DELETE", f"{HOOKS}/not-a-uuid").status_code == 404
    assert api.request("PATCH", f"{HOOKS}/not-a-uuid", {"events": ["FAILED_DR"]}).status_code == 404


def test_delete_is_204_then_404(client: MessageMedia, api: Api) -> None:
    created = client.webhooks.create(
        url="http://127.0.0.1:9/d", method="POST", encoding="JSON", events=["FAILED_DR"]
    )
    response = api.request("DELETE", f"{HOOKS}/{created.id}")
    assert response.status_code == 204 and response.content == b""
    with pytest.raises(NotFoundError):
        client.webhooks.delete(created.id)
    assert list(client.webhooks.list()) == []


def test_webhooks_belong_to_their_account(sandbox: SandboxServer, client: MessageMedia) -> None:
    client.webhooks.create(
        url="http://127.0.0.1:9/mine", method="POST", encoding="JSON", events=["FAILED_DR"]
    )
    sub = client.with_options(account="SubAccount01")
    assert list(sub.webhooks.list()) == []
    theirs = sub.webhooks.create(
        url="http://127.0.0.1:9/mine", method="POST", encoding="JSON", events=["FAILED_DR"]
    )
    with pytest.raises(NotFoundError):
        client.webhooks.delete(theirs.id)
    assert len(list(client.webhooks.list())) == 1


def _register(client: MessageMedia, count: int) -> set[str]:
    return {
        str(
            client.webhooks.create(
                url=f"http://127.0.0.1:9/hook/{n}", method="POST", encoding="JSON", events=["RECEIVED_SMS"]
            ).id
        )
        for n in range(count)
    }


@pytest.mark.parametrize("page_size", [40, None])
def test_250_webhooks_page_themselves_each_exactly_once(client: MessageMedia, page_size: int | None) -> None:
    registered = _register(client, 250)
    pager = client.webhooks.list() if page_size is None else client.webhooks.list(page_size=page_size)
    seen = [str(webhook.id) for webhook in pager]
    assert len(seen) == 250 and set(seen) == registered
    pages = list(pager.iter_pages())
    expected_sizes = [40] * 6 + [10] if page_size == 40 else [100, 100, 50]
    assert [len(page.items) for page in pages] == expected_sizes
    assert [page.response.page for page in pages] == list(range(len(expected_sizes)))


def test_paging_parameters(client: MessageMedia, api: Api) -> None:
    _register(client, 5)
    page = api.get(f"{HOOKS}?page=1&page_size=2").json()
    assert (page["page"], page["pageSize"], len(page["pageData"])) == (1, 2, 2)
    assert (
        api.get(f"{HOOKS}?page=99999999999999999999&page_size=99999999999999999999").json()["pageData"] == []
    )
    for query in ("page=-1", "page_size=0", "page=one", "page_size=1.5", "page="):
        response = api.get(f"{HOOKS}?{query}")
        assert response.status_code == 400, query
        assert response.json()["details"][0].startswith(query.split("=")[0] + ":")


def test_401_has_no_body_on_the_webhooks_api(sandbox: SandboxServer) -> None:
    raw = Api(sandbox.base_url, scheme="basic")
    raw.http.headers["Authorization"] = "Basic d3Jvbmc6d3Jvbmc="
    response = raw.http.get(HOOKS)
    assert response.status_code == 401 and response.content == b""
    raw.close()


def test_a_refused_header_value_is_not_quoted_back(api: Api) -> None:
    token = "Bearer \x7fTOKEN-8c1e"
    body = {
        "url": "https://hooks.example.com/mm",
        "method": "POST",
        "encoding": "JSON",
        "events": ["RECEIVED_SMS"],
        "headers": {"Authorization": token},
    }
    response = api.post("/v1/webhooks/messages", body)
    assert response.status_code == 400
    assert "TOKEN-8c1e" not in response.text and "headers.Authorization" in response.text
