"""``messagemedia listen``: a local receiver that verifies signed callbacks and prints each event."""

from __future__ import annotations

import click

from ..errors import CliError


@click.command(epilog="Example: messagemedia listen --port 8080 --key-file messagemedia-key-<key_id>.pem")
@click.option("--port", type=int, default=8080, show_default=True)
def listen(port: int) -> None:
    """Receive callbacks on PORT, verify their signatures and print each event."""
    raise CliError("listen is not available yet")
