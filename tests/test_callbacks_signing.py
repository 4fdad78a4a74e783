"""Callback signatures (issue 15, points 2 and 3): verify_callback and sign_callback.

Every signature that ``verify_callback`` accepts here was made by a second implementation (the
``openssl`` command line, or ``cryptography`` called directly over bytes the test builds by hand),
and everything ``sign_callback`` makes is checked by that second implementation too.
"""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from callback_helpers import (
    KEY_ID,
    KEY_PEM,
    OPENSSL,
    PRIVATE_KEY,
    PUBLIC_DER,
    PUBLIC_KEY,
    PUBLIC_KEY_B64,
    PUBLIC_PEM,
    SIGN_SERVICE_CASES,
    SignCase,
    headers_for,
    independent_sign,
    independent_verify,
    message_by_hand,
    openssl_sign,
    openssl_verify,
)
from cryptography.hazmat.primitives.asymmetric import rsa

from messagemedia_messages.callbacks import (
    CallbackDateInFutureError,
    CallbackKey,
    CallbackKeyring,
    CallbackTooOldError,
    CallbackVerificationError,
    DigestMismatchError,
    DuplicateCallbackHeaderError,
    InvalidSignatureError,
    MalformedCallbackDateError,
    MessageMediaError,
    MissingCallbackHeaderError,
    UnknownKeyError,
    UnsupportedAlgorithmError,
    VerifiedSignature,
    callback_target,
    sign_callback,
    verify_callback,
)
from messagemedia_messages.errors import ConfigurationError
from messagemedia_messages.models import CreatedSignatureKey
from messagemedia_runtime.callback_keys import Keys

KEYS = {KEY_ID: PUBLIC_KEY_B64}
CASE_IDS = [case.digest for case in SIGN_SERVICE_CASES]
DR_BODY = b'{"delivery_report_id":"011dcead-6988-4ad6-a1c7-6b6c68ea628d","status":"delivered"}'
DR_CASE = SignCase(
    "SHA256", "POST", "/callbacks/messagemedia?tenant=7", "Wed, 25 Nov 2026 12:01:30 GMT", DR_BODY
)
DR_SENT = dt.datetime(2026, 11, 25, 12, 1, 30, tzinfo=dt.UTC)


def _verify(case: SignCase, headers: dict[str, str], keys: Keys = KEYS, **options: Any) -> VerifiedSignature:
    return verify_callback(case.method, case.target, headers, case.body, keys=keys, **options)


def _flip(data: bytes, index: int = 0) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


# --------------------------------------------------------------------------- the API's tuples


@pytest.mark.parametrize("case", SIGN_SERVICE_CASES, ids=CASE_IDS)
def test_sign_service_tuples_signed_independently_verify(case: SignCase) -> None:
    signature = independent_sign(case)
    verified = _verify(case, headers_for(case, signature))
    assert verified == VerifiedSignature(KEY_ID, case.digest, case.date)


@pytest.mark.skipif(OPENSSL is None, reason="the openssl command line is not installed")
@pytest.mark.parametrize("case", SIGN_SERVICE_CASES, ids=CASE_IDS)
def test_sign_service_tuples_signed_by_openssl_verify(case: SignCase, tmp_path: Path) -> None:
    signature = openssl_sign(case, tmp_path)
    assert _verify(case, headers_for(case, signature)).digest == case.digest


@pytest.mark.parametrize("case", SIGN_SERVICE_CASES, ids=CASE_IDS)
def test_sign_callback_output_verifies_with_an_independent_verifier(case: SignCase, tmp_path: Path) -> None:
    headers = sign_callback(
        KEY_PEM, case.method, case.target, case.date, case.body, key_id=KEY_ID, digest=case.digest
    )
    assert headers == {
        "X-MessageMedia-Signature": headers["X-MessageMedia-Signature"],
        "X-MessageMedia-Digest-Type": case.digest,
        "X-MessageMedia-Cipher-Type": "RSA",
        "X-MessageMedia-Key-Id": KEY_ID,
        "Date": case.date,
    }
    assert independent_verify(case, headers["X-MessageMedia-Signature"])
    if OPENSSL is not None:
        assert openssl_verify(case, headers["X-MessageMedia-Signature"], tmp_path)
    # PKCS#1 v1.5 is deterministic: the same key and bytes give the same signature as openssl's.
    assert headers["X-MessageMedia-Signature"] == independent_sign(case)


