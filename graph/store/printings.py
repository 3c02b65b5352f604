"""A speaker's printings, read a window at a time from the newest down.

A much quoted person has tens of thousands of printings; their page shows the latest
`WINDOW` before a date (`before`), and links to the next older window. A window never ends
inside a date: printings of its oldest date go whole to the next window (unless the whole
window shares that date: then that date is shown whole), so no printing is shown twice or
skipped between windows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from quotetrail.graph.dates import epoch_seconds, iso
from quotetrail.graph.model import MAX_LIMIT, SpeakerPrintings, SpeakerQuote
from quotetrail.graph.store import browse, cypher_read, cypher_top, topk
from quotetrail.graph.store.cypher_read import UNDATED
from quotetrail.graph.store.driver import Store

WINDOW = 50  # printings on a speaker's page (its time line and table), a default page: 100
# took 65 to 70 ms p50 for the most quoted speaker at 100k on ArcadeDB, 50 take 45 to 50


def speaker_quotes(store: Store, speaker_id: str, limit: int = MAX_LIMIT,
                   below: int = topk.INT_TOP) -> list[SpeakerQuote]:
    """The latest `limit` printings credited to a speaker dated before `below` (seconds
    since 1970; one row per quote and statement), in time order; a speaker quoted more than
    ANCHOR_MOST times is read from the newest articles down (topk.py), not whole."""
    limit = browse.bounded(limit, 0)[0]
    credited = store.rows(cypher_top.SPEAKER_QUOTE_TOTAL, speakers=[speaker_id])[0]["total"]
    filters = browse.quote_filters(speakers=[speaker_id], include_unattributed=True)
    found = topk.read(
        store, cypher_top.quote_probe({"speakers"}), topk.date_starts(), limit,
        lambda cut: store.rows(cypher_read.SPEAKER_QUOTES_TOP, cut=cut.key, top=cut.top,
                               limit=limit, **filters),
        lambda rows: len({r["quote_id"] for r in rows}) == limit, below=below, **filters,
    ) if credited and credited > browse.ANCHOR_MOST else None
    if found is None:
        tally = [r for r in store.rows(cypher_read.quote_tally("speaker", {"speakers"}),
                                       **filters) if r["ts"] < below]
        reached = topk.reach(tally, 0, limit)[1]
        found = store.rows(cypher_read.quote_page_of({"speakers"},
                                                     cypher_read.SPEAKER_QUOTE_COLUMNS),
                           aids=reached, limit=limit, **filters) if reached else []
    heads = {h["article_id"]: {**h, "published": iso(h["published"])} for h in store.rows(
        cypher_read.ARTICLE_HEADS, ids=sorted({r["article_id"] for r in found}))} if found else {}
    rows = [SpeakerQuote(**{**r, **heads[r["article_id"]]}) for r in found]
    rows.sort(key=lambda q: (q.published is None, q.published or "", q.quote_id))
    return rows


def _key(q: SpeakerQuote) -> int:
    return UNDATED if q.published is None else epoch_seconds(q.published) or 0


def window(store: Store, speaker_id: str, before: datetime | None = None,
           size: int = WINDOW) -> SpeakerPrintings:
    """The `size` latest printings of a speaker dated before `before` (all when None), the
    statements they print, and where the next older window starts."""
    when = None if before is None else \
        (before if before.tzinfo else before.replace(tzinfo=UTC)).astimezone(UTC)
    below = topk.INT_TOP if when is None else int(when.timestamp())
    quotes = speaker_quotes(store, speaker_id, size, below)
    older = None
    if len({q.quote_id for q in quotes}) >= size:  # full: older printings may remain
        oldest = min(_key(q) for q in quotes)
        if oldest > UNDATED:
            if kept := [q for q in quotes if _key(q) > oldest]:
                quotes, older = kept, oldest + 1
            else:  # one date fills the window: it is shown whole (up to MAX_LIMIT)
                quotes = [q for q in speaker_quotes(store, speaker_id, MAX_LIMIT,
                                                    oldest + 1) if _key(q) == oldest]
                older = oldest if speaker_quotes(store, speaker_id, 1, oldest) else None
    ids = sorted({q.statement_id for q in quotes if q.statement_id})
    statements = browse.speaker_statements(
        store, store.rows(cypher_read.STATEMENTS_BY_ID, ids=ids)) if ids else []
    return SpeakerPrintings(quotes=quotes, before=None if when is None else when.isoformat(),
                            older=None if older is None else
                            datetime.fromtimestamp(older, UTC).isoformat(),
                            statements=statements)
