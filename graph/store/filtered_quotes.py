"""The whole archive's quotes, filtered by kind, mutation or publication date or not at all,
paged by the counts each day keeps (graph/store/quote_days.py).

The days in the list's date range, newest first, give its total (a day the range cuts is
counted from its articles, with the list's own tests) and which days rows `offset` to
`offset + limit` lie in, with how many rows come before them. The page is then found from
the top of the article index within those days only (topk.py's probes and remembered cut),
so a filter few quotes pass never walks the archive, and a page past the first reads from
its own first day.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from typing import Any, TypeVar

from quotetrail.graph.model import Page
from quotetrail.graph.store import cypher_top, quote_days, tallies, topk
from quotetrail.graph.store.driver import Store

T = TypeVar("T")
HOUR = 3600
DAY = quote_days.DAY


def quote_page(store: Store, asked: Collection[str], make: Callable[[dict[str, Any]], T],
               limit: int, offset: int, **params: Any) -> Page[T] | int | None:
    """A page of the archive's quotes that pass the tests asked; only their total when the
    page reaches the undated articles (the caller reads those by a full sort); None when
    the graph keeps no day counts yet (an earlier version's, until its next load)."""
    if not tallies.current_lately(store):
        return None
    at = quote_days.slot(params.get("kind"), params.get("mutation"), bool(params.get("all")))
    days = _days(store, asked, at, **params)
    total = sum(n for _, n in days)
    if offset >= total:
        return Page[T](total=total, limit=limit, offset=offset, items=[])
    last = min(offset + limit, total)
    first_day, above, last_day = _reach(days, offset, last)
    if last_day == quote_days.UNDATED_DAY:
        return total
    below, floor = (first_day + 1) * DAY, last_day * DAY
    skip, need = offset - above, last - above
    starts = [s for s in (below - HOUR * 2**i for i in range(16)) if s > floor] + [floor]

    def page(cut: topk.Cut) -> list[dict[str, Any]]:
        return store.rows(cypher_top.counted_quote_top(asked), limit=limit,
                          offset=skip - cut.above, cut=cut.key, top=cut.top, slot=at, **params)
    rows = topk.read(store, cypher_top.counted_quote_probe(asked), starts, need, page,
                     lambda got: len(got) == need - skip, below=below, skip=skip, slot=at,
                     **params)
    if rows is None:  # the days moved since they were read: their whole range
        rows = page(topk.Cut(floor, below, 0))
    return Page[T](total=total, limit=limit, offset=offset, items=[make(r) for r in rows])


def _reach(days: list[tuple[int, int]], offset: int, last: int) -> tuple[int, int, int]:
    """The day of row `offset`, how many rows come before that day, and the day of row
    `last - 1`."""
    seen = 0
    first_day = above = None
    for day, n in days:
        if first_day is None and seen + n > offset:
            first_day, above = day, seen
        seen += n
        if seen >= last:
            assert first_day is not None and above is not None
            return first_day, above, day
    raise ValueError("fewer rows than the total")  # unreachable: last <= total


def _days(store: Store, asked: Collection[str], at: int, *, since: str | None = None,
          until: str | None = None, **params: Any) -> list[tuple[int, int]]:
    """`(day, rows)` of the list's days, newest first: the kept count (slot `at`) of each day
    the date range holds whole, and the sum of its articles' for a day it cuts."""
    lo, top = quote_days.UNDATED_DAY, 2**62
    cut: set[int] = set()
    if since is not None:
        start = _seconds(since)
        lo = math.ceil(start / DAY)
        cut |= {math.floor(start / DAY)} if start % DAY else set()
    if until is not None:
        end = _seconds(until)
        top = math.floor(end / DAY)
        lo = max(lo, quote_days.UNDATED_DAY + 1)  # a date test excludes undated articles
        cut |= {top} if end % DAY else set()
    kept = quote_days.days(store, at, lo, top) if lo < top else []
    probe = cypher_top.counted_quote_probe(asked)
    counted = [(d, sum(r["n"] or 0 for r in store.rows(
        probe, lo=d * DAY, top=(d + 1) * DAY, cap=topk.EVERY_ROW, since=since, until=until,
        slot=at, **params))) for d in cut]
    return sorted([*kept, *((d, n) for d, n in counted if n)], reverse=True)


def _seconds(value: str) -> float:
    """An ISO date or datetime as seconds since 1970 (a bare one is UTC)."""
    parsed = datetime.fromisoformat(value)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).timestamp()
