"""create_client: credentials from arguments or the environment, and the settings it passes on."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from hmac_auth import BasicAuth, HmacAuth, MissingCredentialsError
from messagemedia_messages import create_client
from messagemedia_messages import AuthenticatedClient, Client
from messagemedia_runtime.retry import RetryPolicy
from messagemedia_runtime.timeouts import DEFAULT_TIMEOUT

ENV = ("MESSAGEMEDIA_API_KEY", "MESSAGEMEDIA_API_SECRET", "MESSAGEMEDIA_BASE_URL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def _auth(client: Client) -> httpx.Auth:
    auth = client.get_httpx_client()._auth
    assert isinstance(auth, httpx.Auth)
    return auth


def test_defaults() -> None:
    client = create_client("KEY", "SECRET")
    assert isinstance(client, AuthenticatedClient)
    assert client.base_url == "https://api.messagemedia.com"
    auth = _auth(client)
    assert isinstance(auth, HmacAuth)
    assert auth.algorithm == "hmac-sha1"
    httpx_client = client.get_httpx_client()
    assert httpx_client.timeout == DEFAULT_TIMEOUT
    assert "Account" not in httpx_client.headers
    assert client.retry == RetryPolicy()


def test_basic_and_sha256() -> None:
    assert isinstance(_auth(create_client("KEY", "SECRET", hmac=False)), BasicAuth)
    auth = _auth(create_client("KEY", "SECRET", algorithm="hmac-sha256"))
    assert isinstance(auth, HmacAuth)
    assert auth.algorithm == "hmac-sha256"


def test_unknown_algorithm_is_refused_even_for_basic() -> None:
    for use_hmac in (True, False):
        with pytest.raises(ValueError, match="'hmac-sha1', 'hmac-sha256'"):
            create_client("KEY", "SECRET", hmac=use_hmac, algorithm="sha1")


def test_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESSAGEMEDIA_API_KEY", "ENV_KEY")
    monkeypatch.setenv("MESSAGEMEDIA_API_SECRET", "ENV_SECRET")
    auth = _auth(create_client())
    assert isinstance(auth, HmacAuth)
    assert auth.api_key == "ENV_KEY"
    explicit = _auth(create_client("ARG_KEY", "ARG_SECRET", hmac=False))
    assert isinstance(explicit, BasicAuth)
    assert explicit.api_key == "ARG_KEY"


@pytest.mark.parametrize(
    ("key", "secret", "env", "missing"),
    [
        (None, None, {}, ("api_key", "api_secret")),
        ("KEY", None, {}, ("api_secret",)),
        (None, "SECRET", {}, ("api_key",)),
        ("", "", {"MESSAGEMEDIA_API_KEY": "", "MESSAGEMEDIA_API_SECRET": ""}, ("api_key", "api_secret")),
        (None, None, {"MESSAGEMEDIA_API_KEY": "K"}, ("api_secret",)),
    ],
)
def test_missing_credentials(
    monkeypatch: pytest.MonkeyPatch,
    key: str | None,
    secret: str | None,
    env: dict[str, str],
    missing: tuple[str, ...],
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(MissingCredentialsError) as info:
        create_client(key, secret)
    assert isinstance(info.value, ValueError)
    assert info.value.missing == missing
    message = str(info.value)
    for name in missing:
        assert name in message
        assert f"MESSAGEMEDIA_{name.upper()}" in message
    assert "SECRET" not in message.replace("MESSAGEMEDIA_API_SECRET", "")


def test_base_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    assert create_client("K", "S").base_url == "https://api.messagemedia.com"
    monkeypatch.setenv("MESSAGEMEDIA_BASE_URL", "https://eu.app.api.sinch.com")
    assert create_client("K", "S").base_url == "https://eu.app.api.sinch.com"
    assert create_client("K", "S", base_url="http://127.0.0.1:9").base_url == "http://127.0.0.1:9"


def test_account_header_timeout_and_retry() -> None:
    policy = RetryPolicy(max_retries=0)
    client = create_client(
        "K", "S", account="SubAccount01", timeout=2.5, retry=policy, headers={"X-Trace": "1"}
    )
    httpx_client = client.get_httpx_client()
    assert httpx_client.headers["Account"] == "SubAccount01"
    assert httpx_client.headers["X-Trace"] == "1"
    assert httpx_client.timeout == httpx.Timeout(2.5)
    assert client.retry is policy
    custom = httpx.Timeout(1.0, connect=0.5)
    assert create_client("K", "S", timeout=custom).get_httpx_client().timeout == custom
    with pytest.raises(ValueError, match="account"):
        create_client("K", "S", account="")


def test_httpx_args_pass_through_and_reserved_ones_are_refused() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    client = create_client("K", "S", transport=transport)
    assert client.get_httpx_client()._transport is transport
    # The other names the generated Client hands to httpx are create_client's own parameters.
    for name in ("auth", "verify"):
        extra: dict[str, Any] = {name: object()}
        with pytest.raises(TypeError, match=name):
            create_client("K", "S", **extra)


def test_each_client_has_its_own_auth() -> None:
    first = _auth(create_client("K1", "S1"))
    second = _auth(create_client("K2", "S2", algorithm="hmac-sha256"))
    assert first is not second
    assert isinstance(first, HmacAuth)
    assert isinstance(second, HmacAuth)
    assert (first.api_key, second.api_key) == ("K1", "K2")
