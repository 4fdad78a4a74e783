"""The Python SDK for the MessageMedia (Sinch Engage) Messages API: SMS, MMS and text-to-voice.

Quickstart (credentials from ``MESSAGEMEDIA_API_KEY`` and ``MESSAGEMEDIA_API_SECRET``)::

    from messagemedia_messages import MessageMedia

    client = MessageMedia()
    sent = client.messages.send(messages=[{"content": "Hello", "destination_number": "+61491570156"}])
    print(sent.messages[0].message_id, sent.messages[0].status)

``AsyncMessageMedia`` is the same for asyncio. Every error derives from ``MessageMediaError``
(``messagemedia_messages.errors``). Models are in ``messagemedia_messages.models``; the lower
layer, one module per operation with ``sync``/``asyncio`` functions that take a ``Client`` from
``create_client``, is in ``messagemedia_messages.api``.

This package is generated from openapi.yaml by openapi-python-client with the project's templates
(``make generate``); change those, never these files.
"""

from messagemedia_runtime.errors import ConfigurationError, MessageMediaError
from messagemedia_runtime.retry import RetryPolicy

from .client import (
    DEFAULT_BASE_URL,
    REGIONS,
    AsyncMessageMedia,
    AuthenticatedClient,
    Client,
    MessageMedia,
    __version__,
    create_client,
)

__all__ = (
    "DEFAULT_BASE_URL",
    "REGIONS",
    "AsyncMessageMedia",
    "AuthenticatedClient",
    "Client",
    "ConfigurationError",
    "MessageMedia",
    "MessageMediaError",
    "RetryPolicy",
    "__version__",
    "create_client",
)
