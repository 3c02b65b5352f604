"""Linking: group quotes into statements, pick each statement's reference wording, classify
every variant against it, and say which earlier occurrence each quote most likely came from.

The pipeline, all pure and independent of input order (quotes are sorted by id first):

1. Units: quotes of one speaker with the same canonical words are one unit (compared once).
   A primary-source quote (transcript, press release) is always a unit of its own: its
   sentences are different utterances by construction, even when the words repeat. A short
   fragment is a unit per article: "new normal" in two articles may cut two sentences.
2. Candidates, never all pairs: MinHash-LSH over 2-word shingles finds similar long quotes;
   a winnowed index of 3-word grams finds a long quote printed inside a longer passage (any
   shared run of >= WINNOW_K + WINNOW_W - 1 words shares a fingerprint); an exact index of
   short fragments finds the quotes that contain a fragment's words contiguously.
3. Verification with rapidfuzz (a variant must be alike in its content words too, not
   only in the function words any two sentences of a speaker share), then clustering by
   union-find in order of evidence strength, with guards: a cluster never holds two
   primary quotes of the same article, and a multi-sentence passage absorbs by containment
   the quotes of one of its sentences only, so a paragraph never bridges two different
   statements; two clusters join only when the quote linking them is related to each
   cluster's most printed wording (else it is a splice of the two, or a cut that fits
   both), and two grown clusters only when those wordings are related to each other;
   primary sources of two days are two occasions; a primary quote is never a splice. A
   fragment attaches to its single best host, so it can join a statement but never bridge
   two; when two statements print its words about as often, neither in its article, it
   joins neither.
4. Statements: reference = the earliest primary quote, else the medoid (graph/link/reference.py).
   Statement id =
   "st-" + sha1(reference quote id)[:16]: stable while variants join; it changes only when
   the reference changes (a primary source is loaded, or the medoid moves).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from ..model import DerivationRecord, Linking, LinkQuote, StatementRecord, VariantRecord
from .candidates import candidates
from .mutation import Tokens, _contiguous_in, canonical_words, classify, tokenize
from .provenance import PRIMARY_KINDS, cut_point, derive, time_key
from .reference import reference as _reference
from .splices import STOPWORDS, find_splices

FRAGMENT_MIN_WORDS = 2  # a one-word quote is too common to link: it stays alone
FRAGMENT_MAX_WORDS = 6  # 2..6 words: linked only by exact contiguous containment
FRAGMENT_AMBIGUOUS = 2  # a fragment whose words two statements print, the second at least
# half as often as the first, and no print in its own article, joins neither
LINK_MIN_SIMILARITY = 0.55  # Indel similarity of the word sequences: a direct link
# ... and of their content words (stopwords dropped): two sentences of one speaker that share
# mostly function words ("and of ... with a meaningful de-escalation") are two statements
LINK_MIN_CONTENT_SIMILARITY = 0.5
CONTAIN_MIN_COVERAGE = 0.75 # share of the shorter quote's words found, in order, in the longer
CONTAIN_MIN_PARTIAL = 80  # fuzz.partial_ratio: the shorter quote aligns to one compact region
CHUNK_QUOTES = 5000  # speakers are linked in groups of about this many quotes (locality)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+")


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root


class _Unit:
    __slots__ = ("speaker", "words", "text", "quotes", "primary_articles", "articles", "idx",
                 "primary_day", "news_day", "content")

    def __init__(self, idx: int, speaker: str | None, words: tuple[str, ...], text: str) -> None:
        self.idx, self.speaker, self.words, self.text = idx, speaker, words, text
        self.quotes: list[LinkQuote] = []
        self.primary_articles: set[str] = set()
        self.articles: set[str] = set()
        self.primary_day: str | None = None  # earliest day a primary source of it is dated
        self.news_day: str | None = None  # earliest day a news print of it is dated
        self.content = [w for w in words if w not in STOPWORDS and len(w) > 1]


def _day(q: LinkQuote) -> str | None:
    """The calendar day the article printed (as printed, YYYY-MM-DD), None when unknown."""
    day = (q.published or "").strip()[:10]
    return day if _DAY.fullmatch(day) else None


def _min_day(a: str | None, b: str | None) -> str | None:
    return min(a, b) if a and b else a or b or None


class _TokenCache(dict[str, Tokens]):
    """text -> tokenize(text), for one call of `link` (a global LRU would thrash on a big
    corpus: every text is tokenized for its unit and again for its diff)."""

    def __missing__(self, text: str) -> Tokens:
        found = self[text] = tokenize(text)
        return found


def _make_units(quotes: list[LinkQuote], tokens: _TokenCache) -> list[_Unit]:
    units: list[_Unit] = []
    by_key: dict[tuple, _Unit] = {}
    for q in quotes:
        ws = tokens[q.text][1]
        primary = q.article_kind in PRIMARY_KINDS
        if q.speaker is None or len(ws) < FRAGMENT_MIN_WORDS or primary:
            key: tuple = ("own", q.id)
        elif len(ws) <= FRAGMENT_MAX_WORDS:
            # the same fragment in two articles may cut two different sentences
            key = (q.speaker, ws, q.article_id)
        else:
            key = (q.speaker, ws)
        unit = by_key.get(key)
        if unit is None:
            unit = by_key[key] = _Unit(len(units), q.speaker, ws, q.text)
            units.append(unit)
        unit.quotes.append(q)
        unit.articles.add(q.article_id)
        if primary:
            unit.primary_articles.add(q.article_id)
            unit.primary_day = _min_day(unit.primary_day, _day(q))
        else:
            unit.news_day = _min_day(unit.news_day, _day(q))
    return units


def _linkable(u: _Unit) -> bool:
    return u.speaker is not None and len(u.words) >= FRAGMENT_MIN_WORDS


def _sentences(u: _Unit) -> list[tuple[str, ...]]:
    return [ws for part in _SENTENCE_END.split(u.text) if (ws := canonical_words(part))]


def _anchor(short: _Unit, container: _Unit) -> int:
    """Index of the container's sentence that the shorter quote aligns with best."""
    best, best_kept = 0, -1.0
    for i, sentence in enumerate(_sentences(container)):
        kept = len(short.words) + len(sentence) - Indel.distance(list(short.words), list(sentence))
        if kept > best_kept:
            best, best_kept = i, kept
    return best


