"""Errors raised while setting up authentication. None of their messages ever carries a secret."""

API_KEY_ENV = "MESSAGEMEDIA_API_KEY"
API_SECRET_ENV = "MESSAGEMEDIA_API_SECRET"  # noqa: S105 - the variable's name, not a secret
BASE_URL_ENV = "MESSAGEMEDIA_BASE_URL"


class MissingCredentialsError(ValueError):
    """No API key or no API secret was given, neither as an argument nor in the environment."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        self.missing = missing
        names = {"api_key": API_KEY_ENV, "api_secret": API_SECRET_ENV}
        wanted = " and ".join(f"{name} (or the environment variable {names[name]})" for name in missing)
        super().__init__(f"MessageMedia credentials are missing: pass {wanted}")
