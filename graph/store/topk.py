"""Where a list's first rows end, found by probing an index from the top.

A list ordered by a property, largest first, needs only its first `offset + limit` rows
sorted. Neo4j reads a range index in order and stops; ArcadeDB's Cypher sorts every node
that matches (its planner reads an index for a range, but never in order), which costs the
archive, not the page: 60 ms for 11k statements, ten times that at 100k. So a list first
finds its cutoff, the key of its `need`-th row, by probing `k >= lo` with a LIMIT (the index
stops after LIMIT entries): lower `lo` step by step while too few rows pass, and halve the
gap while too many do. A probe reads at most CAP_FACTOR times the rows the page needs, and
the page then sorts only the rows at or above the cutoff (plus the ties of its key).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from quotetrail.graph.store.driver import Store

INT_TOP = 2**62
CAP_FACTOR = 2
MIN_CAP = 40
EVERY_ROW = 2**31 - 2  # a LIMIT is a 32-bit integer on ArcadeDB
COUNT_STARTS: tuple[int, ...] = (4096, 512, 64, 16, 4, 1, 0)
DATE_DAYS = 2**17  # the oldest window starts about 360 years back
DAY = 86_400
# The last cutoff of each list and page size, per process: checked by one probe first.
_LAST: dict[tuple[str, int, str], int | None] = {}


def date_starts(now: datetime | None = None) -> list[int]:
    """Window starts (seconds since 1970) for dates newest first: from a day past now back
    one day, then doubling; the first window also holds every date in the future."""
    start = int((now or datetime.now(UTC)).timestamp()) + DAY
    return [start - days * DAY for days in (2**i for i in range(DATE_DAYS.bit_length()))]


def cutoff(store: Store, probe: str, starts: Sequence[int], need: int,
           **params: Any) -> int | None:
    """The key at or above which the `need` first rows lie, largest key first, or None when
    fewer rows have a key.

    `probe` returns at most `$cap` rows `k, n` (a key and how many of the list's rows it
    stands for: one, or an article's quotes that pass a filter) with `$lo <= k < $top`;
    `starts` are the `lo` to try, highest first."""
    cap = max(MIN_CAP, CAP_FACTOR * need)

    def run(lo: int, everything: bool = False) -> tuple[list[tuple[int, int]], bool]:
        most = EVERY_ROW if everything else cap
        rows = store.rows(probe, lo=lo, top=INT_TOP, cap=most + 1, **params)
        keys = sorted(((r["k"], r["n"] or 0) for r in rows), reverse=True)
        return keys[:most], len(rows) > most

    remembered = (probe, need, repr(sorted(params.items())))
    if (last := _LAST.get(remembered)) is not None:  # the cutoff rarely moves: check it first
        keys, capped = run(last)
        if not capped and (key := _nth(keys, need)) is not None:
            return key
    _LAST[remembered] = cut = _search(run, starts, need)
    return cut


def _search(run: Callable[..., tuple[list[tuple[int, int]], bool]], starts: Sequence[int],
            need: int) -> int | None:
    above = INT_TOP  # fewer than `need` rows have a key at or above it
    for lo in starts:
        keys, capped = run(lo)
        if capped and _sum(keys) < need:  # sparse rows (a filter): every one at `lo`
            keys, capped = run(lo, everything=True)
        if not capped:
            if (key := _nth(keys, need)) is not None:
                return key
            above = lo
            continue
        while above - lo > 1:  # enough at `lo`, and more than `cap`: narrow from above
            mid = (lo + above) // 2
            mid_keys, mid_capped = run(mid)
            if not mid_capped:
                if (key := _nth(mid_keys, need)) is not None:
                    return key
                above = mid
            elif _sum(mid_keys) >= need:
                lo = mid
            else:
                break  # not known to be enough at `mid`: `lo` is, with a longer sort
        return lo
    return None


def _sum(keys: list[tuple[int, int]]) -> int:
    return sum(n for _, n in keys)


def _nth(keys: list[tuple[int, int]], need: int) -> int | None:
    got = 0
    for key, n in keys:
        got += n
        if got >= need:
            return key
    return None