@pytest.mark.skipif(OPENSSL is None, reason="the openssl command line is not installed")
def test_the_independent_verifier_can_fail(tmp_path: Path) -> None:
    case = SIGN_SERVICE_CASES[1]
    wrong = sign_callback(KEY_PEM, case.method, case.target, case.date, b"Message 9", key_id=KEY_ID)
    assert not independent_verify(case, wrong["X-MessageMedia-Signature"])
    assert not openssl_verify(case, wrong["X-MessageMedia-Signature"], tmp_path)


@pytest.mark.parametrize("case", SIGN_SERVICE_CASES, ids=CASE_IDS)
@pytest.mark.parametrize("part", ["body", "date", "path", "signature", "method"])
def test_one_flipped_byte_fails(case: SignCase, part: str) -> None:
    headers = headers_for(case, independent_sign(case))
    method, target, body = case.method, case.target, case.body
    if part == "body":
        body = _flip(body, len(body) - 1)
    elif part == "date":
        headers["Date"] = _flip(case.date.encode(), 5).decode()
    elif part == "path":
        target = _flip(target.encode(), 3).decode()
    elif part == "method":
        method = "PUT"
    else:
        signature = base64.b64decode(headers["X-MessageMedia-Signature"])
        headers["X-MessageMedia-Signature"] = base64.b64encode(_flip(signature, 100)).decode()
    with pytest.raises(InvalidSignatureError) as raised:
        verify_callback(method, target, headers, body, keys=KEYS)
    assert isinstance(raised.value, CallbackVerificationError)
    assert isinstance(raised.value, MessageMediaError)


@pytest.mark.parametrize("case", SIGN_SERVICE_CASES, ids=CASE_IDS)
def test_a_key_id_not_in_keys_fails_with_its_own_error(case: SignCase) -> None:
    headers = headers_for(case, independent_sign(case), key_id="0f9c4b5e-1111-4222-8333-944455556666")
    with pytest.raises(UnknownKeyError) as raised:
        _verify(case, headers)
    assert raised.value.key_id == "0f9c4b5e-1111-4222-8333-944455556666"
    assert not isinstance(raised.value, InvalidSignatureError)


def test_a_signature_by_another_key_fails() -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    case = SIGN_SERVICE_CASES[1]
    with pytest.raises(InvalidSignatureError):
        _verify(case, headers_for(case, independent_sign(case, other)))


# --------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    "public_key",
    [PUBLIC_KEY_B64, PUBLIC_KEY_B64.encode(), PUBLIC_PEM, PUBLIC_PEM.decode(), PUBLIC_DER, PUBLIC_KEY],
    ids=["base64 DER", "base64 DER bytes", "PEM bytes", "PEM text", "DER bytes", "cryptography key"],
)
def test_keys_in_every_form(public_key: Any) -> None:
    case = SIGN_SERVICE_CASES[0]
    assert _verify(case, headers_for(case, independent_sign(case)), keys={KEY_ID: public_key})


def test_the_create_answer_is_a_key_and_its_digest_is_enforced() -> None:
    created = CreatedSignatureKey.from_dict(
        {
            "key_id": KEY_ID,
            "cipher": "RSA",
            "digest": "SHA224",
            "created": "2026-11-25T12:00:00Z",
            "enabled": False,
            "public_key": PUBLIC_KEY_B64,
        }
    )
    sha224, sha256 = SIGN_SERVICE_CASES[0], SIGN_SERVICE_CASES[1]
    keys = {created.key_id: created}  # a UUID key ID, as the model has it
    assert _verify(sha224, headers_for(sha224, independent_sign(sha224)), keys=keys).key_id == KEY_ID
    with pytest.raises(DigestMismatchError) as raised:
        _verify(sha256, headers_for(sha256, independent_sign(sha256)), keys=keys)
    assert (raised.value.digest, raised.value.expected) == ("SHA256", "SHA224")


