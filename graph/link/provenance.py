"""Provenance: which earlier occurrence of a statement each quote most likely came from.

Pure functions over one statement's occurrences in time order (published date in UTC, then
load order); `linking` calls them once per statement.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import Indel

from ..model import DerivationRecord, LinkQuote

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
    - "identical wording": the candidate printed these very words, character for character,
      where they differ from the reference (a dropped comma, a rewording: a mutation is
      copied, rarely made twice the same way); the reference's own words are no such
      evidence, though an identical print still wins within the groups below;
    - "shared truncation point": both are cuts of the reference that start or end at the
      same word (not at the reference's own start or end);
    - "shared mutation": the same mutation (not verbatim/trivial), at least as close to this
      quote as the reference is;
    - "earliest primary source": a transcript or press release;
    - "time order": any earlier occurrence.

    Within the chosen group an identical wording wins, then the most similar, ties going to
    the earliest.
    """
    seen: dict[int, _Earlier] = {}  # unit -> its words' earlier occurrences
    printed: dict[str, _Earlier] = {}  # exact wording -> its earlier occurrences
    by_outlet: dict[str, list[LinkQuote]] = {}  # outlet -> its earlier occurrences
    similarity: dict[tuple[int, int], float] = {}
    unit_of: dict[str, Any] = {}
    ref_len = max((c[1] for _, _, c in variant.values() if c), default=0)
    ref_text = next((_wording(q.text) for q, _ in occurrences
                     if variant[q.id][0] == "verbatim"), None)

    def similar(u: Any, v: Any) -> float:
        pair = (min(u.idx, v.idx), max(u.idx, v.idx))
        if pair not in similarity:
            similarity[pair] = round(Indel.normalized_similarity(list(u.words),
                                                                 list(v.words)), 4)
        return similarity[pair]

    for q, u in occurrences:
        wording = _wording(q.text)
        candidates = [(c, similar(u, unit_of[c.id]))
                      for e in seen.values() if (c := e.first_in_other(q.article_id))]
        credited = [(c, similar(u, unit_of[c.id])) for outlet in q.credits
                    for c in by_outlet.get(outlet, ()) if c.article_id != q.article_id]
        same = printed.get(wording)
        identical = same.first_in_other(q.article_id) if same else None
        unit_of[q.id] = u
        seen.setdefault(u.idx, _Earlier()).add(q)
        printed.setdefault(wording, _Earlier()).add(q)
        if q.outlet:
            by_outlet.setdefault(q.outlet, []).append(q)
        if not candidates:
            continue
        kind, to_reference, cut = variant[q.id]
        same_cut = [(c, s) for c, s in candidates
                    if cut and (other := variant[c.id][2])
                    and ((cut[0] == other[0] and cut[0] > 0)
                         or (cut[1] == other[1] and cut[1] < ref_len))]
        shared = [(c, s) for c, s in candidates
                  if kind not in _UNMUTATED and variant[c.id][0] == kind and s >= to_reference]
        primary = [(c, s) for c, s in candidates if c.article_kind in PRIMARY_KINDS]
        copied = [] if identical is None or wording == ref_text else [(identical, 1.0)]
        pool, evidence = next((p, e) for p, e in (
            (credited, "credited outlet"), (copied, "identical wording"),
            (same_cut, "shared truncation point"), (shared, "shared mutation"),
            (primary, "earliest primary source"), (candidates, "time order")) if p)
        source, sim = min(pool, key=lambda p: (_wording(p[0].text) != wording, -p[1],
                                               time_key(p[0])))
        yield DerivationRecord(q.id, source.id, evidence, sim)


def _wording(text: str) -> str:
    """The printed words with spacing normalised: what "identical wording" compares."""
    return " ".join(text.split())


class _Earlier:
    """Earlier occurrences of one wording: the first, and the first in another article than
    the first's (so a quote in the first's own article still has a candidate)."""

    __slots__ = ("first", "elsewhere")

    def __init__(self) -> None:
        self.first: LinkQuote | None = None
        self.elsewhere: LinkQuote | None = None

    def add(self, q: LinkQuote) -> None:
        if self.first is None:
            self.first = q
        elif self.elsewhere is None and q.article_id != self.first.article_id:
            self.elsewhere = q

    def first_in_other(self, article_id: str) -> LinkQuote | None:
        assert self.first is not None
        return self.first if self.first.article_id != article_id else self.elsewhere
