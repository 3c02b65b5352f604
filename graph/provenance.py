"""Provenance: which earlier occurrence of a statement each quote most likely came from.

Pure functions over one statement's occurrences in time order (published date in UTC, then
load order); `linking` calls them once per statement.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rapidfuzz.distance import Indel

from .model import DerivationRecord, LinkQuote
from .mutation import canonical_words

PRIMARY_KINDS = frozenset({"transcript", "press_release"})
_UNMUTATED = frozenset({"verbatim", "trivial"})


def time_key(q: LinkQuote) -> tuple:
    """(published in UTC, None last; load order; id): the order occurrences appeared in."""
    when = None
    if q.published:
        try:
            when = datetime.fromisoformat(q.published.strip().replace("Z", "+00:00"))
        except ValueError:
            when = None
    if when is not None:
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        return (0, when.isoformat(), q.order, q.id)
    return (1, "", q.order, q.id)


def cut_point(words: tuple[str, ...], ref: tuple[str, ...], kind: str) -> tuple[int, int] | None:
    """Where a truncation cuts the reference: (first word, end) positions, else None."""
    if kind not in ("truncated", "misattributed") or not words:
        return None
    n = len(words)
    for i in range(len(ref) - n + 1):
        if ref[i] == words[0] and ref[i : i + n] == words:
            return (i, i + n)
    return None


def derive(occurrences: list[tuple[LinkQuote, Any]],
            variant: dict[str, tuple[str, float, tuple[int, int] | None]]):
    """For each occurrence after the first, the earlier occurrence it most likely came from.

    Candidates are earlier occurrences (by published date, then load order) in other
    articles. The evidence, strongest first:

    - "credited outlet": the article credits the outlet that published the candidate;
    - "shared truncation point": both are cuts of the reference that start or end at the
      same word (not at the reference's own start or end);
    - "shared mutation": the same mutation (not verbatim/trivial), at least as close to this
      quote as the reference is;
    - "earliest primary source": a transcript or press release;
    - "time order": any earlier occurrence.

    Within the chosen group the most similar wins, ties going to the earliest.
    """
    seen: dict[int, list[LinkQuote]] = {}  # unit -> its earlier occurrences, in time order
    similarity: dict[tuple[int, int], float] = {}
    ref_len = max((c[1] for _, _, c in variant.values() if c), default=0)
    for q, u in occurrences:
        candidates = []
        for v_idx, earlier in seen.items():
            others = [c for c in earlier if c.article_id != q.article_id]
            if not others:
                continue
            pair = (min(u.idx, v_idx), max(u.idx, v_idx))
            if pair not in similarity:
                similarity[pair] = round(Indel.normalized_similarity(
                    list(u.words), list(canonical_words(others[0].text))), 4)
            credited = [c for c in others if c.outlet and c.outlet in q.credits]
            candidates.append((credited[0] if credited else others[0], similarity[pair]))
        seen.setdefault(u.idx, []).append(q)
        if not candidates:
            continue
        kind, to_reference, cut = variant[q.id]
        credited = [(c, s) for c, s in candidates if c.outlet and c.outlet in q.credits]
        same_cut = [(c, s) for c, s in candidates
                    if cut and (other := variant[c.id][2])
                    and ((cut[0] == other[0] and cut[0] > 0)
                         or (cut[1] == other[1] and cut[1] < ref_len))]
        shared = [(c, s) for c, s in candidates
                  if kind not in _UNMUTATED and variant[c.id][0] == kind and s >= to_reference]
        primary = [(c, s) for c, s in candidates if c.article_kind in PRIMARY_KINDS]
        pool, evidence = next((p, e) for p, e in (
            (credited, "credited outlet"), (same_cut, "shared truncation point"),
            (shared, "shared mutation"), (primary, "earliest primary source"),
            (candidates, "time order")) if p)
        source, sim = min(pool, key=lambda p: (-p[1], time_key(p[0])))
        yield DerivationRecord(q.id, source.id, evidence, sim)
