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
3. Verification with rapidfuzz, then clustering by union-find in order of evidence
   strength, with guards: a cluster never holds two primary quotes of the same article, and
   a multi-sentence passage absorbs by containment the quotes of one of its sentences only,
   so a paragraph never bridges two different statements. A fragment attaches to its single
   best host, so it can join a statement but never bridge two.
4. Statements: reference = the earliest primary quote, else the medoid. Statement id =
   "st-" + sha1(reference quote id)[:16]: stable while variants join; it changes only when
   the reference changes (a primary source is loaded, or the medoid moves).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from .model import DerivationRecord, Linking, LinkQuote, StatementRecord, VariantRecord
from .mutation import canonical_words, classify

PRIMARY_KINDS = frozenset({"transcript", "press_release"})
FRAGMENT_MIN_WORDS = 2  # a one-word quote is too common to link: it stays alone
FRAGMENT_MAX_WORDS = 6  # 2..6 words: linked only by exact contiguous containment
NUM_PERM = 64
LSH_THRESHOLD = 0.3  # Jaccard of 2-word shingle sets at which LSH proposes a pair
WINNOW_K, WINNOW_W = 3, 4  # 3-word grams, one fingerprint per window of 4 grams
MAX_POSTING = 200  # a fingerprint shared by more units than this is too common to use
LINK_MIN_SIMILARITY = 0.55  # Indel similarity of the word sequences: a direct link
CONTAIN_MIN_COVERAGE = 0.75 # share of the shorter quote's words found, in order, in the longer
CONTAIN_MIN_PARTIAL = 80  # fuzz.partial_ratio: the shorter quote aligns to one compact region
MEDOID_MAX = 400  # the medoid is chosen against at most this many distinct wordings
_UNMUTATED = frozenset({"verbatim", "trivial"})
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
    __slots__ = ("speaker", "words", "text", "quotes", "primary_articles", "articles", "idx")

    def __init__(self, idx: int, speaker: str | None, words: tuple[str, ...], text: str) -> None:
        self.idx, self.speaker, self.words, self.text = idx, speaker, words, text
        self.quotes: list[LinkQuote] = []
        self.primary_articles: set[str] = set()
        self.articles: set[str] = set()


def _time_key(q: LinkQuote) -> tuple:
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


def _make_units(quotes: list[LinkQuote]) -> list[_Unit]:
    units: list[_Unit] = []
    by_key: dict[tuple, _Unit] = {}
    for q in quotes:
        ws = canonical_words(q.text)
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
    return units


def _linkable(u: _Unit) -> bool:
    return u.speaker is not None and len(u.words) >= FRAGMENT_MIN_WORDS


