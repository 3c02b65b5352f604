"""A page inside a tie of the statement list, read from a range of the id index.

The list is ordered by `quote_count`, then id, and most statements share a small count: at
100k, 10,218 statements are quoted five times, and a page 20,000 rows down lies among them.
Sorting the tie for that page took 100 to 140 ms on ArcadeDB (490 ms in the tie of 19,000
quoted twice), whose Cypher sorts every row that matches; Neo4j sorts the tie too (its index
orders counts, not ids). The tie's ids counted by their first characters (256 prefixes of
`st-` and two hex digits: 25 ms, kept as `topk.tally`s are) say which prefixes the page spans
and how many of the tie's rows come before them; the page is then those prefixes' range of
the id index (3 ms), sorted and skipped.
"""

from __future__ import annotations

from typing import Any

from quotetrail.graph.store import cypher_top, topk
from quotetrail.graph.store.driver import Store

PREFIX = 5  # characters of an id counted together


def page(store: Store, cut: topk.Cut, skip: int, limit: int) -> list[dict[str, Any]] | None:
    """Rows `skip` to `skip + limit` of the statements in `cut` when it holds one count; None
    when it holds more, or when the range did not give the page whole (a count kept from
    before another process's load): the caller then sorts the rows of the cut."""
    if cut.top - cut.key != 1:
        return None
    groups = sorted((r["p"], r["n"] or 0) for r in topk.tally(
        store, cypher_top.STATEMENT_TIE_PREFIXES, lo=cut.key, top=cut.top, width=PREFIX))
    if any(len(p) != PREFIX or not p.isascii() or p[-1] == "\x7f" for p, _ in groups):
        return None  # an id this range cannot bound (ids are `st-` and hex)
    seen, before, first = 0, 0, None
    for p, n in groups:
        if first is None and seen + n > skip:
            first, before = p, seen
        seen += n
        if first is not None and seen >= skip + limit:
            break
    if first is None:
        return None  # the tie is shorter than the cut said
    hi = p[:-1] + chr(ord(p[-1]) + 1)  # above every id of the page's last prefix
    want = min(limit, seen - skip)
    rows = store.rows(cypher_top.STATEMENT_TIE_PAGE, lo=cut.key, top=cut.top, id_lo=first,
                      id_hi=hi, offset=skip - before, limit=limit)
    return rows if len(rows) == want else None
