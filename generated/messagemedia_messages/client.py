"""``MessageMedia`` and ``AsyncMessageMedia``, the client objects, and ``Client``, the lower layer.

Generated from templates/client.py.jinja and openapi.yaml. Do not edit. ``MessageMedia`` has one
resource per tag of the spec (``client.messages``, ``client.replies``...) and one method per
operation. ``Client`` is what the endpoint functions in ``messagemedia_messages.api`` take;
``create_client`` builds one with credentials, region, sub-account, timeouts and retries wired in.
"""

from __future__ import annotations

import ssl
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar

import httpx
from attrs import define, evolve, field
from hmac_auth.credentials import make_auth, resolve_credentials
from hmac_auth.signing import DEFAULT_ALGORITHM
from messagemedia_runtime.connections import Connections
from messagemedia_runtime.errors import ConfigurationError
from messagemedia_runtime.retry import RetryPolicy
from messagemedia_runtime.settings import DEFAULT_ACCEPT, check_account, resolve_base_url, resolve_timeout
from messagemedia_runtime.timeouts import DEFAULT_TIMEOUT
from messagemedia_runtime.unset import UNSET, Unset

if TYPE_CHECKING:
    from .api.delivery_reports import AsyncDeliveryReportsResource, DeliveryReportsResource
    from .api.messages import AsyncMessagesResource, MessagesResource
    from .api.number_authorisation import AsyncNumberAuthorisationResource, NumberAuthorisationResource
    from .api.replies import AsyncRepliesResource, RepliesResource
    from .api.signature_keys import AsyncSignatureKeysResource, SignatureKeysResource
    from .api.webhooks import AsyncWebhooksResource, WebhooksResource

__version__ = "1.0.0"
DEFAULT_BASE_URL = "https://api.messagemedia.com"
"""Where requests go unless ``region`` or ``base_url`` (or their environment variables) say otherwise."""
REGIONS: dict[str, str] = {
    "au": "https://au.app.api.sinch.com",
    "eu": "https://eu.app.api.sinch.com",
}
"""The regions of openapi.yaml's servers (``x-region``) and their base URLs."""
USER_AGENT = f"messagemedia-messages/{__version__} (python; httpx)"


