"""RSA keys that sign the callbacks the API makes, so that a receiver can check a callback
really came from the API. Accounts need the secure callbacks feature (otherwise 403).


``SignatureKeysResource`` and ``AsyncSignatureKeysResource`` are ``client.signature_keys`` on ``MessageMedia`` and
``AsyncMessageMedia``. The modules of this package hold the lower layer: one module per operation,
each with ``sync``, ``sync_detailed``, ``asyncio`` and ``asyncio_detailed`` functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast
from uuid import UUID

from messagemedia_runtime.paging import AsyncPager, Page, Paging

from ...types import UNSET, Unset

DEFAULT_PAGE_SIZE = 100
"""The page size asked for when the API requires one and the caller gave none."""
PAGING_LIST_SIGNATURE_KEYS = Paging(
    operation="list_signature_keys",
    style="page",
    first_page=1,
    size_field=None,
    next_token=None,
    next_uri=None,
    token_param=None,
)

if TYPE_CHECKING:
    from ...client import Client
    from ...models.created_signature_key import CreatedSignatureKey
    from ...models.signature_key import SignatureKey
    from ...models.signature_key_cipher import SignatureKeyCipher
    from ...models.signature_key_digest import SignatureKeyDigest


class SignatureKeysResource:
    """``client.signature_keys`` of ``MessageMedia``.

    RSA keys that sign the callbacks the API makes, so that a receiver can check a callback
    really came from the API. Accounts need the secure callbacks feature (otherwise 403).
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def create(
        self,
        *,
        digest: SignatureKeyDigest | Literal["SHA224", "SHA256", "SHA512"],
        cipher: SignatureKeyCipher | Literal["RSA"],
        deadline: float | None = None,
    ) -> CreatedSignatureKey:
        """Create a signature key

        Makes a new RSA key pair for signing callbacks and returns its public half, `public_key`.
        This is the only answer that carries the public key: store it, since verifying callbacks
        needs it. The new key is not enabled; enable it with `enable_signature_key`. A repeated
        create makes a second key, so the client never retries one after a request that may have
        reached the API.

        The API declares a required `Accept` header on this operation. OpenAPI does not let a
        document describe `Accept` as a parameter, and every HTTP client sends one; answers are
        `application/json`.

        Calls ``messagemedia_messages.api.signature_keys.create_signature_key``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import create_signature_key

        kwargs = create_signature_key._get_kwargs(
            body={
                "digest": digest,
                "cipher": cipher,
            },
        )
        return create_signature_key._call_sync(self._client, kwargs, deadline)

    def delete(
        self,
        key_id: UUID | str,
        *,
        deadline: float | None = None,
    ) -> None:
        """Delete a signature key

        Deletes a key for good. Repeating a delete does no harm, so the client retries it after a
        lost answer; a repeat of a delete that already took effect is answered with 404.

        Calls ``messagemedia_messages.api.signature_keys.delete_signature_key``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import delete_signature_key

        kwargs = delete_signature_key._get_kwargs(
            key_id,
        )
        return delete_signature_key._call_sync(self._client, kwargs, deadline)

    def disable(
        self,
        *,
        deadline: float | None = None,
    ) -> None:
        """Disable the enabled signature key

        Stops signing callbacks: the enabled key, if any, is disabled. The answer is 204 also when
        no key was enabled, so the call is safe to repeat.

        Calls ``messagemedia_messages.api.signature_keys.disable_signature_key``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import disable_signature_key

        kwargs = disable_signature_key._get_kwargs()
        return disable_signature_key._call_sync(self._client, kwargs, deadline)

    def enable(
        self,
        *,
        key_id: UUID | str,
        deadline: float | None = None,
    ) -> SignatureKey:
        """Enable a signature key

        Makes `key_id` the key that signs callbacks. Only one key is enabled at a time: enabling
        one disables the one enabled before. Enabling the same key again changes nothing, so the
        client retries this call after a lost answer.

        The API declares a required `Accept` header here too; see `create_signature_key`.

        Calls ``messagemedia_messages.api.signature_keys.enable_signature_key``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import enable_signature_key

        kwargs = enable_signature_key._get_kwargs(
            body={
                "key_id": key_id,
            },
        )
        return enable_signature_key._call_sync(self._client, kwargs, deadline)

    def get_enabled(
        self,
        *,
        deadline: float | None = None,
    ) -> SignatureKey:
        """Get the enabled signature key

        Returns the key that signs callbacks now. At most one key is enabled at a time; when none
        is, the API answers 404.

        Calls ``messagemedia_messages.api.signature_keys.get_enabled_signature_key``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import get_enabled_signature_key

        kwargs = get_enabled_signature_key._get_kwargs()
        return get_enabled_signature_key._call_sync(self._client, kwargs, deadline)

    def get(
        self,
        key_id: UUID | str,
        *,
        deadline: float | None = None,
    ) -> SignatureKey:
        """Get a signature key

        Returns one key, without its public key (that comes only with the create answer).

        Calls ``messagemedia_messages.api.signature_keys.get_signature_key``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import get_signature_key

        kwargs = get_signature_key._get_kwargs(
            key_id,
        )
        return get_signature_key._call_sync(self._client, kwargs, deadline)

    def list(
        self,
        *,
        page: int | Unset = UNSET,
        page_size: int | Unset = UNSET,
        deadline: float | None = None,
    ) -> Page[SignatureKey, list[SignatureKey]]:
        """List signature keys

        Returns one page of the account's signature keys as a bare JSON array, without their
        public keys. Pages are numbered from 1, and the API requires both `page` and `page_size`.
        The API types both as strings; this document types them as integers, which put the same
        digits on the wire. A page shorter than `page_size` is the last one.

        Pages itself: iterating the answer yields every item of every page, each page fetched when
        reached. The answer is the first page (``.items``, ``.response``, ``.has_next_page()``,
        ``.next_page()``, ``.iter_pages()``) for paging by hand.
        Calls ``messagemedia_messages.api.signature_keys.list_signature_keys``.
        ``deadline``: seconds each request may take in all, retries included (None: the client's).
        """

        from . import list_signature_keys

        client = self._client

        def fetch(cursor: int | str | None) -> list[SignatureKey]:
            kwargs = list_signature_keys._get_kwargs(
                page=cast(int, cursor) if cursor is not None else 1,
                page_size=page_size if not isinstance(page_size, Unset) else DEFAULT_PAGE_SIZE,
            )
            return list_signature_keys._call_sync(client, kwargs, deadline)

        def items(answer: list[SignatureKey]) -> object:
            return answer

        start: int | str | None = 1 if isinstance(page, Unset) else page
        return Page(PAGING_LIST_SIGNATURE_KEYS, fetch, items, start)


