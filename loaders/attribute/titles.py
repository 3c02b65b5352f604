"""Quoted words that name a work (a show, book, film or slogan): nobody said them.

`told NBC's “Meet the Press”`, `in “The Revenant”`: a short Title Case phrase quoted after an
owner or a word for a work is a title; elsewhere it is one unless a cue follows it (`“As
President,” she said, “I will ...`, `“Denver,” he answered.`: words a cue follows are said).
"""

from __future__ import annotations

from quotetrail.loaders.attribute.phrases import _ANSWERED, _SPLIT, _TITLE_BEFORE, _TITLE_SMALL
from quotetrail.loaders.extract.quotes import QuoteSpan


def names_a_work(text: str, span: QuoteSpan) -> bool:
    """A title: Title Case words after "NBC's" or "the book" (a sentence's stop allowed), or
    elsewhere unless a cue follows them (`"As President," she said, "I will ...`,
    `"Denver," he answered.`: words a cue follows are said)."""
    quoted = text[span.start : span.end]
    if _TITLE_BEFORE.search(text, max(0, span.open - 40), span.open):
        return _is_title(quoted.rstrip(".!?"))
    return _is_title(quoted) and not (_SPLIT.match(text, span.end)
                                      or _ANSWERED.match(text, span.end))


def _is_title(quoted: str) -> bool:
    """`told NBC's “Meet the Press”`: a short Title Case phrase with no sentence punctuation
    names a show, book or event (or is a nickname); nobody said it."""
    words = quoted.split()
    if not words or len(words) > 8 or quoted[-1] in ".?!,;:…" or not quoted[0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL or not w[0].isalpha() for w in words)
