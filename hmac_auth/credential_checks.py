"""Whether an API key or secret can be sent at all, checked when a client is built."""

from .errors import InvalidCredentialsError

__all__ = ["check_credential"]


def check_credential(field: str, value: object) -> None:
    """Refuse a key or secret that no request could carry; the message names ``field``, never the value.

    Keys and secrets are printable ASCII: the key travels inside the ``Authorization`` header, and a
    stray character (a non-breaking space or a curly quote pasted from a web page, a newline read
    from a file) would otherwise fail every request with a 401, or an encoding error, far from its cause.
    """
    if not isinstance(value, str):
        raise InvalidCredentialsError(field, f"must be a str, not {type(value).__name__}")
    if not value:
        raise InvalidCredentialsError(field, "must not be empty")
    if value != value.strip():
        raise InvalidCredentialsError(field, "starts or ends with white space (a pasted newline?); strip it")
    for position, char in enumerate(value, 1):
        if not " " <= char <= "~":
            kind = "a control character" if char.isascii() else "a non-ASCII character"
            raise InvalidCredentialsError(
                field, f"has {kind} at position {position}; keys and secrets are printable ASCII"
            )
    if field == "api_key" and any(char in value for char in '":'):
        # The key is quoted inside the HMAC header and joined with ':' for Basic.
        raise InvalidCredentialsError(field, "must not contain '\"' or ':'")
