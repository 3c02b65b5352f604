"""Fetch one http(s) URL into a Document, bounded in time, size and redirects.

Every way a fetch can fail becomes an InputError whose message names the cause and what to
do, so a batch load lists it as one failure and goes on.
"""

from __future__ import annotations

import functools
import os
import socket
import ssl
import time
from collections.abc import Mapping
from email.message import Message
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from quotetrail.errors import InputError
from quotetrail.loaders.read.addresses import PrivateAddressError
from quotetrail.loaders.read.html import codec_name, html_document
from quotetrail.loaders.read.text import decode_utf8, text_document
from quotetrail.loaders.records import Document

if TYPE_CHECKING:
    import httpx

TIMEOUT = 20.0  # seconds: for the whole fetch, and for connecting and each read
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "quotetrail (quote provenance research; +https://github.com/quotetrail)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def fetch_url(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
              max_redirects: int = MAX_REDIRECTS, meta: Mapping[str, Any] | None = None,
              allow_private: bool = False) -> Document:
    """GET `url` and read the page (text/html) or text (text/plain) into a Document.

    `source` is the URL as given; `url` the page's canonical URL, else the final URL after
    redirects. `meta` (checked fields) wins over what the page says. Hosts that resolve to
    loopback, private, link-local, multicast or reserved addresses (at any redirect) are
    refused unless `allow_private`. Raises InputError.
    """
    import httpx  # imported here: it costs every command half a second, and few fetch

    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"only http and https URLs can be fetched, not {scheme or 'this'}:; "
                         "save the page and pass the file", input=url)
    try:
        final, content_type, charset, body = _get(url, timeout, max_bytes, max_redirects,
                                                  allow_private)
    except PrivateAddressError as exc:
        raise PrivateAddressError(exc.message, input=url) from exc
    except httpx.TooManyRedirects as exc:
        raise InputError(f"more than {max_redirects} redirects; open it in a browser and pass "
                         "the address it ends at", input=url) from exc
    except httpx.TimeoutException as exc:
        raise InputError(f"no answer within {timeout:g} s; try again later, or save the page "
                         "and pass the file", input=url) from exc
    except httpx.UnsupportedProtocol as exc:
        raise InputError("redirected to an address that is not http(s); save the page and "
                         "pass the file", input=url) from exc
    except httpx.TransportError as exc:
        raise InputError(_transport_reason(exc), input=url) from exc
    except httpx.InvalidURL as exc:
        raise InputError(f"not a valid URL ({exc}); check it", input=url) from exc
    try:
        if content_type in _HTML_TYPES:
            return html_document(body, source=url, url=final, charset=charset, meta=meta)
        fields = {"url": final, **(meta or {})}
        codec = codec_name(charset)
        text = body.decode(codec, errors="replace") if codec else decode_utf8(body)
        return text_document(text.replace("\r\n", "\n"), url, fields)
    except InputError as exc:
        raise InputError(exc.message, input=url) from exc


def _get(url: str, timeout: float, max_bytes: int, max_redirects: int, allow_private: bool
         ) -> tuple[str, str, str | None, bytes]:
    """(final URL, content type, charset, body); stops reading past `max_bytes`."""
    import httpx

    client = _client(timeout, max_redirects, allow_private, os.getpid())
    with client.stream("GET", url) as response:
        final = str(response.url)
        if response.status_code >= 400:
            raise InputError(_status_reason(response), input=url)
        content_type, charset = _content_type(response.headers.get("content-type", ""))
        if content_type not in (*_HTML_TYPES, "text/plain"):
            raise InputError(
                f"not an HTML page or text (content type {content_type or 'missing'}); "
                "pass the URL of the article page, or save its text as .txt", input=url)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise InputError(_too_big(max_bytes), input=url)
        chunks, size, deadline = [], 0, time.monotonic() + timeout
        for chunk in response.iter_bytes():
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("the whole fetch took too long")
            size += len(chunk)
            if size > max_bytes:
                raise InputError(_too_big(max_bytes), input=url)
            chunks.append(chunk)
    return final, content_type, charset, b"".join(chunks)


@functools.lru_cache(maxsize=4)
def _client(timeout: float, max_redirects: int, allow_private: bool, pid: int
            ) -> httpx.Client:
    """One client per process and limits: building one costs about 0.1 s (TLS context), and
    its connection pool serves many URLs of one site. Keyed by pid: never shared over fork;
    by `allow_private`: a connection opened with it is never reused without it."""
    import httpx

    from quotetrail.loaders.read.transport import CheckedTransport

    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"}
    return httpx.Client(follow_redirects=True, max_redirects=max_redirects, timeout=timeout,
                        headers=headers, transport=CheckedTransport(allow_private=allow_private))


def _content_type(header: str) -> tuple[str, str | None]:
    msg = Message()
    msg["content-type"] = header
    charset = msg.get_param("charset")
    return msg.get_content_type() if header else "", charset if isinstance(charset, str) else None


def _status_reason(response: httpx.Response) -> str:
    code = f"{response.status_code} {response.reason_phrase}".strip()
    if response.status_code in (401, 403):
        return f"the server refused access ({code}); save the page from a browser and pass the file"
    if response.status_code == 404 or response.status_code == 410:
        return f"no such page ({code}); check the URL"
    if response.status_code >= 500:
        return f"the server failed ({code}); try again later"
    return f"the server answered {code}; check the URL"


def _too_big(max_bytes: int) -> str:
    return (f"page is larger than {max_bytes / 1_048_576:g} MiB (the size cap); save it and "
            "pass the file, or raise the cap")


def _transport_reason(exc: httpx.TransportError) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "the host name does not resolve (DNS); check the URL"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused: nothing answers at that address; check the URL and port"
        if isinstance(cause, ssl.SSLError):
            return f"secure connection failed ({cause.__class__.__name__}); check the URL"
        cause = cause.__cause__ or cause.__context__
    return f"cannot fetch ({exc.__class__.__name__}: {exc}); check the URL and the network"
