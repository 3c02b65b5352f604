"""The pieces linking works on: units (quotes printing the same words), the one union-find,
and verified candidate edges between units. Pure; used by `cluster` and `linking`.

A unit is every quote with the same canonical words, whoever it is credited to: the words
decide, the speakers are decided later from the statement's printings. A primary-source
quote (transcript, press release) is a unit of its own (its sentences are different
utterances by construction, even when the words repeat), and so is a one-word quote; a
short fragment is a unit per article ("new normal" in two articles may cut two sentences).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from ..ids import is_described_source
from ..model import LinkQuote
from .mutation import Tokens, canonical_words, tokenize
from .provenance import PRIMARY_KINDS

FRAGMENT_MIN_WORDS = 2  # a one-word quote is too common to link: it stays alone
FRAGMENT_MAX_WORDS = 6  # 2..6 words: linked only by exact contiguous containment
LINK_MIN_SIMILARITY = 0.55  # Indel similarity of the word sequences: a direct link
# ... and of their content words (stopwords dropped): two sentences of one speaker that share
# mostly function words ("and of ... with a meaningful de-escalation") are two statements
LINK_MIN_CONTENT_SIMILARITY = 0.5
# Two units credited to two different people join only on (nearly) the same words: a
# misattribution copies words, it does not rephrase them.
CROSS_MIN_SIMILARITY = 0.8
CONTAIN_MIN_COVERAGE = 0.75  # share of the shorter quote's words found, in order, in the longer
CROSS_MIN_COVERAGE = 0.9
CONTAIN_MIN_PARTIAL = 80  # fuzz.partial_ratio: the shorter quote aligns to one compact region
_STOPWORD_TEXT = """
a an and are as at be been but by can could did do does for from had has have he her his i if
in into is it its it's me more most my no nor not now of on or our ours out over she so some
such than that the their them then there these they this those to too up very was we were what
when where which while who will with would you your all any also just only even about
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+")

UnitKey = tuple[str, ...]


def credited(q: LinkQuote) -> str | None:
    """The speaker a print names; an unnamed source ("a senior official") names nobody, so it
    neither votes nor is ever flagged against a named speaker."""
    return None if is_described_source(q.speaker) else q.speaker


@dataclass(eq=False)
class Unit:
    """Quotes printing the same canonical words (see the module docstring)."""

    idx: int
    words: tuple[str, ...]
    text: str
    quotes: list[LinkQuote] = field(default_factory=list)
    primary_articles: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    speakers: Counter[str] = field(default_factory=Counter)  # credited name -> prints
    primary_day: str | None = None  # earliest day a primary source of it is dated
    news_day: str | None = None  # earliest day a news print of it is dated
    content: list[str] = field(default_factory=list)

    @cached_property
    def speaker(self) -> str | None:
        """The name most of its prints credit (ties: the first by name), None if none.
        Read only once every quote is added (as `make_units` returns)."""
        if not self.speakers:
            return None
        return min(self.speakers, key=lambda s: (-self.speakers[s], s))

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(self.speakers)

    @property
    def linkable(self) -> bool:
        return len(self.words) >= FRAGMENT_MIN_WORDS

    @property
    def fragment(self) -> bool:
        return self.linkable and len(self.words) <= FRAGMENT_MAX_WORDS

    def add(self, q: LinkQuote) -> None:
        self.quotes.append(q)
        self.articles.add(q.article_id)
        if (name := credited(q)) is not None:
            self.speakers[name] += 1
        if q.article_kind in PRIMARY_KINDS:
            self.primary_articles.add(q.article_id)
            self.primary_day = min_day(self.primary_day, day(q))
        else:
            self.news_day = min_day(self.news_day, day(q))


class Edge(NamedTuple):
    """A verified candidate pair: `variant` (alike as wholes) or a containment of
    `inside` (the shorter) within the other; `strength` is the similarity or coverage."""

    variant: bool
    strength: float
    similarity: float
    a: int
    b: int
    inside: int | None


