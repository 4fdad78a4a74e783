"""The `messagemedia-sandbox` command: run the sandbox, or poke a running one.

messagemedia-sandbox [serve] [--port 0] [--data FILE] [--speed 10] ...
messagemedia-sandbox reply MESSAGE_ID "text"            # a handset answers a message
messagemedia-sandbox reply --from +61491570156 "text"   # an unsolicited inbound message
messagemedia-sandbox destination +61491570000 fail      # messages to it will fail
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from .config import (
    DEFAULT_CREDITS,
    DEFAULT_DATA,
    DEFAULT_HOST,
    DEFAULT_PORT,
    SandboxConfig,
    credentials_from_env,
)
from .server import SandboxServer

_COMMANDS = ("serve", "reply", "destination")
_DEFAULT_URL = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="messagemedia-sandbox",
        description="A local, stateful stand-in for the MessageMedia Messages API.",
    )
    commands = parser.add_subparsers(dest="command")

    serve = commands.add_parser("serve", help="run the sandbox in the foreground (the default)")
    serve.add_argument("--host", default=DEFAULT_HOST, help="interface to listen on (default %(default)s)")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port; 0 picks a free one (default %(default)s)"
    )
    serve.add_argument(
        "--data", type=Path, default=Path(DEFAULT_DATA), help="SQLite file (default %(default)s)"
    )
    serve.add_argument("--key", help="API key (default: $MESSAGEMEDIA_API_KEY or sandbox-key)")
    serve.add_argument("--secret", help="API secret (default: $MESSAGEMEDIA_API_SECRET or sandbox-secret)")
    serve.add_argument(
        "--speed",
        type=_positive,
        default=1.0,
        help="lifecycle speed: 1 = one status step per second, 10 = ten times faster",
    )
    serve.add_argument("--auto-reply", metavar="TEXT", help="every delivered message gets this reply")
    serve.add_argument(
        "--fail-destination",
        metavar="NUMBER",
        action="append",
        default=[],
        help="messages to NUMBER fail (repeatable)",
    )
    serve.add_argument(
        "--reject-destination",
        metavar="NUMBER",
        action="append",
        default=[],
        help="messages to NUMBER are rejected (repeatable)",
    )
    serve.add_argument(
        "--credits",
        type=int,
        default=DEFAULT_CREDITS,
        help="starting balance of each account (default %(default)s)",
    )
    serve.add_argument("--verbose", action="store_true", help="log every request to stderr")

    url_help = f"the running sandbox (default: $MESSAGEMEDIA_SANDBOX_URL or {_DEFAULT_URL})"
    reply = commands.add_parser("reply", help="simulate a reply from a handset")
    reply.add_argument(
        "--url", default=os.environ.get("MESSAGEMEDIA_SANDBOX_URL", _DEFAULT_URL), help=url_help
    )
    reply.add_argument(
        "--from", dest="source", metavar="NUMBER", help="for an unsolicited message: the handset"
    )
    reply.add_argument(
        "--to", dest="destination", metavar="NUMBER", help="for an unsolicited message: your number"
    )
    reply.add_argument("--account", help="for an unsolicited message: the account that receives it")
    reply.add_argument(
        "arguments",
        nargs="+",
        metavar="[MESSAGE_ID] TEXT",
        help="the message answered (unless --from) and the text",
    )

    destination = commands.add_parser("destination", help="decide how messages to a number end")
    destination.add_argument(
        "--url", default=os.environ.get("MESSAGEMEDIA_SANDBOX_URL", _DEFAULT_URL), help=url_help
    )
    destination.add_argument("number", help="E.164 number")
    destination.add_argument("outcome", choices=("deliver", "fail", "reject", "undeliverable"))
    return parser  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `serve` is the default command, so plain `messagemedia-sandbox --port 0` runs the server.
    if not args_list or (args_list[0] not in _COMMANDS and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "serve")
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command == "reply":
        return _reply(parser, args)
    if args.command == "destination":
        outcome = {"deliver": "delivered", "fail": "failed", "reject": "rejected"}.get(
            args.outcome, args.outcome
        )
        return _admin_post(args.url, "/sandbox/destinations", {"number": args.number, "outcome": outcome})
    return _serve(args)


def _serve(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    config = SandboxConfig(
        host=args.host,
        port=args.port,
        data=args.data,
        credentials=credentials_from_env(args.key, args.secret),
        speed=args.speed,
        auto_reply=args.auto_reply,
        fail_destinations=frozenset(args.fail_destination),
        reject_destinations=frozenset(args.reject_destination),
        initial_credits=args.credits,
    )
    server = SandboxServer(config)
    stopping = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        url = server.start()
    except OSError as exc:
        print(f"messagemedia-sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(f"messagemedia-sandbox listening on {url}", flush=True)
    print(
        f"  data file {config.data}, speed x{config.speed:g}, API key {next(iter(config.credentials))!r}",
        file=sys.stderr,
    )
    try:
        while not stopping.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


def _reply(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    words: list[str] = args.arguments
    body: dict[str, Any]
    if args.source is not None:
        body = {"source_number": args.source, "content": " ".join(words)}
        if args.destination:
            body["destination_number"] = args.destination
        if args.account:
            body["account"] = args.account
    else:
        if len(words) < 2:
            parser.error("reply needs MESSAGE_ID and TEXT (or --from NUMBER and TEXT)")
        body = {"message_id": words[0], "content": " ".join(words[1:])}
    return _admin_post(args.url, "/sandbox/replies", body)


def _admin_post(base_url: str, path: str, body: dict[str, Any]) -> int:
    if not base_url.startswith(("http://", "https://")):
        print(f"messagemedia-sandbox: --url must be http(s), not {base_url!r}", file=sys.stderr)
        return 2
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        base_url.rstrip("/") + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            print(response.read().decode())
            return 0
    except urllib.error.HTTPError as exc:
        print(
            f"messagemedia-sandbox: HTTP {exc.code}: {exc.read().decode(errors='replace')}", file=sys.stderr
        )
    except (urllib.error.URLError, OSError) as exc:
        print(f"messagemedia-sandbox: cannot reach {base_url}: {exc}", file=sys.stderr)
    return 1