def test_a_key_with_its_digest_refuses_a_callback_naming_another() -> None:
    case = SIGN_SERVICE_CASES[2]  # SHA512
    headers = headers_for(case, independent_sign(case))
    keys = {KEY_ID: CallbackKey(PUBLIC_KEY_B64, digest="SHA-512")}
    assert _verify(case, headers, keys=keys).digest == "SHA512"
    with pytest.raises(DigestMismatchError):
        _verify(case, headers, keys={KEY_ID: CallbackKey(PUBLIC_KEY_B64, digest="SHA256")})


def test_keys_rotate_by_key_id() -> None:
    new_private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    new_id = str(uuid.uuid4())
    keys = CallbackKeyring({KEY_ID: PUBLIC_KEY_B64, new_id.upper(): new_private.public_key()})
    case = SIGN_SERVICE_CASES[1]
    old = headers_for(case, independent_sign(case))
    new = headers_for(case, independent_sign(case, new_private), key_id=new_id)
    assert _verify(case, old, keys=keys).key_id == KEY_ID
    assert _verify(case, new, keys=keys).key_id == new_id  # key IDs are compared without case
    swapped = {**new, "X-MessageMedia-Key-Id": KEY_ID}  # the new key's signature, the old key's ID
    with pytest.raises(InvalidSignatureError):
        _verify(case, swapped, keys=keys)


@pytest.mark.parametrize(
    "bad",
    ["not a key", b"\x30\x03\x02\x01\x01", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", 42],
)
def test_a_key_that_cannot_be_read_is_a_configuration_error(bad: object) -> None:
    with pytest.raises(ConfigurationError) as raised:
        CallbackKey(bad)  # type: ignore[arg-type]
    assert "AAAA" not in str(raised.value)


def test_a_private_key_is_refused_as_a_public_one_and_never_shown() -> None:
    with pytest.raises(ConfigurationError, match=r"public_key\(\)"):
        CallbackKey(PRIVATE_KEY)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError) as raised:
        sign_callback(KEY_PEM[:-40], "POST", "/", "date", b"", key_id="k")
    assert KEY_PEM[30:60].decode() not in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_a_callback_key_repr_shows_no_material() -> None:
    text = repr(CallbackKey(PUBLIC_KEY_B64, digest="SHA256"))
    assert text == "CallbackKey(<RSA 2048-bit public key>, digest='SHA256')"


# --------------------------------------------------------------------------- headers


@pytest.mark.parametrize("spelling", ["SHA-224", "SHA224", "sha224", "sha-224"])
def test_digest_spellings(spelling: str) -> None:
    case = SIGN_SERVICE_CASES[0]
    headers = {**headers_for(case, independent_sign(case)), "X-MessageMedia-Digest-Type": spelling}
    assert _verify(case, headers).digest == "SHA224"


def test_sign_callback_sends_the_digest_as_spelt_and_signs_with_it() -> None:
    case = SIGN_SERVICE_CASES[2]
    headers = sign_callback(
        PRIVATE_KEY, case.method, case.target, case.date, case.body, key_id="k", digest="SHA-512"
    )
    assert headers["X-MessageMedia-Digest-Type"] == "SHA-512"
    assert independent_verify(case, headers["X-MessageMedia-Signature"])


def test_header_names_are_read_without_case_and_as_asgi_bytes() -> None:
    case = SIGN_SERVICE_CASES[1]
    headers = headers_for(case, independent_sign(case))
    demo = {name.replace("MessageMedia", "Messagemedia"): value for name, value in headers.items()}
    lower = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    assert _verify(case, demo)
    assert verify_callback(case.method, case.target, lower, case.body, keys=KEYS)
    assert verify_callback(case.method, case.target.encode(), list(headers.items()), case.body, keys=KEYS)


