"""Receiving one signed callback: ``verify_and_parse`` against the ``cryptography`` verify call alone.

The callback is the spec's delivery report to a ``callback_url`` (openapi.yaml, ``webhooks:``),
as JSON, with the headers a web framework hands over (the five signing headers and seven others),
signed by ``cryptography`` called directly. Per round, and alternately:

- ``verify alone``: ``public_key.verify(signature, message, PKCS1v15(), SHA256())`` with the
  signature already decoded, the signed bytes already built and the padding and hash objects made
  once: the RSA check and nothing else;
- ``verify_and_parse``: from the raw request (method, target, headers, body) and ``keys`` as the
  create answer gives the key (base64 DER, by key ID) to a typed ``DeliveryReportEvent``: headers
  read, key found, signature decoded, signed bytes built, RSA check, JSON read, event recognised
  and parsed.

CPU time (``process_time``) per callback, median of the rounds after a warm-up round, for a
2048-bit key (the fixed test key) and a 1024-bit one (the size of the API's example public key).
"""

from __future__ import annotations

import base64
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEST_KEY = ROOT / "tests" / "keys" / "callback_test_key.pem"
KEY_ID = "7ca628a8-08b0-4e42-aeb8-960b37049c31"
TARGET = "/callbacks/messagemedia"
DATE = "Wed, 25 Nov 2026 12:01:30 GMT"
KEY_SIZES = (2048, 1024)


def _body() -> bytes:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    content = spec["webhooks"]["delivery_report"]["post"]["requestBody"]["content"]
    return json.dumps(content["application/json"]["examples"]["callback_url"]["value"]).encode()


def _private_key(bits: int) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    if bits == 2048:
        return serialization.load_pem_private_key(TEST_KEY.read_bytes(), password=None)
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def _per_call(function: Callable[[], object], iterations: int) -> float:
    started = time.process_time()
    for _ in range(iterations):
        function()
    return (time.process_time() - started) / iterations


def _measure_key(bits: int, rounds: int, iterations: int) -> dict[str, Any]:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    from messagemedia_messages.callbacks import DeliveryReportEvent, verify_and_parse

    private_key = _private_key(bits)
    public_key = private_key.public_key()
    public_b64 = base64.b64encode(
        public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    ).decode()
    body = _body()
    message = f"POST {TARGET} HTTP/1.1".encode() + DATE.encode() + body
    pkcs1, sha256 = padding.PKCS1v15(), hashes.SHA256()
    signature = private_key.sign(message, pkcs1, sha256)
    headers = {
        "host": "hooks.example.com",
        "user-agent": "Apache-HttpClient/4.5.14 (Java/17.0.9)",
        "content-type": "application/json",
        "content-length": str(len(body)),
        "accept": "*/*",
        "accept-encoding": "gzip,deflate",
        "connection": "keep-alive",
        "x-messagemedia-signature": base64.b64encode(signature).decode(),
        "x-messagemedia-digest-type": "SHA256",
        "x-messagemedia-cipher-type": "RSA",
        "x-messagemedia-key-id": KEY_ID,
        "date": DATE,
    }
    keys = {KEY_ID: public_b64}

    def verify_alone() -> None:
        public_key.verify(signature, message, pkcs1, sha256)

    def ours() -> object:
        return verify_and_parse("POST", TARGET, headers, body, keys=keys)

    event = ours()
    assert isinstance(event, DeliveryReportEvent) and event.delivery_report_id, "the callback did not parse"
    samples: dict[str, list[float]] = {"verify_alone": [], "verify_and_parse": []}
    for round_no in range(rounds + 1):
        count = max(10, iterations // 5) if round_no == 0 else iterations
        pair = [("verify_alone", verify_alone), ("verify_and_parse", ours)]
        for name, function in pair if round_no % 2 else pair[::-1]:
            seconds = _per_call(function, count)
            if round_no:
                samples[name].append(seconds)
    medians = {name: statistics.median(values) for name, values in samples.items()}
    return {
        "key_bits": bits,
        "body_bytes": len(body),
        "median_seconds": medians,
        "ratio": medians["verify_and_parse"] / medians["verify_alone"],
        "rounds_seconds": samples,
    }


def measure(rounds: int, iterations: int) -> dict[str, Any]:
    return {str(bits): _measure_key(bits, rounds, iterations) for bits in KEY_SIZES}


def render(result: dict[str, Any]) -> str:
    lines = ["receiving one signed callback (delivery report, JSON), CPU per callback:"]
    for bits, numbers in result.items():
        medians = numbers["median_seconds"]
        lines.append(
            f"  RSA-{bits}: cryptography verify alone {medians['verify_alone'] * 1e6:5.1f} µs, "
            f"verify_and_parse {medians['verify_and_parse'] * 1e6:5.1f} µs ({numbers['ratio']:.2f}x)"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    print(render(measure(arguments.rounds, arguments.iterations)))
