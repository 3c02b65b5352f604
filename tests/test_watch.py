"""`quotetrail watch`: feeds served on 127.0.0.1 by a real HTTP server, loaded into the
session's local server; what was seen is remembered, errors back off."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from quotetrail.errors import QuotetrailError
from quotetrail.watch import MIN_EVERY, FeedBook, parse_every, poll, watch

from helpers import is_local, run_cli

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2024-06-0{n}T09:00:00Z"></head>
<body><article><h1>{title}</h1>
<p>The harbour master spoke to reporters on the quay on day {n} of the dispute over berths.</p>
<p>"We will reopen berth {n} as soon as the inspectors sign it off," said harbour master
Ann Doyle, adding that ferries would keep their usual timetable throughout the week.</p>
<p>Local traders said the closure of berth {n} had already cost them custom.</p>
</article></body></html>"""


def rss(base: str, items: list[int]) -> str:
    entries = "".join(
        f"<item><title>Berth {n}</title><link>{base}/berth-{n}.html</link>"
        f"<guid>berth-{n}</guid><pubDate>Mon, 0{n} Jun 2024 09:00:00 GMT</pubDate></item>"
        for n in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>'
            f"<link>{base}/</link><description>News</description>{entries}</channel></rss>")


def atom(base: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Harbour Gazette</title><id>{base}/atom</id>'
            '<updated>2024-06-05T09:00:00Z</updated><entry><title>Berth 5</title>'
            f'<link href="{base}/berth-5.html"/><id>tag:harbour,2024:berth-5</id>'
            '<updated>2024-06-05T09:00:00Z</updated></entry></feed>')


@dataclass
class Site:
    """The feeds and pages one test serves; `hits` counts answers by path and status."""

    base: str = ""
    rss_items: list[int] = field(default_factory=lambda: [1, 2])
    hits: Counter[str] = field(default_factory=Counter)

    def answer(self, path: str, etag: str | None) -> tuple[int, str, str, dict[str, str]]:
        if path == "/rss.xml":
            body = rss(self.base, self.rss_items)
            tag = f'"{len(body)}-{self.rss_items[-1]}"'
            if etag == tag:
                return 304, "", "", {}
            return 200, "application/rss+xml", body, {"ETag": tag}
        if path == "/atom.xml":
            return 200, "application/atom+xml", atom(self.base), {}
        if path == "/broken.xml":
            return 500, "text/plain", "down", {}
        if path.startswith("/berth-"):
            n = int(path.removeprefix("/berth-").removesuffix(".html"))
            return 200, "text/html; charset=utf-8", PAGE.format(n=n, title=f"Berth {n}"), {}
        return 404, "text/plain", "no", {}


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            status, ctype, body, headers = served.answer(self.path,
                                                         self.headers.get("If-None-Match"))
            served.hits[f"{self.path} {status}"] += 1
            self.send_response(status)
            for k, v in {**headers, **({"Content-Type": ctype} if ctype else {})}.items():
                self.send_header(k, v)
            data = body.encode("utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield served
    server.shutdown()
    server.server_close()


@pytest.fixture
def local(store, local_home: Path) -> Path:
    if not is_local(store):
        pytest.skip("the CLI runs on the local server")
    return local_home


def test_watch_once_loads_new_items_once_and_asks_for_changes(site: Site, local: Path,
                                                               store) -> None:
    feeds = [f"{site.base}/rss.xml", f"{site.base}/atom.xml"]
    first = run_cli("watch", *feeds, "--once", "--allow-private-urls", home=local)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert len(lines) == 3, first.stdout  # one line per new article: berths 1, 2 (RSS), 5
    assert all("Harbour Gazette" in line for line in lines)
    assert {f"{site.base}/berth-{n}.html" for n in (1, 2, 5)} == {
        line.split()[-1] for line in lines}
    urls = {r["url"] for r in store.rows(
        "MATCH (a:Article) WHERE a.url STARTS WITH $base RETURN a.url AS url", base=site.base)}
    assert urls == {f"{site.base}/berth-{n}.html" for n in (1, 2, 5)}

    again = run_cli("watch", *feeds, "--once", "--allow-private-urls", home=local)
    assert again.returncode == 0 and again.stdout == ""  # nothing new
    assert site.hits["/rss.xml 304"] == 1  # the RSS server was asked "changed since?"
    assert site.hits["/berth-1.html 200"] == 1  # no page fetched twice

    site.rss_items.append(3)
    third = run_cli("watch", *feeds, "--once", "--allow-private-urls", home=local)
    assert third.returncode == 0, third.stderr
    assert [line.split()[-1] for line in third.stdout.splitlines()] == [
        f"{site.base}/berth-3.html"]
    assert (local / "feeds.json").exists()


def test_a_failing_feed_backs_off_doubling(site: Site, store, tmp_path: Path) -> None:
    url, every = f"{site.base}/broken.xml", MIN_EVERY
    book = FeedBook.open(tmp_path / "feeds.json")
    first = poll(store, url, book, every=every, now=1000.0, allow_private=True)
    assert first.error and "500" in first.error
    assert book.state(url).retry_at == 1000.0 + every
    waiting = poll(store, url, book, every=every, now=1001.0, allow_private=True)
    assert waiting.waiting_until == 1000.0 + every and site.hits["/broken.xml 500"] == 1
    poll(store, url, book, every=every, now=1000.0 + every + 1, allow_private=True)
    assert site.hits["/broken.xml 500"] == 2
    assert book.state(url).retry_at == 1000.0 + every + 1 + 2 * every
    book.save()
    assert FeedBook.open(tmp_path / "feeds.json").state(url).failures == 2  # across runs


def test_a_page_is_not_a_feed(site: Site, store, tmp_path: Path) -> None:
    report = poll(store, f"{site.base}/berth-1.html", FeedBook.open(tmp_path / "f.json"),
                  every=MIN_EVERY, allow_private=True)
    assert report.error and "not an RSS or Atom feed" in report.error


def test_watch_polls_again_after_the_interval(site: Site, store, tmp_path: Path) -> None:
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) == 2:
            raise KeyboardInterrupt

    polls = []
    with pytest.raises(KeyboardInterrupt):
        watch(store, [f"{site.base}/rss.xml"], FeedBook.open(tmp_path / "f.json"),
              every=MIN_EVERY, once=False, allow_private=True, on_poll=polls.append,
              sleep=sleep)
    assert len(polls) == 2 and not polls[1].loaded and polls[1].unchanged
    assert all(MIN_EVERY - 60 < s <= MIN_EVERY for s in slept)


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("1h30m", 5400), ("300s", 300)])
def test_every_reads_durations(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["1m", "10s", "soon", "15"])
def test_every_refuses_too_often_or_unreadable(text: str) -> None:
    with pytest.raises(QuotetrailError):
        parse_every(text)


def test_a_feed_on_a_private_address_is_refused_unless_allowed(site: Site, store,
                                                               tmp_path: Path) -> None:
    """Feeds are fetched as pages are: only from public addresses unless the user allows
    private ones (the feed here is served on 127.0.0.1)."""
    report = poll(store, f"{site.base}/rss.xml", FeedBook.open(tmp_path / "f.json"),
                  every=MIN_EVERY, now=1000.0)
    assert report.error and "loopback" in report.error and not report.loaded
