"""fetch_url against a real HTTP server on 127.0.0.1: pages load, each failure says why."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from quotetrail.errors import InputError
from quotetrail.loaders.read import fetch
from quotetrail.loaders.read.inputs import ReadFailure, ReadPolicy, read_inputs
from quotetrail.loaders.records import Document

PAGES = Path(__file__).resolve().parents[2] / "tests" / "data" / "pages"
LOCAL = ReadPolicy(allow_private_urls=True)  # the test server is on 127.0.0.1


def fetch_url(url: str, **options: Any) -> Document:
    """fetch_url allowed onto 127.0.0.1, where the test server is (refusal: test_private_urls)."""
    return fetch.fetch_url(url, allow_private=True, **options)


def only_doc(paths: list[str]) -> Document:
    (doc,) = list(read_inputs(paths, LOCAL))
    assert isinstance(doc, Document), doc
    return doc


def fetch_error(url: str, **limits: float) -> InputError:
    with pytest.raises(InputError) as err:
        fetch_url(url, **limits)  # type: ignore[arg-type]
    assert err.value.input == url
    assert "\n" not in err.value.message
    return err.value


def test_url_and_saved_file_of_one_page_are_one_document(page_server) -> None:
    data = (PAGES / "nationalworld-000.html").read_bytes()
    target = page_server.add("/news/world/ukraine-3570041", data)
    short = page_server.add("/s/abc", status=302, headers={"Location": target},
                            content_type=None)
    from_url = fetch_url(short)
    from_file = only_doc([str(PAGES / "nationalworld-000.html")])
    assert from_url.text == from_file.text and from_url.sha256 == from_file.sha256
    assert from_url.source == short  # what the user gave
    assert from_url.url == from_file.url  # the page's canonical URL
    assert (from_url.outlet, from_url.outlet_domain) == (from_file.outlet,
                                                         from_file.outlet_domain)
    assert from_url.published == from_file.published == "2022-02-16T13:05:00+00:00"
    assert page_server.hits == ["/s/abc", "/news/world/ukraine-3570041"]


def test_page_without_canonical_gets_the_final_url(page_server) -> None:
    data = (PAGES / "wire-002.html").read_bytes()
    target = page_server.add("/story/1", data, content_type="text/html")  # no charset: meta
    start = page_server.add("/go", status=301, headers={"Location": "/story/1"},
                            content_type=None)
    doc = only_doc([start])
    assert doc.source == start and doc.url == target
    assert doc.outlet_domain == "127.0.0.1" and doc.outlet == "127.0.0.1"
    assert doc.text == only_doc([str(PAGES / "wire-002.html")]).text


def test_charset_from_the_http_header(page_server) -> None:
    body = "<p>" + "Der Minister sagte in Brüssel, man sehe keine Deeskalation. " * 5 + "</p>"
    url = page_server.add("/de", f"<html><body><article>{body}</article></body></html>"
                          .encode("cp1252"), content_type="text/html; charset=windows-1252")
    assert "Brüssel" in fetch_url(url).text


def test_plain_text_url_loads_as_text(page_server) -> None:
    url = page_server.add("/t.txt", "Title: Statement\n\n“We stand firm,” she said.\n"
                          .encode(), content_type="text/plain; charset=utf-8")
    doc = fetch_url(url)
    assert doc.text == "“We stand firm,” she said.\n" and doc.title == "Statement"
    assert doc.url == url and doc.source == url


@pytest.mark.parametrize(("status", "words"), [
    (404, "no such page (404 Not Found)"),
    (410, "no such page (410 Gone)"),
    (500, "server failed (500 Internal Server Error)"),
    (503, "try again later"),
    (403, "refused access (403 Forbidden)"),
])
def test_http_errors(page_server, status: int, words: str) -> None:
    url = page_server.add(f"/e{status}", b"<html><body>error page</body></html>",
                          status=status)
    assert words in fetch_error(url).message


def test_not_html(page_server) -> None:
    url = page_server.add("/report.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    message = fetch_error(url).message
    assert "not an HTML page" in message and "application/pdf" in message
    missing = page_server.add("/blob", b"<html></html>", content_type=None)
    assert "content type missing" in fetch_error(missing).message


def test_too_big_declared_and_streamed(page_server) -> None:
    big = b"<html><body><p>" + b"word " * 40_000 + b"</p></body></html>"  # about 200 kB
    declared = page_server.add("/big", big)
    assert "larger than" in fetch_error(declared, max_bytes=50_000).message
    streamed = page_server.add("/big-chunked", big, chunks=20)  # no Content-Length
    assert "size cap" in fetch_error(streamed, max_bytes=50_000).message
    assert fetch_url(declared, max_bytes=500_000).text.count("word") == 40_000


def test_too_many_redirects(page_server) -> None:
    for i in range(4):
        page_server.add(f"/r{i}", status=302, headers={"Location": f"/r{i + 1}"},
                        content_type=None)
    page_server.add("/r4", (PAGES / "dw-004.html").read_bytes())
    assert fetch_url(page_server.url("/r0"), max_redirects=4).outlet == "DW"
    message = fetch_error(page_server.url("/r0"), max_redirects=3).message
    assert "more than 3 redirects" in message
    page_server.add("/loop", status=302, headers={"Location": "/loop"}, content_type=None)
    assert "redirects" in fetch_error(page_server.url("/loop")).message


def test_redirect_to_another_scheme(page_server) -> None:
    url = page_server.add("/ftp", status=302, headers={"Location": "ftp://127.0.0.1/x"},
                          content_type=None)
    assert "not http(s)" in fetch_error(url).message


def test_timeout(page_server) -> None:
    url = page_server.add("/slow", (PAGES / "dw-004.html").read_bytes(), delay=2.0)
    assert "no answer within 0.5 s" in fetch_error(url, timeout=0.5).message


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "file:///etc/hostname",
                                 "gopher://x"])
def test_bad_scheme(url: str) -> None:
    assert "only http and https" in fetch_error(url).message


def test_dns_failure() -> None:
    url = "http://quotetrail-test.invalid/article"  # .invalid never resolves (RFC 2606)
    assert "does not resolve (DNS)" in fetch_error(url).message


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert "connection refused" in fetch_error(f"http://127.0.0.1:{port}/").message


def test_page_with_no_article_text(page_server) -> None:
    url = page_server.add("/consent", b"<html><body><div>Accept cookies</div></body></html>")
    assert "no article text" in fetch_error(url).message


def test_read_inputs_reports_a_bad_url_and_loads_the_rest(page_server) -> None:
    good = page_server.add("/ok", (PAGES / "express-001.html").read_bytes())
    bad = page_server.url("/missing")
    out = list(read_inputs([bad, good, "ftp://example.org/x"], LOCAL))
    assert isinstance(out[0], ReadFailure) and out[0].input == bad
    assert "404" in out[0].reason
    assert isinstance(out[1], Document) and out[1].outlet == "Express.co.uk"
    assert isinstance(out[2], ReadFailure) and "only http and https" in out[2].reason