def _candidates(longs: list[_Unit]) -> set[tuple[int, int]]:
    from datasketch import MinHash, MinHashLSH  # imports scipy (~1 s): only when linking

    pairs: set[tuple[int, int]] = set()
    shingles = [[f"{a} {b}".encode() for a, b in zip(u.words, u.words[1:], strict=False)]
                for u in longs]
    hashes = MinHash.bulk(shingles, num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for u, m in zip(longs, hashes, strict=True):
            session.insert(u.idx, m, check_duplication=False)
    speaker = {u.idx: u.speaker for u in longs}
    for u, m in zip(longs, hashes, strict=True):
        for j in lsh.query(m):
            if j != u.idx and speaker[j] == u.speaker:
                pairs.add((min(u.idx, j), max(u.idx, j)))
    postings: dict[tuple[str | None, int], list[int]] = defaultdict(list)
    for u in longs:
        grams = [zlib.crc32(" ".join(u.words[i : i + WINNOW_K]).encode())
                 for i in range(len(u.words) - WINNOW_K + 1)]
        chosen = {min(grams[i : i + WINNOW_W]) for i in range(max(1, len(grams) - WINNOW_W + 1))}
        for fp in chosen:
            postings[(u.speaker, fp)].append(u.idx)
    for members in postings.values():
        if 1 < len(members) <= MAX_POSTING:
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    pairs.add((members[a], members[b]))
    return pairs


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


def _verified_edges(units: list[_Unit], pairs: set[tuple[int, int]]) -> list[tuple]:
    edges = []
    for i, j in sorted(pairs):
        a, b = units[i], units[j]
        dist = Indel.distance(list(a.words), list(b.words))
        total = len(a.words) + len(b.words)
        similarity = 1 - dist / total
        if similarity >= LINK_MIN_SIMILARITY:
            edges.append((1, similarity, i, j, None))
            continue
        short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
        coverage = (total - dist) / 2 / len(short.words)
        if coverage >= CONTAIN_MIN_COVERAGE and fuzz.partial_ratio(
            " ".join(short.words), " ".join(long_.words)
        ) >= CONTAIN_MIN_PARTIAL:
            edges.append((0, coverage, i, j, (short.idx, long_.idx)))
    edges.sort(key=lambda e: (-e[0], -e[1], e[2], e[3]))
    return edges


def _cluster(units: list[_Unit]) -> _Union:
    uf = _Union(len(units))
    primaries = {u.idx: set(u.primary_articles) for u in units}

    def union(i: int, j: int) -> bool:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            return True
        if primaries[ri] & primaries[rj]:
            return False  # two sentences of one primary source are two statements
        uf.parent[rj] = ri
        primaries[ri] |= primaries.pop(rj)
        return True

    longs = [u for u in units if _linkable(u) and len(u.words) > FRAGMENT_MAX_WORDS]
    anchors: dict[int, int] = {}
    for _, _, i, j, containment in _verified_edges(units, _candidates(longs)):
        if uf.find(i) == uf.find(j):
            continue
        if containment is not None:
            short, container = units[containment[0]], units[containment[1]]
            if len(_sentences(container)) > 1:
                anchor = _anchor(short, container)
                if anchors.get(container.idx, anchor) != anchor:
                    continue  # would bridge two sentences of one passage
                if union(i, j):
                    anchors[container.idx] = anchor
                continue
        union(i, j)
    _attach_fragments(units, uf, union)
    return uf


def _attach_fragments(units: list[_Unit], uf: _Union, union) -> None:
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
    for f in sorted(best):
        union(best[f][1], f)
    for same in fragments.values():  # the same words, in articles without any host
        hostless = [f for f in same if f not in best]
        for f in hostless[1:]:
            union(hostless[0], f)


def _reference(members: list[_Unit]) -> LinkQuote:
    primary = [q for u in members for q in u.quotes if q.article_kind in PRIMARY_KINDS]
    if primary:
        return min(primary, key=_time_key)
    if len(members) == 1:
        return min(members[0].quotes, key=_time_key)
    pool = members[:MEDOID_MAX]
    texts = [" ".join(u.words) for u in pool]
    best_key, best_unit = None, pool[0]
    for u, text in zip(pool, texts, strict=True):
        support = (len(u.quotes) - 1) * 100.0 + sum(
            fuzz.ratio(text, other) * len(v.quotes)
            for v, other in zip(pool, texts, strict=True) if v is not u
        )
        earliest = min(_time_key(q) for q in u.quotes)
        key = (-round(support, 6), -len(u.words), earliest)
        if best_key is None or key < best_key:
            best_key, best_unit = key, u
    return min(best_unit.quotes, key=_time_key)


def link(quotes: Sequence[LinkQuote]) -> Linking:
    """Group quotes into statements; one VariantRecord per quote; derivations backwards."""
    ordered = sorted(quotes, key=lambda q: q.id)
    units = _make_units(ordered)
    uf = _cluster(units)
    clusters: dict[int, list[_Unit]] = defaultdict(list)
    for u in units:
        clusters[uf.find(u.idx)].append(u)
    statements, variants, derivations = [], [], []
    for members in clusters.values():
        ref = _reference(members)
        sid = "st-" + hashlib.sha1(ref.id.encode()).hexdigest()[:16]
        occurrences = sorted(((q, u) for u in members for q in u.quotes),
                             key=lambda p: _time_key(p[0]))
        dated = [q.published for q, _ in occurrences if _time_key(q)[0] == 0]
        statements.append(StatementRecord(sid, ref.text, ref.speaker, ref.id,
                                          dated[0] if dated else None, len(occurrences)))
        variant: dict[str, tuple[str, float]] = {}
        for q, _ in occurrences:
            kind, similarity, diff = classify(ref.text, q.text,
                                              same_speaker=q.speaker == ref.speaker)
            variant[q.id] = (kind, similarity)
            variants.append(VariantRecord(q.id, sid, similarity, kind, diff))
        derivations.extend(_derive(occurrences, variant))
    return Linking(
        statements=tuple(sorted(statements, key=lambda s: s.id)),
        variants=tuple(sorted(variants, key=lambda v: v.quote_id)),
        derivations=tuple(sorted(derivations, key=lambda d: d.quote_id)),
    )


def _derive(occurrences: list[tuple[LinkQuote, _Unit]], variant: dict[str, tuple[str, float]]):
    """For each occurrence after the first, the earlier occurrence it most likely came from.

    Candidates are earlier occurrences (by published date, then load order) in other
    articles. Preferred: one with the same mutation (not verbatim/trivial) that is at least
    as close to this quote as the reference is ("shared mutation"); else a primary source
    ("earliest primary source"); else any ("time order"). Within the preferred group the
    most similar wins, ties going to the earliest.
    """
    seen: dict[int, list[LinkQuote]] = {}  # unit -> its earlier occurrences, in time order
    similarity: dict[tuple[int, int], float] = {}
    for q, u in occurrences:
        candidates = []
        for v_idx, earlier in seen.items():
            source = next((c for c in earlier if c.article_id != q.article_id), None)
            if source is None:
                continue
            pair = (min(u.idx, v_idx), max(u.idx, v_idx))
            if pair not in similarity:
                similarity[pair] = round(Indel.normalized_similarity(
                    list(u.words), list(canonical_words(source.text))), 4)
            candidates.append((source, similarity[pair]))
        seen.setdefault(u.idx, []).append(q)
        if not candidates:
            continue
        kind, to_reference = variant[q.id]
        shared = [(c, s) for c, s in candidates
                  if kind not in _UNMUTATED and variant[c.id][0] == kind and s >= to_reference]
        primary = [(c, s) for c, s in candidates if c.article_kind in PRIMARY_KINDS]
        if shared:
            pool, evidence = shared, "shared mutation"
        elif primary:
            pool, evidence = primary, "earliest primary source"
        else:
            pool, evidence = candidates, "time order"
        source, sim = min(pool, key=lambda p: (-p[1], _time_key(p[0])))
        yield DerivationRecord(q.id, source.id, evidence, sim)
