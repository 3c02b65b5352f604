"""Misattribution: the same words printed under another speaker's name.

`link` is per speaker (so loading can relink only the speakers a document touches); this
check crosses speakers and is run separately by the store over the new quotes and the
statements they may copy. A quote of MIN_WORDS+ words whose words are the reference's
(verbatim, trivial or a contiguous cut) of a statement of ANOTHER speaker becomes a variant
of that statement with mutation `misattributed`. Candidates come from an exact index of
word n-grams of the references (a cut shares every n-gram with its source), never all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..model import LinkQuote, StatementRecord, VariantRecord
from .mutation import canonical_words, classify
from .provenance import PRIMARY_KINDS

MIN_WORDS = 6
GRAM = 6  # n-gram length of the index (= MIN_WORDS: every candidate quote has one)
MAX_POSTING = 50  # an n-gram in more references than this is boilerplate: not evidence


def _grams(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {words[i : i + GRAM] for i in range(len(words) - GRAM + 1)}


def _strength(s: StatementRecord, primary: set[str]) -> tuple:
    """Higher is stronger: a primary source's words, then more prints, then the earliest."""
    return (s.reference_quote_id in primary, s.quote_count,
            tuple(-ord(c) for c in (s.first_seen or "\uffff")), s.id)


def find_misattributions(statements: Sequence[StatementRecord], quotes: Sequence[LinkQuote]
                         ) -> list[VariantRecord]:
    """VARIANT_OF records (mutation `misattributed`) for quotes that print another speaker's
    statement unchanged or cut. When the quote's own speaker has a statement with the same
    words that is at least as strong (a primary source, more prints, earlier), the quote is
    not flagged: then the other speaker is the one more likely misquoted, or both said it.
    """
    primary = {q.id for q in quotes if q.article_kind in PRIMARY_KINDS}
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    refs = [canonical_words(s.text) for s in statements]
    for i, ws in enumerate(refs):
        for g in _grams(ws):
            index[g].append(i)
    found: list[VariantRecord] = []
    for q in sorted(quotes, key=lambda q: q.id):
        ws = canonical_words(q.text)
        if q.speaker is None or len(ws) < MIN_WORDS:
            continue
        hits = index.get(ws[:GRAM], [])
        if len(hits) > MAX_POSTING:
            continue
        holders = [i for i in hits if any(refs[i][k : k + len(ws)] == ws
                                          for k in range(len(refs[i]) - len(ws) + 1))]
        own = [statements[i] for i in holders if statements[i].speaker == q.speaker]
        best_own = max((_strength(s, primary) for s in own), default=None)
        for i in holders:
            s = statements[i]
            if s.speaker is None or s.speaker == q.speaker or s.reference_quote_id == q.id:
                continue
            if best_own is not None and best_own >= _strength(s, primary):
                continue
            kind, similarity, diff = classify(s.text, q.text, same_speaker=False)
            if kind == "misattributed":
                found.append(VariantRecord(q.id, s.id, similarity, kind, diff))
    return sorted(found, key=lambda v: (v.quote_id, v.statement_id))
