"""create_client and MessageMedia: credentials, region, base URL, account, timeouts, retries, deadline.

Every setting is checked when the client is built; every refusal is a MessageMediaError (also a
ValueError or TypeError, as Python code expects), names what is wrong, and never shows a secret.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from hmac_auth import BasicAuth, HmacAuth, InvalidCredentialsError, MissingCredentialsError
from messagemedia_messages import REGIONS, AsyncMessageMedia, Client, MessageMedia, create_client
from messagemedia_runtime.errors import ConfigurationError, MessageMediaError
from messagemedia_runtime.retry import RetryPolicy
from messagemedia_runtime.timeouts import DEFAULT_TIMEOUT

ENV = ("MESSAGEMEDIA_API_KEY", "MESSAGEMEDIA_API_SECRET", "MESSAGEMEDIA_BASE_URL", "MESSAGEMEDIA_REGION")
CANARY = "s3cr3t-CANARY-9f7"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def _auth(client: Client) -> httpx.Auth:
    assert client.auth is not None
    return client.auth


def test_defaults() -> None:
    client = create_client("KEY", "SECRET")
    assert client.base_url == "https://api.messagemedia.com"
    auth = _auth(client)
    assert isinstance(auth, HmacAuth) and auth.algorithm == "hmac-sha1"
    assert client.timeout == DEFAULT_TIMEOUT and client.get_httpx_client().timeout == DEFAULT_TIMEOUT
    assert client.account is None and client.deadline is None
    assert client.retry == RetryPolicy()
    assert client.get_httpx_client().headers["User-Agent"].startswith("messagemedia-messages/")


def test_basic_and_sha256() -> None:
    assert isinstance(_auth(create_client("KEY", "SECRET", hmac=False)), BasicAuth)
    auth = _auth(create_client("KEY", "SECRET", algorithm="hmac-sha256"))
    assert isinstance(auth, HmacAuth) and auth.algorithm == "hmac-sha256"


def test_unknown_algorithm_is_refused_even_for_basic() -> None:
    for use_hmac in (True, False):
        with pytest.raises(ConfigurationError, match="'hmac-sha1', 'hmac-sha256'") as info:
            MessageMedia("KEY", "SECRET", hmac=use_hmac, algorithm="sha1")
        assert isinstance(info.value, ValueError)


def test_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESSAGEMEDIA_API_KEY", "ENV_KEY")
    monkeypatch.setenv("MESSAGEMEDIA_API_SECRET", "ENV_SECRET")
    auth = _auth(create_client())
    assert isinstance(auth, HmacAuth) and auth.api_key == "ENV_KEY"
    explicit = _auth(MessageMedia("ARG_KEY", "ARG_SECRET", hmac=False).low_level_client)
    assert isinstance(explicit, BasicAuth) and explicit.api_key == "ARG_KEY"


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
    for build in (create_client, MessageMedia, AsyncMessageMedia):
        with pytest.raises(MissingCredentialsError) as info:
            build(key, secret)
        assert isinstance(info.value, MessageMediaError) and isinstance(info.value, ValueError)
        assert info.value.missing == missing
        message = str(info.value)
        for name in missing:
            assert name in message and f"MESSAGEMEDIA_{name.upper()}" in message


@pytest.mark.parametrize(
    ("key", "secret", "field", "problem"),
    [
        ("ключ", CANARY, "api_key", "non-ASCII character at position 1"),
        ("KEY", CANARY + "\u00a0", "api_secret", "white space"),
        ("KEY", CANARY + "é", "api_secret", "non-ASCII character at position 18"),
        ("KEY\n", CANARY, "api_key", "white space"),
        ("K\x00EY", CANARY, "api_key", "control character at position 2"),
        ('KE"Y', CANARY, "api_key", "must not contain"),
        ("KEY", "", "api_secret", None),
        (b"KEY", CANARY, "api_key", "must be a str"),
    ],
)
def test_credentials_that_cannot_go_in_a_header_fail_at_construction(
    key: Any, secret: str, field: str, problem: str | None
) -> None:
    if problem is None:  # an empty secret counts as a missing one
        with pytest.raises(MissingCredentialsError):
            MessageMedia(key, secret)
        return
    with pytest.raises(InvalidCredentialsError) as info:
        MessageMedia(key, secret)
    error = info.value
    assert isinstance(error, MessageMediaError) and error.field == field
    assert str(error).startswith(field) and problem in str(error)
    assert CANARY not in str(error) and "ключ" not in str(error) and "KEY" not in str(error)


def test_regions_come_from_the_spec_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    assert REGIONS == {"au": "https://au.app.api.sinch.com", "eu": "https://eu.app.api.sinch.com"}
    assert MessageMedia("K", "S", region="eu").base_url == "https://eu.app.api.sinch.com"
    assert MessageMedia("K", "S", region="AU").base_url == "https://au.app.api.sinch.com"
    monkeypatch.setenv("MESSAGEMEDIA_REGION", "eu")
    assert MessageMedia("K", "S").base_url == "https://eu.app.api.sinch.com"
    assert MessageMedia("K", "S", region="au").base_url == "https://au.app.api.sinch.com"
    with pytest.raises(ConfigurationError, match="unknown region 'us'; use one of 'au', 'eu'"):
        MessageMedia("K", "S", region="us")
    with pytest.raises(ConfigurationError, match="either base_url or region"):
        MessageMedia("K", "S", region="eu", base_url="https://example.com")


def test_base_url_precedence_and_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    assert create_client("K", "S").base_url == "https://api.messagemedia.com"
    monkeypatch.setenv("MESSAGEMEDIA_REGION", "au")
    monkeypatch.setenv("MESSAGEMEDIA_BASE_URL", "https://eu.app.api.sinch.com")
    assert create_client("K", "S").base_url == "https://eu.app.api.sinch.com"  # the URL wins over the region
    assert create_client("K", "S", base_url="http://127.0.0.1:9").base_url == "http://127.0.0.1:9"
    # The API's documentation writes base URLs with /v1; every path already starts with it.
    assert create_client("K", "S", base_url="https://api.messagemedia.com/v1/").base_url == (
        "https://api.messagemedia.com"
    )
    assert create_client("K", "S", base_url="https://proxy.example.com/mm/v1").base_url == (
        "https://proxy.example.com/mm"
    )
    for bad in ("api.messagemedia.com", "ftp://api.messagemedia.com", "https://x.com/?a=1", "http://"):
        with pytest.raises(ConfigurationError, match="base_url"):
            create_client("K", "S", base_url=bad)
    with pytest.raises(ConfigurationError, match="user name or password") as caught:
        create_client("K", "S", base_url="https://user:Pa55word@proxy.example.com")
    assert "Pa55word" not in str(caught.value)


def test_account_timeout_retry_and_deadline() -> None:
    policy = RetryPolicy(max_retries=0)
    client = create_client(
        "K", "S", account="SubAccount01", timeout=2.5, retry=policy, deadline=7, headers={"X-Trace": "1"}
    )
    assert client.account == "SubAccount01" and client.deadline == 7.0
    httpx_client = client.get_httpx_client()
    assert httpx_client.headers["X-Trace"] == "1"
    assert "Account" not in httpx_client.headers  # sent per request, so clones can act for others
    assert httpx_client.timeout == httpx.Timeout(2.5)
    assert client.retry is policy
    custom = httpx.Timeout(1.0, connect=0.5)
    assert create_client("K", "S", timeout=custom).get_httpx_client().timeout == custom
    for bad_account in ("", " Sub", "x" * 101, "Süb"):
        with pytest.raises(ConfigurationError, match="account"):
            MessageMedia("K", "S", account=bad_account)
    for bad_timeout in (0, -1, "3"):
        with pytest.raises(ConfigurationError, match="timeout"):
            MessageMedia("K", "S", timeout=bad_timeout)  # type: ignore[arg-type]
    for bad_deadline in (0, -2.0, float("inf"), True):
        with pytest.raises(ConfigurationError, match="deadline"):
            MessageMedia("K", "S", deadline=bad_deadline)
    with pytest.raises(ConfigurationError, match="RetryPolicy"):
        MessageMedia("K", "S", retry=3)  # type: ignore[arg-type]


def test_httpx_args_pass_through_and_reserved_ones_are_refused() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    client = create_client("K", "S", transport=transport)
    assert client.get_httpx_client()._transport is transport
    for name in ("auth", "verify"):
        extra: dict[str, Any] = {name: object()}
        with pytest.raises(ConfigurationError, match=name):
            create_client("K", "S", **extra)


def test_http_client_must_match_the_client_kind() -> None:
    with pytest.raises(ConfigurationError, match=r"httpx\.Client"):
        MessageMedia("K", "S", http_client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match=r"httpx\.AsyncClient"):
        AsyncMessageMedia("K", "S", http_client=httpx.Client())  # type: ignore[arg-type]


def test_each_client_has_its_own_auth() -> None:
    first = _auth(create_client("K1", "S1"))
    second = _auth(create_client("K2", "S2", algorithm="hmac-sha256"))
    assert first is not second
    assert isinstance(first, HmacAuth) and isinstance(second, HmacAuth)
    assert (first.api_key, second.api_key) == ("K1", "K2")


def test_repr_shows_where_and_who_but_no_secret() -> None:
    client = MessageMedia("KEY", CANARY, account="Sub1", region="eu")
    text = repr(client)
    assert "https://eu.app.api.sinch.com" in text and "Sub1" in text and "KEY" in text
    assert CANARY not in text and CANARY not in repr(client.low_level_client)


def test_everything_raised_on_purpose_is_a_messagemedia_error() -> None:
    import pickle

    from hmac_auth import format_imf_fixdate
    from messagemedia_messages.api.messages import MessagesResource

    refusals: list[Any] = [
        lambda: RetryPolicy(max_retries=-1),
        lambda: RetryPolicy(jitter=2),
        lambda: pickle.dumps(HmacAuth("KEY", CANARY)),
        lambda: format_imf_fixdate(__import__("datetime").datetime(2026, 1, 1)),
        lambda: MessagesResource(create_client("K", "S")).send_many([], batch_size=0),
        lambda: MessageMedia("K", "S", algorithm="md5"),
        lambda: MessageMedia("K", "S", region="mars"),
        lambda: MessageMedia("K", "S").with_options(deadline=-1),
    ]
    for refuse in refusals:
        with pytest.raises(MessageMediaError) as caught:
            refuse()
        assert CANARY not in str(caught.value)
