"""Provenance: which earlier occurrence of a statement each quote most likely came from.

Pure functions over one statement's occurrences in time order (published date in UTC, then
load order); `linking` calls them once per statement.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Indel

from .model import DerivationRecord, LinkQuote

PRIMARY_KINDS = frozenset({"transcript", "press_release"})
_UNMUTATED = frozenset({"verbatim", "trivial"})


def time_key(q: LinkQuote) -> tuple:
    """(published in UTC, None last; load order; id): the order occurrences appeared in."""
    when = _utc(q.published) if q.published else None
    if when is not None:
        return (0, when, q.order, q.id)
    return (1, "", q.order, q.id)


@lru_cache(maxsize=65536)
def _utc(published: str) -> str | None:
    """`published` in UTC as ISO-8601 (naive means UTC), None when it does not parse."""
    try:
        when = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)).isoformat()


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
    # unit -> [its words, earlier occurrences in time order, the first of them in another
    # article than the first one's]. Every quote of a unit has the unit's canonical words.
    seen: dict[int, list[Any]] = {}
    similarity: dict[tuple[int, int], float] = {}
    ref_len = max((c[1] for _, _, c in variant.values() if c), default=0)
    for q, u in occurrences:
        candidates = []
        for v_idx, (v_words, earlier, elsewhere) in seen.items():
            # the first earlier occurrence in another article than q's
            first = earlier[0] if earlier[0].article_id != q.article_id else elsewhere
            if first is None:
                continue
            pair = (min(u.idx, v_idx), max(u.idx, v_idx))
            if pair not in similarity:
                similarity[pair] = round(Indel.normalized_similarity(
                    list(u.words), list(v_words)), 4)
            if q.credits:
                credited = [c for c in earlier if c.article_id != q.article_id
                            and c.outlet and c.outlet in q.credits]
                first = credited[0] if credited else first
            candidates.append((first, similarity[pair]))
        entry = seen.get(u.idx)
        if entry is None:
            seen[u.idx] = [u.words, [q], None]
        else:
            entry[1].append(q)
            if entry[2] is None and q.article_id != entry[1][0].article_id:
                entry[2] = q
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