def _content_similarity(a: _Unit, b: _Unit) -> float:
    if not a.content or not b.content:
        return 1.0  # nothing distinctive to tell them apart by: the words decide
    return Indel.normalized_similarity(a.content, b.content)


def _relation(a: _Unit, b: _Unit) -> tuple | None:
    """(1, similarity, similarity, None) when the two are variants of each other, (0,
    coverage, similarity, (shorter, longer)) when the shorter is printed inside the longer,
    else None."""
    dist = Indel.distance(list(a.words), list(b.words))
    total = len(a.words) + len(b.words)
    similarity = 1 - dist / total
    if similarity >= LINK_MIN_SIMILARITY and _content_similarity(a, b) >= \
            LINK_MIN_CONTENT_SIMILARITY:
        return (1, similarity, similarity, None)
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    coverage = (total - dist) / 2 / len(short.words)
    if coverage >= CONTAIN_MIN_COVERAGE and fuzz.partial_ratio(
        " ".join(short.words), " ".join(long_.words)
    ) >= CONTAIN_MIN_PARTIAL:
        return (0, coverage, similarity, (short.idx, long_.idx))
    return None


def _verified_edges(units: list[_Unit], pairs: set[tuple[int, int]]) -> list[tuple]:
    """Verified candidate pairs, strongest first: variants before containments, then by
    similarity (a short quote inside two longer ones is tried first in the tighter fit)."""
    edges = []
    for i, j in sorted(pairs):
        found = _relation(units[i], units[j])
        if found is not None:
            edges.append((*found[:3], i, j, found[3]))
    edges.sort(key=lambda e: (-e[0], -e[1], -e[2], e[3], e[4]))
    return edges


