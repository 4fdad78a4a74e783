"""Every exception this package raises on purpose; all derive from ``MessageMediaError``.

The API's answers and the client's own checks (``messagemedia_runtime.errors``), batched sends
(``BatchSendError``, raised by ``BatchResult.raise_if_failed()``), drains (``DrainError``) and
credentials (``MissingCredentialsError``, ``InvalidCredentialsError``), in one place to import from.

Generated from templates/errors.py.jinja. Do not edit.
"""

from hmac_auth.errors import CredentialsNotPicklableError, InvalidCredentialsError, MissingCredentialsError
from messagemedia_runtime.batching import (
    BatchInterruptedError,
    BatchSendError,
    BatchSkippedError,
    UnmatchedAnswerError,
)
from messagemedia_runtime.draining import DrainError
from messagemedia_runtime.errors import *  # noqa: F403
from messagemedia_runtime.errors import __all__ as _runtime_all

__all__ = [
    *_runtime_all,
    "BatchInterruptedError",
    "BatchSendError",
    "BatchSkippedError",
    "CredentialsNotPicklableError",
    "DrainError",
    "InvalidCredentialsError",
    "MissingCredentialsError",
    "UnmatchedAnswerError",
]
