"""The subject of the writer's sentence speaks the words it quotes.

`Clinton blamed the “fog of war”`, `– Ryan saying he was “very encouraged”`: a fragment
inside the writer's own sentence, with no cue of its own, is the words of the person acting
in that sentence, through a verb before the quote or a participle of speech.
"""

from __future__ import annotations

import re

from quotetrail.loaders.attribute.cues import CUE_WORDS
from quotetrail.loaders.attribute.phrases import (
    _CONJUNCTION,
    _IRREGULAR,
    _LATER_SUBJECT,
    _NAME_PARTICIPLE,
    _NOT_VERBS,
    _SUBJECT_VERB,
    _VERB_FORM,
)
from quotetrail.loaders.attribute.result import NONE as _NONE
from quotetrail.loaders.attribute.result import Attribution
from quotetrail.loaders.attribute.roster import Roster

_PARTICIPLE_WORD = re.compile(r"\b(?:saying|calling|telling|tweeting|writing|adding|asking"
                              r"|declaring|insisting|arguing|warning|describing|labell?ing"
                              r"|yelling|shouting)\b")


def sentence_subject(masked: str, start: int, open_at: int, roster: Roster) -> Attribution:
    """`Clinton blamed the “fog of war”`: words quoted inside the writer's sentence are its
    subject's, when the subject is a person acting through a verb before the quote (after a
    sentence's opening conjunction: `And he accused the moderators of “...”`)."""
    lead = _CONJUNCTION.match(masked, start, open_at)
    m = _SUBJECT_VERB.match(masked, lead.end() if lead else start, open_at)
    if not m or m["verb"] in _NOT_VERBS:
        return _NONE
    who, verb = re.sub(r"[’']s?$", "", m["who"].strip()), m["verb"].split()[-1]
    if (" " not in who and who not in roster.surnames and not _VERB_FORM.search(verb)
            and verb not in CUE_WORDS and verb not in _IRREGULAR):
        return _NONE  # "Embryonic stem cells", "More than": one capitalised word, no verb
    later = _later_subject(masked, m.end(), open_at)
    if later is not None:
        m = later
    res = roster.resolve(m["who"], m.start("who"))
    if res is None or res.how == "org":
        return _NONE
    return Attribution(res.name, res.mention, m["verb"], "sentence-subject", 0.6, res.at)


def _later_subject(masked: str, after: int, open_at: int) -> re.Match[str] | None:
    """`Jindal signed an order, while Huckabee proposed we “...”`: the last clause before the
    quote with a subject of its own (not a pronoun: `when he brought up` is the same person)."""
    found = None
    for later in _LATER_SUBJECT.finditer(masked, after, open_at):
        verb = later["verb"].split()[-1]
        if later["who"].lower() not in ("he", "she") and (
                verb in _IRREGULAR or verb in CUE_WORDS or _VERB_FORM.search(verb)):
            found = later
    return found


def participle_subject(before: str, offset: int, roster: Roster) -> Attribution:
    """`– Ryan saying he was “very encouraged”`, `with Donald Trump tweeting ... and asking,
    “`: a name right before a participle of speech is that participle's subject."""
    if not _PARTICIPLE_WORD.search(before):
        return _NONE  # the common case, decided without the costly search
    m = _NAME_PARTICIPLE.search(before)
    res = roster.resolve(m["who"], offset + m.start("who")) if m else None
    if m is None or res is None or res.how not in ("name", "role"):
        return _NONE
    return Attribution(res.name, res.mention, m["cue"], "participle-subject", 0.6, res.at)