def _cluster(units: list[_Unit]) -> tuple[_Union, dict[int, list[int]]]:
    uf = _Union(len(units))
    primaries = {u.idx: set(u.primary_articles) for u in units}
    days = {u.idx: (u.primary_day, u.news_day) for u in units}

    core = {u.idx: u.idx for u in units}  # root -> its most printed unit (its wording)
    count = {u.idx: 1 for u in units}  # root -> units in the cluster

    def _fits(i: int, root: int) -> bool:
        c = core[root]
        return count[root] == 1 or i == c or _relation(units[i], units[c]) is not None

    def union(i: int, j: int, guarded: bool = False, inside: int | None = None) -> bool:
        """Join i's and j's clusters. `guarded` (a verified edge): only when each side's
        quote is related to the other cluster's most printed wording, else the quote is a
        splice of two statements or a cut that fits both; `inside` names the edge's shorter
        quote when it is printed inside the other, which then may join its cluster (a
        passage that prints a sentence of the statement) without that test."""
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            return True
        if primaries[ri] & primaries[rj]:
            return False  # two sentences of one primary source are two statements
        if guarded and not ((inside == i or _fits(j, ri)) and (inside == j or _fits(i, rj))):
            return False
        if guarded and count[ri] > 1 and count[rj] > 1 and \
                _relation(units[core[ri]], units[core[rj]]) is None:
            return False  # two statements' wordings, bridged by variants close to both
        (pi, ni), (pj, nj) = days[ri], days[rj]
        if pi and pj and pi != pj:
            return False  # primary sources of two days: the speaker said it twice
        primary_day, news_day = _min_day(pi, pj), _min_day(ni, nj)
        if primary_day and news_day and news_day < primary_day:
            # News printed the words before the primary source's occasion: the speaker
            # said them on an earlier occasion (a repeated talking point), not this one.
            return False
        uf.parent[rj] = ri
        a, b = units[core[ri]], units[core.pop(rj)]
        # the larger cluster's core stays, unless the other's is more printed (a splice
        # that joins a statement never becomes its core: it is one print among many)
        if (len(b.quotes), count[rj], -b.idx) > (len(a.quotes), count[ri], -a.idx):
            core[ri] = b.idx
        count[ri] += count.pop(rj)
        primaries[ri] |= primaries.pop(rj)
        days[ri] = (primary_day, news_day)
        del days[rj]
        return True

    longs = [u for u in units if _linkable(u) and len(u.words) > FRAGMENT_MAX_WORDS]
    anchors: dict[int, int] = {}
    for _, _, _, i, j, containment in _verified_edges(units, candidates(longs)):
        if uf.find(i) == uf.find(j):
            continue
        if containment is not None:
            short, container = units[containment[0]], units[containment[1]]
            if len(_sentences(container)) > 1:
                anchor = _anchor(short, container)
                if anchors.get(container.idx, anchor) != anchor:
                    continue  # would bridge two sentences of one passage
                if union(i, j, True, short.idx):
                    anchors[container.idx] = anchor
                continue
        union(i, j, True, containment[0] if containment else None)
    spliced: dict[int, list[int]] = {}  # splice unit -> units of the statements it joins
    def compatible(i: int, j: int) -> bool:
        (pi, ni), (pj, nj) = days[uf.find(i)], days[uf.find(j)]
        primary_day, news_day = _min_day(pi, pj), _min_day(ni, nj)
        return not (primary_day and news_day and news_day < primary_day)

    for u_idx, (first, second) in sorted(find_splices(units, uf.find, FRAGMENT_MAX_WORDS + 1,
                                                      compatible).items()):
        parts = [first, second]
        if union(parts[0], u_idx):
            spliced[u_idx] = parts
    _attach_fragments(units, uf, union, spliced)
    return uf, spliced


