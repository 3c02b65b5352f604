"""Who said a quote in news: the writer's sentence around it names the speaker.

News attribution lives in the writer's sentence around a quote: a cue after it
(`,” Stoltenberg said`), a cue before it (`He said: “`), or, for the later paragraphs of a
long quote, the paragraph that opened it. Reported speech takes the subject of its cue.
Spans are found in loaders/extract; this module only names their speakers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quotetrail.loaders.attribute.carry import carry_speakers, going_on
from quotetrail.loaders.attribute.carry import previous_paragraph as _previous_start
from quotetrail.loaders.attribute.clause_after import clause_speaker
from quotetrail.loaders.attribute.cues import (
    SENTENCE_BREAK,
    SUBORDINATE,
    TRAILING_CUE,
)
from quotetrail.loaders.attribute.doubt import withhold_doubtful
from quotetrail.loaders.attribute.headlines import headline_speaker
from quotetrail.loaders.attribute.phrases import (
    _AFTER,
    _AS_PUT,
    _CHARACTERISED,
    _CLAUSE_WORDS,
    _CUE_ENDS,
    _DASH_SIGNED,
    _DEFINITE,
    _DESCRIBED,
    _DETERMINERS,
    _INVERTED_NAME,
    _LEAD_IN,
    _NAME_COLON,
    _NOMINAL,
    _NOMINAL_BEFORE,
    _OBJECT_WHO,
    _OWN_CLAUSE,
    _PAIR,
    _POSSESSIVE,
    _RELAY_WORDS,
    _RELAYED,
    _REPORTING,
    _SAID_FIRST,
    _SENTENCE_SUBJECT,
    _SUBJECT_BEFORE,
    _TO_LISTENER,
    _TRAILING,
    _UNNAMED,
    NOMINAL_WORDS,
    UNNAMED_CUES,
)
from quotetrail.loaders.attribute.result import DESCRIBED, Attribution
from quotetrail.loaders.attribute.result import NONE as _NONE
from quotetrail.loaders.attribute.roster import Resolution, Roster
from quotetrail.loaders.attribute.subjects import participle_subject, sentence_subject
from quotetrail.loaders.attribute.titles import names_a_work
from quotetrail.loaders.extract.indirect import Reported
from quotetrail.loaders.extract.quotes import QuoteSpan

_BOUNDARY = SENTENCE_BREAK
# How far before a quote its speaker is looked for: a sentence is far shorter, and the bound
# keeps a paragraph of thousands of quotes and no full stop linear, not quadratic.
LOOKBACK = 600
# a full name ending an apposition with no closing comma is the cue's subject itself
_LATE_NAME = re.compile(r"(?<=\s)(?P<who>[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+)){1,3})\s+$")
# "Clinton, a top aide said": an indefinite description after a comma, never closed, is the
# cue's subject
_UNCLOSED = re.compile(r",\s+(?P<who>(?:a|an|one|another)\s[^,;:“”\"\n]{1,60}?)\s+")
_AS_WORD = re.compile(r"\b[Aa]s\s")
_PRONOUN_OPENS = re.compile(r"(?:he|she)\s")  # "While the donor didn't say, he did say"
_CONTENT_PRONOUN = re.compile(r"(?:[Hh]e|[Ss]he)\s*(?:$|[“\"‘])")
_INVERTED_AFTER = re.compile(r"[ \t]*(?:said|says|added|wrote|writes|noted|explained)\b")
SUBJECT_MIN_WORDS = 2
LEAD_WORDS = 2  # words a sentence may open with before a quote its trailing cue still names




def attribute_spans(spans: list[QuoteSpan], masked: str, roster: Roster) -> list[Attribution]:
    """The speaker of each quoted span, later paragraphs of a long quote included."""
    found = _fill_chains(spans, [_attribute(s, masked, roster) for s in spans])
    found = carry_speakers(spans, found, masked, roster.timeline)
    if roster.pronouns is not None:
        found = going_on(spans, found, masked, roster.pronouns.gender)
    found = [a if a.speaker or s.kind != "direct" else _narrated_before(s, masked, roster)
             for s, a in zip(spans, found, strict=True)]
    text = roster.text
    found = [_NONE if a.method != "headline" and names_a_work(text, s) else a
             for s, a in zip(spans, found, strict=True)]
    return withhold_doubtful(spans, found, masked, roster)


def _attribute(span: QuoteSpan, masked: str, roster: Roster) -> Attribution:
    headline = headline_speaker(span, masked, roster)
    if headline:
        return headline
    if span.glued_who and span.glued_at is not None:
        res = roster.resolve(span.glued_who, span.glued_at)
        if res:
            return _from(res, span.glued_cue, "after", span.kind)
    if span.close is not None and span.glued_who is None:
        after = _after_close(span, masked, roster)
        if after:
            return after
    lo = max(span.para_start, span.open - LOOKBACK)
    before_start = _sentence_start(masked, lo, span.open)
    before = masked[before_start : span.open]
    main = _main_clause(before)
    for m in reversed(list(_PAIR.finditer(before))):
        if m.end() < main:
            continue  # "When Trump suggested ..., Rubio fired back:": not the main clause
        pair = _resolve_pair(m, roster, offset=before_start)
        if pair:
            relayed = _relayed(pair[0], before, m.end(), before_start, roster)
            if relayed:
                return Attribution(relayed.name, relayed.mention, pair[1], "relayed", 0.7,
                                   relayed.at)
            return _from(pair[0], pair[1], "before", span.kind)
    tail = before.rstrip()[-1:]  # both shapes end on a comma or colon: skip the search else
    said_first = ((_SAID_FIRST.search(before) if tail == "," else None)
                  or (_AS_PUT.search(before) if tail in ",:" and _AS_WORD.search(before) else None))
    if said_first:
        res = roster.resolve(said_first["who"], before_start + said_first.start("who"))
        if res:
            return _from(res, None, "before", span.kind)
    colon = _NAME_COLON.search(before)  # "told Fox News:" names no speaker
    if colon and not _TO_LISTENER.search(before, 0, colon.start("who")):
        res = roster.resolve(colon["who"], before_start + colon.start("who"))
        if res:
            return _from(res, None, "before", span.kind)
    for m in reversed(list(_POSSESSIVE.finditer(before))):
        if _CHARACTERISED.match(before, m.end()) or _OWN_CLAUSE.search(before, m.end()):
            continue  # "denounced Trump's remarks as “hurtful”": the subject's words
        res = roster.resolve(m["who"], before_start + m.start("who"))
        if res:
            return Attribution(res.name, res.mention, m["cue"], "possessive-noun", 0.6, res.at)
    signed = _DASH_SIGNED.match(masked, span.para_end)
    if signed and span.open == span.para_start:
        res = roster.resolve(signed["who"], signed.start("who"))
        if res:
            return _from(res, None, "after", span.kind)
    if (len(roster.text[span.start : span.end].split()) < SUBJECT_MIN_WORDS
            and not _REPORTING.search(before)):
        return _NONE  # one quoted word in narration is a scare quote far more often, unless
        # a speech verb before it makes it part of what someone said ("saying she was")
    found = sentence_subject(masked, before_start + main, span.open, roster)
    if found.speaker is None:
        return participle_subject(before, before_start, roster)
    return found


def _after_close(span: QuoteSpan, masked: str, roster: Roster) -> Attribution | None:
    """The speaker named in the quote's own sentence after it closes (`..." X said`,
    `", wrote one commenter`), or None."""
    assert span.close is not None
    sentence_end = _sentence_end(masked, span.close + 1, span.para_end)
    m = _AFTER.match(masked, span.close + 1, sentence_end)
    if m is None:
        # "“Boots on the ground” would be right, Republican Ben Carson said."; inside the
        # sentence only an inverted cue ends it: "it used “velvet gloves” ..., said Kessel."
        m = _TRAILING.search(masked, span.close + 1, sentence_end)
        lead = masked[_sentence_start(masked, span.para_start, span.open) : span.open]
        if m and not m["cue2"] and len(lead.split()) > LEAD_WORDS and (
                _REPORTING.search(lead) or _PAIR.search(lead)):
            m = None  # "Trump’s “excesses” are sickening, Hollande said": a word or two, or
            # a lead with no speech of its own ("Many leaders became more “conversant” ...")
    if m and _next_sentence(masked, span, m):
        m = None
    pair = _resolve_pair(m, roster) if m else None
    if pair:
        return _from(pair[0], pair[1], "after", span.kind)
    opens_sentence = not masked[_sentence_start(masked, span.para_start, span.open)
                                : span.open].strip()
    # a fragment too when an inverted cue follows it (`... one for “engaging her team,” said
    # one former executive who`): the clause credits the writer's whole sentence
    inverted = _INVERTED_AFTER.match(masked, span.close + 1, sentence_end)
    clause = (clause_speaker(roster, masked, span.close, sentence_end)
              if (span.kind == "direct" and opens_sentence) or inverted else None)
    if clause:  # "..., screenwriter Cole Haddon wrote", "..., wrote one commenter"
        return clause
    return None


def _main_clause(before: str) -> int:
    """Where the main clause starts after a leading subordinate one ("When Trump suggested
    that ..., Rubio fired back: “"), or 0: the comma that ends the subordinate clause."""
    if not SUBORDINATE.match(before):
        return 0
    comma = before.find(", ")
    opens = comma > 0 and (before[comma + 2 : comma + 3].isupper()
                           or _PRONOUN_OPENS.match(before, comma + 2) is not None)
    return comma + 2 if opens else 0


def _next_sentence(masked: str, span: QuoteSpan, m: re.Match[str]) -> bool:
    """`"... caused death." Bernie Sanders called Trump a`: a quote that ends its sentence,
    followed by a name, a verb and more words, is followed by the next sentence, not its cue."""
    if span.close is None or masked[span.close - 1 : span.close] != "." or not m["cue"]:
        return False
    return _CUE_ENDS.match(masked, m.end()) is None


def _narrated_before(span: QuoteSpan, masked: str, roster: Roster) -> Attribution:
    """`Clinton touted her record. “We need ...”` and `Cruz continued:` + a quote paragraph:
    a quote that opens a sentence takes the subject of the sentence just before it."""
    lo, hi = span.para_start, span.open
    if span.close is not None and TRAILING_CUE.match(masked, span.close):
        return _NONE  # `“...,” one P&G employee told`: a cue of its own names someone else
    if span.open == span.para_start:
        lo = _previous_start(masked, span.para_start)
        hi = masked.rfind(":", lo, span.para_start)
        if hi < 0 or masked[hi + 1 : span.para_start].strip():
            return _NONE  # only a paragraph that ends by announcing the quote
    start = _sentence_start(masked, max(lo, hi - LOOKBACK), hi)
    if start == hi or not masked[start:hi].strip():
        start = _sentence_start(masked, max(lo, hi - LOOKBACK), max(lo, start - 2))
    # "After Jerry Brown criticized Bill Clinton ..., Hillary shot back, “”: the main clause's
    start += _main_clause(masked[start:hi])
    found = sentence_subject(masked, start, hi, roster)
    colon = None if found.speaker else _NAME_COLON.fullmatch(masked, start, hi + 1)
    res = roster.resolve(colon["who"], colon.start("who")) if colon else None
    if res:  # "Stated Stone:" + a quote paragraph
        found = _from(res, None, "before", span.kind)
    return replace(found, method="narrated-before", confidence=0.55) if found.speaker else found


def _relayed(
    res: Resolution, before: str, cue_end: int, offset: int, roster: Roster
) -> Resolution | None:
    """An agency's `said that the ministry was “...”`: the words are the ministry's."""
    if not _RELAY_WORDS & set(res.mention.lower().split()):
        return None
    m = _RELAYED.match(before, cue_end)
    if not m:
        return None
    return roster.resolve(m["who"], offset + m.start("who"))


def attribute_reported(r: Reported, masked: str, roster: Roster) -> Attribution:
    """The speaker of a reported clause: the subject of its cue, or of its sentence."""
    if r.trailing or r.cue.lower() == "according":
        # the source stands after the clause, or after `According to` before it
        at, to = (r.end, len(masked)) if r.trailing else (r.cue_at, r.start)
        m = _AFTER.match(masked, at, _sentence_end(masked, at, to))
        pair = _resolve_pair(m, roster) if m else None
        if pair:
            return _from_reported(pair[0], r.cue)
        nominal = r.cue.lower() == "according" or (
            r.trailing and _NOMINAL_BEFORE.search(masked, r.end + 1, r.cue_at))
        return _NOMINAL if nominal else _unnamed(r, masked)
    para_start = masked.rfind("\n", 0, r.cue_at) + 1
    lo = max(_sentence_start(masked, para_start, r.cue_at), r.cue_at - 160)
    before = masked[lo : r.cue_at]
    for pattern in _SUBJECT_BEFORE:
        m = pattern.search(before)
        res = roster.resolve(m["who"], lo + m.start("who")) if m else None
        if res:
            return _from_reported(res, r.cue)
    # `he specified that ..., and explained that`: a second verb shares the first one's subject
    if not r.participle and not before.rstrip().endswith(" and"):
        if _NOMINAL_BEFORE.search(before) or _nominal_subject(before):
            return _NOMINAL
        return _unnamed(r, masked)
    for m in reversed(list(_PAIR.finditer(before))):
        pair = _resolve_pair(m, roster, offset=lo)
        if pair:
            return _from_reported(pair[0], r.cue)
    m = _SENTENCE_SUBJECT.match(masked, lo, r.cue_at)
    if m:
        res = roster.resolve(m["who"], m.start("who"))
        if res:
            return _from_reported(res, r.cue)
    return _unnamed(r, masked)


def _unnamed(r: Reported, masked: str) -> Attribution:
    """A clause a plain speech verb reports, whose speaker the sentence does not name in a
    form the roster knows (`Arturo Sarukhán, ..., said Mexico must`): kept without a
    speaker, as marked quotes are, for linking to name from other printings. Not after a
    quote's close (`," said Roy Hermann, 65, who`: the words after are the speaker)."""
    if r.cue.lower() not in UNNAMED_CUES:
        return _NONE
    before = masked[max(0, r.cue_at - 3) : r.cue_at].rstrip()
    if not before or not before[-1].isalnum():
        return _NONE  # `The plan, said to cost millions,`: no speaker phrase at all
    return _UNNAMED


def _nominal_subject(before: str) -> bool:
    """`Half of Vermont Democrats said`, `Kasich's campaign announced`: the whole sentence up
    to the cue is one short noun phrase (no verb of its own), so it is the cue's subject."""
    m = _LEAD_IN.match(before)
    phrase = before[m.end() if m else 0 :].strip()
    words = phrase.replace(",", " ").split()
    if not words or len(words) > NOMINAL_WORDS or phrase[-1:] in ",”\"’'":
        return False
    if not (words[0][0].isupper() or words[0].lower() in _DETERMINERS):
        return False
    return not any(w.lower() in _CLAUSE_WORDS for w in words)


def _from_reported(res: Resolution, cue: str) -> Attribution:
    confidence = {"name": 0.8, "org": 0.8, "pronoun": 0.7, "role": 0.75}.get(res.how, 0.55)
    return Attribution(res.name, res.mention, cue, f"indirect-{res.how}", confidence, res.at)


def _resolve_pair(
    m: re.Match[str], roster: Roster, offset: int = 0
) -> tuple[Resolution, str] | None:
    for who, cue in (("who", "cue"), ("who2", "cue2"), ("who3", "cue3")):
        if m[who]:
            surface = m[who]
            if who == "who2" and _CONTENT_PRONOUN.match(m.string, m.start(who)):
                return None  # "ProPublica ... said she “steered ...”": she is what was said
            inverted = _INVERTED_NAME.match(m.string, m.end(who)) if who == "who" else None
            if inverted:  # "Nancy, says Carl Anthony, historian at ...": Anthony speaks
                res = roster.resolve(inverted["who"], offset + inverted.start("who"))
                return (res, inverted["cue"]) if res else None
            obj = _OBJECT_WHO.match(m.string, m.end(who), m.start(cue)) if who == "who" else None
            if obj:  # "Trump, who he blasted as": the pronoun after "who" speaks
                res = roster.resolve(obj["who"], offset + obj.start("who"))
                return (res, m[cue]) if res else None
            unclosed = (_UNCLOSED.fullmatch(m.string, m.end(who), m.start(cue))
                        if who == "who" and m.string[m.end(who) : m.end(who) + 1] == ","
                        else None)
            if unclosed:
                # "Clinton, a top aide said, “is very confident”": the aide speaks of Clinton
                if not _DESCRIBED.fullmatch(unclosed["who"]):
                    return None  # "Wisconsin, a story by the website Politico says": not Wisconsin
                return Resolution(unclosed["who"], DESCRIBED, unclosed["who"]), m[cue]
            late = _LATE_NAME.search(m.string, m.end(who), m.start(cue)) if who == "who" else None
            if late:  # "around Clinton, former UN Ambassador John Bolton told": Bolton
                res = roster.resolve(late["who"], offset + late.start("who"))
                if res:
                    return res, m[cue]
            # an indefinite description withholds a name; a definite one may name nobody
            res = None if _DESCRIBED.fullmatch(surface) else roster.resolve(
                surface, offset + m.start(who))
            if res is None and (_DESCRIBED.fullmatch(surface) or _DEFINITE.fullmatch(surface)):
                res = Resolution(surface[0].lower() + surface[1:], DESCRIBED, surface)
            return (res, m[cue]) if res else None
    return None


def _from(res: Resolution, cue: str | None, where: str, kind: str) -> Attribution:
    if res.how == DESCRIBED:
        return Attribution(res.name, res.mention, cue, DESCRIBED, 0.5, res.at)
    if res.how == "pronoun":
        return Attribution(res.name, res.mention, cue, "cue-pronoun", 0.8, res.at)
    if res.how == "role":
        return Attribution(res.name, res.mention, cue, "role-alias", 0.85, res.at)
    if res.how in ("role-fallback", "role-ahead"):
        return Attribution(res.name, res.mention, cue, "role-alias", 0.6, res.at)
    confidence = 0.95 if where == "after" else (0.9 if kind == "direct" else 0.85)
    return Attribution(res.name, res.mention, cue, f"cue-{where}-name", confidence, res.at)


def _sentence_start(masked: str, lo: int, pos: int) -> int:
    start = lo
    for m in _BOUNDARY.finditer(masked, lo, pos):
        start = m.end()
    return start


def _sentence_end(masked: str, pos: int, hi: int) -> int:
    hi = min(hi, pos + LOOKBACK)
    m = _BOUNDARY.search(masked, pos, hi)
    return m.start() + 1 if m else hi


def _fill_chains(spans: list[QuoteSpan], found: list[Attribution]) -> list[Attribution]:
    """Later paragraphs of a long quote take the speaker of the segment that named one."""
    out = list(found)
    by_chain: dict[int, list[int]] = {}
    for i, s in enumerate(spans):
        by_chain.setdefault(s.chain, []).append(i)
    for members in by_chain.values():
        if len(members) < 2:
            continue
        named = [i for i in members if out[i].speaker]
        if not named:
            continue
        for i in members:
            if out[i].speaker:
                continue
            prior = [j for j in named if j < i]
            if not prior and spans[i].close is not None:
                continue  # a closed quote ends there: a later paragraph's cue is not its own
            source = out[prior[-1] if prior else named[0]]
            out[i] = Attribution(
                source.speaker, source.mention, source.cue, "continuation",
                min(source.confidence, 0.85), source.at,
            )
    return out
