"""Short fragments (2..6 words) join a statement by exact contiguous containment only.

A fragment attaches to its single best host, so it can join a statement but never bridge
two: a host in the fragment's own article (a pull quote, the body around it) first, then
one credited to a name the fragment is credited to, then any. A fragment credited to nobody
joins only a host in its own article: a few common words under nobody's name, elsewhere,
are scare quotes, not evidence. When two statements print a fragment's words about as
often, neither in its article, it joins neither.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .mutation import _contiguous_in
from .units import FRAGMENT_MAX_WORDS, Unit

if TYPE_CHECKING:
    from .cluster import Clusters

FRAGMENT_AMBIGUOUS = 2  # a fragment whose words two statements print, the second at least
# half as often as the first, and no print in its own article, joins neither

HostKey = tuple[bool, bool, bool, int, int, int]


@dataclass
class _Hosts:
    """Per fragment unit: its best host (key, unit) and prints of its words per statement,
    by hosts under one of its names (True) and under other names (False)."""

    best: dict[int, tuple[HostKey, int]] = field(default_factory=dict)
    votes: dict[tuple[int, bool], Counter[int]] = field(
        default_factory=lambda: defaultdict(Counter))


def _eligible(fragment: Unit, host: Unit) -> bool:
    return bool(fragment.names) or not fragment.articles.isdisjoint(host.articles)


def part_with(clusters: Clusters, f: int, host: int) -> int:
    """The host, or for a splice the unit of the statement whose part holds f's words."""
    for part in clusters.spliced.get(host, ()):
        if _contiguous_in(clusters.units[f].words, clusters.units[part].words):
            return part
    return host


def _find_hosts(clusters: Clusters, fragments: dict[tuple[str, ...], list[int]]) -> _Hosts:
    units = clusters.units
    starts = {ws[0] for ws in fragments}
    lengths = sorted({len(ws) for ws in fragments})
    size: Counter[int] = Counter()
    for u in units:
        size[clusters.find(u.idx)] += len(u.quotes)
    found = _Hosts()
    for host in units:
        ws = host.words
        if not host.linkable:
            continue
        for i, w in enumerate(ws):
            if w not in starts:
                continue
            for n in lengths:
                if n >= len(ws) or i + n > len(ws):
                    break
                for f in fragments.get(ws[i : i + n], ()):
                    if f != host.idx and _eligible(units[f], host):
                        _consider(clusters, found, f, host, size[clusters.find(host.idx)])
    return found


def _consider(clusters: Clusters, found: _Hosts, f: int, host: Unit, size: int) -> None:
    """Best host: printed in the same article, then under the same name, then a whole
    quote rather than another fragment, then the tightest fit, then the best-supported
    statement, then the first."""
    whole = len(host.words) > FRAGMENT_MAX_WORDS
    fragment = clusters.units[f]
    key = (not fragment.articles.isdisjoint(host.articles),
           not fragment.names.isdisjoint(host.names), whole, -len(host.words), size, -host.idx)
    if f not in found.best or key > found.best[f][0]:
        found.best[f] = (key, host.idx)
    if whole:
        found.votes[(f, key[1])][clusters.find(part_with(clusters, f, host.idx))] += \
            len(host.quotes)


def attach_fragments(clusters: Clusters) -> None:
    """Join each fragment to its best host's statement (see the module docstring)."""
    units = clusters.units
    fragments: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for u in units:
        if u.fragment:
            fragments[u.words].append(u.idx)
    if not fragments:
        return
    found = _find_hosts(clusters, fragments)
    ambiguous = set()
    for f in sorted(found.best):
        key, host = found.best[f]
        votes = found.votes[(f, key[1])]  # the hosts of the best one's kind vote
        if not key[0] and len(votes) > 1:
            (_, first), (_, second) = votes.most_common(2)
            if second * FRAGMENT_AMBIGUOUS > first:
                ambiguous.add(f)  # words of two statements, printed apart from both
                continue
        clusters.union(part_with(clusters, f, host), f)
    hostless: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for same in fragments.values():  # the same words, in articles without a (clear) host
        for f in same:
            speaker = units[f].speaker
            if speaker is not None and (f not in found.best or f in ambiguous):
                hostless[(speaker, units[f].words)].append(f)
    for group in hostless.values():
        for f in group[1:]:
            clusters.union(group[0], f)
