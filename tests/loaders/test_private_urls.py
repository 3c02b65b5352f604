"""Fetches stay off private addresses, in every numeric form and at every redirect; the user
may allow them. Real HTTP servers on 127.0.0.0/8; nothing leaves the machine."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from quotetrail.errors import InputError
from quotetrail.loaders.read import addresses
from quotetrail.loaders.read.addresses import PrivateAddressError, address_kind
from quotetrail.loaders.read.fetch import fetch_url
from quotetrail.loaders.read.inputs import ReadFailure, ReadPolicy, read_inputs
from quotetrail.loaders.records import Document

SECRET = b"<html><body><article><p>INTERNAL-ONLY: the admin token is hunter2, " \
         b"\xe2\x80\x9cdo not share it,\xe2\x80\x9d the admin said.</p></article></body></html>"


@pytest.fixture
def internal(page_server):
    """An internal service on 127.0.0.1 with a secret page."""
    page_server.add("/admin", SECRET)
    return page_server


def forms(server) -> list[str]:
    """The same loopback service written every way the issue found fetched."""
    port = server.base.rsplit(":", 1)[1]
    return [f"http://{host}:{port}/admin" for host in (
        "127.0.0.1", "localhost", "2130706433", "0x7f000001", "127.1", "[::ffff:127.0.0.1]",
        "127.0.0.2", "0.0.0.0", "[::1]")]


@pytest.mark.parametrize("index", range(9))
def test_every_form_of_loopback_is_refused_before_connecting(internal, index: int) -> None:
    url = forms(internal)[index]
    with pytest.raises(PrivateAddressError) as err:
        fetch_url(url)
    assert err.value.input == url and "--allow-private-urls" in err.value.message
    assert internal.hits == []  # refused before a connection was made


def test_a_jsonl_url_line_is_refused_and_the_rest_loads(internal, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(f'{{"url": "{internal.url("/admin")}"}}\n'
                     '{"text": "\\u201cWe stand firm,\\u201d she said."}\n', encoding="utf-8")
    out = list(read_inputs([str(batch)]))
    assert isinstance(out[0], ReadFailure) and "loopback address" in out[0].reason
    assert isinstance(out[1], Document)
    assert internal.hits == []


def test_the_user_may_allow_private_addresses(internal) -> None:
    (doc,) = list(read_inputs([internal.url("/admin")], ReadPolicy(allow_private_urls=True)))
    assert isinstance(doc, Document) and "INTERNAL-ONLY" in doc.text
    assert internal.hits == ["/admin"]


def test_every_redirect_is_checked(page_server, second_loopback, monkeypatch) -> None:
    """127.0.0.1 stands in for a public site here (only its classification is changed);
    its redirect to the internal service on 127.0.0.2 is refused at the redirect."""
    real = addresses.address_kind
    monkeypatch.setattr(addresses, "address_kind",
                        lambda ip: None if str(ip) == "127.0.0.1" else real(ip))
    second_loopback.add("/admin", SECRET)
    port = second_loopback.base.rsplit(":", 1)[1]
    for n, target in enumerate((second_loopback.url("/admin"),
                                f"http://2130706434:{port}/admin")):
        start = page_server.add(f"/go{n}", status=302, headers={"Location": target},
                                content_type=None)
        with pytest.raises(InputError, match=r"127\.0\.0\.2(, which)? is a loopback address"):
            fetch_url(start)
    assert page_server.hits == ["/go0", "/go1"] and second_loopback.hits == []
    assert "INTERNAL-ONLY" in fetch_url(page_server.add("/go", status=302, headers={
        "Location": second_loopback.url("/admin")}, content_type=None),
        allow_private=True).text


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("::1", "loopback"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
    ("fc00::1", "private"), ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"), ("ff02::1", "multicast"), ("240.0.0.1", "reserved"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("100.64.0.1", "non-public"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
    ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
    ("93.184.215.14", None), ("2606:4700:4700::1111", None), ("8.8.8.8", None),
])
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


def test_an_invalid_url_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a valid URL"):
        fetch_url("http://0177.0.0.1/")
