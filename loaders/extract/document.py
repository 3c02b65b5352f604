"""Quote extraction entry point: find quotes, then say who spoke them, and how sure we are.

News attribution lives in the writer's sentence around a quote: a cue after it
(`,” Stoltenberg said`), a cue before it (`He said: “`), or, for the later paragraphs of a
long quote, the paragraph that opened it. Transcripts are handled in transcript.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quotetrail.loaders.attribute.speakers import (
    CUE_WORDS,
    HEAD_WORDS,
    Resolution,
    Roster,
    build_roster,
)
from quotetrail.loaders.extract.credits import credited_outlets
from quotetrail.loaders.extract.indirect import Reported, find_reported
from quotetrail.loaders.extract.quotes import QuoteSpan, find_quotes
from quotetrail.loaders.extract.transcript import extract_transcript
from quotetrail.loaders.extract.wordre import alternation
from quotetrail.loaders.records import Document, ExtractedDocument, QuoteMention

_CUE = alternation(CUE_WORDS)
_HEADS = alternation(HEAD_WORDS)
_CAP = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
_WHO = (
    rf"(?:(?:[Tt]he|[Aa]n?)\s+(?:[\w’'-]+\s+){{0,4}}?{_HEADS}s?"
    rf"|[Hh]e|[Ss]he"
    rf"|(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?{_CAP}(?:\s+{_CAP}){{0,5}})"
)
_AUX = r"(?:(?:also|later|then|has|had|have|again|previously|earlier|further|once)\s+)*"
_PAIR = re.compile(
    rf"\b(?P<who>{_WHO})\s+{_AUX}(?P<cue>{_CUE})\b"
    rf"|\b(?P<cue2>{_CUE})\s+(?P<who2>{_WHO})\b"
    rf"|\b(?P<cue3>according to)\s+(?P<who3>{_WHO})\b"
)
_AFTER = re.compile(rf"\s*[,;]?\s*(?:{_PAIR.pattern})")
_NAME_COLON = re.compile(rf"(?P<who>{_WHO})\s*:\s*$")
_SUBJ_AUX = (
    r"(?:(?:also|later|then|has|had|have|again|previously|earlier|further|once|would|will"
    r"|did|had\s+to|has\s+to|have\s+to|not)\s+)*"
)
_SUBJECT_BEFORE = re.compile(rf"(?P<who>{_WHO})\s+{_SUBJ_AUX}$")
_SENTENCE_SUBJECT = re.compile(rf"(?:[^,]{{0,60}},\s+)?(?P<who>{_WHO})\b")
# "Putin’s demand that ... “security threats”": a possessive speaker and a speech noun
_SPEECH_NOUNS = (
    "demand|demands|call|calls|warning|warnings|claim|claims|remark|remarks|comment|comments"
    "|words|statement|statements|message|pledge|promise|threat|threats|argument|view|insistence"
)
_POSSESSIVE = re.compile(
    rf"(?P<who>{_WHO})[’']s\s+(?:[a-z]+\s+)?(?P<cue>{_SPEECH_NOUNS})\b"
)
# speakers that pass on other people's words: "the RIA news agency said that the ministry was"
_RELAY_WORDS = frozenset({
    "agency", "agencies", "newspaper", "broadcaster", "outlet", "media", "wire", "television",
    "radio",
})
_RELAYED = re.compile(
    rf"\s+that\s+(?P<who>{_WHO})\s+(?:(?:was|is|were|are|had|has|have|been|would|will|be"
    rf"|not|still)\s+)*$"
)
_BOUNDARY = re.compile(r"[.!?][”\"’]?\s+")
# How far before a quote its speaker is looked for: a sentence is far shorter, and the bound
# keeps a paragraph of thousands of quotes and no full stop linear, not quadratic.
LOOKBACK = 600


@dataclass(frozen=True)
class _Attribution:
    speaker: str | None
    mention: str | None
    cue: str | None
    method: str
    confidence: float


_NONE = _Attribution(None, None, None, "none", 0.1)


def extract(doc: Document) -> ExtractedDocument:
    """Quotes, speakers and credited outlets of one document; dispatches on `doc.kind`."""
    found = extract_transcript(doc) if doc.kind == "transcript" else extract_news(doc)
    return replace(found, credits=tuple(credited_outlets(doc.text, own=doc.outlet)))


def extract_news(doc: Document) -> ExtractedDocument:
    """Quotes in news (or a press release), each attributed from the sentence around it."""
    text = doc.text
    spans = find_quotes(text)
    masked = _mask(text, spans)
    roster = build_roster(text, masked)
    found = [_attribute(s, masked, roster) for s in spans]
    found = _fill_chains(spans, found)
    quotes = [
        QuoteMention(
            text=text[s.start : s.end], start=s.start, end=s.end, kind=s.kind, cue=a.cue,
            speaker_mention=a.mention, speaker=a.speaker, confidence=a.confidence,
            method=a.method,
        )
        for s, a in zip(spans, found, strict=True)
    ]
    marked = [(s.open, s.close if s.close is not None else s.end) for s in spans]
    for r in find_reported(masked, marked):
        a = _attribute_reported(r, masked, roster)
        if a.speaker is not None:
            quotes.append(QuoteMention(
                text=text[r.start : r.end], start=r.start, end=r.end, kind="indirect",
                cue=r.cue, speaker_mention=a.mention, speaker=a.speaker,
                confidence=a.confidence, method=a.method,
            ))
    quotes.sort(key=lambda q: q.start)
    used = {q.speaker for q in quotes if q.speaker}
    return ExtractedDocument(doc, tuple(quotes), roster.speakers(used))


def _mask(text: str, spans: list[QuoteSpan]) -> str:
    """The text with quoted words blanked (same length), so narration is searched alone.

    A quote's final . ? ! stays, so sentence boundaries after a quote are still seen.
    """
    chars = list(text)
    for s in spans:
        last = s.end - 1 if text[s.end - 1] in ".?!" else s.end
        chars[s.start : last] = " " * (last - s.start)
    return "".join(chars)


def _attribute(span: QuoteSpan, masked: str, roster: Roster) -> _Attribution:
    if span.glued_who and span.glued_at is not None:
        res = roster.resolve(span.glued_who, span.glued_at)
        if res:
            return _from(res, span.glued_cue, "after", span.kind)
    if span.close is not None and span.glued_who is None:
        sentence_end = _sentence_end(masked, span.close + 1, span.para_end)
        m = _AFTER.match(masked, span.close + 1, sentence_end)
        if m:
            res = _resolve_pair(m, roster)
            if res:
                return _from(res[0], res[1], "after", span.kind)
    lo = max(span.para_start, span.open - LOOKBACK)
    before_start = _sentence_start(masked, lo, span.open)
    before = masked[before_start : span.open]
    for m in reversed(list(_PAIR.finditer(before))):
        res = _resolve_pair(m, roster, offset=before_start)
        if res:
            relayed = _relayed(res[0], before, m.end(), before_start, roster)
            if relayed:
                return _Attribution(relayed.name, relayed.mention, res[1], "relayed", 0.7)
            return _from(res[0], res[1], "before", span.kind)
    m = _NAME_COLON.search(before)
    if m:
        res = roster.resolve(m["who"], before_start + m.start("who"))
        if res:
            return _from(res, None, "before", span.kind)
    for m in reversed(list(_POSSESSIVE.finditer(before))):
        res = roster.resolve(m["who"], before_start + m.start("who"))
        if res:
            return _Attribution(res.name, res.mention, m["cue"], "possessive-noun", 0.6)
    return _NONE


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


def _attribute_reported(r: Reported, masked: str, roster: Roster) -> _Attribution:
    """The speaker of a reported clause: the subject of its cue, or of its sentence."""
    para_start = masked.rfind("\n", 0, r.cue_at) + 1
    lo = max(_sentence_start(masked, para_start, r.cue_at), r.cue_at - 160)
    before = masked[lo : r.cue_at]
    m = _SUBJECT_BEFORE.search(before)
    if m:
        res = roster.resolve(m["who"], lo + m.start("who"))
        if res:
            return _from_reported(res, r.cue)
    if not r.participle:
        return _NONE
    for m in reversed(list(_PAIR.finditer(before))):
        res = _resolve_pair(m, roster, offset=lo)
        if res:
            return _from_reported(res[0], r.cue)
    m = _SENTENCE_SUBJECT.match(masked, lo, r.cue_at)
    if m:
        res = roster.resolve(m["who"], m.start("who"))
        if res:
            return _from_reported(res, r.cue)
    return _NONE


def _from_reported(res: Resolution, cue: str) -> _Attribution:
    confidence = {"name": 0.8, "org": 0.8, "pronoun": 0.7, "role": 0.75}.get(res.how, 0.55)
    return _Attribution(res.name, res.mention, cue, f"indirect-{res.how}", confidence)


def _resolve_pair(
    m: re.Match[str], roster: Roster, offset: int = 0
) -> tuple[Resolution, str] | None:
    for who, cue in (("who", "cue"), ("who2", "cue2"), ("who3", "cue3")):
        if m[who]:
            res = roster.resolve(m[who], offset + m.start(who))
            return (res, m[cue]) if res else None
    return None


def _from(res: Resolution, cue: str | None, where: str, kind: str) -> _Attribution:
    if res.how == "pronoun":
        return _Attribution(res.name, res.mention, cue, "cue-pronoun", 0.8)
    if res.how == "role":
        return _Attribution(res.name, res.mention, cue, "role-alias", 0.85)
    if res.how in ("role-fallback", "role-ahead"):
        return _Attribution(res.name, res.mention, cue, "role-alias", 0.6)
    confidence = 0.95 if where == "after" else (0.9 if kind == "direct" else 0.85)
    return _Attribution(res.name, res.mention, cue, f"cue-{where}-name", confidence)


def _sentence_start(masked: str, lo: int, pos: int) -> int:
    start = lo
    for m in _BOUNDARY.finditer(masked, lo, pos):
        start = m.end()
    return start


def _sentence_end(masked: str, pos: int, hi: int) -> int:
    hi = min(hi, pos + LOOKBACK)
    m = _BOUNDARY.search(masked, pos, hi)
    return m.start() + 1 if m else hi


def _fill_chains(spans: list[QuoteSpan], found: list[_Attribution]) -> list[_Attribution]:
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
            source = out[prior[-1] if prior else named[0]]
            out[i] = _Attribution(
                source.speaker, source.mention, source.cue, "continuation",
                min(source.confidence, 0.85),
            )
    return out