def _attach_fragments(units: list[_Unit], uf: _Union, union,
                      spliced: dict[int, list[int]]) -> None:
    fragments: dict[tuple, list[int]] = defaultdict(list)
    first_words: dict[str | None, set[str]] = defaultdict(set)
    lengths: dict[str | None, set[int]] = defaultdict(set)
    for u in units:
        if _linkable(u) and len(u.words) <= FRAGMENT_MAX_WORDS:
            fragments[(u.speaker, u.words)].append(u.idx)
            first_words[u.speaker].add(u.words[0])
            lengths[u.speaker].add(len(u.words))
    if not fragments:
        return
    size: dict[int, int] = defaultdict(int)
    for u in units:
        size[uf.find(u.idx)] += len(u.quotes)
    best: dict[int, tuple] = {}
    votes: dict[int, Counter] = defaultdict(Counter)  # fragment -> statement -> prints of it
    for host in units:
        if not _linkable(host) or host.speaker not in first_words:
            continue
        starts, ns, ws = first_words[host.speaker], sorted(lengths[host.speaker]), host.words
        for i, w in enumerate(ws):
            if w not in starts:
                continue
            for n in ns:
                if n >= len(ws) or i + n > len(ws):
                    break
                for f in fragments.get((host.speaker, ws[i : i + n]), ()):
                    if f == host.idx:
                        continue
                    # Best host: printed in the same article, then a whole quote rather than
                    # another fragment, then the tightest fit (highest similarity), then the
                    # best-supported statement, then the first unit.
                    key = (bool(units[f].articles & host.articles),
                           len(ws) > FRAGMENT_MAX_WORDS, -len(ws), size[uf.find(host.idx)],
                           -host.idx)
                    if f not in best or key > best[f][0]:
                        best[f] = (key, host.idx)
                    if key[1]:
                        votes[f][uf.find(_part_with(units, f, host.idx, spliced))] += \
                            len(host.quotes)
    ambiguous = set()
    for f in sorted(best):
        if not best[f][0][0] and len(votes[f]) > 1:
            (_, first), (_, second) = votes[f].most_common(2)
            if second * FRAGMENT_AMBIGUOUS > first:
                ambiguous.add(f)  # words of two statements, printed apart from both
                continue
        union(_part_with(units, f, best[f][1], spliced), f)
    for same in fragments.values():  # the same words, in articles without a (clear) host
        hostless = [f for f in same if f not in best or f in ambiguous]
        for f in hostless[1:]:
            union(hostless[0], f)


def _part_with(units: list[_Unit], f: int, host: int, spliced: dict[int, list[int]]) -> int:
    """The host, or for a splice the unit of the statement whose part holds f's words."""
    for part in spliced.get(host, ()):
        if _contiguous_in(units[f].words, units[part].words):
            return part
    return host


def link(quotes: Sequence[LinkQuote]) -> Linking:
    """Group quotes into statements; a VariantRecord per quote and statement it prints (one,
    or two for a splice of two statements); derivations backwards in time.

    Linking never joins quotes of two speakers, so it runs speaker group by speaker group
    (small working sets); the result is the one a single pass over all quotes gives.
    """
    return combine(_link(part) for part in _groups(quotes, CHUNK_QUOTES))


def link_partitions(quotes: Sequence[LinkQuote], parts: int | None = None
                    ) -> list[list[LinkQuote]]:
    """The quotes split by speaker (unattributed quotes together), so that
    `combine(link(p) for p in link_partitions(quotes))` equals `link(quotes)`: the
    partitions can be linked in parallel (in a process pool). With `parts`, whole speakers
    are packed into at most that many partitions of similar size (largest first, each into
    the smallest so far). Deterministic for a set of quotes; empty partitions are dropped.
    """
    by_speaker = _by_speaker(quotes)
    if parts is None:
        return list(by_speaker.values())
    bins: list[list[LinkQuote]] = [[] for _ in range(max(1, parts))]
    for group in sorted(by_speaker.values(), key=lambda g: -len(g)):  # stable: by speaker
        min(bins, key=len).extend(group)
    return [b for b in bins if b]


