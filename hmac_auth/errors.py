"""Errors raised while setting up authentication. None of their messages ever carries a secret."""

from messagemedia_runtime.errors import ConfigurationError, MessageMediaError

API_KEY_ENV = "MESSAGEMEDIA_API_KEY"
API_SECRET_ENV = "MESSAGEMEDIA_API_SECRET"  # noqa: S105 - the variable's name, not a secret


class MissingCredentialsError(ConfigurationError):
    """No API key or no API secret was given, neither as an argument nor in the environment."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing
        names = {"api_key": API_KEY_ENV, "api_secret": API_SECRET_ENV}
        wanted = " and ".join(f"{name} (or the environment variable {names[name]})" for name in missing)
        super().__init__(f"MessageMedia credentials are missing: pass {wanted}")


class InvalidCredentialsError(ConfigurationError, TypeError):
    """An API key or secret that cannot be sent: not text, empty, or with characters no header can carry.

    ``field`` names which one (``api_key`` or ``api_secret``); the value is never shown.
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"{field} {problem}")


class CredentialsNotPicklableError(MessageMediaError, TypeError):
    """An auth object holds an API secret: pickling would copy it into a cache, a queue or a dump."""
