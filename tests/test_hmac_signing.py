"""The signature scheme as pure functions: the official vectors, byte for byte, and its edges."""

from __future__ import annotations

import base64
import email.utils
import hashlib
import hmac
import locale
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from hmac_auth import ALGORITHMS, content_md5, format_imf_fixdate, signing_headers, signing_string, utc_now

KEY = "API_KEY"
SECRET = "API_SECRET"
DATE = "Wed, 25 Nov 2026 12:00:00 GMT"
MESSAGE_PATH = "/v1/messages/877c19ef-fa2e-4cec-827a-e1df9b5509f7"
SEND_BODY = b'{"messages":[{"content":"My first message","destination_number":"+61491570156"}]}'
CANCEL_BODY = b'{"status":"cancelled"}'


def _headers(method: str, target: str, body: bytes = b"", algorithm: str = "hmac-sha1") -> dict[str, str]:
    return signing_headers(
        method, target, body, date=DATE, api_key=KEY, api_secret=SECRET, algorithm=algorithm
    )


def _signature(headers: dict[str, str]) -> str:
    return headers["Authorization"].rsplit('signature="', 1)[1].rstrip('"')


@pytest.mark.parametrize(
    ("method", "target", "body", "md5", "signature"),
    [
        (
            "POST",
            "/v1/messages",
            SEND_BODY,
            "de04e43fe3ded92c5717bda5e83290a7",
            "uNMufD4M8emadnDaZ1vSCwy8fjc=",
        ),
        ("GET", MESSAGE_PATH, b"", None, "lbb971fnrwKSo37xzf7mB/u5sR8="),
        (
            "PUT",
            MESSAGE_PATH,
            CANCEL_BODY,
            "f3278465779cab6598f2d4bcf6e37378",
            "EgKRhcpMD7PjYIqeGpPFNerJiPg=",
        ),
    ],
    ids=["send", "get-status", "cancel-put"],
)
def test_official_vectors(method: str, target: str, body: bytes, md5: str | None, signature: str) -> None:
    headers = _headers(method, target, body)
    assert headers["date"] == DATE
    assert headers.get("x-content-md5") == md5
    signed = "date x-content-md5 request-line" if md5 else "date request-line"
    assert headers["Authorization"] == (
        f'hmac username="API_KEY", algorithm="hmac-sha1", headers="{signed}", signature="{signature}"'
    )
    assert set(headers) == ({"date", "x-content-md5", "Authorization"} if md5 else {"date", "Authorization"})


def test_signing_string_layout() -> None:
    assert signing_string("post", "/v1/messages", DATE, "abc") == (
        f"date: {DATE}\nx-content-md5: abc\nPOST /v1/messages HTTP/1.1"
    )
    assert signing_string("GET", "/v1/replies", DATE, None) == f"date: {DATE}\nGET /v1/replies HTTP/1.1"


def test_put_is_signed_as_put_not_post() -> None:
    # The official SDKs' defect: every request with a body signed as POST.
    put = _signature(_headers("PUT", MESSAGE_PATH, CANCEL_BODY))
    post = _signature(_headers("POST", MESSAGE_PATH, CANCEL_BODY))
    assert put != post


def test_query_string_is_part_of_the_request_line() -> None:
    plain = _headers("GET", "/v1/replies")
    with_query = _headers("GET", "/v1/replies?limit=10&after=a%20b")
    assert _signature(plain) != _signature(with_query)
    expected = base64.b64encode(
        hmac.new(
            SECRET.encode(), f"date: {DATE}\nGET /v1/replies?limit=10&after=a%20b HTTP/1.1".encode(), "sha1"
        ).digest()
    ).decode()
    assert _signature(with_query) == expected


def test_empty_body_has_no_md5_line() -> None:
    headers = _headers("POST", "/v1/replies/confirmed", b"")
    assert "x-content-md5" not in headers
    assert 'headers="date request-line"' in headers["Authorization"]


def test_non_ascii_utf8_body() -> None:
    body = '{"messages":[{"content":"Grüße 👋 こんにちは","destination_number":"+61491570156"}]}'.encode()
    headers = _headers("POST", "/v1/messages", body)
    assert headers["x-content-md5"] == hashlib.md5(body).hexdigest() == content_md5(body)
    text = f"date: {DATE}\nx-content-md5: {headers['x-content-md5']}\nPOST /v1/messages HTTP/1.1"
    expected = base64.b64encode(hmac.new(SECRET.encode(), text.encode(), "sha1").digest()).decode()
    assert _signature(headers) == expected


