"""Authentication for the MessageMedia Messages API, and the factory for ready-to-use clients.

``create_client`` builds the client the generated functions in ``messagemedia_messages.api``
take. ``HmacAuth`` and ``BasicAuth`` are plain ``httpx.Auth`` classes, usable with any httpx
client; ``signing_headers`` is the signature scheme itself, as a pure function.
"""

from .auth import BasicAuth, HmacAuth
from .dates import format_imf_fixdate, utc_now
from .errors import API_KEY_ENV, API_SECRET_ENV, BASE_URL_ENV, MissingCredentialsError
from .factory import DEFAULT_BASE_URL, create_client
from .signing import ALGORITHMS, DEFAULT_ALGORITHM, content_md5, sign, signing_headers, signing_string

__all__ = [
    "ALGORITHMS",
    "API_KEY_ENV",
    "API_SECRET_ENV",
    "BASE_URL_ENV",
    "DEFAULT_ALGORITHM",
    "DEFAULT_BASE_URL",
    "BasicAuth",
    "HmacAuth",
    "MissingCredentialsError",
    "content_md5",
    "create_client",
    "format_imf_fixdate",
    "sign",
    "signing_headers",
    "signing_string",
    "utc_now",
]
