"""Which addresses claimwatch may fetch from: public ones only, unless a source allows private ones.

Every host is resolved with ``socket.getaddrinfo`` and every address it resolves to is checked with
``ipaddress``; one forbidden address refuses the URL (a host that mixes public and private
addresses is refused, not raced). The check runs before each request, again after every redirect,
and once more when the connection is opened (``GuardedBackend``), which connects to the very
address that was checked, so a DNS answer that changes between check and connect cannot slip in.

Cloud metadata addresses (169.254.169.254, fd00:ec2::254, ...) are refused even for sources added
with ``--allow-private``. ``allowed_networks`` lets a caller (tests, a lab network) open named
ranges without allowing every private address.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network
from urllib.parse import urlsplit

import httpcore

from claimwatch.errors import Errors
from claimwatch.monitor.errors import FetchError, RefusedError

IPAddress = IPv4Address | IPv6Address
IPNetwork = IPv4Network | IPv6Network

# Instance metadata and credential endpoints of the cloud providers: never fetched.
METADATA_ADDRESSES = frozenset(
    ip_address(text)
    for text in (
        "169.254.169.254",  # AWS, Azure, GCP, Oracle, DigitalOcean, OpenStack
        "169.254.170.2",  # AWS ECS task metadata
        "169.254.170.23",  # AWS EKS pod identity
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud (legacy)
        "fd00:ec2::254",  # AWS over IPv6
        "fd00:ec2::23",  # AWS EKS pod identity over IPv6
    )
)
NAT64 = ip_network("64:ff9b::/96")
SCHEMES = ("http", "https")

Resolver = Callable[..., list]


def embedded_ipv4(address: IPAddress) -> IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped, 6to4 or NAT64 IPv6 address."""
    if isinstance(address, IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def address_kind(address: IPAddress) -> str | None:
    """Why an address may not be fetched ("loopback", "private", ...), or None for a public one."""
    inner = embedded_ipv4(address)
    if inner is not None:
        return address_kind(inner)
    if address in METADATA_ADDRESSES:
        return "cloud metadata"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address.is_unspecified:
        return "unspecified"
    if isinstance(address, IPv6Address) and address.is_site_local:
        return "private"
    if address.is_private:
        return "private" if not address.is_reserved else "reserved"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "non-public"  # shared address space (100.64.0.0/10) and the like
    return None


@dataclass(frozen=True)
class AddressGuard:
    """The address policy of one source (or one ``fetch`` command)."""

    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()
    resolver: Resolver = socket.getaddrinfo

    def refusal(self, address: IPAddress) -> str | None:
        """The kind of a forbidden address, or None when this guard lets it through."""
        kind = address_kind(address)
        if kind is None:
            return None
        if kind == "cloud metadata":
            return kind
        if self.allow_private:
            return None
        plain = embedded_ipv4(address) or address
        if any(plain in network for network in self.allowed_networks):
            return None
        return kind

    def resolve(self, host: str, port: int, url: str) -> list[IPAddress]:
        """Every address of ``host``, each one checked; raises ``RefusedError`` at the first forbidden one."""
        host = host.strip("[]")
        try:
            infos = self.resolver(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise FetchError(Errors.E403.format(url=url, reason=exc), transient=True) from exc
        addresses: list[IPAddress] = []
        for info in infos:
            text = info[4][0].split("%", 1)[0]  # drop an IPv6 zone index
            address = ip_address(text)
            if address not in addresses:
                addresses.append(address)
        if not addresses:
            raise FetchError(Errors.E403.format(url=url, reason="no address"), transient=True)
        for address in addresses:
            kind = self.refusal(address)
            if kind is not None:
                raise RefusedError(Errors.E402.format(url=url, address=address, kind=kind))
        return addresses

    def check_url(self, url: str) -> list[IPAddress]:
        """Refuse a URL whose scheme is not http(s) or whose host resolves to a forbidden address."""
        parts = split_url(url)
        return self.resolve(parts.hostname, parts.port, url)


@dataclass(frozen=True)
class UrlParts:
    scheme: str
    hostname: str
    port: int


def split_url(url: str) -> UrlParts:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RefusedError(Errors.E401.format(url=url)) from exc
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise RefusedError(Errors.E401.format(url=url))
    scheme = parts.scheme.lower()
    return UrlParts(scheme, parts.hostname, port or (443 if scheme == "https" else 80))


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend that connects only to addresses the guard allows.

    The host is resolved here, every address checked, and the socket opened to the checked
    address itself (TLS still verifies and sends SNI for the host name).
    """

    def __init__(self, guard: AddressGuard, backend: httpcore.NetworkBackend | None = None) -> None:
        self.guard = guard
        self.backend = backend or httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        # A refusal propagates as the guard's own error (httpx passes non-httpcore errors through).
        addresses = self.guard.resolve(host, port, f"//{host}:{port}")
        last: Exception | None = None
        for address in addresses:
            try:
                return self.backend.connect_tcp(str(address), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover - never used
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)
