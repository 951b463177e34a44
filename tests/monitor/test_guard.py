"""The address guard: which addresses may be fetched, checked on every resolved address."""

from __future__ import annotations

import socket
from ipaddress import ip_address, ip_network

import pytest

from claimwatch.monitor.errors import FetchError, RefusedError
from claimwatch.monitor.guard import AddressGuard, GuardedBackend, address_kind


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("93.184.216.34", None),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("fec0::1", "private"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "cloud metadata"),
        ("169.254.170.2", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("100.64.0.1", "non-public"),
        ("192.0.2.10", "private"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.1.2.3", "private"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("2002:a00:1::1", "private"),  # 6to4 around 10.0.0.1
        ("64:ff9b::a9fe:a9fe", "cloud metadata"),  # NAT64 around 169.254.169.254
        ("64:ff9b::808:808", None),  # NAT64 around 8.8.8.8
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(ip_address(address)) == kind


def resolver_for(*addresses: str):
    calls = []

    def resolve(host, port, type=0, **_):
        calls.append((host, port))
        family = socket.AF_INET6 if ":" in addresses[0] else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port)) for address in addresses]

    resolve.calls = calls
    return resolve


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1", "192.168.0.10", "169.254.169.254", "::1",
                                     "fd00:ec2::254"])
def test_private_addresses_are_refused_by_default(address: str) -> None:
    guard = AddressGuard(resolver=resolver_for(address))
    with pytest.raises(RefusedError) as caught:
        guard.check_url("http://news.example/feed.xml")
    assert caught.value.code == "E402"
    assert address in caught.value.message


def test_a_public_address_passes() -> None:
    guard = AddressGuard(resolver=resolver_for("93.184.216.34"))
    assert guard.check_url("https://news.example/a") == [ip_address("93.184.216.34")]


def test_one_private_address_among_public_ones_refuses_the_host() -> None:
    guard = AddressGuard(resolver=resolver_for("93.184.216.34", "10.0.0.7"))
    with pytest.raises(RefusedError, match=r"10\.0\.0\.7"):
        guard.check_url("http://rebinding.example/")


def test_allow_private_opens_private_ranges_but_never_metadata() -> None:
    assert AddressGuard(allow_private=True, resolver=resolver_for("10.0.0.1")).check_url("http://lab.example/")
    with pytest.raises(RefusedError, match="cloud metadata"):
        AddressGuard(allow_private=True, resolver=resolver_for("169.254.169.254")).check_url("http://meta.example/")


def test_allowed_networks_open_only_those_ranges() -> None:
    guard = AddressGuard(allowed_networks=(ip_network("127.0.0.1/32"),))
    assert guard.refusal(ip_address("127.0.0.1")) is None
    assert guard.refusal(ip_address("127.0.0.2")) == "loopback"
    assert guard.refusal(ip_address("10.0.0.1")) == "private"
    wide = AddressGuard(allowed_networks=(ip_network("169.254.0.0/16"),))
    assert wide.refusal(ip_address("169.254.169.254")) == "cloud metadata"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/x", "gopher://x/", "http:///nohost",
                                 "javascript:alert(1)", "http://[::1", "data:text/html,hi"])
def test_only_http_urls_with_a_host(url: str) -> None:
    resolver = resolver_for("93.184.216.34")
    with pytest.raises(RefusedError) as caught:
        AddressGuard(resolver=resolver).check_url(url)
    assert caught.value.code == "E401"
    assert resolver.calls == []


def test_unresolvable_host_is_a_transient_error() -> None:
    def fail(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    with pytest.raises(FetchError) as caught:
        AddressGuard(resolver=fail).check_url("http://gone.example/")
    assert caught.value.code == "E403"
    assert caught.value.transient


def test_the_connection_itself_is_guarded_and_goes_to_the_checked_address() -> None:
    """Even past the URL check (DNS rebinding), the backend refuses before opening a socket."""
    opened = []

    class Spy:
        def connect_tcp(self, host, port, *args):
            opened.append((host, port))
            return "stream"

    refusing = GuardedBackend(AddressGuard(resolver=resolver_for("169.254.169.254")), Spy())
    with pytest.raises(RefusedError):
        refusing.connect_tcp("rebound.example", 80)
    assert opened == []
    allowed = GuardedBackend(AddressGuard(resolver=resolver_for("93.184.216.34")), Spy())
    assert allowed.connect_tcp("news.example", 443) == "stream"
    assert opened == [("93.184.216.34", 443)]
