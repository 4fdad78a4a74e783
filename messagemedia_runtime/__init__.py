"""The core the generated ``messagemedia_messages`` package runs on.

Errors, request validation, retries, timeouts, deadlines, connections, and the batching and
draining engines. It never imports the generated package: the generated code hands down what it
knows (an ``Operation`` per endpoint, the calls a batch or a drain makes). Names are imported on
first use, so importing the client stays cheap.
"""

import importlib
import logging
from typing import TYPE_CHECKING, Any

# A library's records go where the application sends them; without a handler of the application's,
# Python would print warnings to stderr on its own.
logging.getLogger("messagemedia").addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from .batching import (
        BatchFailure,
        BatchProgress,
        BatchResult,
        BatchSendError,
        BatchSkippedError,
    )
    from .draining import DrainError, DrainFailure, DrainResult
    from .errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConfigurationError,
        ConflictError,
        DeadlineExceededError,
        MalformedResponseError,
        MessageMediaError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        RequestValidationError,
        SendOutcomeUnknownError,
        ServerError,
        TransportError,
        UnexpectedStatusError,
        UnprocessableEntityError,
        raise_for_status,
    )
    from .retry import RetryPolicy
    from .timeouts import DEFAULT_TIMEOUT

# Public name -> the submodule that defines it, imported on first access (PEP 562).
_EXPORTS: dict[str, str] = {
    "BatchFailure": "batching",
    "BatchProgress": "batching",
    "BatchResult": "batching",
    "BatchSendError": "batching",
    "BatchSkippedError": "batching",
    "DrainError": "draining",
    "DrainFailure": "draining",
    "DrainResult": "draining",
    "ConfigurationError": "errors",
    "ConflictError": "errors",
    "DeadlineExceededError": "errors",
    "APIConnectionError": "errors",
    "APIStatusError": "errors",
    "APITimeoutError": "errors",
    "AuthenticationError": "errors",
    "BadRequestError": "errors",
    "MalformedResponseError": "errors",
    "MessageMediaError": "errors",
    "NotFoundError": "errors",
    "PermissionDeniedError": "errors",
    "RateLimitError": "errors",
    "RequestValidationError": "errors",
    "SendOutcomeUnknownError": "errors",
    "ServerError": "errors",
    "TransportError": "errors",
    "UnexpectedStatusError": "errors",
    "UnprocessableEntityError": "errors",
    "raise_for_status": "errors",
    "RetryPolicy": "retry",
    "DEFAULT_TIMEOUT": "timeouts",
}

__all__ = [
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BatchFailure",
    "BatchProgress",
    "BatchResult",
    "BatchSendError",
    "BatchSkippedError",
    "ConfigurationError",
    "ConflictError",
    "DeadlineExceededError",
    "DrainError",
    "DrainFailure",
    "DrainResult",
    "MalformedResponseError",
    "MessageMediaError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestValidationError",
    "RetryPolicy",
    "SendOutcomeUnknownError",
    "ServerError",
    "TransportError",
    "UnexpectedStatusError",
    "UnprocessableEntityError",
    "raise_for_status",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
