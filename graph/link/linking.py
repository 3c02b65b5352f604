"""Linking: group quotes into statements, pick each statement's reference wording and
speaker, classify every variant against it, and say which earlier occurrence each quote
most likely came from.

The pipeline, all pure and independent of input order (quotes are sorted by id first):

1. Units (graph/link/units.py): quotes with the same canonical words are one unit, whoever
   they are credited to: the words decide.
2. Candidates, never all pairs (graph/link/candidates.py), across all quotes whatever their
   speaker, verified with rapidfuzz, then clustered by one union-find in order of evidence
   strength, with guards (graph/link/cluster.py, splices.py, fragments.py).
3. Statements: reference = the earliest primary quote, else the medoid (reference.py); the
   speaker is voted by the prints' attributions (speakers.py): an unattributed print shows
   the speaker inferred from the others, a print credited to someone else is
   `misattributed` only when the statement's speaker is clearly ahead, else the statement
   carries an attribution conflict. Statement id = "st-" + sha1(reference quote id)[:16]:
   stable while variants join; it changes only when the reference changes.
4. Provenance (provenance.py): derivations backwards in time, only where there is evidence.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from ..model import (
    Correction,
    DerivationRecord,
    DiffOp,
    Linking,
    LinkQuote,
    Mutation,
    StatementRecord,
    VariantRecord,
)
from .cluster import Clusters, cluster
from .corrections import apply_corrections
from .misattribution import vote
from .mutation import classify
from .provenance import Occurrence, cut_point, derive, time_key
from .reference import reference
from .units import TokenCache, Unit, make_units


def link_documents(quotes: Sequence[LinkQuote], corrections: Sequence[Correction] = (),
                   wires: frozenset[str] = frozenset(), memo: Memo | None = None) -> Linking:
    """The one offline linking of a set of documents' quotes, journalists' corrections
    applied first: what the store's relink writes and the bench's baseline scores."""
    return link(apply_corrections(quotes, corrections), wires, memo)


# A statement as linking decided it, by its units' quote ids (and which are splices) and the
# wires: a relink that links a growing component again (graph/store/relink.py) decides
# again only the statements whose quotes changed.
Memo = dict[tuple[object, ...], tuple[StatementRecord, list[VariantRecord],
                                      list[DerivationRecord]]]


def link(quotes: Sequence[LinkQuote], wires: frozenset[str] = frozenset(),
         memo: Memo | None = None) -> Linking:
    """Group quotes into statements; a VariantRecord per quote and statement it prints (one,
    or two for a splice of two statements); derivations backwards in time.

    `wires`: outlets credited by articles beyond these quotes' own (a relink of part of an
    archive passes the whole archive's, so its provenance is the whole archive's). `memo`:
    statements an earlier link decided, valid only while each quote id stands for the same
    quote (its `order` may be ranked anew among more articles: it is only compared)."""
    ordered = sorted(quotes, key=lambda q: q.id)
    tokens = TokenCache()
    units = make_units(ordered, tokens)
    clusters = cluster(units)
    statements: list[StatementRecord] = []
    variants: list[VariantRecord] = []
    derivations: list[DerivationRecord] = []
    wires = wires | frozenset(outlet for q in quotes for outlet in q.credits)
    for own, extra in _members(clusters):
        key = _memo_key(wires, own, extra, clusters.spliced) if memo is not None else ()
        if memo is None or (decided := memo.get(key)) is None:
            decided = _statement(own, extra, clusters.spliced, tokens, wires)
            if memo is not None:
                memo[key] = decided
        st, vs, ds = decided
        statements.append(st)
        variants.extend(vs)
        derivations.extend(ds)
    return Linking(
        statements=tuple(sorted(statements, key=lambda s: s.id)),
        variants=tuple(sorted(variants, key=lambda v: (v.quote_id, v.statement_id))),
        derivations=tuple(sorted(derivations, key=lambda d: (d.quote_id, d.source_quote_id))),
    )


def _memo_key(wires: frozenset[str], own: list[Unit], extra: list[Unit],
              spliced: dict[int, list[int]]) -> tuple[object, ...]:
    def units(us: list[Unit]) -> tuple[tuple[tuple[str, ...], bool], ...]:
        return tuple((tuple(q.id for q in u.quotes), u.idx in spliced) for u in us)
    return wires, units(own), units(extra)


def _members(clusters: Clusters) -> list[tuple[list[Unit], list[Unit]]]:
    """Per cluster: its own units, and splices printed in it but joined to another."""
    own: dict[int, list[Unit]] = defaultdict(list)
    extra: dict[int, list[Unit]] = defaultdict(list)
    for u in clusters.units:
        own[clusters.find(u.idx)].append(u)
    for u_idx, parts in clusters.spliced.items():
        for part in parts:
            if clusters.find(part) != clusters.find(u_idx):
                extra[clusters.find(part)].append(clusters.units[u_idx])
    return [(units, extra.get(root, [])) for root, units in own.items()]


def _statement(own: list[Unit], extra: list[Unit], spliced: dict[int, list[int]],
               tokens: TokenCache, wires: frozenset[str]
               ) -> tuple[StatementRecord, list[VariantRecord], list[DerivationRecord]]:
    members = own + extra
    plain = [u for u in members if u.idx not in spliced]
    ref = reference(plain or members)
    sid = "st-" + hashlib.sha1(ref.id.encode()).hexdigest()[:16]
    decided = vote(q for u in own for q in u.quotes)
    printed = sorted(((q, u) for u in members for q in u.quotes), key=lambda p: time_key(p[0]))
    dated = [q.published for q, _ in printed if time_key(q)[0] == 0]
    ref_words = tokens[ref.text][1]
    classified: dict[tuple[str, bool], tuple[Mutation, float, tuple[DiffOp, ...]]] = {}
    variants: list[VariantRecord] = []
    occurrences: list[Occurrence] = []
    for q, u in printed:
        how = (q.text, not decided.misattributed(q))
        if how not in classified:
            classified[how] = classify(ref.text, q.text, same_speaker=how[1],
                                       tokens=tokens.__getitem__)
        kind, similarity, diff = classified[how]
        if u.idx in spliced and q.id != ref.id:
            kind = "spliced"  # parts of two statements: the diff shows this one's part
        occurrences.append(Occurrence(q, u.idx, u.words, kind, similarity,
                                      cut_point(u.words, ref_words, kind)))
        variants.append(VariantRecord(q.id, sid, similarity, kind, diff,
                                      decided.inferred_from(q), q.corrected,
                                      q.speaker if q.corrected else None))
    outlets = len({q.outlet for q, _ in printed if q.outlet is not None})
    statement = StatementRecord(sid, ref.text, decided.speaker, ref.id,
                                dated[0] if dated else None, len(printed), decided.conflict,
                                outlets)
    return statement, variants, derive(occurrences, ref_words, wires)
