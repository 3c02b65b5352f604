"""Say "unknown" rather than a likely wrong name.

A wrong credit is what a fact-checker must never see; a quote left without a speaker is
only a quote the reader checks. So where the resolver's own evidence is split, the speaker
is withheld: the quote keeps its kind, text, cue and the mention the article printed ("he"),
and gets no speaker (method `withheld`); linking may still name it from other printings.

The situations were chosen on PolNeAR's tuning part, where the credit is wrong about as
often as right (README, "Quotes and speakers", ninth round):

- a pronoun whose person is neither the last one shown speaking before it (a credited
  quote, `X said`, `..., said X`) nor named in the pronoun's own or previous sentence: the
  nearest subject of that gender stands farther back than the discourse goes on. Unless the
  document gives the pronoun's person its gender and that last speaker (a name) none: then
  only one of them is known to fit (twelfth round: 24 of the 26 tuning-part credits this
  gives back are right when read).

Quotes carried from a withheld one (`"...," he said. "..."`) are withheld with it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from quotetrail.loaders.attribute.cues import CUED, PRONOUNS
from quotetrail.loaders.attribute.pronouns import (
    INVERTED_CUE,
    REACH,
    Pronouns,
    gender_of,
    past_label,
)
from quotetrail.loaders.attribute.result import WITHHELD, Attribution
from quotetrail.loaders.attribute.roster import Roster
from quotetrail.loaders.extract.quotes import QuoteSpan

# steps that pass on another quote's decision rather than make one of their own
PASSED_ON = frozenset({"carried", "carried-paragraph", "continuation"})
NEAR_SENTENCES = 1  # sentences back a mention still counts as near the pronoun


def withhold_doubtful(spans: list[QuoteSpan], found: list[Attribution], masked: str,
                      roster: Roster) -> list[Attribution]:
    """`found` with the speaker withheld where the pronoun's person is in doubt."""
    pr = roster.pronouns
    if pr is None:
        return found
    doubtful: set[tuple[int, str | None]] = set()
    speaking: list[tuple[int, str]] | None = None
    quoted: list[tuple[int, str]] = []  # (open, speaker) of the credited quotes so far
    for span, a in zip(spans, found, strict=True):
        if _pronoun_decision(a):
            if speaking is None:
                speaking = _shown_speaking(masked, roster)
            last = _last_speaker(a.at, quoted, speaking)
            if not _named_near(pr, a) and last not in (None, a.speaker) and not _only_one_fits(
                    pr, a, last):
                doubtful.add((a.at, a.speaker))
        if a.speaker:
            quoted.append((span.open, a.speaker))
    if not doubtful:
        return found
    return [_withheld(a) if a.speaker and (a.at, a.speaker) in doubtful else a for a in found]


def _pronoun_decision(a: Attribution) -> bool:
    return (a.speaker is not None and a.at >= 0 and a.method not in PASSED_ON
            and (a.mention or "").lower() in PRONOUNS)


def _only_one_fits(pr: Pronouns, a: Attribution, last: str) -> bool:
    """Does the document give the pronoun's person its gender, and the last speaker (a name,
    not a description such as "the woman") none? Then only the pronoun's person is known to
    fit: "Fiorina ... she defended ...", a quote of Roy Verley's between, "she said"."""
    want = gender_of(a.mention or "")
    return (want is not None and pr.gender.get(a.speaker or "") == want
            and last[:1].isupper() and last not in pr.gender)


def _withheld(a: Attribution) -> Attribution:
    return replace(a, speaker=None, method=WITHHELD, confidence=0.1)


def _named_near(pr: Pronouns, a: Attribution) -> bool:
    """Is the person named in the pronoun's sentence, before it, or in the sentence before?"""
    own = bisect_right(pr.starts, a.at) - 1
    lo = max(pr.starts[max(0, own - NEAR_SENTENCES)], a.at - REACH)
    i = bisect_right(pr.timeline, (lo, ""))
    while i < len(pr.timeline) and pr.timeline[i][0] < a.at:
        if pr.timeline[i][1] == a.speaker:
            return True
        i += 1
    return False


def _shown_speaking(masked: str, roster: Roster) -> list[tuple[int, str]]:
    """Mentions of people shown speaking (`Clinton said`, `..., said Katie Harbath`), in
    text order."""
    assert roster.pronouns is not None
    out = []
    for pos, name in roster.pronouns.timeline:
        end = past_label(masked, pos, roster.surfaces)
        if CUED.match(masked, end) or INVERTED_CUE.search(masked, max(0, pos - 24), pos):
            out.append((pos, name))
    return out


def _last_speaker(at: int, quoted: list[tuple[int, str]],
                  speaking: list[tuple[int, str]]) -> str | None:
    """Who was last shown speaking before the pronoun at `at`: the speaker of the last
    earlier credited quote opening before it, or the last person a cue names, whichever is
    later (both lists in text order)."""
    last = [seen[k] for seen in (quoted, speaking)
            if (k := bisect_right(seen, (at, "")) - 1) >= 0]
    return max(last)[1] if last else None