class AsyncSignatureKeysResource:
    """``client.signature_keys`` of ``AsyncMessageMedia``; every method is a coroutine.

    RSA keys that sign the callbacks the API makes, so that a receiver can check a callback
    really came from the API. Accounts need the secure callbacks feature (otherwise 403).
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    async def create(
        self,
        *,
        digest: SignatureKeyDigest | Literal["SHA224", "SHA256", "SHA512"],
        cipher: SignatureKeyCipher | Literal["RSA"],
        deadline: float | None = None,
    ) -> CreatedSignatureKey:
        """Create a signature key

        Makes a new RSA key pair for signing callbacks and returns its public half, `public_key`.
        This is the only answer that carries the public key: store it, since verifying callbacks
        needs it. The new key is not enabled; enable it with `enable_signature_key`. A repeated
        create makes a second key, so the client never retries one after a request that may have
        reached the API.

        The API declares a required `Accept` header on this operation. OpenAPI does not let a
        document describe `Accept` as a parameter, and every HTTP client sends one; answers are
        `application/json`.

        Calls ``messagemedia_messages.api.signature_keys.create_signature_key``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import create_signature_key

        kwargs = create_signature_key._get_kwargs(
            body={
                "digest": digest,
                "cipher": cipher,
            },
        )
        return await create_signature_key._call_async(self._client, kwargs, deadline)

    async def delete(
        self,
        key_id: UUID | str,
        *,
        deadline: float | None = None,
    ) -> None:
        """Delete a signature key

        Deletes a key for good. Repeating a delete does no harm, so the client retries it after a
        lost answer; a repeat of a delete that already took effect is answered with 404.

        Calls ``messagemedia_messages.api.signature_keys.delete_signature_key``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import delete_signature_key

        kwargs = delete_signature_key._get_kwargs(
            key_id,
        )
        return await delete_signature_key._call_async(self._client, kwargs, deadline)

    async def disable(
        self,
        *,
        deadline: float | None = None,
    ) -> None:
        """Disable the enabled signature key

        Stops signing callbacks: the enabled key, if any, is disabled. The answer is 204 also when
        no key was enabled, so the call is safe to repeat.

        Calls ``messagemedia_messages.api.signature_keys.disable_signature_key``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import disable_signature_key

        kwargs = disable_signature_key._get_kwargs()
        return await disable_signature_key._call_async(self._client, kwargs, deadline)

    async def enable(
        self,
        *,
        key_id: UUID | str,
        deadline: float | None = None,
    ) -> SignatureKey:
        """Enable a signature key

        Makes `key_id` the key that signs callbacks. Only one key is enabled at a time: enabling
        one disables the one enabled before. Enabling the same key again changes nothing, so the
        client retries this call after a lost answer.

        The API declares a required `Accept` header here too; see `create_signature_key`.

        Calls ``messagemedia_messages.api.signature_keys.enable_signature_key``.
        Request fields are keyword arguments that take models or their plain form (dicts, strings for
        enums, ``UUID``/``str`` for IDs).
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import enable_signature_key

        kwargs = enable_signature_key._get_kwargs(
            body={
                "key_id": key_id,
            },
        )
        return await enable_signature_key._call_async(self._client, kwargs, deadline)

    async def get_enabled(
        self,
        *,
        deadline: float | None = None,
    ) -> SignatureKey:
        """Get the enabled signature key

        Returns the key that signs callbacks now. At most one key is enabled at a time; when none
        is, the API answers 404.

        Calls ``messagemedia_messages.api.signature_keys.get_enabled_signature_key``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import get_enabled_signature_key

        kwargs = get_enabled_signature_key._get_kwargs()
        return await get_enabled_signature_key._call_async(self._client, kwargs, deadline)

    async def get(
        self,
        key_id: UUID | str,
        *,
        deadline: float | None = None,
    ) -> SignatureKey:
        """Get a signature key

        Returns one key, without its public key (that comes only with the create answer).

        Calls ``messagemedia_messages.api.signature_keys.get_signature_key``.
        ``deadline``: seconds this call may take in all, retries included (None: the client's).
        """

        from . import get_signature_key

        kwargs = get_signature_key._get_kwargs(
            key_id,
        )
        return await get_signature_key._call_async(self._client, kwargs, deadline)

    def list(
        self,
        *,
        page: int | Unset = UNSET,
        page_size: int | Unset = UNSET,
        deadline: float | None = None,
    ) -> AsyncPager[SignatureKey, list[SignatureKey]]:
        """List signature keys

        Returns one page of the account's signature keys as a bare JSON array, without their
        public keys. Pages are numbered from 1, and the API requires both `page` and `page_size`.
        The API types both as strings; this document types them as integers, which put the same
        digits on the wire. A page shorter than `page_size` is the last one.

        Pages itself: ``async for item in client.signature_keys.list()`` yields every
        item of every page, each page fetched when reached; ``await`` it for the first page (an
        ``AsyncPage``: ``.items``, ``.response``, ``await .next_page()``) to page by hand.
        Calls ``messagemedia_messages.api.signature_keys.list_signature_keys``.
        ``deadline``: seconds each request may take in all, retries included (None: the client's).
        """

        from . import list_signature_keys

        client = self._client

        async def fetch(cursor: int | str | None) -> list[SignatureKey]:
            kwargs = list_signature_keys._get_kwargs(
                page=cast(int, cursor) if cursor is not None else 1,
                page_size=page_size if not isinstance(page_size, Unset) else DEFAULT_PAGE_SIZE,
            )
            return await list_signature_keys._call_async(client, kwargs, deadline)

        def items(answer: list[SignatureKey]) -> object:
            return answer

        start: int | str | None = 1 if isinstance(page, Unset) else page
        return AsyncPager(PAGING_LIST_SIGNATURE_KEYS, fetch, items, start)


__all__ = ["AsyncSignatureKeysResource", "SignatureKeysResource"]
