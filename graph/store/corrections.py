"""Journalists' corrections as data: (:Correction) nodes saying who decided what, when and
why. Read by relink and applied before linking (graph/link/corrections.py), so they survive
relinks and re-loads; shown in traces as human decisions."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from neo4j import ManagedTransaction

from quotetrail.errors import InputError, NotFoundError
from quotetrail.graph.model import Correction, CorrectionKind
from quotetrail.graph.store import cypher, tallies
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.relink import relink
from quotetrail.graph.store.writer import _fold_speaker as fold_speaker


def _record(kind: CorrectionKind, subject: str, value: str | None, who: str, why: str
            ) -> Correction:
    at = datetime.now(UTC).isoformat()
    key = f"{kind}\x00{subject}\x00{value}\x00{at}".encode()
    return Correction(id="cx-" + hashlib.sha1(key).hexdigest()[:16], kind=kind,
                      subject=subject, value=value, who=who, at=at, why=why)


def _create(tx: ManagedTransaction, c: Correction) -> None:
    tx.run(cypher.CREATE_CORRECTION, id=c.id, kind=c.kind, subject=c.subject, value=c.value,
           who=c.who, at=c.at, why=c.why).consume()


def merge_speakers(store: Store, merged: str, into: str, who: str, why: str) -> Correction:
    """Record that speaker `merged` is speaker `into` (ids or names), then relink."""
    old, new = _speaker_id(store, merged), _speaker_id(store, into)
    if old == new:
        raise InputError(f"{merged!r} and {into!r} are the same speaker", input=merged)
    correction = _record("merge_speakers", old, new, who, why)

    def work(tx: ManagedTransaction) -> None:
        _create(tx, correction)
        fold_speaker(tx, old, new)  # its quotes, name and aliases go to the one person

    store.write(work)
    linking = relink(store)
    tallies.refresh(store, [new], exact=True, quotes=[v.quote_id for v in linking.variants])
    return correction


def set_speaker(store: Store, quote: str, speaker: str | None, who: str, why: str
                ) -> Correction:
    """Record who said quote `quote` (None: nobody known), then relink."""
    if not store.rows(cypher.QUOTE_EXISTS, id=quote):
        raise NotFoundError(f"no quote with id {quote!r}")
    value = _speaker_id(store, speaker) if speaker else None
    correction = _record("set_speaker", quote, value, who, why)
    store.write(lambda tx: _create(tx, correction))
    linking = relink(store)  # its quote is shown or hidden now; mutations may change
    tallies.refresh(store, quotes=[quote, *(v.quote_id for v in linking.variants)])
    return correction


def _speaker_id(store: Store, name_or_id: str) -> str:
    rows = store.rows(cypher.FIND_SPEAKER, key=name_or_id)
    if not rows:
        raise NotFoundError(f"no speaker with id or name {name_or_id!r}: "
                            "`quotetrail speakers list` shows them")
    return str(rows[0]["id"])
