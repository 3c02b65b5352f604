"""Provenance: which earlier occurrence of a statement each quote most likely came from.

Pure functions over one statement's occurrences in time order (published date in UTC, then
load order); `linking` calls them once per statement.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Indel

from ..model import DerivationRecord, LinkQuote
from .context import shared_words, shingles

PRIMARY_KINDS = frozenset({"transcript", "press_release"})
_UNMUTATED = frozenset({"verbatim", "trivial"})


def time_key(q: LinkQuote) -> tuple[int, str, int, str]:
    """(published in UTC, None last; load order; id): the order occurrences appeared in."""
    return (*moment(q.published), q.order, q.id)


def moment(published: str | None) -> tuple[int, str]:
    """time_key's first part: (0, published in UTC), or (1, "") when it is not known."""
    when = _utc(published) if published else None
    return (0, when) if when is not None else (1, "")


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


class Occurrence(NamedTuple):
    """One print of a statement, as provenance sees it: the quote, its unit and words, and
    how it differs from the statement's reference wording."""

    quote: LinkQuote
    unit: int
    words: tuple[str, ...]
    mutation: str
    similarity: float  # to the reference
    cut: tuple[int, int] | None  # where a truncation cuts the reference


# How much each kind of evidence supports a DERIVED_FROM edge (time order: see `_confidence`)
CONFIDENCE = {"shared context": 0.9, "credited outlet": 0.9, "identical wording": 0.8,
              "shared truncation point": 0.7, "earliest primary source": 0.7,
              "shared mutation": 0.6, "time order": 0.5}
HOLD_MIN = 0.8  # a source of a changed print holds at least this share of its words
# The context decides between candidates in several articles when the best shares at least
# CONTEXT_MIN runs of words with the print and some candidate scores less than CONTEXT_NEAR
# of the best's (a run counts log(articles / articles printing it) over the statement's
# articles: the template weighs little); tuned on generated seed 2 only
CONTEXT_MIN, CONTEXT_NEAR = 6, 0.5
CONTEXT_LATEST = 300  # earlier prints compared by context: the latest (bounds a big statement)


def derive(occurrences: Sequence[Occurrence], ref_words: tuple[str, ...],
           wires: frozenset[str] = frozenset()) -> list[DerivationRecord]:
    """For each occurrence after the first, the earlier occurrence it most likely came from.

    Candidates are earlier occurrences in other articles, known to be earlier (two prints of
    one day, either without a time of day, are in an unknown order: unless one credits the
    other's outlet, neither derives from the other), that hold the words the occurrence
    prints (HOLD_MIN of them, or as many as the reference holds) or are a primary source;
    an unchanged print never derives from a changed one when an unchanged one or a primary
    source is there. The evidence, strongest first:

    - "shared context: N words": of candidates in several articles (those of the credited
      outlet, when the print credits one), the one whose surrounding text the print shares
      clearly most of (graph/link/context.py; a run most of the statement's
      articles print, the house template, weighs little; the best shares CONTEXT_MIN runs);
      when several share about as much (copies of one source), a wire's print first, then
      the closest, then the earliest, the confidence divided by their number. N counts the
      print's words around the quote that lie in runs of three words the source has too;
    - "credited outlet": the article credits the outlet that published the candidate;
    - "identical wording": the candidate printed these very words, character for character,
      where they differ from the reference (a mutation is copied, rarely made twice the
      same way); the reference's own words are no such evidence;
    - "shared truncation point": both are cuts of the reference that start or end at the
      same word (not at the reference's own start or end);
    - "shared mutation": the same mutation (not verbatim/trivial), at least as close to this
      quote as the reference is;
    - "earliest primary source": a transcript or press release;
    - "time order": any remaining candidate, with a confidence that falls with their number.

    Within the chosen group an identical wording wins, then the most similar, ties going to
    the earliest. When several articles print the source's very words and their context does
    not tell them apart, the evidence says so ("one of N earlier prints alike") and the
    confidence is divided by their number. No candidate, no edge.
    """
    return _Provenance(occurrences, ref_words, wires).run()


