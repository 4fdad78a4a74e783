"""Every status code openapi.yaml declares for the webhook, signature key and number authorisation
operations, produced by the sandbox and checked against the spec's schema for it (raw HTTP, so
that requests the client would refuse before sending reach the sandbox)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sandbox_helpers import DEST, Api, running_sandbox

from messagemedia_sandbox.validation import load_spec

pytestmark = pytest.mark.sandbox
TAGS = {"webhooks", "signature_keys", "number_authorisation"}
# A key ID that is not a UUID is answered 404 (as a message ID is), so get_signature_key's
# declared 400 has no request that produces it.
NOT_PRODUCED = {("get_signature_key", 400)}
HOOKS = "/v1/webhooks/messages"
KEYS = "/v1/iam/signature_keys"
LIST = "/v1/number_authorisation/mt/blacklist"


def _declared() -> set[tuple[str, int]]:
    declared = set()
    for item in load_spec()["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and TAGS & set(operation.get("tags", [])):
                for status in operation["responses"]:
                    if str(status).isdigit():
                        declared.add((str(operation["operationId"]), int(status)))
    return declared


class Recorder:
    def __init__(self, api: Api, wrong: Api) -> None:
        self.api, self.wrong = api, wrong
        self.seen: set[tuple[str, int]] = set()

    def expect(
        self,
        operation: str,
        status: int,
        method: str,
        path: str,
        body: object = None,
        *,
        bad_auth: bool = False,
    ) -> dict[str, object]:
        client = self.wrong if bad_auth else self.api
        response = client.request(method, path, body)  # checks the answer against the spec
        assert response.status_code == status, f"{operation}: {response.status_code} {response.text}"
        self.seen.add((operation, status))
        json_body = (
            response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
        )
        return json_body if isinstance(json_body, dict) else {}


def test_every_declared_status_is_produced_and_conforms(tmp_path: Path) -> None:
    with running_sandbox(tmp_path) as sandbox:
        api = Api(sandbox.base_url)
        wrong = Api(sandbox.base_url, secret="wrong")
        r = Recorder(api, wrong)
        hook = {"url": "http://127.0.0.1:9/s", "method": "POST", "encoding": "JSON", "events": ["FAILED_DR"]}
        created = r.expect("create_webhook", 201, "POST", HOOKS, hook)
        r.expect("create_webhook", 400, "POST", HOOKS, {**hook, "events": []})
        r.expect("create_webhook", 409, "POST", HOOKS, hook)
        r.expect("list_webhooks", 200, "GET", f"{HOOKS}?page=0&page_size=10")
        r.expect("list_webhooks", 400, "GET", f"{HOOKS}?page_size=0")
        other = r.expect("create_webhook", 201, "POST", HOOKS, {**hook, "method": "PUT"})
        r.expect("update_webhook", 200, "PATCH", f"{HOOKS}/{created['id']}", {"events": ["RECEIVED_SMS"]})
        r.expect("update_webhook", 400, "PATCH", f"{HOOKS}/{created['id']}", {})
        r.expect("update_webhook", 404, "PATCH", f"{HOOKS}/{uuid.uuid4()}", {"events": ["RECEIVED_SMS"]})
        r.expect("update_webhook", 409, "PATCH", f"{HOOKS}/{other['id']}", {"method": "POST"})
        r.expect("delete_webhook", 204, "DELETE", f"{HOOKS}/{other['id']}")
        r.expect("delete_webhook", 404, "DELETE", f"{HOOKS}/{other['id']}")

        key = r.expect("create_signature_key", 201, "POST", KEYS, {"digest": "SHA512", "cipher": "RSA"})
        r.expect("create_signature_key", 400, "POST", KEYS, {"digest": "SHA1", "cipher": "RSA"})
        r.expect("list_signature_keys", 200, "GET", f"{KEYS}?page=1&page_size=10")
        r.expect("list_signature_keys", 400, "GET", f"{KEYS}?page=0&page_size=10")
        r.expect("get_enabled_signature_key", 404, "GET", f"{KEYS}/enabled")
        r.expect("enable_signature_key", 200, "PATCH", f"{KEYS}/enabled", {"key_id": key["key_id"]})
        r.expect("enable_signature_key", 400, "PATCH", f"{KEYS}/enabled", {"key": key["key_id"]})
        r.expect("enable_signature_key", 404, "PATCH", f"{KEYS}/enabled", {"key_id": str(uuid.uuid4())})
        r.expect("get_enabled_signature_key", 200, "GET", f"{KEYS}/enabled")
        r.expect("get_signature_key", 200, "GET", f"{KEYS}/{key['key_id']}")
        r.expect("get_signature_key", 404, "GET", f"{KEYS}/{uuid.uuid4()}")
        r.expect("disable_signature_key", 204, "DELETE", f"{KEYS}/enabled")
        r.expect("delete_signature_key", 200, "DELETE", f"{KEYS}/{key['key_id']}")
        r.expect("delete_signature_key", 404, "DELETE", f"{KEYS}/{key['key_id']}")

        r.expect("add_to_blacklist", 201, "POST", LIST, {"numbers": [DEST]})
        r.expect("add_to_blacklist", 200, "POST", LIST, {"numbers": [DEST]})
        r.expect("add_to_blacklist", 400, "POST", LIST, {"numbers": ["x"]})
        r.expect("list_blacklist", 200, "GET", LIST)
        r.expect("check_numbers_authorised", 200, "GET", f"/v1/number_authorisation/is_authorised/{DEST}")
        r.expect("check_numbers_authorised", 400, "GET", "/v1/number_authorisation/is_authorised/x")
        r.expect("remove_from_blacklist", 200, "DELETE", f"{LIST}/{DEST}")
        r.expect("remove_from_blacklist", 404, "DELETE", f"{LIST}/{DEST}")

        for operation, method, path, body in [
            ("create_webhook", "POST", HOOKS, hook),
            ("list_webhooks", "GET", HOOKS, None),
            ("update_webhook", "PATCH", f"{HOOKS}/{created['id']}", {"events": ["RECEIVED_SMS"]}),
            ("delete_webhook", "DELETE", f"{HOOKS}/{created['id']}", None),
            ("create_signature_key", "POST", KEYS, {"digest": "SHA256", "cipher": "RSA"}),
            ("list_signature_keys", "GET", f"{KEYS}?page=1&page_size=1", None),
            ("get_enabled_signature_key", "GET", f"{KEYS}/enabled", None),
            ("enable_signature_key", "PATCH", f"{KEYS}/enabled", {"key_id": str(uuid.uuid4())}),
            ("disable_signature_key", "DELETE", f"{KEYS}/enabled", None),
            ("get_signature_key", "GET", f"{KEYS}/{uuid.uuid4()}", None),
            ("delete_signature_key", "DELETE", f"{KEYS}/{uuid.uuid4()}", None),
            ("check_numbers_authorised", "GET", f"/v1/number_authorisation/is_authorised/{DEST}", None),
            ("list_blacklist", "GET", LIST, None),
            ("add_to_blacklist", "POST", LIST, {"numbers": [DEST]}),
            ("remove_from_blacklist", "DELETE", f"{LIST}/{DEST}", None),
        ]:
            r.expect(operation, 401, method, path, body, bad_auth=True)
        api.close()
        wrong.close()

    (tmp_path / "off").mkdir()
    with running_sandbox(tmp_path / "off", secure_callbacks=False) as sandbox:
        api = Api(sandbox.base_url)
        off = Recorder(api, api)
        for operation, method, path, body in [
            ("create_signature_key", "POST", KEYS, {"digest": "SHA256", "cipher": "RSA"}),
            ("list_signature_keys", "GET", f"{KEYS}?page=1&page_size=1", None),
            ("get_enabled_signature_key", "GET", f"{KEYS}/enabled", None),
            ("enable_signature_key", "PATCH", f"{KEYS}/enabled", {"key_id": str(uuid.uuid4())}),
            ("disable_signature_key", "DELETE", f"{KEYS}/enabled", None),
            ("get_signature_key", "GET", f"{KEYS}/{uuid.uuid4()}", None),
            ("delete_signature_key", "DELETE", f"{KEYS}/{uuid.uuid4()}", None),
        ]:
            off.expect(operation, 403, method, path, body)
        api.close()

    missing = _declared() - NOT_PRODUCED - r.seen - off.seen
    assert not missing, sorted(missing)


def test_the_router_serves_exactly_the_operations_of_the_spec(tmp_path: Path) -> None:
    from messagemedia_sandbox.config import SandboxConfig
    from messagemedia_sandbox.routes import Api as Router
    from messagemedia_sandbox.store import Store

    store = Store(tmp_path / "routes.sqlite3", 10)
    router = Router(SandboxConfig(data=tmp_path / "routes.sqlite3"), store, lambda: None)
    served = {(route.template, method) for route in router._routes for method in route.handlers}
    specified = {
        (path, method.upper())
        for path, item in load_spec()["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }
    assert served == specified
    store.close()
