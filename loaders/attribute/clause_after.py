"""A quote that ends on a comma is followed by its speech clause, whatever words it uses.

`“...,” screenwriter Cole Haddon wrote`, `“...,” remembered Roy Verley, HP's spokesman`: a
quote closed on a comma (or `?`, `!`) leaves its sentence open for the clause that credits
it, a name next to a verb. The listed grammar (phrases.py) knows only listed cues and role
words, and no list holds every verb ("remembered") or every job ("screenwriter"); this
reads the clause's shape instead: a capitalised name right before a past-tense verb or a
listed cue, or a past-tense verb right before a name that ends the clause. It runs only
when the listed grammar found no speaker.
"""

from __future__ import annotations

import re

from quotetrail.loaders.attribute.cues import (
    CUE_WORDS,
    INITIAL,
    ROLE_HEADS,
    TITLE_ABBR,
    wordset,
)
from quotetrail.loaders.attribute.result import DESCRIBED, Attribution
from quotetrail.loaders.attribute.roster import Roster
from quotetrail.loaders.extract.wordre import alternation

_CAP = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
_NAME = (rf"(?P<who>(?:(?:{TITLE_ABBR})\.[ \t]+)?{_CAP}"
         rf"(?:[ \t]+(?:{INITIAL}|{_CAP})){{0,3}})")
_PAST = wordset("""said told wrote spoke added put thought went felt saw knew shot struck
    took gave made""")
_VERB = rf"(?P<verb>{alternation(CUE_WORDS | _PAST)}|[a-z]{{3,}}ed)"
# words that open a clause or phrase of their own, not a speaker phrase: `,” but Trump
# disagreed`, `,” linking to a story about how Cruz attended`, `a spokesman for Paul Ryan told`
_NOT_LEAD = wordset("""and but or so while as which that who when because though although
    if then yet after before since until where how what for of to with by from about like
    than""")
# nor a cue (`,” said one Republican involved in the planning`: the clause is inverted)
_LEAD = (rf"(?:(?!(?:{alternation(_NOT_LEAD | CUE_WORDS)})\b|[a-z]+ing\b)"
         rf"(?:[^\s.!?;:“”\"]+|{INITIAL})[ \t]+){{0,6}}?")
# "Roy Verley, HP's former spokesman, recalled"; "Nate Silver, the polling guru who founded
# fivethirtyeight.com tweeted": a definite description may run on to the verb unclosed
_ASIDE = (r"(?:,[^.;:“”\"\n]{1,100}?,|,[ \t]+the[ \t](?:[^.;:“”\"\n,]|\.(?=\S)){1,100}?"
          r"[ \t]+who[ \t](?:[^.;:“”\"\n,]|\.(?=\S)){1,100}?)?")
_ADVERB = r"(?:[a-z]{3,}ly[ \t]+)?"
# `,” wrote one commenter.`, `,” said a strategist for one of the candidates, speaking on`:
# an unnamed source described up to the clause's end, whatever its head noun
_DESCRIPTION = (r"(?P<who>(?:[Aa]n?|[Oo]ne|[Aa]nother)[ \t]+(?:[\w’'&$-]+[ \t]+){0,7}?"
                r"[\w’'&-]+)(?=[ \t]*[,.;]|[ \t]+(?:who|speaking|asking|in|on|at|to)\b)")
_VERB_DESCRIBED = re.compile(rf",?[ \t]+(?P<verb>{alternation(CUE_WORDS)})[ \t]+{_DESCRIPTION}")
_INDEFINITE = wordset("a an one another")
# `,” Trump supporters chanted` does not match: the clause's subject is the common noun
# "Fight for $15 organizing director Kendall Fells told": a lower-case role word right before
# the name makes it the head, whatever stands before ("a spokesman for Paul Ryan told" is not)
_ROLE_LEAD = (rf"(?:(?:[^\s.!?;:“”\"]+[ \t]+){{0,6}}?(?:{alternation(ROLE_HEADS)})[ \t]+"
              rf"(?=[A-Z]))?")
_NAME_VERB = re.compile(rf",?[ \t]+(?:{_ROLE_LEAD}|{_LEAD}){_NAME}{_ASIDE}[ \t]+{_ADVERB}{_VERB}\b")
_VERB_NAME = re.compile(
    rf",?[ \t]+{_VERB}[ \t]+(?:(?:the|[a-z][\w-]*)[ \t]+){{0,3}}?{_NAME}"
    rf"(?=[ \t]*(?:[,.;!?]|$)|[ \t]+(?:in|on|at|during|to|about)\b)"
)
_OPEN_CLOSE = ",?!—–-"


def clause_after(text: str, masked: str, close: int, end: int) -> tuple[str, str, int] | None:
    """(who, verb, where) of the speech clause after a direct quote closed at `close` on a
    comma, within the sentence ending at `end`; None when the quote ends its sentence. (A
    fragment inside the writer's sentence is followed by the writer's words, not a clause.)"""
    before = text[close - 1 : close]
    after = close + 1
    if before not in _OPEN_CLOSE:
        if masked[after : after + 1] != ",":
            return None
        after += 1
    for pattern in (_NAME_VERB, _VERB_NAME, _VERB_DESCRIBED):
        m = pattern.match(masked, after, end)
        if m and not m["who"].endswith(("’s", "'s", "’", "'")):
            return m["who"], m["verb"], m.start("who")
    return None


def clause_speaker(roster: Roster, masked: str, close: int, end: int) -> Attribution | None:
    """The speaker the clause after a quote names: a person the roster knows or adds, or an
    unnamed source by its description (`one commenter`)."""
    clause = clause_after(roster.text, masked, close, end)
    if clause is None:
        return None
    who, verb, at = clause
    described = who.split()[0].lower() in _INDEFINITE
    res = None if described else roster.resolve(who, at)
    if res and res.how == "name":  # "..., screenwriter Cole Haddon wrote"
        return Attribution(res.name, res.mention, verb, "clause-after", 0.8, res.at)
    if described:  # "..., wrote one commenter"; "a spokesman for Tom Baxter" is not Baxter
        return Attribution(who[0].lower() + who[1:], who, verb, DESCRIBED, 0.5)
    return None
