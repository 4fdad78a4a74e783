"""``messagemedia listen``: a local receiver that verifies signed callbacks and prints each event.

It is ``messagemedia_messages.callbacks.CallbackASGIApp`` served by uvicorn: the signature is
checked over the raw request as it arrived, the body parsed into its event, and the answer is 204
only once the event was printed (401 for a signature that does not verify, 400 for a body that is
not an event), so a callback this receiver did not show is delivered again by the API.
"""

from __future__ import annotations

import logging
import re
import socket
import sys
import threading
from pathlib import Path
from typing import Any

import click

from ..errors import CliError
from ..state import CliState

_KEY_FILE_NAME = re.compile(r"messagemedia-key-([0-9a-fA-F-]{36})\.pem")
# What a line shows of each event (--json shows every field); other kinds show all their fields.
_COLUMNS = {
    "delivery_report": (
        "delivery_report_id",
        "message_id",
        "status",
        "error_code",
        "source_number",
        "metadata",
    ),
    "received_sms": ("reply_id", "message_id", "source_number", "destination_number", "content", "metadata"),
    "received_mms": ("reply_id", "message_id", "source_number", "destination_number", "attachments"),
    "opt_out": ("notification_id", "message_id", "source_number", "content"),
}
EPILOG = """\b
Examples:
  messagemedia keys create --out callbacks.pem      # note its key_id, then enable it
  messagemedia keys enable 1c4e7ff1-2c3d-4f5e-8a9b-0c1d2e3f4a5b
  messagemedia listen --port 8080 --key-file 1c4e7ff1-2c3d-4f5e-8a9b-0c1d2e3f4a5b=callbacks.pem
  messagemedia listen --port 8080 --key-file messagemedia-key-1c4e7ff1-2c3d-4f5e-8a9b-0c1d2e3f4a5b.pem
  messagemedia --json listen --port 8080 --no-verify >> events.jsonl

\b
--key-file takes KEY_ID=FILE, or a file named as 'keys create' names it, whose name holds the key
ID. Give one per key that may sign (while keys rotate, the old and the new one). Each event is
printed once: the API delivers a callback again until it is answered 2XX, and a repeat is noted
on stderr rather than printed twice.
"""


def _key_ids(specs: tuple[str, ...]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for spec in specs:
        key_id, sep, name = spec.partition("=")
        if not sep:
            name = spec
            found = _KEY_FILE_NAME.search(Path(spec).name)
            if found is None:
                raise click.BadParameter(
                    f"{spec!r}: give the key's ID as KEY_ID={spec} (the file name does not hold one)",
                    param_hint="'--key-file'",
                )
            key_id = found.group(1)
        path = Path(name)
        try:
            keys[key_id.strip().lower()] = path.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.BadParameter(f"cannot read {path}: {exc}", param_hint="'--key-file'") from None
    return keys


def _brief(record: dict[str, Any]) -> dict[str, Any]:
    """The record as a line shows it: an MMS's attachments as their types and sizes, not their base64."""
    attachments = record.get("attachments")
    if isinstance(attachments, list):
        record = dict(record)
        record["attachments"] = [
            f"{item.get('content_type', '?')} ({len(str(item.get('content', ''))) * 3 // 4} bytes)"
            if isinstance(item, dict)
            else item
            for item in attachments
        ]
    return record


class _Printer:
    """The handler: prints each event once, in the order they are handled."""

    def __init__(self, state: CliState) -> None:
        from messagemedia_messages.callbacks import event_id, event_name

        self.out = state.out
        self.event_id = event_id
        self.event_name = event_name
        self.seen: set[tuple[str, str]] = set()
        self.lock = threading.Lock()

    def __call__(self, event: Any) -> None:
        name = self.event_name(event)
        identity = self.event_id(event)
        with self.lock:
            if identity is not None and (name, identity) in self.seen:
                self.out.note(f"{name} {identity} delivered again (already printed)")
                return
            record = {"event": name, **event.to_dict()}
            if self.out.json_lines:
                self.out.line(record, (), name)
            else:
                self.out.line(_brief(record), _COLUMNS.get(name, tuple(record)), name)
            if identity is not None:
                self.seen.add((name, identity))


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.listen(128)
    return sock


def _log_refusals() -> None:
    """The receiver logs each callback it refuses (and why) to messagemedia.callbacks: show those."""
    logger = logging.getLogger("messagemedia.callbacks")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False


@click.command(epilog=EPILOG)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help="0 picks a free one."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on (0.0.0.0: every interface, e.g. behind a tunnel).",
)
@click.option(
    "--key-file",
    "key_files",
    multiple=True,
    metavar="[KEY_ID=]PEM",
    help="A public key that signs callbacks (repeatable), as 'keys create' saved it.",
)
@click.option("--no-verify", is_flag=True, help="Accept callbacks without checking their signatures.")
@click.option(
    "--max-age", type=click.FloatRange(min=1), metavar="SECONDS", help="Refuse callbacks dated older."
)
@click.option(
    "--public-path",
    metavar="PATH",
    help="The path the API calls, when a proxy in front of this receiver rewrites it.",
)
@click.pass_obj
def listen(  # noqa: PLR0917 - click passes each option as an argument
    state: CliState,
    port: int,
    host: str,
    key_files: tuple[str, ...],
    no_verify: bool,
    max_age: float | None,
    public_path: str | None,
) -> None:
    """Receive callbacks, verify their signatures and print each event as it arrives (Ctrl-C stops).

    Point a webhook or a message's callback_url at this receiver's URL. Callbacks signed with a
    key not given, or not signed, are refused with 401 (and noted on stderr) unless --no-verify.
    """
    if not key_files and not no_verify:
        raise click.UsageError("give --key-file for each key that signs callbacks, or --no-verify")
    if key_files and no_verify:
        raise click.UsageError("--key-file and --no-verify do not go together")
    keys = _key_ids(key_files)
    try:
        import uvicorn

        from messagemedia_messages.callbacks import CallbackASGIApp, CallbackKey
    except ImportError as exc:
        raise CliError(
            f"listen needs uvicorn and cryptography: pip install 'messagemedia-messages[cli]' ({exc})"
        ) from exc
    loaded = {key_id: CallbackKey(pem) for key_id, pem in keys.items()}  # a bad key fails here, not later
    app = CallbackASGIApp(
        _Printer(state),
        keys=loaded or None,
        verify=not no_verify,
        max_age=max_age,
        public_target=public_path,
    )
    _log_refusals()
    sock = _bind(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    how = (
        f"verifying with {len(loaded)} key(s): {', '.join(loaded)}" if loaded else "NOT verifying signatures"
    )
    state.out.note(f"listening on http://{shown}:{bound_port}/ ({how}); Ctrl-C stops")
    config = uvicorn.Config(app, http="h11", lifespan="off", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        # uvicorn shuts down on Ctrl-C and then raises the signal again for the program to see; a
        # Ctrl-C before it took over the signal lands here too. Either way, stopping is the answer.
        pass
    finally:
        sock.close()
    state.out.note("stopped")