def combine(linkings: Iterable[Linking]) -> Linking:
    """One Linking from the Linkings of disjoint speaker partitions, in link's order."""
    statements: list[StatementRecord] = []
    variants: list[VariantRecord] = []
    derivations: list[DerivationRecord] = []
    for part in linkings:
        statements.extend(part.statements)
        variants.extend(part.variants)
        derivations.extend(part.derivations)
    # Stable sorts: records with equal keys (a splice derives twice from one source) come
    # from one partition, in their order there.
    return Linking(
        statements=tuple(sorted(statements, key=lambda s: s.id)),
        variants=tuple(sorted(variants, key=lambda v: (v.quote_id, v.statement_id))),
        derivations=tuple(sorted(derivations, key=lambda d: (d.quote_id, d.source_quote_id))),
    )


def _by_speaker(quotes: Iterable[LinkQuote]) -> dict[str | None, list[LinkQuote]]:
    """speaker -> its quotes, speakers in name order, the unattributed last."""
    found: dict[str | None, list[LinkQuote]] = defaultdict(list)
    for q in quotes:
        found[q.speaker].append(q)
    return {k: found[k] for k in sorted(found, key=lambda k: (k is None, k or ""))}


def _groups(quotes: Sequence[LinkQuote], size: int) -> list[list[LinkQuote]]:
    """Whole speakers, in name order, packed into groups of about `size` quotes."""
    groups: list[list[LinkQuote]] = [[]]
    for group in _by_speaker(quotes).values():
        if len(groups[-1]) >= size:
            groups.append([])
        groups[-1].extend(group)
    return groups


def _link(quotes: Sequence[LinkQuote]) -> Linking:
    """`link` over whole speakers, in one pass."""
    ordered = sorted(quotes, key=lambda q: q.id)
    tokens = _TokenCache()
    units = _make_units(ordered, tokens)
    uf, spliced = _cluster(units)
    clusters: dict[int, list[_Unit]] = defaultdict(list)
    extra: dict[int, list[_Unit]] = defaultdict(list)  # splices printed in another statement
    for u in units:
        clusters[uf.find(u.idx)].append(u)
    for u_idx, parts in spliced.items():
        for part in parts:
            if uf.find(part) != uf.find(u_idx):
                extra[uf.find(part)].append(units[u_idx])
    statements, variants, derivations = [], [], []
    for root, own in clusters.items():
        members = own + extra.get(root, [])
        plain = [u for u in members if u.idx not in spliced]
        ref = _reference(plain or members)
        sid = "st-" + hashlib.sha1(ref.id.encode()).hexdigest()[:16]
        occurrences = sorted(((q, u) for u in members for q in u.quotes),
                             key=lambda p: time_key(p[0]))
        dated = [q.published for q, _ in occurrences if time_key(q)[0] == 0]
        statements.append(StatementRecord(sid, ref.text, ref.speaker, ref.id,
                                          dated[0] if dated else None, len(occurrences)))
        variant: dict[str, tuple[str, float, tuple[int, int] | None]] = {}
        ref_words = tokens[ref.text][1]
        classified: dict[tuple[str, bool], tuple] = {}  # copies print the same text
        for q, u in occurrences:
            how = (q.text, q.speaker == ref.speaker)
            if how not in classified:
                classified[how] = classify(ref.text, q.text, same_speaker=how[1],
                                            tokens=tokens.__getitem__)
            kind, similarity, diff = classified[how]
            if u.idx in spliced and q.id != ref.id:
                kind = "spliced"  # parts of two statements: the diff shows this one's part
            variant[q.id] = (kind, similarity, cut_point(u.words, ref_words, kind))
            variants.append(VariantRecord(q.id, sid, similarity, kind, diff))
        derivations.extend(derive(occurrences, variant))
    return Linking(
        statements=tuple(sorted(statements, key=lambda s: s.id)),
        variants=tuple(sorted(variants, key=lambda v: (v.quote_id, v.statement_id))),
        derivations=tuple(sorted(derivations, key=lambda d: (d.quote_id, d.source_quote_id))),
    )
