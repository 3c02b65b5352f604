"""Follow outlets' RSS and Atom feeds: each new item's page goes through the one load path.

What a feed was last seen with (its ETag and Last-Modified, the ids of its items, its
errors) is kept in `$QUOTETRAIL_HOME/feeds.json`, so `watch --once` from cron loads only
what is new and asks the server "changed since?" rather than downloading the feed again.
A feed that fails is left alone for a while that doubles with each failure (up to
MAX_BACKOFF), across runs; an item page that fails is tried again on the next polls, up to
ITEM_ATTEMPTS times.
"""

from __future__ import annotations

import calendar
import dataclasses
import json
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotetrail.errors import InputError, QuotetrailError
from quotetrail.graph import ids
from quotetrail.graph.store.driver import Store
from quotetrail.loaders.read.fetch import USER_AGENT, fetch_url
from quotetrail.loaders.records import Document

MIN_EVERY = 300.0  # seconds: the fastest polling allowed, to be kind to outlets' servers
MAX_BACKOFF = 6 * 3600.0  # seconds: the longest a failing feed is left alone
ITEM_ATTEMPTS = 3  # fetches of an item's page before it is given up
SEEN_CAP = 5000  # item ids remembered per feed (feeds list their latest few dozen)
FEED_TIMEOUT = 20.0
FEED_MAX_BYTES = 5 * 1024 * 1024
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass
class FeedState:
    """What one feed was last seen with."""

    etag: str | None = None
    modified: str | None = None
    seen: list[str] = field(default_factory=list)  # item ids, oldest first
    attempts: dict[str, int] = field(default_factory=dict)  # item id -> failed page fetches
    failures: int = 0  # feed fetches failed in a row
    retry_at: float = 0.0  # epoch seconds: not polled before


class FeedBook:
    """Every watched feed's state, in one JSON file written whole (never half-written)."""

    def __init__(self, path: Path, feeds: dict[str, FeedState]) -> None:
        self.path = path
        self.feeds = feeds

    @classmethod
    def open(cls, path: Path) -> FeedBook:
        if not path.exists():
            return cls(path, {})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, {url: FeedState(**state) for url, state in data.items()})
        except (ValueError, TypeError) as exc:
            raise QuotetrailError(f"{path} is not a feed state file quotetrail wrote ({exc}); "
                                  "move it away to start afresh") from exc

    def state(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        data = {url: dataclasses.asdict(s) for url, s in self.feeds.items()}
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)


@dataclass(frozen=True)
class FeedItem:
    id: str
    link: str
    title: str | None
    published: str | None  # ISO-8601 in UTC, from the feed


@dataclass
class Poll:
    """What one poll of one feed did."""

    feed: str
    loaded: list[Document] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (item link, reason)
    error: str | None = None  # the feed itself failed
    waiting_until: float | None = None  # backing off: not polled this time
    unchanged: bool = False  # the server said 304 Not Modified


def parse_every(text: str) -> float:
    """`15m`, `1h`, `90s`, `1h30m` as seconds; never below MIN_EVERY."""
    compact = text.replace(" ", "").lower()
    parts = _DURATION.findall(compact)
    if not parts or "".join(n + u for n, u in parts) != compact:
        raise QuotetrailError(f"--every {text!r} is not a duration like 15m, 1h or 90s")
    seconds = sum(float(n) * _UNIT[u] for n, u in parts)
    if seconds < MIN_EVERY:
        raise QuotetrailError(f"--every {text} is too often: at least {MIN_EVERY / 60:g}m, "
                              "to be kind to the outlet's server")
    return seconds


def backoff(every: float, failures: int) -> float:
    """Seconds to leave a feed alone after `failures` failures in a row."""
    return min(every * 2 ** max(failures - 1, 0), MAX_BACKOFF)


