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
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Protocol

from rapidfuzz.distance import Indel

from .mutation import canonical_words

SPLICE_MIN_PART = 2  # content words each part must explain
SPLICE_MIN_COVER = 0.7  # share of the quote's content words the two parts explain together
SPLICE_MAX_SINGLE = 0.6  # one statement explaining more than this is a plain variant
MAX_POSTING = 200
_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"'\u201d\u2019)\]]*\s+")
_STOPWORD_TEXT = """
a an and are as at be been but by can could did do does for from had has have he her his i if
in into is it its it's me more most my no nor not now of on or our ours out over she so some
such than that the their them then there these they this those to too up very was we were what
when where which while who will with would you your all any also just only even about
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


class Unit(Protocol):
    idx: int
    speaker: str | None
    words: tuple[str, ...]
    text: str
    articles: set[str]


def _content(words: tuple[str, ...]) -> list[int]:
    return [i for i, w in enumerate(words) if w not in STOPWORDS and len(w) > 1]


def _explained(quote: tuple[str, ...], other: tuple[str, ...], content: set[int]) -> set[int]:
    """Content positions of `quote` kept, in order, when aligned with `other`."""
    kept: set[int] = set()
    for op in Indel.opcodes(list(other), list(quote)):
        if op.tag == "equal":
            kept.update(i for i in range(op.dest_start, op.dest_end) if i in content)
    return kept


def _has_run(quote: tuple[str, ...], other: tuple[str, ...], kept: set[int]) -> bool:
    """True when two consecutive words of `quote`, one of them explained content, are also
    consecutive in `other`: a part is a run of words, not scattered common words."""
    bigrams = set(zip(other, other[1:], strict=False))
    return any((quote[i], quote[i + 1]) in bigrams for i in range(len(quote) - 1)
               if i in kept or i + 1 in kept)


def _sentence_ends(text: str, words: tuple[str, ...]) -> list[int]:
    """Word positions after which `text` ends a sentence."""
    ends, count = [], 0
    for part in _SENTENCE_END.split(text):
        count += len(canonical_words(part))
        ends.append(count - 1)
    return ends[:-1]


def find_splices(units: Sequence[Unit], find: Callable[[int], int], min_words: int,
                 compatible: Callable[[int, int], bool] = lambda a, b: True,
                 ) -> dict[int, tuple[int, int]]:
    """unit idx -> (unit of the first part's statement, unit of the second part's statement).

    Only quotes of `min_words`+ words not yet linked to anything are tested (a linked quote
    already has its statement); the two parts must lie one after the other in the quote,
    explain >= SPLICE_MIN_PART content words each and SPLICE_MIN_COVER together, and belong
    to two different statements of the same speaker.
    """
    cluster_size: dict[int, int] = defaultdict(int)
    units = list(units)
    for u in units:
        cluster_size[find(u.idx)] += 1
    postings: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for u in units:
        if u.speaker is not None:
            for w in {u.words[i] for i in _content(u.words)}:
                postings[(u.speaker, w)].append(u.idx)
    result: dict[int, tuple[int, int]] = {}
    for u in units:
        if u.speaker is None or len(u.words) < min_words or cluster_size[find(u.idx)] > 1:
            continue
        content = set(_content(u.words))
        if len(content) < 2 * SPLICE_MIN_PART:
            continue
        shared: dict[int, int] = defaultdict(int)
        for w in {u.words[i] for i in content}:
            members = postings[(u.speaker, w)]
            if len(members) <= MAX_POSTING:
                for v in members:
                    if v != u.idx:
                        shared[v] += 1
        best: dict[int, tuple[int, set[int]]] = {}  # statement root -> (unit, explained)
        for v, n in shared.items():
            if n < SPLICE_MIN_PART or len(units[v].words) < 2 or units[v].articles & u.articles:
                continue  # a sentence printed beside it is a neighbour, not a spliced part
            root = find(v)
            if not compatible(u.idx, root):
                continue
            kept = _explained(u.words, units[v].words, content)
            if len(kept) >= SPLICE_MIN_PART and _has_run(u.words, units[v].words, kept) and (
                    root not in best or len(kept) > len(best[root][1])
                                                 or (len(kept) == len(best[root][1])
                                                     and v < best[root][0])):
                best[root] = (v, kept)
        if any(len(k) > SPLICE_MAX_SINGLE * len(content) for _, k in best.values()):
            continue  # one statement explains it: a plain (reworded) variant, not a splice
        choice = None
        ends = _sentence_ends(u.text, u.words)
        roots = sorted(best)
        for a in roots:
            for b in roots:
                (va, ka), (vb, kb) = best[a], best[b]
                if a == b or max(ka) >= min(kb):  # part a must come before part b
                    continue
                if any(max(ka) <= end < min(kb) for end in ends):
                    continue  # two sentences of a passage, not a splice inside one
                cover = len(ka | kb) / len(content)
                if cover >= SPLICE_MIN_COVER and (choice is None or cover > choice[0]):
                    choice = (cover, va, vb)
        if choice:
            result[u.idx] = (choice[1], choice[2])
    return result
