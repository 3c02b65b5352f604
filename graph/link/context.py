"""The text around a quote, and how much of it two prints share: provenance's evidence when
several earlier prints hold the same words.

An outlet that copies a quote copies more than the quote: the sentence that frames it ("told
farmers in Dunmore on Tuesday"), the paragraph after it. Text-reuse tools (passim) find who
copied whom from such shared passages; here the passage is the quote's own sentence and the
sentence before and after it, compared as runs of three words. Words of the template every article
uses ("said", the speaker's name) are shared by every candidate alike, so what decides is
how far one candidate is ahead of the next (`provenance`), not the raw count. Pure.
"""

from __future__ import annotations

import re

WINDOW_CHARS = 400  # at most this many characters either side of the quote
SENTENCES = 1  # whole sentences kept either side, beyond the quote's own sentence
RUN = 3  # words in a shingle
_WORD = re.compile(r"\w+")
# a sentence ends at . ! ? (closing quotes and brackets after it) or at a paragraph break
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+|\n\s*\n")


def window(text: str, start: int, end: int, sentences: int = SENTENCES,
           chars: int = WINDOW_CHARS) -> str:
    """The quote's own sentence without the quoted words, and `sentences` whole sentences
    before and after it (within `chars` either side); the two sides are kept apart by a
    newline, so that no run of words crosses the quote."""
    if not text or start < 0 or end > len(text) or start > end:
        return ""
    head = text[max(0, start - chars):start]
    cuts = [m.end() for m in _BOUNDARY.finditer(head)]
    if len(cuts) > sentences:
        before = head[cuts[-1 - sentences]:]
    else:  # the text's start, or a word cut in two at the window's edge
        before = head if start <= chars else head.split(None, 1)[-1]
    tail = text[end:end + chars]
    cuts = [m.start() for m in _BOUNDARY.finditer(tail) if m.start() > 0]
    if len(cuts) > sentences:
        after = tail[:cuts[sentences]]
    else:
        after = tail if end + chars >= len(text) else tail.rsplit(None, 1)[0]
    return " ".join(before.split()) + "\n" + " ".join(after.split())


def words(context: str) -> list[list[str]]:
    """The window's words, lower-cased, per side (before the quote, after it)."""
    return [_WORD.findall(side.lower()) for side in context.split("\n")]


def shingles(context: str) -> frozenset[tuple[str, ...]]:
    """The window's runs of RUN words (none crossing the quote)."""
    return frozenset(tuple(side[i:i + RUN]) for side in words(context)
                     for i in range(len(side) - RUN + 1))


def shared_words(context: str, other: frozenset[tuple[str, ...]]) -> int:
    """How many words of `context` lie in a run of RUN words that `other` has too."""
    covered = 0
    for side in words(context):
        hit = [False] * len(side)
        for i in range(len(side) - RUN + 1):
            if tuple(side[i:i + RUN]) in other:
                hit[i:i + RUN] = [True] * RUN
        covered += sum(hit)
    return covered
