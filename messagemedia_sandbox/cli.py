"""The `messagemedia-sandbox` command: run the sandbox, or poke a running one.

messagemedia-sandbox [serve] [--port 0] [--data FILE] [--speed 10] ...
messagemedia-sandbox reply MESSAGE_ID "text"            # a handset answers a message
messagemedia-sandbox reply --from +61491570156 "text"   # an unsolicited inbound message
messagemedia-sandbox reply MESSAGE_ID STOP             # the handset opts out (blacklisted)
messagemedia-sandbox destination +61491570000 fail      # messages to it will fail
messagemedia-sandbox --help | --version
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import mimetypes
import os
import shlex
import signal
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Sequence
from importlib import metadata
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
_DISTRIBUTION = "messagemedia-messages"
_SERVE_EPILOG = """\
Examples:
  messagemedia-sandbox --port 8765                    run one in the foreground on port 8765
  messagemedia-sandbox reply MESSAGE_ID "Yes please"  a handset replies to a message you sent
  messagemedia-sandbox destination +61491570999 fail  messages to that number will fail

other commands (each has its own --help):
  messagemedia-sandbox reply [--url URL] MESSAGE_ID TEXT       a handset replies to a message
  messagemedia-sandbox reply [--url URL] --from NUMBER TEXT    an unsolicited inbound message
  messagemedia-sandbox reply [--url URL] MESSAGE_ID --attach F an MMS reply with F as its media
  messagemedia-sandbox destination [--url URL] NUMBER OUTCOME  how messages to NUMBER end

callbacks:
  Replies and delivery reports are POSTed to a message's callback_url, and every event goes to
  the webhooks registered for it (their method, encoding, headers, Velocity template,
  read_timeout, retries and retry_delay; retry delays scale with --speed). With secure callbacks
  on and an enabled signature key, every callback is signed (X-MessageMedia-Signature and its
  companions). By default only loopback and private addresses are called (RFC 1918,
  unique-local IPv6): IP literals and localhost are checked as written, other host names are resolved once
  and every address must be loopback or private, and the connection goes to a checked address.
  --allow-external-callbacks lifts that rule. Never called, whatever the flags: the sandbox
  itself (a loopback address on its port, or an address and port it listens on), so a callback
  cannot loop. A refused callback is recorded with the reason in GET /sandbox/callbacks and not
  retried.

webhooks, signature keys and the blacklist:
  The Webhooks, Signature Key and Number Authorisation APIs keep their state per account in the
  data file. Signature keys are real RSA key pairs; the public key is in the create answer only.
  A handset reply of STOP (trimmed, any case; also STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT) puts
  its number on the account's blacklist and records an opt-out notification. A send to a listed
  number is accepted, then ends `rejected` with a delivery report carrying error code 302
  (destination blocked). --secure-callbacks off plays an account without the feature: the
  signature key API answers 403.

admin endpoints (/sandbox/health, /sandbox/replies, /sandbox/destinations, /sandbox/callbacks):
  answered for a loopback peer, or for a request made with the sandbox's API key and secret
  (Basic or HMAC, checked as on the API's own endpoints); anyone else gets 403 (401 for wrong
  credentials).