def test_non_ascii_secret_is_utf8() -> None:
    headers = signing_headers("GET", "/v1/replies", b"", date=DATE, api_key=KEY, api_secret="sécret")
    text = f"date: {DATE}\nGET /v1/replies HTTP/1.1"
    expected = base64.b64encode(hmac.new("sécret".encode(), text.encode(), "sha1").digest()).decode()
    assert _signature(headers) == expected


@pytest.mark.parametrize("algorithm", ["hmac-sha1", "hmac-sha256"])
def test_both_algorithms(algorithm: str) -> None:
    headers = _headers("POST", "/v1/messages", SEND_BODY, algorithm)
    assert f'algorithm="{algorithm}"' in headers["Authorization"]
    text = f"date: {DATE}\nx-content-md5: de04e43fe3ded92c5717bda5e83290a7\nPOST /v1/messages HTTP/1.1"
    digest = algorithm.removeprefix("hmac-")
    expected = base64.b64encode(hmac.new(SECRET.encode(), text.encode(), digest).digest()).decode()
    assert _signature(headers) == expected
    assert len(base64.b64decode(expected)) == (20 if digest == "sha1" else 32)


def test_algorithms_constant() -> None:
    assert ALGORITHMS == ("hmac-sha1", "hmac-sha256")


@pytest.mark.parametrize("algorithm", ["hmac-md5", "HMAC-SHA1", "sha1", "", "API_SECRET"])
def test_unknown_algorithm_is_a_clear_error(algorithm: str) -> None:
    with pytest.raises(ValueError, match=r"hmac-sha1.*hmac-sha256") as info:
        _headers("GET", "/v1/replies", algorithm=algorithm)
    assert "API_SECRET" not in str(info.value)


# -- dates ------------------------------------------------------------------------------------------


def test_imf_fixdate_known_value() -> None:
    assert format_imf_fixdate(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)) == DATE
    assert format_imf_fixdate(datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=UTC)) == (
        "Thu, 29 Feb 2024 23:59:59 GMT"
    )


def test_imf_fixdate_converts_other_zones_to_gmt() -> None:
    sydney_summer = timezone(timedelta(hours=11))
    assert format_imf_fixdate(datetime(2026, 11, 25, 23, 0, tzinfo=sydney_summer)) == DATE
    # Crossing midnight, a month and a year backwards.
    assert format_imf_fixdate(
        datetime(2027, 1, 1, 3, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    ) == ("Thu, 31 Dec 2026 22:00:00 GMT")


def test_imf_fixdate_every_weekday_and_month_match_the_stdlib() -> None:
    start = datetime(2026, 1, 1, 8, 15, 30, tzinfo=UTC)
    for offset in range(0, 365, 3):
        moment = start + timedelta(days=offset)
        assert format_imf_fixdate(moment) == email.utils.format_datetime(moment, usegmt=True)


def test_imf_fixdate_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_imf_fixdate(datetime(2026, 11, 25, 12, 0))


@pytest.fixture
def foreign_tz_and_locale() -> Iterator[str | None]:
    """A local zone far from UTC, and a non-English LC_TIME when the machine has one."""
    old_tz = os.environ.get("TZ")
    old_locale = locale.setlocale(locale.LC_TIME)
    os.environ["TZ"] = "America/St_Johns"  # UTC-03:30 / -02:30: a half-hour offset
    time.tzset()
    chosen = None
    for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "de_DE", "fr_FR"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        chosen = name
        break
    try:
        yield chosen
    finally:
        locale.setlocale(locale.LC_TIME, old_locale)
        if old_tz is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old_tz
        time.tzset()


def test_imf_fixdate_ignores_local_zone_and_locale(foreign_tz_and_locale: str | None) -> None:
    assert time.timezone != 0  # the zone change took effect
    assert format_imf_fixdate(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)) == DATE
    # A local-time aware datetime is still rendered in GMT.
    assert format_imf_fixdate(datetime(2026, 11, 25, 12, 0, tzinfo=UTC).astimezone()) == DATE
    now = utc_now()
    rendered = format_imf_fixdate(now)
    assert rendered == email.utils.formatdate(now.timestamp(), usegmt=True)
    assert abs(email.utils.parsedate_to_datetime(rendered) - now) < timedelta(seconds=2)
