"""Headlines credit their quotes by shape: `Issa: Clinton’s ‘Honesty Is In Question.’` and
`Francois Hollande Says Donald Trump ‘Makes You Want To Retch.’`.

A headline is a short paragraph in Title Case; its Title Case quotes are its style, not a
work's title, so these rules run before the title check and credit the headline's subject.
"""

from __future__ import annotations

import re

from quotetrail.loaders.attribute.phrases import _HEADLINE, HEADLINE_CHARS
from quotetrail.loaders.attribute.result import DESCRIBED, Attribution
from quotetrail.loaders.attribute.roster import Roster
from quotetrail.loaders.extract.quotes import QuoteSpan

_CAP_WORD = r"[A-Z][\w’'.-]*"
TITLE_WORD, TITLE_SHARE = 4, 0.8  # a headline capitalises at least 4 in 5 of its longer words
# `Glenn Beck Blasts Drudge ...`, `Sanders Told A Female Reporter Not To ‘Moan’`: a name
# opening the headline, then a capitalised verb (the shortest name before a word in -s)
_SUBJECT_VERB = re.compile(
    rf"(?P<who>(?:{_CAP_WORD}[ \t]+){{0,3}}?[A-Z][\w’'-]+)[ \t]+(?P<verb>[A-Z][a-z]{{2,}}s"
    rf"|Told|Called|Said)\b"
)
# `Guns Are ‘The Ultimate Public Health Crisis,’ Howard Dean Tells Democratic Convention.`
_VERB_AFTER = re.compile(
    rf"[,’”'\"]*[ \t]*(?P<who>{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,2}}?)[ \t]+"
    rf"(?P<verb>Says|Tells|Told|Said|Writes|Warns)\b"
)


def headline_speaker(span: QuoteSpan, masked: str, roster: Roster) -> Attribution | None:
    """The speaker a short headline paragraph names for its quote, or None."""
    if span.para_end - span.para_start > HEADLINE_CHARS:
        return None
    found = _subject_verb(span, masked, roster)
    if found:
        return found
    m = _HEADLINE.match(masked, span.para_start, span.open)
    if m is None or m["who"].startswith("The ") or m["who"].isupper():
        return None  # "The Latest:", "HUFFPOLLSTER:": a column's label, not a speaker
    res = roster.resolve(m["who"], m.start("who"))
    if res is None or res.how in (DESCRIBED, "org"):
        return None
    return Attribution(res.name, res.mention, None, "headline", 0.6, res.at)


def _subject_verb(span: QuoteSpan, masked: str, roster: Roster) -> Attribution | None:
    """`Hillary Clinton Calls ISIS Violence ... ‘Genocide.’`: a person the document names,
    then a capitalised verb, opening a headline (or closing it after the quote)."""
    found = [_SUBJECT_VERB.match(masked, span.para_start, span.open)]
    if span.close is not None:
        found.append(_VERB_AFTER.match(masked, span.close + 1, span.para_end))
    if not any(found) or not _title_case(roster.text[span.para_start : span.para_end]):
        return None  # "M. Dane Waters, whose group ..., predicted": a sentence, not a headline
    for m in found:
        res = roster.resolve(m["who"], m.start("who")) if m else None
        # a person named in full somewhere in the article, not "Guns" or "ISIS"
        if m and res and res.how == "name" and " " in res.name:
            return Attribution(res.name, res.mention, m["verb"].lower(), "headline", 0.6, res.at)
    return None


def _title_case(paragraph: str) -> bool:
    """Most words of four letters or more capitalised: a headline's style."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", paragraph) if len(w) >= TITLE_WORD]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words)