class _Provenance:
    """The state of one statement's `derive`: the earlier occurrences seen so far."""

    def __init__(self, occurrences: Sequence[Occurrence], ref_words: tuple[str, ...],
                 wires: frozenset[str]) -> None:
        self.occurrences = occurrences
        self.wires = wires
        self.ref_words = ref_words
        self.by_id = {o.quote.id: o for o in occurrences}
        self.history: list[Occurrence] = []  # every earlier occurrence, in time order
        self.runs: dict[str, frozenset[tuple[str, ...]]] = {}  # quote id -> context runs
        self.seen: dict[int, _Earlier] = {}  # unit -> its words' earlier occurrences
        self.printed: dict[str, _Earlier] = {}  # exact wording -> its earlier occurrences
        self.by_outlet: dict[str, list[LinkQuote]] = {}  # outlet -> its earlier occurrences
        self.kept: dict[tuple[int, int], float] = {}
        self.weights: dict[tuple[str, ...], float] | None = None
        self.own: dict[int, float] = {}  # unit -> share of its words the reference holds
        self.ref_text = next((_wording(o.quote.text) for o in occurrences
                              if o.mutation == "verbatim"), None)
        self.ref_len = max((o.cut[1] for o in occurrences if o.cut), default=0)

    def similar(self, a: Occurrence, b: Occurrence) -> float:
        """Indel similarity of two occurrences' words (cached per pair of units)."""
        pair = (min(a.unit, b.unit), max(a.unit, b.unit))
        if pair not in self.kept:
            self.kept[pair] = Indel.normalized_similarity(list(a.words), list(b.words))
        return self.kept[pair]

    def holds(self, source: Occurrence, o: Occurrence) -> bool:
        """True when `source` prints the words `o` prints (see `derive`)."""
        if source.quote.article_kind in PRIMARY_KINDS or not o.words:
            return True
        share = _kept(self.similar(source, o), source.words, o.words)
        if share >= HOLD_MIN:
            return True
        if o.unit not in self.own:
            self.own[o.unit] = _kept(Indel.normalized_similarity(
                list(self.ref_words), list(o.words)), self.ref_words, o.words)
        return share >= self.own[o.unit] - 1e-9

    def run(self) -> list[DerivationRecord]:
        found: list[DerivationRecord] = []
        for o in self.occurrences:
            q = o.quote
            wording = _wording(q.text)
            earlier = [self.by_id[c.id] for e in self.seen.values()
                       for c in e.in_other(q.article_id)]
            credited = [self.by_id[c.id] for outlet in q.credits
                        for c in self.by_outlet.get(outlet, ()) if c.article_id != q.article_id]
            same = self.printed.get(wording)
            identical = same.in_other(q.article_id)[-1] if same and same.in_other(
                q.article_id) else None
            self._remember(o, wording)
            record = self._choose(o, wording, earlier, credited,
                                  self.by_id[identical.id] if identical else None)
            if record is not None:
                found.append(record)
        return found

    def _remember(self, o: Occurrence, wording: str) -> None:
        self.history.append(o)
        wire = o.quote.outlet in self.wires
        self.seen.setdefault(o.unit, _Earlier()).add(o.quote, wire)
        self.printed.setdefault(wording, _Earlier()).add(o.quote, wire)
        if o.quote.outlet:
            self.by_outlet.setdefault(o.quote.outlet, []).append(o.quote)

    def _usable(self, o: Occurrence, earlier: list[Occurrence]) -> list[Occurrence]:
        """Earlier occurrences known to be earlier that hold o's words; for an unchanged
        print, the unchanged ones (and primary sources) when there are any. For a print with
        no name, the same words under a wrong name are unchanged too: the name is no change
        a print that names nobody could show."""
        pool = [c for c in earlier if known_before(c.quote, o.quote) and self.holds(c, o)]
        if o.mutation in _UNMUTATED:
            faithful = [c for c in pool if c.mutation in _UNMUTATED
                        or c.quote.article_kind in PRIMARY_KINDS
                        or (o.quote.speaker is None and c.mutation == "misattributed"
                            and _wording(c.quote.text) == _wording(o.quote.text))]
            pool = faithful or pool
        return pool

    def _choose(self, o: Occurrence, wording: str, earlier: list[Occurrence],
                credited: list[Occurrence], identical: Occurrence | None
                ) -> DerivationRecord | None:
        credited = [c for c in credited if self.holds(c, o)]
        candidates = self._usable(o, earlier)
        if not candidates and not credited:
            return None
        recent = self.history[-CONTEXT_LATEST - 1:]
        everyone = credited or self._usable(
            o, [c for c in recent if c.quote.article_id != o.quote.article_id])
        by_context = self._by_context(o, everyone)
        if by_context is not None:
            return by_context
        to_reference = o.similarity
        same_cut = [c for c in candidates if o.cut and c.cut and (
            (o.cut[0] == c.cut[0] and o.cut[0] > 0)
            or (o.cut[1] == c.cut[1] and o.cut[1] < self.ref_len))]
        shared = [c for c in candidates if o.mutation not in _UNMUTATED
                  and c.mutation == o.mutation and self.similar(c, o) >= to_reference]
        primary = [c for c in candidates if c.quote.article_kind in PRIMARY_KINDS]
        copied = [identical] if identical is not None and identical in candidates else []
        # the reference's own words are evidence only when a wire printed them
        reprinted = [c for c in copied if c.quote.outlet in self.wires]
        if wording == self.ref_text:
            copied = []
        pool, evidence = next((p, e) for p, e in (
            (credited, "credited outlet"), (copied, "identical wording"),
            (same_cut, "shared truncation point"), (shared, "shared mutation"),
            (reprinted, "identical wording"),
            (primary, "earliest primary source"), (candidates, "time order")) if p)
        source = min(pool, key=lambda c: (_wording(c.quote.text) != wording,
                                          -self.similar(c, o), c.quote.outlet not in self.wires,
                                          time_key(c.quote)))
        confidence = CONFIDENCE[evidence]
        if evidence == "time order":
            confidence /= len({c.unit for c in pool})
        printed = _wording(source.quote.text)
        alike = len({c.quote.article_id for c in everyone if _wording(c.quote.text) == printed})
        if alike > 1:  # a reader could take any of them for the source
            confidence = min(confidence, CONFIDENCE[evidence] / alike)
            evidence += f"; one of {alike} earlier prints alike" + (
                ", context tells none apart" if o.quote.context else "")
        return DerivationRecord(o.quote.id, source.quote.id, evidence,
                                round(self.similar(source, o), 4), round(confidence, 3))

    def _runs(self, o: Occurrence) -> frozenset[tuple[str, ...]]:
        found = self.runs.get(o.quote.id)
        if found is None:
            found = self.runs[o.quote.id] = shingles(o.quote.context)
        return found

    def _weights(self) -> dict[tuple[str, ...], float]:
        """What each run of words around the statement's prints weighs: log(articles /
        articles printing it). A run most of them print is the house template ("Ms Garius
        stressed:", "The remarks were made to"); one only a copy and its source share is a
        copy's mark (inverse document frequency, as text-reuse tools weigh passages)."""
        if self.weights is None:
            arts: dict[str, set[tuple[str, ...]]] = {}
            for o in self.occurrences:
                arts.setdefault(o.quote.article_id, set()).update(self._runs(o))
            df = Counter(r for runs in arts.values() for r in runs)
            self.weights = {r: math.log((len(arts) + 1) / n) for r, n in df.items()}
        return self.weights

    def _by_context(self, o: Occurrence, pool: list[Occurrence]) -> DerivationRecord | None:
        """The candidate whose context `o` shares clearly most of (see `derive`), else None."""
        articles: dict[str, list[Occurrence]] = {}
        for c in pool:
            articles.setdefault(c.quote.article_id, []).append(c)
        if len(articles) < 2 or not o.quote.context:
            return None
        mine = self._runs(o)
        inter = {aid: frozenset().union(*(mine & self._runs(c) for c in cs))
                 for aid, cs in articles.items()}
        weight = self._weights()
        # fsum: the same total whatever order a set gives its runs in (ties stay ties)
        score = {aid: math.fsum(weight[r] for r in runs) for aid, runs in inter.items()}
        best = max(score.values())
        near = [aid for aid, n in score.items() if n >= best * CONTEXT_NEAR]
        top = max(inter, key=lambda aid: (score[aid], len(inter[aid])))
        if len(inter[top]) < CONTEXT_MIN or len(near) == len(articles):
            return None
        rest = max(n for n in score.values() if n < best * CONTEXT_NEAR)
        # several about as close: copies of one source share its context, and outlets copy
        # wires most: a wire's print first, then the closest, then the earliest
        wording = _wording(o.quote.text)
        source = min((c for aid in near for c in articles[aid]), key=lambda c: (
            c.quote.outlet not in self.wires, score[c.quote.article_id] < best,
            _wording(c.quote.text) != wording, time_key(c.quote)))
        n = shared_words(o.quote.context, self._runs(source))
        evidence = f"shared context: {n} words"
        if len(near) > 1:
            evidence += f", about as many with {len(near) - 1} other earlier prints"
        confidence = CONFIDENCE["shared context"] * (1 - rest / best / 2) / len(near)
        return DerivationRecord(o.quote.id, source.quote.id, evidence,
                                round(self.similar(source, o), 4), round(confidence, 3))