@define
class Client:
    """Settings shared by every request, and the httpx clients (sync and async) built from them.

    ``base_url``: where the API lives; every request path is relative to it.

    ``headers`` / ``cookies``: sent with every request.

    ``timeout``: an ``httpx.Timeout`` per phase (connect, read, write, pool); defaults to
    ``messagemedia_runtime.timeouts.DEFAULT_TIMEOUT``.

    ``verify_ssl``, ``follow_redirects``: passed to httpx. Redirects are followed only for
    operations that are safe to repeat, and only when this is True (see messagemedia_runtime.transport).

    ``httpx_args``: any other keyword for ``httpx.Client`` / ``httpx.AsyncClient`` (``auth``, ``transport``...).

    ``retry``: which failures are retried, how often and how long to wait (``RetryPolicy``).

    ``deadline``: seconds one call may take in all, attempts and waits included (None: no limit).

    ``account``: the sub-account every request acts for (the ``Account`` header), unless a call names another.
    """

    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers")
    _timeout: httpx.Timeout = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    retry: RetryPolicy = field(factory=RetryPolicy, kw_only=True)
    """How failed requests are retried; ``RetryPolicy(max_retries=0)`` turns retries off."""
    deadline: float | None = field(default=None, kw_only=True)
    """Seconds one call may take in all, retries and their waits included; None for no limit."""
    account: str | None = field(default=None, kw_only=True)
    """The sub-account requests act for unless a call names another (the ``Account`` header)."""
    auth: httpx.Auth | None = field(default=None, kw_only=True)
    """Signs every request (``HmacAuth`` or ``BasicAuth``), whichever httpx client sends it."""
    _given_http: bool = field(default=False, init=False, repr=False)
    _connections: Connections = field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._connections = Connections(self._build_httpx_client, self._build_async_httpx_client)

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._timeout

    @property
    def follow_redirects(self) -> bool:
        return self._follow_redirects

    @property
    def url_prefix(self) -> str:
        """Put before each request's path: the base URL when a caller's httpx client (which may
        have another base URL, or none) sends the requests; empty for the clients built here."""
        return self._base_url if self._given_http else ""

    def _sharing(self, **changes: Any) -> Self:
        """A copy with other per-request settings that shares this client's connections."""
        clone = evolve(self, **changes)
        clone._connections = self._connections
        clone._given_http = self._given_http
        return clone

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A new client like this one with more headers (the httpx clients are not shared)."""
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A new client like this one with more cookies (the httpx clients are not shared)."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """A new client like this one with another timeout; it shares the httpx clients."""
        return self._sharing(timeout=timeout)

    def with_retry(self, retry: RetryPolicy) -> Self:
        """A new client like this one with another retry policy; it shares the httpx clients."""
        return self._sharing(retry=retry)

    def with_deadline(self, deadline: float | None) -> Self:
        """A new client like this one with another total deadline per call; it shares the httpx clients."""
        return self._sharing(deadline=deadline)

    def with_account(self, account: str | None) -> Self:
        """A new client like this one acting for another sub-account; it shares the httpx clients."""
        return self._sharing(account=check_account(account))

    def with_options(
        self,
        *,
        account: str | None | Unset = UNSET,
        timeout: float | httpx.Timeout | Unset = UNSET,
        retry: RetryPolicy | Unset = UNSET,
        deadline: float | None | Unset = UNSET,
    ) -> Self:
        """A new client like this one with the options given changed; it shares the httpx clients."""
        changes: dict[str, Any] = {}
        if not isinstance(account, Unset):
            changes["account"] = check_account(account)
        if not isinstance(timeout, Unset):
            changes["timeout"] = resolve_timeout(timeout, self._timeout)
        if not isinstance(retry, Unset):
            changes["retry"] = _checked_retry(retry)
        if not isinstance(deadline, Unset):
            changes["deadline"] = _checked_deadline(deadline)
        return self._sharing(**changes)

    def _build_httpx_client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self._base_url,
            cookies=self._cookies,
            headers=self._headers,
            timeout=self._timeout,
            verify=self._verify_ssl,
            follow_redirects=self._follow_redirects,
            **self._httpx_args,
        )

    def _build_async_httpx_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self._base_url,
            cookies=self._cookies,
            headers=self._headers,
            timeout=self._timeout,
            verify=self._verify_ssl,
            follow_redirects=self._follow_redirects,
            **self._httpx_args,
        )

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use this httpx.Client for sync calls (its transport, proxies, pool limits); requests still
        go to ``base_url`` and are signed with ``auth``."""
        self._connections.use_sync(client)
        self._given_http = True
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The httpx.Client for sync calls, built on first use (and again in a forked child)."""
        return self._connections.sync()

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use this httpx.AsyncClient for async calls; requests still go to ``base_url`` and are signed with ``auth``."""
        self._connections.use_async(async_client)
        self._given_http = True
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The httpx.AsyncClient for async calls in the running event loop, built on first use there."""
        return self._connections.asynchronous()

    def close(self) -> None:
        """Close the sync httpx client, if one was built."""
        self._connections.close()

    async def aclose(self) -> None:
        """Close the async httpx client, if one was built."""
        await self._connections.aclose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        await self.aclose()


AuthenticatedClient = Client
"""Every operation needs credentials, and they travel in ``httpx_args["auth"]``; the generated
signatures name ``AuthenticatedClient``, which is this same class."""


def _checked_retry(retry: RetryPolicy | None) -> RetryPolicy:
    if retry is None:
        return RetryPolicy()
    if not isinstance(retry, RetryPolicy):
        raise ConfigurationError("retry must be a messagemedia_runtime.RetryPolicy (or None for the default)")
    return retry


def _checked_deadline(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    if isinstance(deadline, bool) or not isinstance(deadline, int | float) or not 0 < deadline < float("inf"):
        raise ConfigurationError("deadline must be a positive number of seconds (or None for no limit)")
    return float(deadline)


# The generated Client hands these to httpx itself; given again through httpx_args they would
# collide at the first request, far from the call that caused it, so they are refused here.
_RESERVED_HTTPX_ARGS = frozenset({"auth", "base_url", "cookies", "follow_redirects", "headers", "timeout", "verify"})


def create_client(
    api_key: str | None = None,
    api_secret: str | None = None,
    *,
    hmac: bool = True,
    algorithm: str = DEFAULT_ALGORITHM,
    region: str | None = None,
    base_url: str | None = None,
    account: str | None = None,
    timeout: float | httpx.Timeout | None = None,
    retry: RetryPolicy | None = None,
    deadline: float | None = None,
    headers: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
    verify_ssl: str | bool | ssl.SSLContext = True,
    follow_redirects: bool = False,
    **httpx_args: Any,
) -> Client:
    """The ``Client`` every function in ``messagemedia_messages.api`` takes, with everything wired in.

    Credentials: ``api_key`` and ``api_secret``, each falling back to ``MESSAGEMEDIA_API_KEY`` /
    ``MESSAGEMEDIA_API_SECRET``. ``hmac=True`` (the default) signs every request with ``algorithm``
    (``"hmac-sha1"`` or ``"hmac-sha256"``); ``hmac=False`` sends HTTP Basic instead.

    Where: ``base_url``, or ``region`` (au, eu),
    else ``MESSAGEMEDIA_BASE_URL`` or ``MESSAGEMEDIA_REGION``, else https://api.messagemedia.com.
    ``account``: a sub-account ID sent as the ``Account`` header on every request.
    ``timeout``: seconds or an ``httpx.Timeout`` per phase; ``deadline``: seconds a whole call may
    take, retries included; ``retry``: a ``RetryPolicy``. Other keywords (``transport``,
    ``event_hooks``, ``proxy``...) go to the httpx clients.

    Every setting is checked here: a wrong one raises a ``ConfigurationError`` before any request.
    """
    reserved = sorted(_RESERVED_HTTPX_ARGS.intersection(httpx_args))
    if reserved:
        raise ConfigurationError(
            f"create_client() does not take {', '.join(reserved)} as httpx arguments; use its own"
            " parameters (api_key/api_secret for auth, base_url, timeout, headers, cookies, verify_ssl,"
            " follow_redirects)"
        )
    key, secret = resolve_credentials(api_key, api_secret)
    return Client(
        base_url=resolve_base_url(base_url, region, regions=REGIONS, default=DEFAULT_BASE_URL),
        headers={"User-Agent": USER_AGENT, "Accept": DEFAULT_ACCEPT, **(headers or {})},
        cookies=dict(cookies or {}),
        timeout=resolve_timeout(timeout, DEFAULT_TIMEOUT),
        verify_ssl=verify_ssl,
        follow_redirects=follow_redirects,
        httpx_args=httpx_args,
        retry=_checked_retry(retry),
        deadline=_checked_deadline(deadline),
        account=check_account(account),
        auth=make_auth(key, secret, hmac=hmac, algorithm=algorithm),
    )


H = TypeVar("H", httpx.Client, httpx.AsyncClient)


class _ClientObject(Generic[H]):
    """What ``MessageMedia`` and ``AsyncMessageMedia`` share: settings, options and the lower ``Client``."""

    _client: Client
    _http_client_type: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]

    def __init__(
        self,
        api_key: str | None = None,
        api_secret: str | None = None,
        *,
        hmac: bool = True,
        algorithm: str = DEFAULT_ALGORITHM,
        region: str | None = None,
        base_url: str | None = None,
        account: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        retry: RetryPolicy | None = None,
        deadline: float | None = None,
        follow_redirects: bool = False,
        http_client: H | None = None,
    ) -> None:
        client = create_client(
            api_key,
            api_secret,
            hmac=hmac,
            algorithm=algorithm,
            region=region,
            base_url=base_url,
            account=account,
            timeout=timeout,
            retry=retry,
            deadline=deadline,
            follow_redirects=follow_redirects,
        )
        if http_client is not None:
            wanted = self._http_client_type
            if not isinstance(http_client, wanted):
                raise ConfigurationError(
                    f"http_client must be an httpx.{wanted.__name__} ({type(self).__name__} takes that kind)"
                )
            if isinstance(http_client, httpx.Client):
                client.set_httpx_client(http_client)
            else:
                client.set_async_httpx_client(http_client)
        self._client = client

    @classmethod
    def from_client(cls, client: Client) -> Self:
        """A client object on top of a lower-level ``Client`` (e.g. from ``create_client``)."""
        instance = cls.__new__(cls)
        instance._client = client
        return instance

    @property
    def low_level_client(self) -> Client:
        """The ``Client`` the functions of ``messagemedia_messages.api`` take, sharing these connections."""
        return self._client

    @property
    def base_url(self) -> str:
        return self._client.base_url

    @property
    def account(self) -> str | None:
        return self._client.account

    def with_options(
        self,
        *,
        account: str | None | Unset = UNSET,
        timeout: float | httpx.Timeout | Unset = UNSET,
        retry: RetryPolicy | Unset = UNSET,
        deadline: float | None | Unset = UNSET,
    ) -> Self:
        """A client like this one with the options given changed (``account=None`` acts for the
        main account again); it shares this one's connections, so it is cheap to make per call::

            client.with_options(account="SubAccount01", deadline=5).messages.check_credits()
        """
        return self.from_client(
            self._client.with_options(account=account, timeout=timeout, retry=retry, deadline=deadline)
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, account={self.account!r}, auth={self._client.auth!r})"
        )


class MessageMedia(_ClientObject[httpx.Client]):
    """The MessageMedia Messages API.

    ``client = MessageMedia()`` reads ``MESSAGEMEDIA_API_KEY`` and ``MESSAGEMEDIA_API_SECRET`` from
    the environment (or pass ``api_key``, ``api_secret``) and signs every request with HMAC
    (``hmac=False`` for HTTP Basic). Then one call does one thing::

        client.messages.send(messages=[{"content": "Hello", "destination_number": "+61491570156"}])

    Resources, one per area of the API:
        ``delivery_reports``: Status changes of outbound messages, read and confirmed in
            batches.
        ``messages``: Send messages, read their status, cancel scheduled ones, and read the
            account's credit balance.
        ``number_authorisation``: The blacklist: numbers messages may not be sent to, because
            the handset opted out or you listed it. Check numbers, list, add and remove them.
        ``replies``: Inbound messages from handsets, read and confirmed in batches.
        ``signature_keys``: RSA keys that sign the callbacks the API makes, so that a receiver
            can check a callback really came from the API. Accounts need the secure callbacks
            feature (otherwise 403).
        ``webhooks``: Register URLs the API calls when replies, MMS, opt-outs or delivery
            reports arrive, instead of (or as well as) polling for them. The callbacks themselves
            are described under `webhooks`.

    Settings (each checked now, so a mistake fails here rather than at the first request):
    ``region`` (au, eu) or ``base_url``
    (else ``MESSAGEMEDIA_REGION`` / ``MESSAGEMEDIA_BASE_URL``, else https://api.messagemedia.com);
    ``account``: the sub-account every call acts for unless it names another; ``timeout``: seconds
    or an ``httpx.Timeout`` per phase; ``deadline``: seconds a whole call may take, retries included;
    ``retry``: a ``RetryPolicy``; ``follow_redirects``: follow redirects for calls safe to repeat;
    ``http_client``: an ``httpx.Client`` of your own (proxies, transports, pool limits).

    ``with_options(...)`` gives a client with other settings that shares the connections. Close
    the client when done (``client.close()`` or ``with``). It is safe to share
    between threads, and it builds fresh connections in a process forked after it was made.
    """

    _http_client_type = httpx.Client

    @cached_property
    def delivery_reports(self) -> DeliveryReportsResource:
        """Status changes of outbound messages, read and confirmed in batches."""
        from .api.delivery_reports import DeliveryReportsResource

        return DeliveryReportsResource(self._client)

    @cached_property
    def messages(self) -> MessagesResource:
        """Send messages, read their status, cancel scheduled ones, and read the account's credit balance."""
        from .api.messages import MessagesResource

        return MessagesResource(self._client)

    @cached_property
    def number_authorisation(self) -> NumberAuthorisationResource:
        """The blacklist: numbers messages may not be sent to, because the handset opted out or you
        listed it. Check numbers, list, add and remove them.
        """
        from .api.number_authorisation import NumberAuthorisationResource

        return NumberAuthorisationResource(self._client)

    @cached_property
    def replies(self) -> RepliesResource:
        """Inbound messages from handsets, read and confirmed in batches."""
        from .api.replies import RepliesResource

        return RepliesResource(self._client)

    @cached_property
    def signature_keys(self) -> SignatureKeysResource:
        """RSA keys that sign the callbacks the API makes, so that a receiver can check a callback
        really came from the API. Accounts need the secure callbacks feature (otherwise 403).
        """
        from .api.signature_keys import SignatureKeysResource

        return SignatureKeysResource(self._client)

    @cached_property
    def webhooks(self) -> WebhooksResource:
        """Register URLs the API calls when replies, MMS, opt-outs or delivery reports arrive, instead
        of (or as well as) polling for them. The callbacks themselves are described under `webhooks`.
        """
        from .api.webhooks import WebhooksResource

        return WebhooksResource(self._client)

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()


class AsyncMessageMedia(_ClientObject[httpx.AsyncClient]):
    """The MessageMedia Messages API, for asyncio: every API method is a coroutine.

    ``client = AsyncMessageMedia()`` reads ``MESSAGEMEDIA_API_KEY`` and ``MESSAGEMEDIA_API_SECRET`` from
    the environment (or pass ``api_key``, ``api_secret``) and signs every request with HMAC
    (``hmac=False`` for HTTP Basic). Then one call does one thing::

        await client.messages.send(messages=[{"content": "Hello", "destination_number": "+61491570156"}])

    Resources, one per area of the API:
        ``delivery_reports``: Status changes of outbound messages, read and confirmed in
            batches.
        ``messages``: Send messages, read their status, cancel scheduled ones, and read the
            account's credit balance.
        ``number_authorisation``: The blacklist: numbers messages may not be sent to, because
            the handset opted out or you listed it. Check numbers, list, add and remove them.
        ``replies``: Inbound messages from handsets, read and confirmed in batches.
        ``signature_keys``: RSA keys that sign the callbacks the API makes, so that a receiver
            can check a callback really came from the API. Accounts need the secure callbacks
            feature (otherwise 403).
        ``webhooks``: Register URLs the API calls when replies, MMS, opt-outs or delivery
            reports arrive, instead of (or as well as) polling for them. The callbacks themselves
            are described under `webhooks`.

    Settings (each checked now, so a mistake fails here rather than at the first request):
    ``region`` (au, eu) or ``base_url``
    (else ``MESSAGEMEDIA_REGION`` / ``MESSAGEMEDIA_BASE_URL``, else https://api.messagemedia.com);
    ``account``: the sub-account every call acts for unless it names another; ``timeout``: seconds
    or an ``httpx.Timeout`` per phase; ``deadline``: seconds a whole call may take, retries included;
    ``retry``: a ``RetryPolicy``; ``follow_redirects``: follow redirects for calls safe to repeat;
    ``http_client``: an ``httpx.AsyncClient`` of your own (proxies, transports, pool limits).

    ``with_options(...)`` gives a client with other settings that shares the connections. Close
    the client when done (``await client.aclose()`` or ``async with``). It is safe to share
    between tasks, and it builds fresh connections in a process forked after it was made.
    """

    _http_client_type = httpx.AsyncClient

    @cached_property
    def delivery_reports(self) -> AsyncDeliveryReportsResource:
        """Status changes of outbound messages, read and confirmed in batches."""
        from .api.delivery_reports import AsyncDeliveryReportsResource

        return AsyncDeliveryReportsResource(self._client)

    @cached_property
    def messages(self) -> AsyncMessagesResource:
        """Send messages, read their status, cancel scheduled ones, and read the account's credit balance."""
        from .api.messages import AsyncMessagesResource

        return AsyncMessagesResource(self._client)

    @cached_property
    def number_authorisation(self) -> AsyncNumberAuthorisationResource:
        """The blacklist: numbers messages may not be sent to, because the handset opted out or you
        listed it. Check numbers, list, add and remove them.
        """
        from .api.number_authorisation import AsyncNumberAuthorisationResource

        return AsyncNumberAuthorisationResource(self._client)

    @cached_property
    def replies(self) -> AsyncRepliesResource:
        """Inbound messages from handsets, read and confirmed in batches."""
        from .api.replies import AsyncRepliesResource

        return AsyncRepliesResource(self._client)

    @cached_property
    def signature_keys(self) -> AsyncSignatureKeysResource:
        """RSA keys that sign the callbacks the API makes, so that a receiver can check a callback
        really came from the API. Accounts need the secure callbacks feature (otherwise 403).
        """
        from .api.signature_keys import AsyncSignatureKeysResource

        return AsyncSignatureKeysResource(self._client)

    @cached_property
    def webhooks(self) -> AsyncWebhooksResource:
        """Register URLs the API calls when replies, MMS, opt-outs or delivery reports arrive, instead
        of (or as well as) polling for them. The callbacks themselves are described under `webhooks`.
        """
        from .api.webhooks import AsyncWebhooksResource

        return AsyncWebhooksResource(self._client)

    async def aclose(self) -> None:
        """Close the connections (in the running event loop)."""
        await self._client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.aclose()