@pytest.mark.parametrize(
    "header",
    ["X-MessageMedia-Signature", "X-MessageMedia-Key-Id", "X-MessageMedia-Digest-Type", "Date"],
)
def test_a_missing_header_is_named(header: str) -> None:
    case = SIGN_SERVICE_CASES[1]
    headers = headers_for(case, independent_sign(case))
    del headers[header]
    with pytest.raises(MissingCallbackHeaderError) as raised:
        _verify(case, headers)
    assert raised.value.header == header
    assert header in str(raised.value)


def test_an_unsigned_callback_fails() -> None:
    with pytest.raises(MissingCallbackHeaderError):
        verify_callback("POST", "/", {"Content-Type": "application/json"}, b"{}", keys=KEYS)


def test_the_cipher_header_may_be_absent_but_not_another_cipher() -> None:
    case = SIGN_SERVICE_CASES[1]
    headers = headers_for(case, independent_sign(case))
    del headers["X-MessageMedia-Cipher-Type"]
    assert _verify(case, headers)
    with pytest.raises(UnsupportedAlgorithmError) as raised:
        _verify(case, {**headers, "X-MessageMedia-Cipher-Type": "DSA"})
    assert raised.value.header == "X-MessageMedia-Cipher-Type"


@pytest.mark.parametrize("digest", ["SHA1", "MD5", "SHA384", ""])
def test_an_unsupported_digest_fails(digest: str) -> None:
    case = SIGN_SERVICE_CASES[1]
    headers = {**headers_for(case, independent_sign(case)), "X-MessageMedia-Digest-Type": digest}
    with pytest.raises(UnsupportedAlgorithmError):
        _verify(case, headers)


def test_a_signing_header_twice_with_different_values_fails() -> None:
    case = SIGN_SERVICE_CASES[1]
    good = headers_for(case, independent_sign(case))
    pairs = [*good.items(), ("x-messagemedia-key-id", "another")]
    with pytest.raises(DuplicateCallbackHeaderError):
        verify_callback(case.method, case.target, pairs, case.body, keys=KEYS)
    same_twice = [*good.items(), ("Date", case.date)]
    assert verify_callback(case.method, case.target, same_twice, case.body, keys=KEYS)


def test_a_signature_that_is_not_base64_fails_as_a_bad_signature() -> None:
    case = SIGN_SERVICE_CASES[1]
    headers = {**headers_for(case, independent_sign(case)), "X-MessageMedia-Signature": "not base64!"}
    with pytest.raises(InvalidSignatureError):
        _verify(case, headers)


# --------------------------------------------------------------------------- the date


def test_max_age_checks_the_date_either_way() -> None:
    headers = headers_for(DR_CASE, independent_sign(DR_CASE))
    assert _verify(DR_CASE, headers, max_age=300, now=DR_SENT + dt.timedelta(seconds=299))
    assert _verify(DR_CASE, headers, max_age=dt.timedelta(minutes=5), now=DR_SENT.timestamp() - 299)
    with pytest.raises(CallbackTooOldError) as old:
        _verify(DR_CASE, headers, max_age=300, now=DR_SENT + dt.timedelta(seconds=301))
    assert old.value.age == pytest.approx(301)
    with pytest.raises(CallbackDateInFutureError):
        _verify(DR_CASE, headers, max_age=300, now=DR_SENT - dt.timedelta(seconds=301))
    # Without max_age any date verifies: the API's retries may carry the first attempt's date.
    assert _verify(DR_CASE, headers, now=DR_SENT + dt.timedelta(days=400))


def test_a_date_that_is_not_an_http_date_fails_only_when_the_age_is_checked() -> None:
    case = DR_CASE._replace(date="yesterday")
    headers = headers_for(case, independent_sign(case))
    assert _verify(case, headers)
    with pytest.raises(MalformedCallbackDateError):
        _verify(case, headers, max_age=300)


