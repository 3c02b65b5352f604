"""Fetches stay off private addresses: every connection is checked where it is made.

A JSONL batch from elsewhere must not make quotetrail read the newsroom's internal services.
Host names are resolved with the system resolver (so `2130706433`, `0x7f000001`, `127.1` and
`[::ffff:127.0.0.1]` resolve as the kernel would), every resolved address is checked, and the
connection goes to the checked address itself: DNS cannot change its answer between the check
and the connect. The check sits in the network backend (loaders/read/transport.py), so it
runs again for every redirect. This module imports no HTTP library (cheap to import).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

from quotetrail.errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
ALLOW_FLAG = "--allow-private-urls"


class PrivateAddressError(InputError):
    """The URL's host resolves to an address quotetrail does not fetch unless told."""


def address_kind(ip: IPAddress) -> str | None:
    """Why `ip` is not a public address ("loopback", "private", ...), None if it is one."""
    embedded = _embedded_ipv4(ip)
    if embedded is not None:
        return address_kind(embedded)
    for kind, test in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if test:
            return kind
    return None if ip.is_global else "non-public"


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo), reached through it."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    return ip.teredo[1] if ip.teredo is not None else None


def checked_addresses(host: str, port: int, *, allow_private: bool) -> list[str]:
    """The addresses `host` resolves to, all public (unless `allow_private`); raises
    PrivateAddressError naming the host and the address otherwise (socket.gaierror when the
    name does not resolve)."""
    infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    addresses = _unique(str(info[4][0]) for info in infos)
    if allow_private:
        return addresses
    for address in addresses:
        kind = address_kind(ipaddress.ip_address(address.split("%")[0]))
        if kind is not None:
            shown = host if host == address else f"{host} resolves to {address}, which"
            raise PrivateAddressError(
                f"refused: {shown} is a {kind} address, and quotetrail does not fetch "
                f"loopback, private, link-local, multicast or reserved addresses unless "
                f"told ({ALLOW_FLAG})")
    return addresses


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
