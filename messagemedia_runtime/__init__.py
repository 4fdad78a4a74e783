"""Hand-written support for the generated ``messagemedia_messages`` package.

Errors, request validation, retries, timeouts, batching and draining. The generated client imports
this package, so only its dependency-free ``types`` module is imported here at import time; the
endpoint modules are imported on first use.
"""

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