def test_sign_callback_writes_a_datetime_as_an_http_date() -> None:
    naive = DR_SENT.replace(tzinfo=None)
    sydney = DR_SENT.astimezone(dt.timezone(dt.timedelta(hours=11)))
    for when in (DR_SENT, naive, sydney):
        headers = sign_callback(KEY_PEM, "POST", DR_CASE.target, when, DR_BODY, key_id=KEY_ID)
        assert headers["Date"] == "Wed, 25 Nov 2026 12:01:30 GMT"
        assert independent_verify(DR_CASE, headers["X-MessageMedia-Signature"])


# --------------------------------------------------------------------------- proxies


def test_a_proxy_that_rewrites_the_path_needs_the_public_target() -> None:
    headers = headers_for(DR_CASE, independent_sign(DR_CASE))  # signed for /callbacks/messagemedia?tenant=7
    arrived = "/messagemedia?tenant=7"  # the proxy stripped /callbacks
    with pytest.raises(InvalidSignatureError):
        verify_callback("POST", arrived, headers, DR_BODY, keys=KEYS)
    for public in (
        "/callbacks/messagemedia",  # the query that arrived is kept
        "https://hooks.example.com/callbacks/messagemedia",  # the callback_url itself
        "https://hooks.example.com/callbacks/messagemedia?tenant=7",
        lambda target: "/callbacks" + target,
    ):
        assert verify_callback("POST", arrived, headers, DR_BODY, keys=KEYS, public_target=public)
    with pytest.raises(InvalidSignatureError):
        verify_callback("POST", arrived, headers, DR_BODY, keys=KEYS, public_target="/callbacks/other")


def test_callback_target() -> None:
    assert callback_target("/a?x=1") == "/a?x=1"
    assert callback_target(b"/a?x=1", "/b") == "/b?x=1"
    assert callback_target("/a?x=1", "/b?y=2") == "/b?y=2"
    assert callback_target("/a", "http://h.example/b/c") == "/b/c"
    assert callback_target("/a", "http://h.example") == "/"


def test_the_body_is_verified_as_raw_bytes_not_as_json() -> None:
    headers = headers_for(DR_CASE, independent_sign(DR_CASE))
    reserialised = b'{"delivery_report_id": "011dcead-6988-4ad6-a1c7-6b6c68ea628d", "status": "delivered"}'
    with pytest.raises(InvalidSignatureError):
        verify_callback("POST", DR_CASE.target, headers, reserialised, keys=KEYS)
    assert verify_callback("POST", DR_CASE.target, headers, DR_BODY.decode(), keys=KEYS)  # str: its UTF-8


def test_errors_never_carry_the_signature_or_the_body() -> None:
    headers = headers_for(DR_CASE, independent_sign(DR_CASE))
    signature = headers["X-MessageMedia-Signature"]
    failures: list[Exception] = []
    attempts: list[Callable[[], object]] = [
        lambda: verify_callback("POST", "/x", headers, DR_BODY, keys=KEYS),
        lambda: verify_callback("POST", DR_CASE.target, headers, DR_BODY, keys={"other": PUBLIC_KEY_B64}),
        lambda: verify_callback("POST", DR_CASE.target, headers, DR_BODY, keys=KEYS, max_age=1),
    ]
    for attempt in attempts:
        with pytest.raises(CallbackVerificationError) as raised:
            attempt()
        failures.append(raised.value)
    for error in failures:
        text = f"{error} {error!r} {error.args}"
        assert signature[:16] not in text and "delivered" not in text and "011dcead" not in text
        assert PUBLIC_KEY_B64[40:60] not in text


def test_the_message_signed_is_the_request_line_date_and_body_with_nothing_between() -> None:
    from messagemedia_runtime.callback_signing import signed_message

    case = SIGN_SERVICE_CASES[1]
    assert signed_message(case.method, case.target, case.date, case.body) == (
        b"POST /test2/drreceiver HTTP/1.1Wed, 29 Nov 2017 13:59:00 GMTMessage 2"
    )
    assert signed_message("GET", "/t", "D", b"") == message_by_hand("GET", "/t", "D", b"")
