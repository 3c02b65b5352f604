"""Where a list's first rows end, found by reading an index downwards from the top.

A list ordered by a property, largest first, needs only its first `offset + limit` rows
sorted. Neo4j reads a range index in order and stops; ArcadeDB's Cypher sorts every node
that matches (its planner reads an index for a range closed at both ends, and stops at a
LIMIT, but never reads it in order), which costs the archive, not the page: 60 ms for 11k
statements, ten times that at 100k. So a list first finds its cutoff, the key of its
`need`-th row, by reading windows `lo <= k < top` of the index downwards, each whole (see
`_search`), then sorts only the rows at or above the cutoff (plus the ties of its key). The
windows read also say where a page past the first starts: the key of its first row, and how
many rows lie above that key, so a deep page reads its own rows (and their key's ties), not
every row above it. The cut each list found last is kept: read with unprobed while recent
(`read`), else checked first, with one probe.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, NamedTuple, TypeVar

from quotetrail.graph.store import driver
from quotetrail.graph.store.driver import Store

INT_TOP = 2**62
CAP_FACTOR = 2
MIN_CAP = 40
CHECK_FACTOR = 16
EVERY_ROW = 2**31 - 2  # a LIMIT is a 32-bit integer on ArcadeDB
COUNT_STARTS: tuple[int, ...] = (4096, 512, 64, 16, 4, 1, 0)
DATE_DAYS = 2**17  # the oldest window starts about 360 years back
DAY = 86_400
Key = tuple[int, int]  # a key and how many of the list's rows it stands for
# A query counting a list's rows per bucket of keys `b, n` (bucket `b` holds the keys from
# `$lo + b * $width` up to the next bucket's), and its bucket width.
Hist = tuple[str, int]
DEEP_SKIP = 1_000  # rows: a page past this many is placed by the histogram, when a list has one


class Cut(NamedTuple):
    """Where a page's rows lie in a list ordered by a key, largest first."""

    key: int  # the cutoff: the page's last row has this key, the rows before it larger ones
    top: int  # the page's rows have a key under this (its first row's key + 1, or `below`)
    above: int  # how many of the list's rows have a key at or above `top`: skipped by range


# The last cut of each list and page, per process, when it was found or checked, and the
# process's last write then (`driver.writes`): checked by one probe first, or trusted
# unchecked for TRUSTED_SECONDS while nothing was written (`read`).
_LAST: dict[tuple[str, str, int, int, str], tuple[Cut | None, float, int]] = {}
# The rows of a tally (`tally`), with when they were read and the last write then.
_TALLIES: dict[tuple[str, str, str], tuple[list[dict[str, Any]], float, int]] = {}
REMEMBERED_MOST = 10_000  # lists remembered at once (one per filter value at most)
TALLIES_MOST = 256  # tallies remembered at once: each holds a row per article of an anchor
TRUSTED_SECONDS = 30.0
Row = TypeVar("Row")


def date_starts(now: datetime | None = None) -> list[int]:
    """Window starts (seconds since 1970) for dates newest first: from a day past now back
    one day, then doubling; the first window also holds every date in the future."""
    start = int((now or datetime.now(UTC)).timestamp()) + DAY
    return [start - days * DAY for days in (2**i for i in range(DATE_DAYS.bit_length()))]


