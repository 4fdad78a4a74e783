"""Where the sandbox may send a callback: decided when it is sent, from the URL's host.

- An IP literal is checked as written; ``localhost`` means the loopback addresses (RFC 6761) and
  is never looked up. Any other host name is resolved once (``getaddrinfo``), and the connection
  then goes to one of the addresses that were checked, never to the result of a second lookup
  (which a DNS server could answer differently).
- By default every address must be loopback or private (RFC 1918, unique-local IPv6): a
  sandbox that runs tests must not call the internet because a test made up a ``callback_url``.
  ``allow_external=True`` (``--allow-external-callbacks``) lifts that rule.
- Never allowed, whatever the flag: an unspecified (``0.0.0.0``, ``::``) or multicast address,
  and the sandbox itself: a loopback address on any port the sandbox listens on, or an
  (address, port) it listens on. A callback to its own ``/sandbox/replies`` would otherwise make
  a reply, which makes a callback, which makes a reply, for ever.

A refused callback is not retried: the answer would be the same next time.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
_LOCALHOST = ("127.0.0.1", "::1")
# The private ranges a callback may go to without --allow-external-callbacks: RFC 1918 and IPv6
# unique-local (RFC 4193). Not `ipaddress`'s `is_private`, which also counts the documentation
# ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), benchmarking (198.18.0.0/15), reserved
# space and more, none of which is a host on a network of one's own.
_PRIVATE_NETWORKS: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = (
    ipaddress.ip_network("10.0.0.0/8"),
    ipaddress.ip_network("172.16.0.0/12"),
    ipaddress.ip_network("192.168.0.0/16"),
    ipaddress.ip_network("fc00::/7"),
)


class TargetRefusedError(Exception):
    """The callback URL is not one the sandbox will call; the text says why (the log's last_error)."""


class TargetUnresolvedError(Exception):
    """The host name did not resolve; a later attempt may succeed."""


@dataclass(frozen=True)
class Listener:
    """An address and port the sandbox listens on."""

    address: IPAddress
    port: int

    @classmethod
    def of(cls, host: str, port: int) -> Listener:
        return cls(_plain(ipaddress.ip_address(host.split("%", 1)[0])), port)


@dataclass(frozen=True)
class Target:
    """A checked callback URL: connect to one of ``addresses``, in order, and to nothing else."""

    url: SplitResult
    host: str
    port: int
    addresses: tuple[str, ...]

    @property
    def tls(self) -> bool:
        return self.url.scheme == "https"

    @property
    def request_target(self) -> str:
        path = self.url.path or "/"
        return f"{path}?{self.url.query}" if self.url.query else path


def _plain(address: IPAddress) -> IPAddress:
    """An IPv4-mapped IPv6 address (``::ffff:127.0.0.1``) as the IPv4 address it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TargetUnresolvedError(f"cannot resolve {host!r}: {exc}") from exc
    found: list[str] = []
    for _family, _kind, _proto, _name, sockaddr in infos:
        text = str(sockaddr[0])
        if text not in found:
            found.append(text)
    return found


def _is_local(address: IPAddress) -> bool:
    """Whether the address belongs to this machine: only then can a socket be bound to it."""
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((str(address), 0))
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class TargetPolicy:
    """The rules above, for one sandbox."""

    allow_external: bool = False
    listeners: tuple[Listener, ...] = ()
    resolver: Resolver = _system_resolver
    is_local: Callable[[IPAddress], bool] = _is_local

    def check(self, url: str) -> Target:
        """The target to connect to; TargetRefusedError (final) or TargetUnresolvedError (try again later)."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise TargetRefusedError(f"refused: {url!r} is not a usable URL ({exc})") from exc
        if parts.scheme not in ("http", "https"):
            raise TargetRefusedError(
                f"refused: only http and https callback URLs are called, not {parts.scheme!r}"
            )
        host = parts.hostname
        if not host:
            raise TargetRefusedError(f"refused: {url!r} names no host")
        if port is None:
            port = 443 if parts.scheme == "https" else 80
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            addresses = [str(literal)]
        elif host.rstrip(".").lower() == "localhost" or host.lower().endswith(".localhost"):
            addresses = list(_LOCALHOST)
        else:
            addresses = list(self.resolver(host, port))
            if not addresses:
                raise TargetUnresolvedError(f"cannot resolve {host!r}: no addresses")
        for text in addresses:
            self._check_address(host, _plain(ipaddress.ip_address(text.split("%", 1)[0])), port)
        return Target(url=parts, host=host, port=port, addresses=tuple(addresses))

    def _check_address(self, host: str, address: IPAddress, port: int) -> None:
        shown = host if host == str(address) else f"{host} ({address})"
        if address.is_unspecified or address.is_multicast:
            raise TargetRefusedError(f"refused: {shown} is not the address of a host")
        if self._is_self(address, port):
            raise TargetRefusedError(
                f"refused: {shown}:{port} is the sandbox itself; a callback to it would loop"
            )
        if address.is_loopback:
            return
        if any(address in network for network in _PRIVATE_NETWORKS):
            return
        if not self.allow_external:
            raise TargetRefusedError(
                f"refused: {shown} is neither a loopback nor a private address; "
                "start the sandbox with --allow-external-callbacks to call other hosts"
            )

    def _is_self(self, address: IPAddress, port: int) -> bool:
        for listener in self.listeners:
            if listener.port != port:
                continue
            if address == listener.address or address.is_loopback:
                return True
            # A wildcard listener answers on every address of this machine.
            if listener.address.is_unspecified and self.is_local(address):
                return True
        return False
