"""The client every endpoint function takes.

Generated from templates/client.py.jinja. Do not edit: build clients with ``hmac_auth.create_client``,
which wires in HMAC or Basic signing, the ``Account`` header, timeouts and the retry policy.
"""

import ssl
from typing import Any, Self

import httpx
from attrs import define, evolve, field
from messagemedia_runtime.retry import RetryPolicy
from messagemedia_runtime.timeouts import DEFAULT_TIMEOUT


@define
class Client:
    """Settings shared by every request, and the httpx clients (sync and async) built from them.

    ``base_url``: where the API lives; every request path is relative to it.

    ``headers`` / ``cookies``: sent with every request.

    ``timeout``: an ``httpx.Timeout``; defaults to ``messagemedia_runtime.timeouts.DEFAULT_TIMEOUT``.

    ``verify_ssl``, ``follow_redirects``: passed to httpx.

    ``httpx_args``: any other keyword for ``httpx.Client`` / ``httpx.AsyncClient`` (``auth``, ``transport``...).

    ``retry``: which failures are retried, how often and how long to wait (``RetryPolicy``).
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
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False, repr=False)

    @property
    def base_url(self) -> str:
        return self._base_url

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A new client like this one with more headers (the httpx clients are not shared)."""
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A new client like this one with more cookies (the httpx clients are not shared)."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """A new client like this one with another timeout (the httpx clients are not shared)."""
        return evolve(self, timeout=timeout)

    def with_retry(self, retry: RetryPolicy) -> Self:
        """A new client like this one with another retry policy; it shares the httpx clients."""
        clone = evolve(self, retry=retry)
        clone._client = self._client
        clone._async_client = self._async_client
        return clone

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use this httpx.Client; it replaces the settings above for sync calls."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The httpx.Client for sync calls, built on first use."""
        if self._client is None:
            self._client = httpx.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._headers,
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args,
            )
        return self._client

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use this httpx.AsyncClient; it replaces the settings above for async calls."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The httpx.AsyncClient for async calls, built on first use."""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._headers,
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args,
            )
        return self._async_client

    def close(self) -> None:
        """Close the sync httpx client, if one was built."""
        if self._client is not None:
            self._client.close()

    async def aclose(self) -> None:
        """Close the async httpx client, if one was built."""
        if self._async_client is not None:
            await self._async_client.aclose()

    def __enter__(self) -> Self:
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        self.get_httpx_client().__exit__(*args, **kwargs)

    async def __aenter__(self) -> Self:
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)


AuthenticatedClient = Client
"""Every operation needs credentials, and they travel in ``httpx_args["auth"]``; the generated
signatures name ``AuthenticatedClient``, which is this same class."""