def cutoff(store: Store, probe: str, starts: Sequence[int], need: int, *,
           below: int = INT_TOP, skip: int = 0, hist: Hist | None = None,
           **params: Any) -> Cut | None:
    """Where the rows `skip` to `need` of the list lie, counting only rows with a key under
    `below`, largest key first, or None when fewer than `need` rows have one.

    `probe` returns at most `$cap` rows `k, n` (a key and how many of the list's rows it
    stands for: one, or an article's quotes that pass a filter) with `$lo <= k < $top`;
    `starts` are the window bottoms to try while nothing is found, highest first. A page
    past DEEP_SKIP rows of a list with a `hist` is placed by it (`_deep`)."""
    cap = max(MIN_CAP, CAP_FACTOR * need)

    def run(lo: int, top: int = below, most: int = cap) -> tuple[list[Key], bool]:
        rows = store.rows(probe, lo=lo, top=top, cap=most + 1, **params)
        return [(r["k"], r["n"] or 0) for r in rows[:most]], len(rows) > most

    remembered, writes = _remembered(store, probe, need, skip, below, params), driver.writes()
    last = _LAST.get(remembered, (None, 0.0, 0))[0]
    if len(_LAST) >= REMEMBERED_MOST:  # every deep offset asked is a list of its own
        _LAST.clear()
    windows = [s for s in starts if s < below] or [below - 1]
    if hist is not None and skip >= DEEP_SKIP:
        cut = _deep(store, hist, windows, need, skip, below, params)
    else:  # the cutoff rarely moves: the last one is checked first
        cut = None if last is None else _checked(run, last, cap, need, skip, below)
        if cut is None:
            found = _search(run, windows, need, below)
            cut = None if found is None else _cut(found, need, skip, below)
    _LAST[remembered] = (cut, time.monotonic(), writes)
    return cut


def _checked(run: Callable[..., tuple[list[Key], bool]], last: Cut, cap: int, need: int,
             skip: int, below: int) -> Cut | None:
    """The cut from the keys at or above the last one found, or None when they no longer
    hold the page (a sparse filter reads more than a probe's rows to tell)."""
    keys, capped = run(last.key, most=CHECK_FACTOR * cap)
    return None if capped else _cut(keys, need, skip, below)


def read(store: Store, probe: str, starts: Sequence[int], need: int,
         page: Callable[[Cut], list[Row]], full: Callable[[list[Row]], bool], *,
         below: int = INT_TOP, skip: int = 0, hist: Hist | None = None,
         **params: Any) -> list[Row] | None:
    """The rows `page(cut)` reads of rows `skip` to `need` of the list, or None when fewer
    than `need` rows have a key (the caller reads them all). `page` reads the rows with a
    key in `[cut.key, cut.top)`, skipping `skip - cut.above` of them.

    A cut found or checked in the last TRUSTED_SECONDS, with no write in this process
    since, is read with unprobed. A first page (`skip` 0) that comes back `full` is then
    right whatever another process changed meanwhile (it reads every row at or above the
    cutoff, and they are at least `need`); a page past it counts the rows above it as they
    were then (rows another process added or removed there shift it, as they shift any
    page by offset, for at most TRUSTED_SECONDS). A page that is not full searches again."""
    known = _LAST.get(_remembered(store, probe, need, skip, below, params))
    if known is not None and (cut := known[0]) is not None and fresh(known) and \
            full(rows := page(cut)):
        return rows
    found = cutoff(store, probe, starts, need, below=below, skip=skip, hist=hist, **params)
    return None if found is None else page(found)


def fresh(remembered: tuple[Any, float, int] | None) -> bool:
    """Whether what a list remembers may be used unchecked: read in the last
    TRUSTED_SECONDS, with no write begun or ended in this process since."""
    return remembered is not None and remembered[2] == driver.writes() and \
        time.monotonic() - remembered[1] < TRUSTED_SECONDS


def tally(store: Store, query: str, **params: Any) -> list[dict[str, Any]]:
    """The rows of `query`, a count of each article's rows in an anchored list (an outlet's,
    a speaker's), read again only when not `fresh`: the pages of one list share it."""
    key, writes = (store.uri, query, repr(sorted(params.items()))), driver.writes()
    if (known := _TALLIES.get(key)) is not None and fresh(known):
        return known[0]
    if len(_TALLIES) >= TALLIES_MOST:
        _TALLIES.clear()
    rows = store.rows(query, **params)
    _TALLIES[key] = (rows, time.monotonic(), writes)
    return rows


def _remembered(store: Store, probe: str, need: int, skip: int, below: int,
                params: dict[str, Any]) -> tuple[str, str, int, int, str]:
    return store.uri, probe, need, skip, repr(sorted({**params, "below": below}.items()))


