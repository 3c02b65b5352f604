"""Clustering units into statements: union-find in order of evidence strength, with guards.

- A cluster never holds two primary quotes of the same article (two sentences of one
  transcript are two statements), nor primary sources of two days (two occasions), nor news
  printed before its primary source's occasion (a repeated talking point).
- A multi-sentence passage absorbs by containment the quotes of one of its sentences only,
  so a paragraph never bridges two different statements.
- Two clusters join only when the quote linking them is related to each cluster's most
  printed wording (else it is a splice of the two, or a cut that fits both), and two grown
  clusters only when those wordings are close variants (GROWN_MIN_SIMILARITY): as the
  archive grows, a speaker's statements often share half their words, and a variant close
  to two of them is no evidence that they are one. Under another name, a quote joins a
  longer one by containment only while it stands alone: a grown statement's words inside
  another name's longer quote are a run both used, not a cut of a misattributed copy.
- Splices of two statements join the first part's statement (graph/link/splices.py);
  fragments attach to their single best host (graph/link/fragments.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from .candidates import candidates
from .fragments import attach_fragments
from .splices import find_splices
from .units import (
    FRAGMENT_MAX_WORDS,
    Edge,
    UnionFind,
    Unit,
    anchor,
    credited_apart,
    min_day,
    relation,
    sentences,
    verified_edges,
)

GROWN_MIN_SIMILARITY = 0.65  # the most printed wordings of two grown clusters, to join


def _close(a: Unit, b: Unit) -> bool:
    """Two statements' wordings close enough to be one: variants, GROWN_MIN_SIMILARITY alike."""
    e = relation(a, b)
    return e is not None and (not e.variant or e.similarity >= GROWN_MIN_SIMILARITY)


@dataclass
class _Root:
    """What a cluster's guards need, kept on its root."""

    core: int  # its most printed unit: the cluster's wording
    count: int  # units in it
    primaries: set[str]  # articles of its primary quotes
    primary_day: str | None
    news_day: str | None


class Clusters:
    """The clusters of one `link` call: a union-find and each root's guard state."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.uf = UnionFind(len(units))
        self.roots = {u.idx: _Root(u.idx, 1, set(u.primary_articles), u.primary_day,
                                   u.news_day) for u in units}
        self.spliced: dict[int, list[int]] = {}  # splice unit -> units of its two statements

    def find(self, x: int) -> int:
        return self.uf.find(x)

    def _fits(self, i: int, root: _Root) -> bool:
        c = root.core
        return root.count == 1 or i == c or relation(self.units[i], self.units[c]) is not None

    def _days_agree(self, a: _Root, b: _Root) -> bool:
        if a.primary_day and b.primary_day and a.primary_day != b.primary_day:
            return False  # primary sources of two days: the speaker said it twice
        primary, news = min_day(a.primary_day, b.primary_day), min_day(a.news_day, b.news_day)
        # news printed the words before the primary source's occasion: an earlier occasion
        return not (primary and news and news < primary)

    def compatible(self, i: int, j: int) -> bool:
        return self._days_agree(self.roots[self.find(i)], self.roots[self.find(j)])

    def union(self, i: int, j: int, guarded: bool = False, inside: int | None = None) -> bool:
        """Join i's and j's clusters. `guarded` (a verified edge): only when each side's
        quote is related to the other cluster's most printed wording; `inside` names the
        edge's shorter quote when printed inside the other (it may then join without it)."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.roots[ri], self.roots[rj]
        if a.primaries & b.primaries or not self._days_agree(a, b):
            return False
        if guarded and not ((inside == i or self._fits(j, a))
                            and (inside == j or self._fits(i, b))):
            return False
        if inside is not None and self.roots[self.find(inside)].count > 1 and \
                credited_apart(self.units[i], self.units[j]):
            return False  # a grown statement inside another name's quote: a shared run
        if guarded and a.count > 1 and b.count > 1 and \
                not _close(self.units[a.core], self.units[b.core]):
            return False  # two statements' wordings, bridged by variants close to both
        self._merge(ri, rj)
        return True

    def _merge(self, ri: int, rj: int) -> None:
        a, b = self.roots[ri], self.roots.pop(rj)
        self.uf.attach(rj, ri)
        ua, ub = self.units[a.core], self.units[b.core]
        # the larger cluster's core stays, unless the other's is more printed (a splice
        # that joins a statement never becomes its core: it is one print among many)
        if (len(ub.quotes), b.count, -ub.idx) > (len(ua.quotes), a.count, -ua.idx):
            a.core = b.core
        a.count += b.count
        a.primaries |= b.primaries
        a.primary_day = min_day(a.primary_day, b.primary_day)
        a.news_day = min_day(a.news_day, b.news_day)

    def link_edges(self, edges: list[Edge]) -> None:
        """Union along verified edges, strongest first, a passage bridging none of its
        sentences' statements."""
        anchors: dict[int, int] = {}
        for e in edges:
            if self.find(e.a) == self.find(e.b):
                continue
            if e.inside is not None:
                container = self.units[e.b if e.inside == e.a else e.a]
                if len(sentences(container)) > 1:
                    at = anchor(self.units[e.inside], container)
                    if anchors.get(container.idx, at) != at:
                        continue  # would bridge two sentences of one passage
                    if self.union(e.a, e.b, True, e.inside):
                        anchors[container.idx] = at
                    continue
            self.union(e.a, e.b, True, e.inside)

    def link_splices(self) -> None:
        found = find_splices(self.units, self.find, FRAGMENT_MAX_WORDS + 1, self.compatible)
        for u_idx, (first, second) in sorted(found.items()):
            if self.union(first, u_idx):
                self.spliced[u_idx] = [first, second]


def cluster(units: list[Unit]) -> Clusters:
    """Clusters of `units` (see the module docstring)."""
    clusters = Clusters(units)
    longs = [u for u in units if len(u.words) > FRAGMENT_MAX_WORDS]
    clusters.link_edges(verified_edges(units, candidates(longs)))
    clusters.link_splices()
    attach_fragments(clusters)
    return clusters