def _kept(similarity: float, source: tuple[str, ...], words: tuple[str, ...]) -> float:
    """Share of `words` kept in order in `source`, from their Indel similarity."""
    return similarity * (len(source) + len(words)) / 2 / len(words)


def date_only(q: LinkQuote) -> bool:
    """True when the print's time of day is unknown (a bare date is midnight UTC)."""
    when = _utc(q.published) if q.published else None
    return when is not None and when[11:19] == "00:00:00"


def known_before(a: LinkQuote, b: LinkQuote) -> bool:
    """False when `a` and `b` are of one day and one of them has no time of day: their
    order cannot be known (time_key still sorts them, by load order)."""
    wa, wb = _utc(a.published) if a.published else None, _utc(b.published) if b.published \
        else None
    if wa is None or wb is None or wa[:10] != wb[:10]:
        return True
    return not (date_only(a) or date_only(b))


def _wording(text: str) -> str:
    """The printed words with spacing normalised: what "identical wording" compares."""
    return " ".join(text.split())


class _Earlier:
    """Earlier occurrences of one wording: the first, and the first in another article than
    the first's (so a quote in the first's own article still has a candidate); and the
    latest print by a wire (an outlet some article credits), the likeliest source of a
    reprint of words many printed."""

    __slots__ = ("first", "elsewhere", "wire")

    def __init__(self) -> None:
        self.first: LinkQuote | None = None
        self.elsewhere: LinkQuote | None = None
        self.wire: LinkQuote | None = None

    def add(self, q: LinkQuote, wire: bool = False) -> None:
        if self.first is None:
            self.first = q
        elif self.elsewhere is None and q.article_id != self.first.article_id:
            self.elsewhere = q
        if wire:
            self.wire = q

    def in_other(self, article_id: str) -> list[LinkQuote]:
        """The first in another article, and the latest wire print when it is elsewhere."""
        found = [q] if (q := self.first_in_other(article_id)) else []
        if self.wire is not None and self.wire.article_id != article_id and \
                self.wire not in found:
            found.append(self.wire)
        return found

    def first_in_other(self, article_id: str) -> LinkQuote | None:
        assert self.first is not None
        return self.first if self.first.article_id != article_id else self.elsewhere
