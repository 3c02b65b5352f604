"""A statement's reference wording: the earliest primary source's print, else the medoid of
its wordings (the best-supported variant), shown as the print most articles carry. Pure;
used by `linking`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..model import LinkQuote
from .mutation import _contiguous_in
from .provenance import PRIMARY_KINDS, time_key
from .units import Unit

MEDOID_MAX = 400  # the medoid is chosen against at most this many distinct wordings


def reference(members: Sequence[Unit]) -> LinkQuote:
    """The statement's reference print: the earliest primary quote, else the medoid
    wording's best print."""
    primary = [q for u in members for q in u.quotes if q.article_kind in PRIMARY_KINDS]
    if primary:
        return min(primary, key=time_key)
    if len(members) == 1:
        return _best_print(members[0].quotes)
    pool = members[:MEDOID_MAX]
    texts = [" ".join(u.words) for u in pool]
    # A cut of another variant is never the reference: the utterance is at least as long as
    # its longest faithful print ("cautious optimism" is a part of "some reason for cautious
    # optimism", not the other way round).
    longest = sorted(pool, key=lambda u: -len(u.words))[:MEDOID_MAX // 8 or 1]
    maximal = {u.idx for u in pool
               if not any(len(v.words) > len(u.words) and _contiguous_in(u.words, v.words)
                          for v in longest)}
    best_key, best_unit = None, pool[0]
    for u, text in zip(pool, texts, strict=True):
        if u.idx not in maximal:
            continue
        support = (len(u.quotes) - 1) * 100.0 + sum(
            fuzz.ratio(text, other) * len(v.quotes)
            for v, other in zip(pool, texts, strict=True) if v is not u
        )
        earliest = min(time_key(q) for q in u.quotes)
        key = (-round(support, 6), -len(u.words), earliest)
        if best_key is None or key < best_key:
            best_key, best_unit = key, u
    return _best_print(best_unit.quotes)


def _best_print(quotes: list[LinkQuote]) -> LinkQuote:
    """Of prints with the same words, the one to show as the reference: the wording most
    articles printed (a dropped full stop or a respelling is one writer's), then one that
    reads as a whole sentence (capital first, closing punctuation), then the earliest."""
    articles: dict[str, set[str]] = defaultdict(set)
    for q in quotes:
        articles[" ".join(q.text.split())].add(q.article_id)

    def key(q: LinkQuote) -> tuple[int, bool, tuple[int, str, int, str]]:
        text = " ".join(q.text.split())
        whole = text[:1].isupper() and text.rstrip("\"'\u201d\u2019)").endswith((".", "!", "?"))
        return (-len(articles[text]), not whole, time_key(q))

    return min(quotes, key=key)