class UnionFind:
    """Disjoint sets of unit indexes, with path halving."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def attach(self, child_root: int, root: int) -> None:
        self.parent[child_root] = root


def day(q: LinkQuote) -> str | None:
    """The calendar day the article printed (as printed, YYYY-MM-DD), None when unknown."""
    found = (q.published or "").strip()[:10]
    return found if _DAY.fullmatch(found) else None


def min_day(a: str | None, b: str | None) -> str | None:
    return min(a, b) if a and b else a or b or None


class TokenCache(dict[str, Tokens]):
    """text -> tokenize(text), for one call of `link` (a global LRU would thrash on a big
    corpus: every text is tokenized for its unit and again for its diff)."""

    def __missing__(self, text: str) -> Tokens:
        found = self[text] = tokenize(text)
        return found


def _key(q: LinkQuote, words: tuple[str, ...]) -> UnitKey:
    if len(words) < FRAGMENT_MIN_WORDS or q.article_kind in PRIMARY_KINDS:
        return ("own", q.id)
    if len(words) <= FRAGMENT_MAX_WORDS:
        return ("fragment", q.article_id, *words)
    return ("words", *words)


def make_units(quotes: list[LinkQuote], tokens: TokenCache) -> list[Unit]:
    """Units of `quotes` (in their order), whoever each quote is credited to."""
    units: list[Unit] = []
    by_key: dict[UnitKey, Unit] = {}
    for q in quotes:
        words = tokens[q.text][1]
        key = _key(q, words)
        unit = by_key.get(key)
        if unit is None:
            unit = by_key[key] = Unit(len(units), words, q.text)
            unit.content = [w for w in words if w not in STOPWORDS and len(w) > 1]
            units.append(unit)
        unit.add(q)
    return units


def sentences(u: Unit) -> list[tuple[str, ...]]:
    return [ws for part in _SENTENCE_END.split(u.text) if (ws := canonical_words(part))]


def anchor(short: Unit, container: Unit) -> int:
    """Index of the container's sentence that the shorter quote aligns with best."""
    best, best_kept = 0, -1.0
    for i, sentence in enumerate(sentences(container)):
        kept = len(short.words) + len(sentence) - Indel.distance(list(short.words), list(sentence))
        if kept > best_kept:
            best, best_kept = i, kept
    return best


def _content_similarity(a: Unit, b: Unit) -> float:
    if not a.content or not b.content:
        return 1.0  # nothing distinctive to tell them apart by: the words decide
    return Indel.normalized_similarity(a.content, b.content)


def credited_apart(a: Unit, b: Unit) -> bool:
    """True when both are credited and no name is common to them."""
    return bool(a.names) and bool(b.names) and a.names.isdisjoint(b.names)


def relation(a: Unit, b: Unit) -> Edge | None:
    """How two units relate: variants of each other, the shorter printed inside the
    longer, or (None) not at all. Units credited to different people need closer words."""
    dist = Indel.distance(list(a.words), list(b.words))
    total = len(a.words) + len(b.words)
    similarity = 1 - dist / total
    apart = credited_apart(a, b)
    if similarity >= (CROSS_MIN_SIMILARITY if apart else LINK_MIN_SIMILARITY) and \
            _content_similarity(a, b) >= LINK_MIN_CONTENT_SIMILARITY:
        return Edge(True, similarity, similarity, a.idx, b.idx, None)
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    coverage = (total - dist) / 2 / len(short.words)
    if coverage >= (CROSS_MIN_COVERAGE if apart else CONTAIN_MIN_COVERAGE) and \
            fuzz.partial_ratio(" ".join(short.words), " ".join(long_.words)) >= \
            CONTAIN_MIN_PARTIAL:
        return Edge(False, coverage, similarity, a.idx, b.idx, short.idx)
    return None


def verified_edges(units: list[Unit], pairs: set[tuple[int, int]]) -> list[Edge]:
    """Verified candidate pairs, strongest first: variants before containments, then by
    similarity (a short quote inside two longer ones is tried first in the tighter fit)."""
    edges = [e for i, j in sorted(pairs) if (e := relation(units[i], units[j])) is not None]
    edges.sort(key=lambda e: (not e.variant, -e.strength, -e.similarity, e.a, e.b))
    return edges
