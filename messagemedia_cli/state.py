"""What every command shares: the global options, the client made from them, and the output."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from messagemedia_messages import MessageMedia

    from .output import Output


@dataclass(frozen=True, slots=True)
class Settings:
    """The global options of ``messagemedia``."""

    region: str | None
    base_url: str | None
    account: str | None
    basic: bool
    json_lines: bool
    debug: bool


class CliState:
    """Made by the root command; commands reach it with ``@click.pass_obj``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: MessageMedia | None = None
        self._output: Output | None = None

    def client(self) -> MessageMedia:
        """The client, made on first use (credentials from the environment) and closed at exit.

        A bad setting (no credentials, an unknown region) raises the client's ConfigurationError,
        which the root command prints as one line.
        """
        if self._client is None:
            from messagemedia_messages import MessageMedia

            settings = self.settings
            self._client = MessageMedia(
                hmac=not settings.basic,
                region=settings.region,
                base_url=settings.base_url,
                account=settings.account,
            )
            click.get_current_context().find_root().call_on_close(self._client.close)
        return self._client

    @property
    def out(self) -> Output:
        if self._output is None:
            from .output import Output

            self._output = Output(json_lines=self.settings.json_lines)
        return self._output
