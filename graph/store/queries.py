"""Counts and one statement's trace: the reads that are not lists (those are in `browse`,
search is in `search`).
"""

from __future__ import annotations

import json
from typing import Any

from quotetrail.errors import NotFoundError
from quotetrail.graph.dates import iso
from quotetrail.graph.model import ArticleRef, Counts, Trace, TraceVariant
from quotetrail.graph.store import cypher_read
from quotetrail.graph.store.driver import Store


def counts(store: Store) -> Counts:
    return Counts(**store.rows(cypher_read.COUNTS)[0])


def relationship_counts(store: Store) -> dict[str, int]:
    return {r["type"]: r["n"] for r in store.rows(cypher_read.RELATIONSHIP_COUNTS)}


def trace(store: Store, statement_id: str) -> Trace:
    """A statement's reference wording, speaker and every variant in time order."""
    rows = store.rows_at_once(cypher_read.TRACE, id=statement_id)
    if not rows:
        raise NotFoundError(f"no statement with id {statement_id!r}")
    st = rows[0]
    names = _speaker_names(store, rows)
    dated = sorted(((iso(r["published"]), r) for r in rows if r["quote_id"] is not None),
                   key=lambda p: (p[0] is None, p[0] or "", p[1]["loaded_at"] or 0.0,
                                  p[1]["quote_id"]))
    variants = [TraceVariant(
        quote_id=r["quote_id"], text=r["text"], kind=r["kind"], speaker=r["speaker"],
        mutation=r["mutation"], similarity=r["similarity"],
        diff=[tuple(op) for op in json.loads(r["diff"] or "[]")],
        article=ArticleRef(id=r["article_id"], title=r["title"], source=r["source"],
                           url=r["url"], outlet=r["outlet"], outlet_id=r["outlet_id"],
                           published=published, kind=r["article_kind"] or "news"),
        derived_from=r["derived_from"], evidence=r["evidence"], confidence=r["confidence"],
        speaker_inferred_from=r["inferred_from"], corrected=bool(r["corrected"]),
        speaker_corrected=names.get(r["corrected_speaker"]),
        speaker_withheld=bool(r["withheld"]), speaker_mention=r["mention"],
    ) for published, r in dated]
    conflict = zip(st["conflict_speakers"] or [], st["conflict_counts"] or [], strict=True)
    return Trace(id=st["id"], text=st["statement_text"], speaker=st["statement_speaker"],
                 first_seen=iso(st["first_seen"]), quote_count=st["quote_count"] or 0,
                 variants=variants, conflict=[(names.get(sid, sid), n) for sid, n in conflict])


def _speaker_names(store: Store, rows: list[dict[str, Any]]) -> dict[str | None, str]:
    """Names of the speakers a trace names by id (conflicts, corrections): one read, and
    only when there are any."""
    ids = {*(rows[0]["conflict_speakers"] or []),
           *(r["corrected_speaker"] for r in rows if r["corrected_speaker"])}
    if not ids:
        return {}
    return {r["id"]: r["name"] for r in store.rows(cypher_read.SPEAKER_NAMES, ids=sorted(ids))}
