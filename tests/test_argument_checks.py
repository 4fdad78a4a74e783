"""Arguments that cannot work are refused with a MessageMediaError when given, not at first use."""

from __future__ import annotations

import copy
import datetime as dt
import math
from typing import Any

import pytest

from messagemedia_messages import MessageMedia, MessageMediaError
from messagemedia_messages.callbacks import (
    CallbackASGIApp,
    CallbackWSGIApp,
    event_id,
    parse_event,
    verify_callback,
)
from messagemedia_messages.errors import ConfigurationError, InvalidArgumentError


@pytest.mark.parametrize("max_age", ["abc", "", math.nan, math.inf, 0, -1, True, [5]])
def test_a_max_age_that_cannot_be_a_limit_is_refused(max_age: Any) -> None:
    for receiver in (CallbackWSGIApp, CallbackASGIApp):
        with pytest.raises(ConfigurationError, match="max_age"):
            receiver(lambda event: None, verify=False, max_age=max_age)
    headers = {
        "X-MessageMedia-Signature": "c2ln",
        "X-MessageMedia-Key-Id": "k",
        "X-MessageMedia-Digest-Type": "SHA256",
        "Date": "Wed, 25 Nov 2026 12:01:30 GMT",
    }
    with pytest.raises(ConfigurationError, match="max_age"):
        verify_callback("POST", "/", headers, b"{}", keys={"k": _public_key()}, max_age=max_age)


def test_a_max_age_that_can_be_one_is_taken() -> None:
    for max_age in (300, 2.5, dt.timedelta(minutes=5), None):
        CallbackWSGIApp(lambda event: None, verify=False, max_age=max_age)


def test_what_is_no_callback_body_or_event_is_an_invalid_argument() -> None:
    for call in (lambda: parse_event(3), lambda: event_id(object())):  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError) as caught:
            call()
        assert isinstance(caught.value, MessageMediaError) and isinstance(caught.value, TypeError)


def test_an_algorithm_of_another_type_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="HMAC algorithm"):
        MessageMedia("K", "S", algorithm=[])  # type: ignore[arg-type]


def test_a_deep_copy_of_a_client_shares_its_connections() -> None:
    client = MessageMedia("K", "S", account="Sub01")
    twin = copy.deepcopy(client)
    assert twin.account == "Sub01" and repr(twin) == repr(client)
    assert twin.low_level_client.get_httpx_client() is client.low_level_client.get_httpx_client()


def _public_key() -> Any:
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key()
