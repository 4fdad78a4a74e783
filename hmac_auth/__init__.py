"""Authentication for the MessageMedia Messages API: HMAC request signing and HTTP Basic, as httpx.Auth.

``HmacAuth`` and ``BasicAuth`` are plain ``httpx.Auth`` classes, usable with any httpx client;
``signing_headers`` is the signature scheme itself, as a pure function; ``resolve_credentials``
and ``make_auth`` are what ``messagemedia_messages.MessageMedia`` builds its signing from.
"""

from .auth import BasicAuth, HmacAuth
from .credential_checks import check_credential
from .credentials import make_auth, resolve_credentials
from .dates import format_imf_fixdate, utc_now
from .errors import API_KEY_ENV, API_SECRET_ENV, InvalidCredentialsError, MissingCredentialsError
from .signing import ALGORITHMS, DEFAULT_ALGORITHM, content_md5, sign, signing_headers, signing_string

__all__ = [
    "ALGORITHMS",
    "API_KEY_ENV",
    "API_SECRET_ENV",
    "DEFAULT_ALGORITHM",
    "BasicAuth",
    "HmacAuth",
    "InvalidCredentialsError",
    "MissingCredentialsError",
    "check_credential",
    "content_md5",
    "format_imf_fixdate",
    "make_auth",
    "resolve_credentials",
    "sign",
    "signing_headers",
    "signing_string",
    "utc_now",
]
