"""Hand-written support for the generated ``messagemedia_messages`` package.

Errors, request validation, retries, timeouts, batching and draining. The generated client imports
this package, so only its dependency-free ``types`` module is imported here at import time; the
endpoint modules are imported on first use.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batching import (
        BatchFailure,
        BatchResult,
        BatchSendError,
        BatchSkippedError,
        asend_in_batches,
        send_in_batches,
    )
    from .draining import (
        DrainError,
        DrainFailure,
        DrainResult,
        adrain_delivery_reports,
        adrain_replies,
        drain_delivery_reports,
        drain_replies,
    )
    from .errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
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
    "BatchResult": "batching",
    "BatchSendError": "batching",
    "BatchSkippedError": "batching",
    "asend_in_batches": "batching",
    "send_in_batches": "batching",
    "DrainError": "draining",
    "DrainFailure": "draining",
    "DrainResult": "draining",
    "adrain_delivery_reports": "draining",
    "adrain_replies": "draining",
    "drain_delivery_reports": "draining",
    "drain_replies": "draining",
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
    "BatchResult",
    "BatchSendError",
    "BatchSkippedError",
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
    "adrain_delivery_reports",
    "adrain_replies",
    "asend_in_batches",
    "drain_delivery_reports",
    "drain_replies",
    "raise_for_status",
    "send_in_batches",
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