def fetch_feed(url: str, state: FeedState, *, allow_private: bool = False) -> bytes | None:
    """The feed's body, or None when the server says it has not changed. Raises InputError.
    Like every fetch, it connects only to public addresses unless `allow_private`."""
    import httpx

    from quotetrail.loaders.read.transport import CheckedTransport

    headers = {"User-Agent": USER_AGENT,
               "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                         "*/*;q=0.5"}
    if state.etag and not state.attempts:  # items to retry: the feed is needed whole
        headers["If-None-Match"] = state.etag
    if state.modified and not state.attempts:
        headers["If-Modified-Since"] = state.modified
    try:
        with httpx.Client(follow_redirects=True, max_redirects=5, timeout=FEED_TIMEOUT,
                          headers=headers,
                          transport=CheckedTransport(allow_private=allow_private)) as client, \
                client.stream("GET", url) as response:
            if response.status_code == 304:
                return None
            if response.status_code >= 400:
                raise InputError(f"the feed server answered {response.status_code} "
                                 f"{response.reason_phrase}".rstrip(), input=url)
            body = b""
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > FEED_MAX_BYTES:
                    raise InputError("the feed is larger than 5 MiB", input=url)
            state.etag = response.headers.get("etag")
            state.modified = response.headers.get("last-modified")
            return body
    except httpx.HTTPError as exc:
        raise InputError(f"cannot fetch the feed ({exc.__class__.__name__}: {exc})",
                         input=url) from exc


def feed_items(body: bytes, url: str) -> list[FeedItem]:
    """The items of an RSS or Atom feed, in the feed's order. Raises InputError."""
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise InputError("not an RSS or Atom feed; pass the feed's address (often /feed, "
                         "/rss or /atom.xml), not a page's", input=url)
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue  # nothing to fetch
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (time.strftime("%Y-%m-%dT%H:%M:%S+00:00",
                                   time.gmtime(calendar.timegm(when))) if when else None)
        items.append(FeedItem(id=entry.get("id") or link, link=link,
                              title=entry.get("title"), published=published))
    return items


def poll(store: Store, url: str, book: FeedBook, *, every: float, allow_private: bool = False,
         now: float | None = None) -> Poll:
    """Poll one feed (unless it is backing off) and load its new items; updates `book`."""
    now = time.time() if now is None else now
    state = book.state(url)
    if state.retry_at > now:
        return Poll(url, waiting_until=state.retry_at)
    try:
        body = fetch_feed(url, state, allow_private=allow_private)
        items = [] if body is None else feed_items(body, url)
    except InputError as exc:
        state.failures += 1
        state.retry_at = now + backoff(every, state.failures)
        return Poll(url, error=exc.message)
    state.failures, state.retry_at = 0, 0.0
    if body is None:
        return Poll(url, unchanged=True)
    seen = set(state.seen)
    return _load_items(store, url, [i for i in items if i.id not in seen], state, allow_private)


def _load_items(store: Store, url: str, items: Sequence[FeedItem], state: FeedState,
                allow_private: bool) -> Poll:
    """Fetch each item's page as `load URL` does, load them together, remember the ids."""
    report = Poll(url)
    documents: dict[str, tuple[FeedItem, Document]] = {}
    done: list[str] = []
    for item in items:
        try:
            doc = fetch_url(item.link, allow_private=allow_private)
        except InputError as exc:
            state.attempts[item.id] = state.attempts.get(item.id, 0) + 1
            if state.attempts[item.id] >= ITEM_ATTEMPTS:
                done.append(item.id)
            report.failed.append((item.link, exc.message))
            continue
        if doc.published is None and item.published:
            doc = dataclasses.replace(doc, published=item.published,
                                      published_note="the feed's date for the item")
        documents[ids.article_id(doc.sha256)] = (item, doc)
    from quotetrail import pipeline  # imported when used: see cli_load.py

    result = pipeline.load(store, [doc for _, doc in documents.values()])
    loaded = {w.article_id for w in result.loaded}
    failed = {f.input: f.reason for f in result.failed}
    for article, (item, doc) in documents.items():
        if doc.source in failed:
            report.failed.append((item.link, failed[doc.source]))
        elif article in loaded:
            report.loaded.append(doc)
        done.append(item.id)  # loaded, already in the graph, or refused for good
    for item_id in done:
        state.attempts.pop(item_id, None)
    state.seen = [*state.seen, *done][-SEEN_CAP:]
    return report


def watch(store: Store, urls: Sequence[str], book: FeedBook, *, every: float, once: bool,
          allow_private: bool = False, on_poll: Callable[[Poll], Any] = lambda p: None,
          sleep: Callable[[float], Any] = time.sleep) -> None:
    """Poll every feed, save what was seen, and (unless `once`) again every `every` seconds."""
    while True:
        started = time.monotonic()
        for url in urls:
            report = poll(store, url, book, every=every, allow_private=allow_private)
            book.save()
            on_poll(report)
        if once:
            return
        sleep(max(every - (time.monotonic() - started), 0.0))
