"""Journalists' corrections as data: (:Correction) nodes saying who decided what, when and
why. Read by relink and applied before linking (graph/link/corrections.py), so they survive
relinks and re-loads; shown in traces as human decisions."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from quotetrail.errors import NotFoundError
from quotetrail.graph.model import Correction, CorrectionKind
from quotetrail.graph.store import cypher
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.relink import relink


def _record(kind: CorrectionKind, subject: str, value: str | None, who: str, why: str
            ) -> Correction:
    at = datetime.now(UTC).isoformat()
    key = f"{kind}\x00{subject}\x00{value}\x00{at}".encode()
    return Correction(id="cx-" + hashlib.sha1(key).hexdigest()[:16], kind=kind,
                      subject=subject, value=value, who=who, at=at, why=why)


def _save(store: Store, c: Correction) -> Correction:
    store.write(lambda tx: tx.run(cypher.CREATE_CORRECTION, id=c.id, kind=c.kind,
                                  subject=c.subject, value=c.value, who=c.who, at=c.at,
                                  why=c.why).consume())
    return c


def merge_speakers(store: Store, merged: str, into: str, who: str, why: str) -> Correction:
    """Record that speaker `merged` is speaker `into` (ids or names), then relink."""
    ids = [_speaker_id(store, merged), _speaker_id(store, into)]
    correction = _save(store, _record("merge_speakers", ids[0], ids[1], who, why))
    _relink(store)
    return correction


def set_speaker(store: Store, quote: str, speaker: str | None, who: str, why: str
                ) -> Correction:
    """Record who said quote `quote` (None: nobody known), then relink."""
    if not store.rows(cypher.QUOTE_EXISTS, id=quote):
        raise NotFoundError(f"no quote with id {quote!r}")
    value = _speaker_id(store, speaker) if speaker else None
    correction = _save(store, _record("set_speaker", quote, value, who, why))
    _relink(store)
    return correction


def _speaker_id(store: Store, name_or_id: str) -> str:
    rows = store.rows(cypher.FIND_SPEAKER, key=name_or_id)
    if not rows:
        raise NotFoundError(f"no speaker with id or name {name_or_id!r}: "
                            "`quotetrail speakers list` shows them")
    return str(rows[0]["id"])


def _relink(store: Store) -> None:
    relink(store)
