"""Splices across statements: a printed quote that joins words of two different utterances
("The new normal is that Russia is willing to contest..." = "...the new normal in Europe" +
"...prepared to contest the fundamental principles that have underpinned our security").

Such a quote is close to neither utterance as a whole, so pairwise verification never links
it; here it is tested against pairs of other statements of its speaker that each explain a
separate part of its content words. Candidates come from an inverted index of content words
per speaker (capped postings), never from all pairs. Pure; used by `linking`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain

from rapidfuzz.distance import Indel

from .mutation import canonical_words
from .units import STOPWORDS, Unit

SPLICE_MIN_PART = 2  # content words each part must explain
SPLICE_MIN_COVER = 0.7  # share of the quote's content words the two parts explain together
SPLICE_MAX_SINGLE = 0.6  # one statement explaining more than this is a plain variant
MAX_POSTING = 200
_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"'\u201d\u2019)\]]*\s+")


def _content(words: tuple[str, ...]) -> list[int]:
    return [i for i, w in enumerate(words) if w not in STOPWORDS and len(w) > 1]


def _explained(quote: tuple[str, ...], other: tuple[str, ...], content: set[int]) -> set[int]:
    """Content positions of `quote` kept, in order, when aligned with `other` (the positions
    the Indel alignment does not insert: its opcodes' "equal" blocks, read off the editops)."""
    inserted = {d for tag, _, d in Indel.editops(other, quote).as_list() if tag == "insert"}
    return {i for i in content if i not in inserted}


def _has_run(quote: tuple[str, ...], bigrams: set[tuple[str, str]], kept: set[int]) -> bool:
    """True when two consecutive words of `quote`, one of them explained content, are also
    consecutive in the other quote (its `bigrams`): a part is a run of words, not scattered
    common words."""
    return any((quote[i], quote[i + 1]) in bigrams for i in range(len(quote) - 1)
               if i in kept or i + 1 in kept)


def _sentence_ends(text: str, words: tuple[str, ...]) -> list[int]:
    """Word positions after which `text` ends a sentence."""
    ends, count = [], 0
    for part in _SENTENCE_END.split(text):
        count += len(canonical_words(part))
        ends.append(count - 1)
    return ends[:-1]


def _better(cover: float, choice: tuple[float, int, int] | None) -> bool:
    return cover >= SPLICE_MIN_COVER and (choice is None or cover > choice[0])


def _candidates(u: Unit, content: set[int], postings: dict[tuple[str | None, str], list[int]],
                units: Sequence[Unit]) -> list[int]:
    """Units sharing SPLICE_MIN_PART+ content words with `u` (in postings of at most
    MAX_POSTING), printed in other articles; none when no two of them could explain
    SPLICE_MIN_COVER of its content together (a part explains at most the content positions
    whose words it has: an upper bound that spares aligning hopeless candidates)."""
    mult = Counter(u.words[i] for i in content)
    lists, common = [], 0
    for w, k in mult.items():
        members = postings[(u.speaker, w)]
        if len(members) <= MAX_POSTING:
            lists.append(members)
        else:
            common += k  # not counted as shared, but an alignment may keep it
    shared = Counter(chain.from_iterable(lists))
    shared.pop(u.idx, None)
    found = [v for v, n in shared.items() if n >= SPLICE_MIN_PART and len(units[v].words) >= 2
             and units[v].articles.isdisjoint(u.articles)]  # else a neighbour, not a part
    if len(found) < 2:
        return []
    repeats: Counter[int] = Counter()  # a word at several content positions
    for w, k in mult.items():
        if k > 1 and len(members := postings[(u.speaker, w)]) <= MAX_POSTING:
            for v in members:
                repeats[v] += k - 1
    first, second = sorted((shared[v] + repeats[v] for v in found), reverse=True)[:2]
    if (first + second + 2 * common) / len(content) < SPLICE_MIN_COVER:
        return []
    return found


@dataclass
class _Search:
    """What the splice search reads for every unit: clusters, content, postings, bigrams."""

    units: list[Unit]
    root_of: list[int]  # the clusters do not change while we search
    compatible: Callable[[int, int], bool]
    content_of: list[list[int]] = field(default_factory=list)
    postings: dict[tuple[str | None, str], list[int]] = field(
        default_factory=lambda: defaultdict(list))
    bigrams: dict[int, set[tuple[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.content_of = [_content(u.words) for u in self.units]
        for u in self.units:
            if u.speaker is not None:
                for w in {u.words[i] for i in self.content_of[u.idx]}:
                    self.postings[(u.speaker, w)].append(u.idx)

    def bigrams_of(self, v: int) -> set[tuple[str, str]]:
        if v not in self.bigrams:
            other = self.units[v].words
            self.bigrams[v] = set(zip(other, other[1:], strict=False))
        return self.bigrams[v]


def find_splices(units: Sequence[Unit], find: Callable[[int], int], min_words: int,
                 compatible: Callable[[int, int], bool] = lambda a, b: True,
                 ) -> dict[int, tuple[int, int]]:
    """unit idx -> (unit of the first part's statement, unit of the second part's statement).

    Only news quotes of `min_words`+ words not yet linked to anything are tested (a linked
    quote already has its statement); the two parts must lie one after the other in the quote,
    explain >= SPLICE_MIN_PART content words each and SPLICE_MIN_COVER together, and belong
    to two different statements of the same speaker.
    """
    search = _Search(list(units), [find(u.idx) for u in units], compatible)
    cluster_size = Counter(search.root_of)
    result: dict[int, tuple[int, int]] = {}
    for u in search.units:
        if u.speaker is None or len(u.words) < min_words \
                or cluster_size[search.root_of[u.idx]] > 1 or u.primary_articles:
            continue  # a primary source prints what was said: never a splice of it
        content = set(search.content_of[u.idx])
        if len(content) < 2 * SPLICE_MIN_PART:
            continue
        best = _parts_by_statement(search, u, content)
        choice = _choose(u, best, len(content)) if best is not None else None
        if choice:
            result[u.idx] = (choice[1], choice[2])
    return result


def _parts_by_statement(search: _Search, u: Unit, content: set[int]
                        ) -> dict[int, tuple[int, set[int]]] | None:
    """statement root -> (its unit explaining most of u's content, the positions it
    explains); None when one statement explains too much (a plain, reworded variant)."""
    best: dict[int, tuple[int, set[int]]] = {}
    allowed: dict[int, bool] = {}
    for v in _candidates(u, content, search.postings, search.units):
        root = search.root_of[v]
        if root not in allowed:
            allowed[root] = search.compatible(u.idx, root)
        if not allowed[root]:
            continue
        kept = _explained(u.words, search.units[v].words, content)
        if len(kept) < SPLICE_MIN_PART:
            continue
        if _has_run(u.words, search.bigrams_of(v), kept) and (
                root not in best or len(kept) > len(best[root][1])
                or (len(kept) == len(best[root][1]) and v < best[root][0])):
            best[root] = (v, kept)
            if len(kept) > SPLICE_MAX_SINGLE * len(content):
                return None
    return best


def _choose(u: Unit, best: dict[int, tuple[int, set[int]]], n_content: int
            ) -> tuple[float, int, int] | None:
    """The two parts, one after the other inside one sentence, that cover most content."""
    choice: tuple[float, int, int] | None = None
    ends = _sentence_ends(u.text, u.words)
    parts = [(v, len(k), min(k), max(k)) for _, (v, k) in sorted(best.items())]
    most = max((n for _, n, _, _ in parts), default=0)
    for va, na, _, last_a in parts:
        if not _better((na + most) / n_content, choice):
            continue  # no second part can make this one the choice
        for vb, nb, first_b, _ in parts:
            cover = (na + nb) / n_content  # when the parts do not overlap
            if not _better(cover, choice) or last_a >= first_b:
                continue  # part a must come before part b (and is not b)
            if any(last_a <= end < first_b for end in ends):
                continue  # two sentences of a passage, not a splice inside one
            choice = (cover, va, vb)
    return choice
