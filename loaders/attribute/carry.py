"""Quotes with no cue of their own take the speaker the writer left implied.

News names a speaker once and lets the next quotes run on: a second quote after
`"...," Hyers said.` in the same paragraph, or a paragraph that is only a quote right after
one whose speaker was named. Both are the speaker last quoted, as long as no other quote was
credited in between (the writer would have named the new speaker).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from quotetrail.loaders.attribute.cues import SENTENCE_BREAK
from quotetrail.loaders.attribute.pronouns import gender_of
from quotetrail.loaders.attribute.result import Attribution
from quotetrail.loaders.extract.quotes import QuoteSpan

# verbs that go on with what was being said: "He added", "she continued" mean the last speaker
GOING_ON = frozenset({"added", "adds", "continued", "continues"})
_OWNER = re.compile(r"[’']s?\s")  # "Clinton's “judgment”": an owner, not someone acting
SENTENCE_REACH = 400  # characters back a fragment's own sentence is looked for


def carry_speakers(spans: list[QuoteSpan], found: list[Attribution], masked: str,
                   timeline: list[tuple[int, str]] | None = None) -> list[Attribution]:
    """Give each uncued span the speaker of the last credited quote it runs on from."""
    out = list(found)
    last: tuple[int, Attribution] | None = None  # (paragraph start, attribution)
    after = 0  # where the last quote closed
    for i, span in enumerate(spans):
        since, after = after, span.close if span.close is not None else span.end
        if out[i].speaker:
            last = (span.para_start, out[i])
            continue
        if last is None:
            continue
        para, source = last
        same_para = para == span.para_start
        runs_on = same_para or (
            span.open == span.para_start and previous_paragraph(masked, span.para_start) == para
        )
        if runs_on and span.kind == "partial" and timeline and _other_actor(
                masked, timeline, max(since, span.para_start), span.open, source.speaker):
            continue
        if runs_on:
            out[i] = replace(source, method="carried" if same_para else "carried-paragraph",
                             confidence=min(source.confidence, 0.8 if same_para else 0.7))
    return out


def going_on(spans: list[QuoteSpan], found: list[Attribution], masked: str,
             gender: dict[str, str]) -> list[Attribution]:
    """`“...,” said Baron.` then `He continued, “...”`: a pronoun with a verb of going on is
    the speaker of the quote just before (same or previous paragraph), when the gender fits."""
    out = list(found)
    last: tuple[QuoteSpan, Attribution] | None = None
    for i, span in enumerate(spans):
        a = out[i]
        if (last and a.method == "cue-pronoun" and (a.cue or "").lower() in GOING_ON
                and last[1].speaker and last[1].speaker != a.speaker
                and last[0].para_start in (span.para_start,
                                           previous_paragraph(masked, span.para_start))
                and gender.get(last[1].speaker) in (None, gender_of(a.mention or ""))):
            out[i] = replace(a, speaker=last[1].speaker, method="cue-pronoun-going-on")
        if out[i].speaker:
            last = (span, out[i])
    return out


def _other_actor(masked: str, timeline: list[tuple[int, str]], since: int, open_at: int,
                 speaker: str | None) -> bool:
    """`Weaver dismissed that suggestion as “disarray.”`: a fragment whose own sentence names
    another person before it (no owner: `Clinton's “judgment”`) is not the last speaker's."""
    lo = max(since, open_at - SENTENCE_REACH)
    for m in SENTENCE_BREAK.finditer(masked, lo, open_at):
        lo = m.end()
    i = bisect_left(timeline, (lo, ""))
    while i < len(timeline) and timeline[i][0] < open_at:
        pos, name = timeline[i]
        i += 1
        end = masked.find(name.rsplit(None, 1)[-1], pos, open_at)
        if name != speaker and not (end >= 0 and _OWNER.match(
                masked, end + len(name.rsplit(None, 1)[-1]))):
            return True
    return False


def previous_paragraph(masked: str, para_start: int) -> int:
    """Start of the paragraph before the one starting at `para_start` (blank lines skipped)."""
    end = para_start
    while end > 0 and masked[end - 1].isspace():
        end -= 1
    start = masked.rfind("\n", 0, end) + 1
    while start < end and masked[start].isspace():
        start += 1
    return start