def _deep(store: Store, hist: Hist, starts: Sequence[int], need: int, skip: int, below: int,
          params: dict[str, Any]) -> Cut | None:
    """A deep page's cut from the histogram of the keys above it: reading those keys took
    seconds (2.1 s for articles 90,000 down at 100k on ArcadeDB); counting them by bucket on
    the server is one row per bucket. The cut runs from the bottom of the bucket of the
    page's last row to the top of the bucket of its first, so the page sorts only the rows of
    the buckets it spans. Windows of the histogram grow down from `below` as `_search`'s."""
    query, width = hist
    for lo in starts:
        buckets = sorted(((r["b"], r["n"] or 0) for r in store.rows(
            query, lo=lo, top=below, width=width, **params)), reverse=True)
        if sum(n for _, n in buckets) >= need:
            break
    else:
        return None
    seen, first = 0, None
    for b, n in buckets:
        if first is None and seen + n > skip:
            first = Cut(0, min(below, lo + (b + 1) * width), seen)
        seen += n
        if seen >= need:
            assert first is not None
            return first._replace(key=lo + b * width)
    return None  # unreachable: the buckets hold `need` rows


def _cut(keys: list[Key], need: int, skip: int, below: int) -> Cut | None:
    """The cut of rows `skip` to `need` from every key at or above the `need`-th row's."""
    if (key := _nth(keys, need)) is None:
        return None
    top, above = below, 0
    if skip:
        rows: Counter[int] = Counter()
        for k, n in keys:
            rows[k] += n
        for k in sorted(rows, reverse=True):
            if above + rows[k] > skip:  # row `skip`, the page's first, has key k
                top = k + 1
                break
            above += rows[k]
    return Cut(key, top, above)


def _search(run: Callable[..., tuple[list[Key], bool]], starts: Sequence[int],
            need: int, below: int = INT_TOP) -> list[Key] | None:
    """Every key from `below` down to the `need`-th row's (and maybe a few under it), or
    None when fewer rows have one. Read the index downwards in windows `[lo, top)`, each
    read whole: a window holding more than a probe's rows is narrowed to its upper half, and
    once rows are found the next window below is twice as wide as the last one read. Until
    then windows end at `starts`."""
    found: list[Key] = []
    bottoms = iter(starts[1:])
    top, floor = below, starts[0]  # [floor, top) is the part not read yet, at most
    lo, crowded = floor, None  # [crowded, top) is known to hold more than a probe's rows
    while True:
        keys, capped = run(lo, top)
        if capped and top - lo > 1:
            crowded, lo = lo, (lo + top + 1) // 2  # too many rows: the upper half first
            continue
        if capped:  # more rows than a probe holds share the key `lo`: count them all
            keys, _ = run(lo, top, EVERY_ROW)
        found += keys
        if _nth(found, need) is not None:
            return found
        if lo <= starts[-1]:
            return None
        width, top = top - lo, lo
        if crowded is not None and crowded < top and not keys:
            lo = (crowded + top + 1) // 2  # still crowded below: halve again, unread
            continue
        crowded = None
        if top <= floor:
            floor = next(bottoms, starts[-1])
        lo = max(floor, top - 2 * width) if found else floor


def _nth(keys: list[Key], need: int) -> int | None:
    got = 0
    for key, n in sorted(keys, reverse=True):
        got += n
        if got >= need:
            return key
    return None


def reach(tally: list[dict[str, Any]], offset: int, limit: int
          ) -> tuple[int, list[str], int]:
    """From each article's `aid, ts, n` (quotes that pass): the total, the articles that
    rows `offset` to `offset + limit` of the list (newest first) lie in, and how many rows
    come before the first of them."""
    tally = sorted(sorted(tally, key=lambda r: r["aid"]), key=lambda r: r["ts"], reverse=True)
    seen, before, reached = 0, 0, list[str]()
    for r in tally:
        if seen + r["n"] > offset and seen < offset + limit:
            before = before if reached else seen
            reached.append(r["aid"])
        seen += r["n"]
    return seen, reached, before