"""


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def _version() -> str:
    try:
        return metadata.version(_DISTRIBUTION)
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def _default_url() -> str:
    return (
        os.environ.get("MESSAGEMEDIA_SANDBOX_URL") or os.environ.get("MESSAGEMEDIA_BASE_URL") or _DEFAULT_URL
    )


def _add_serve_options(serve: argparse.ArgumentParser) -> None:
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
    serve.add_argument(
        "--allow-external-callbacks",
        action="store_true",
        help="also POST callbacks to hosts that are neither loopback nor private (see 'callbacks' below)",
    )
    serve.add_argument(
        "--secure-callbacks",
        choices=("on", "off"),
        default="on",
        help="play an account with secure callbacks (on, the default: the signature key API works) "
        "or without (off: it answers 403)",
    )
    serve.add_argument("--verbose", action="store_true", help="log every request to stderr")
    serve.add_argument("--version", action="version", version=f"messagemedia-sandbox {_version()}")


def _add_client_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url",
        default=None,
        help="the running sandbox (default: $MESSAGEMEDIA_SANDBOX_URL, else $MESSAGEMEDIA_BASE_URL, "
        f"else {_DEFAULT_URL})",
    )
    parser.add_argument(
        "--key",
        default=None,
        help="API key sent with the request (default: $MESSAGEMEDIA_API_KEY); needed only when the "
        "sandbox is not on this machine",
    )
    parser.add_argument("--secret", default=None, help="API secret (default: $MESSAGEMEDIA_API_SECRET)")


def build_parser(prog: str = "messagemedia-sandbox") -> argparse.ArgumentParser:
    """The command line; ``prog`` is how it was called (``messagemedia sandbox`` from the main CLI),
    so that usage lines and examples can be pasted as they are."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="A local, stateful stand-in for the MessageMedia Messages API.",
    )
    parser.add_argument("--version", action="version", version=f"messagemedia-sandbox {_version()}")
    commands = parser.add_subparsers(dest="command")

    # `serve` is the default command, so its help is what `messagemedia-sandbox --help` shows.
    serve = commands.add_parser(
        "serve",
        prog=f"{prog} [serve]",
        help="run the sandbox in the foreground (the default)",
        description="Run a local, stateful stand-in for the MessageMedia Messages API in the foreground. "
        "It prints its URL, key and secret, and the export line that points a client at it.",
        epilog=_SERVE_EPILOG.replace("messagemedia-sandbox", prog),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_serve_options(serve)

    reply = commands.add_parser("reply", help="simulate a reply from a handset")
    _add_client_options(reply)
    reply.add_argument(
        "--from", dest="source", metavar="NUMBER", help="for an unsolicited message: the handset"
    )
    reply.add_argument(
        "--to", dest="destination", metavar="NUMBER", help="for an unsolicited message: your number"
    )
    reply.add_argument("--account", help="for an unsolicited message: the account that receives it")
    reply.add_argument(
        "--attach",
        metavar="FILE",
        action="append",
        default=[],
        help="send an MMS with this file as media (repeatable); TEXT may then be left out",
    )
    reply.add_argument(
        "arguments",
        nargs="*",
        metavar="[MESSAGE_ID] TEXT",
        help="the message answered (unless --from) and the text",
    )

    destination = commands.add_parser("destination", help="decide how messages to a number end")
    _add_client_options(destination)
    destination.add_argument("number", help="E.164 number")
    destination.add_argument("outcome", choices=("deliver", "fail", "reject", "undeliverable"))
    return parser  # fmt: skip


def main(argv: Sequence[str] | None = None, *, prog: str = "messagemedia-sandbox") -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `serve` is the default command, so plain `messagemedia-sandbox --port 0` runs the server and
    # `messagemedia-sandbox --help` shows the server's options (and lists the other commands).
    if not args_list or args_list[0] not in _COMMANDS:
        args_list.insert(0, "serve")
    parser = build_parser(prog)
    args = parser.parse_args(args_list)
    if args.command == "reply":
        return _reply(parser, args)
    if args.command == "destination":
        outcome = {"deliver": "delivered", "fail": "failed", "reject": "rejected"}.get(
            args.outcome, args.outcome
        )
        return _admin_post(args, "/sandbox/destinations", {"number": args.number, "outcome": outcome})
    return _serve(args)


def _serve(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    # uvicorn's own start and stop lines add nothing to ours; its warnings (a malformed request) stay.
    logging.getLogger("uvicorn.error").setLevel(logging.DEBUG if args.verbose else logging.WARNING)
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
        allow_external_callbacks=args.allow_external_callbacks,
        secure_callbacks=args.secure_callbacks == "on",
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
    # The first line is what SandboxProcess (and a person) looks for.
    print(f"messagemedia-sandbox listening on {url}", flush=True)
    # A secret from the environment may well be the account's real one: it is used, never shown.
    from_environment = not args.secret and bool(os.environ.get("MESSAGEMEDIA_API_SECRET"))
    print(startup_text(config, url, hide_secret=from_environment), flush=True)
    try:
        while not stopping.wait(0.5):
            if not server.serving:
                print("messagemedia-sandbox: the HTTP server stopped unexpectedly", file=sys.stderr)
                return 1
    finally:
        server.stop()
    return 0


def _reply(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    words: list[str] = list(args.arguments)
    body: dict[str, Any]
    if args.source is not None:
        body = {"source_number": args.source}
        if args.destination:
            body["destination_number"] = args.destination
        if args.account:
            body["account"] = args.account
    else:
        if not words:
            parser.error("reply needs MESSAGE_ID and TEXT (or --from NUMBER and TEXT)")
        body = {"message_id": words.pop(0)}
    if words:
        body["content"] = " ".join(words)
    elif not args.attach:
        parser.error("reply needs TEXT, or --attach FILE for an MMS")
    if args.attach:
        body["attachments"] = [_attachment(Path(name)) for name in args.attach]
    return _admin_post(args, "/sandbox/replies", body)


def _attachment(path: Path) -> dict[str, str]:
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return {"content_type": content_type, "content": encoded, "original_name": path.name}


def startup_text(config: SandboxConfig, url: str, *, hide_secret: bool = False) -> str:
    """What the sandbox prints once it listens: its credentials and the line that points a client at it.

    The key and secret are the sandbox's own throw-away ones (or those given with --key and
    --secret), printed so that they can be pasted; they go to the terminal only, never to the log.
    ``hide_secret``: the secret came from $MESSAGEMEDIA_API_SECRET, where a real one lives; it is
    neither printed nor exported (the shell has it already).
    """
    key, secret = next(iter(config.credentials.items()))
    pairs = [
        ("MESSAGEMEDIA_API_KEY", key),
        ("MESSAGEMEDIA_API_SECRET", secret),
        ("MESSAGEMEDIA_BASE_URL", url),
    ]
    if hide_secret:
        pairs.pop(1)
    exports = " ".join(f"{name}={shlex.quote(value)}" for name, value in pairs)
    shown = "from $MESSAGEMEDIA_API_SECRET (not shown)" if hide_secret else secret
    return (
        f"  API key {key}, API secret {shown}\n"
        f"  data file {config.data}, speed x{config.speed:g}\n"
        "Point a client (or `make demo`) at it with:\n"
        f"export {exports}"
    )


def _admin_post(args: argparse.Namespace, path: str, body: dict[str, Any]) -> int:
    base_url: str = args.url or _default_url()
    if not base_url.startswith(("http://", "https://")):
        print(f"messagemedia-sandbox: --url must be http(s), not {base_url!r}", file=sys.stderr)
        return 2
    headers = {"Content-Type": "application/json"}
    # A sandbox on another machine answers its admin endpoints only with its credentials.
    key = args.key or os.environ.get("MESSAGEMEDIA_API_KEY")
    secret = args.secret or os.environ.get("MESSAGEMEDIA_API_SECRET")
    if key and secret:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
    root = base_url.rstrip("/")
    if root.endswith("/v1"):  # as the client takes it: the API's documentation writes the base URL so
        root = root[: -len("/v1")]
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        root + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers=headers,
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
