"""httpx over connections made only to checked addresses (see loaders/read/addresses.py)."""

from __future__ import annotations

import socket
from collections.abc import Iterable

import httpcore
import httpx

from quotetrail.loaders.read.addresses import checked_addresses


class CheckedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, connecting only to the addresses it checked."""

    def __init__(self, *, allow_private: bool) -> None:
        self._inner = httpcore.SyncBackend()
        self._allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
                    ) -> httpcore.NetworkStream:
        try:
            addresses = checked_addresses(host, port, allow_private=self._allow_private)
        except socket.gaierror as exc:  # fetch.py tells the user the name does not resolve
            raise httpcore.ConnectError(f"cannot resolve {host}") from exc
        last: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address,
                                               socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
                            ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class CheckedTransport(httpx.HTTPTransport):
    """httpx's transport over a CheckedBackend (TLS SNI and Host still name the URL's host).

    Passing a transport also turns off the environment's proxies, which would otherwise
    fetch a private address on our behalf."""

    def __init__(self, *, allow_private: bool) -> None:
        super().__init__()
        # httpx takes no network backend: its pool is rebuilt with ours and its defaults
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=100,
            max_keepalive_connections=20, keepalive_expiry=5.0,
            network_backend=CheckedBackend(allow_private=allow_private))
