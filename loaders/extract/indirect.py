"""Reported speech without quotation marks: "Stoltenberg said that the alliance saw no ...".

An indirect quote is the clause a speech verb introduces, found in narration only (the text
with quoted words blanked). It is kept only when it holds no quotation mark: when the writer
quotes some of the words, those quoted words are the evidence, and they are extracted as a
partial quote instead. A clause needs a speaker before its cue; who that is is decided in
extract.py with the same resolver as for marked quotes.

Rules, all generic:
- `that` clause: `CUE [up to 8 words] that CLAUSE` ("told a press briefing ... that").
- bare clause after verbs that take one (`said the alliance saw ...`), only when the words
  after the cue (and a time word: `said Wednesday it would ...`) read as a clause: a
  subject-like first word and a finite verb within the first words.
- `told LISTENER CLAUSE` ("told the AP her group never ..."), and verbs whose report is an
  object or an infinitive ("urged Congress to act", "asked whether", "called for a ban").
- Words between two-apostrophe marks (`''We will win,'' he said.`, how archives print
  quotation marks) with a cue next to them; the quote finder leaves them as narration.
- A clause ends at the sentence end, or before `, after ...`, `, saying ...`, `, and
  explained ...`, or a comma that starts another speaker's cue. Cues inside a clause already
  taken are not cues, nor are nouns and passives (`pledged delegates`, `when asked to`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quotetrail.loaders.attribute.cues import SENTENCE_STOP
from quotetrail.loaders.extract.wordre import alternation


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# verbs that report speech and take a that-clause
INDIRECT_CUES = _wordset(
    """said says told tells added adds warned warns explained explains declared declares
    insisted insists stressed stresses reiterated reiterates specified indicated indicates
    noted notes noting concurred stated states announced announces announcing claimed
    claims argued argues wrote writes admitted admits acknowledged acknowledges confirmed
    confirms suggested suggests cautioned emphasised emphasized underlined underscored
    recalled revealed responded remarked commented affirmed conceded complained promised
    vowed pledged predicted reported observed maintained agreed denied assured hinted
    repeated clarified clarify informed saying adding warning insisting stressing
    explaining arguing claiming stating confirming telling tweeted posted say according According
    contended contends asserted asserts alleged alleges testified mentioned asked asks urged
    urges called vowed vows proposed proposes demanded denies"""
)
# of those, the ones whose report is an object or an infinitive, not a clause ("urged
# Congress to act", "asked whether the talks", "called for a ban", "denied any role")
OBJECT_CUES = _wordset(
    """asked asks urged urges called promised vowed vows pledged proposed proposes demanded
    denied denies announced announces"""
)
# `called` reports speech only before these ("called for a ban", "called on")
_CALLED_FOR = re.compile(r"\s+(?:for|on)\s")
# of those, the ones that also take a clause with no `that` ("said the talks failed")
BARE_CUES = _wordset(
    """said says say added adds adding saying noted notes noting observed claimed claims argued
    argues insisted insists stressed warned warns admitted acknowledged confirmed
    suggested stated states predicted maintained"""
)
# of those, the ones that end a sentence after the clause they report ("..., Smith said.")
TRAILING_CUES = _wordset(
    """said says added adds told wrote writes argued argues noted predicted explained insisted
    warned claimed announced reported acknowledged admitted conceded stressed continued
    according tweeted"""
)
# participles borrow the subject of their sentence ("Stoltenberg spoke ..., adding that")
PARTICIPLES = _wordset(
    """saying adding noting warning insisting stressing explaining arguing claiming stating
    announcing confirming telling"""
)
# words that cannot open the subject of a reported clause ("said on ...", "added to ...")
_NOT_SUBJECT = _wordset(
    """to in on at for with by from of about into onto over under after before during
    through against among between without within so yes no not nothing goodbye hello
    thanks sorry very more less how why when where what which who whom whose if whether
    as than like and but or nor yet up down out off away back"""
)
_PRONOUN_SUBJECTS = _wordset("he she they we i it")
_TOLD = _wordset("told tells telling tell assured informed reminded")
_CLAUSE_OPENERS = _PRONOUN_SUBJECTS | _wordset("the his her their its our no some all many there")
LISTENER_WORDS = 4  # the listener after `told`: "reporters", "the AP", "Fox News Sunday"
_FINITE = _wordset(
    """is are was were has have had will would could can should must may might did does do
    saw sees see remains remained continues continued wants wanted needs needed rests"""
)
_TIME = (
    r"(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|today|yesterday|tonight|earlier|later|again|also|recently|previously"
    r"|last\s+(?:week|month|year|night)|this\s+(?:week|month|morning|afternoon|evening)"
    r"|on\s+Twitter|in\s+a\s+statement|in\s+an\s+interview)"
)
_CUE_RE = re.compile(rf"(?P<cue>{alternation(INDIRECT_CUES)})\b")  # no lookbehind: slow
_THAT = re.compile(r"(?:\s+[\w’'-]+){0,8}?\s+that\s+|,\s+namely\s+that\s+|\s+that\s+")
_LEAD = re.compile(rf"(?:\s*,)?(?:\s+{_TIME})*\s+(?=\w)")
_END = re.compile(rf"{SENTENCE_STOP}(?=[\s”\"’]|$)|\n")
_CUT = re.compile(
    r",\s+(?:after|while|with|as|despite|before|when|saying|adding|noting|(?:but|and)\s+"
    rf"(?:also\s+)?(?:{alternation(INDIRECT_CUES)}))\b"
)
_WORD = re.compile(r"[\w’'-]+")
_TWIN = re.compile(r"(?<!')''(?!')|\n")
_TWIN_AFTER_CUE = re.compile(r"(?:\s+(?:[\w’-]+\s+){0,3}?)?\s*[,:]?\s*")
_LAST_WORD = re.compile(r"([\w’']+)\s+$")
_NOUN_OR_PASSIVE_BEFORE = _wordset(
    """the a an all of two three four several many some his her their its our your my
    bold broken campaign when if once unless was were been being be is are not nobody"""
)
_MARK = re.compile("[“”\"«»‘„]")
_BREAK = re.compile("[.;:!?“”\"«»‘„]")
MIN_WORDS = 3
TRAIL_CHARS = 80  # how far a trailing cue may be from its sentence end ("said on Tuesday.")
SOURCE_CHARS = 200  # `, according to an analysis of ... by Crowdpac, a ... website.`
SPEAKER_WORDS = 8  # words between a trailing clause's comma and its cue at most
# Longer than this is no sentence a reporter wrote. Every look for a sentence's ends stays
# within it, so a one-paragraph document of 100,000 cues costs linear time, not quadratic.
SENTENCE_CHARS = 1500


@dataclass(frozen=True)
class Reported:
    """One reported clause: `start:end` in the text, its cue and where the cue stands."""

    start: int
    end: int
    cue: str
    cue_at: int
    participle: bool
    trailing: bool = False  # the cue follows the clause: "The talks failed, Smith said."


def find_reported(masked: str, quoted: list[tuple[int, int]]) -> list[Reported]:
    """Reported clauses in narration; `quoted` are the (open, close) spans of marked quotes."""
    out: list[Reported] = []
    taken_to = -1
    twins = _twin_quoted(masked)
    for m in _CUE_RE.finditer(masked):
        if m.start() < taken_to or _glued(masked, m.start()):
            continue  # a cue inside a clause already taken is part of that clause
        if _inside_twin(twins, m.start()):
            continue  # the quoted speaker's own words
        if _not_a_verb(masked, m.start(), m.end()):
            continue
        cue = m["cue"].lower()
        twin = _twin_for(masked, twins, m.start(), m.end())
        if twin is not None:
            out.append(Reported(twin[0], twin[1], m["cue"], m.start(), cue in PARTICIPLES,
                                trailing=twin[0] < m.start()))
            taken_to = max(twin[1], m.end())
            continue
        if cue == "according":
            found = _according(masked, m.start(), m.end())
        else:
            found = _clause(masked, m.end(), cue)
        trailing = found is None and cue in TRAILING_CUES
        if trailing:
            found = _trailing(masked, m.start(), m.end(), max(taken_to, 0))
        if found is None:
            continue
        start, end = found
        if any(o < end and start < c for o, c in quoted):
            continue  # holds quoted words: they are a partial quote instead
        out.append(Reported(start, end, m["cue"], m.start(), cue in PARTICIPLES, trailing))
        taken_to = max(end, m.end())
    return out


def _twin_quoted(masked: str) -> list[tuple[int, int]]:
    """`''We will win,'' he said.`: archives (the New York Times's among them) print quotation
    marks as two apostrophes, which the quote finder leaves as narration. (open, close) of
    each pair within a line, paired left to right in one pass."""
    pairs: list[tuple[int, int]] = []
    open_at = None
    for m in _TWIN.finditer(masked):
        at = m.start()
        if m.group() == "\n":
            open_at = None
            continue
        after = masked[at + 2 : at + 3]
        before = masked[at - 1 : at] if at else ""
        if open_at is not None and before.strip():
            pairs.append((open_at, at))
            open_at = None
        elif after.strip():
            open_at = at
    return pairs


def _twin_for(
    masked: str, twins: list[tuple[int, int]], cue_at: int, cue_end: int
) -> tuple[int, int] | None:
    """The words between two-apostrophe marks a cue reports: `,'' Mr. Kamp said` after them
    or `said: ''` before them; None when the cue reports no such quote."""
    i = bisect.bisect_left(twins, (cue_at, -1))  # twins[i] is the first opening at or after
    candidates = []
    if i > 0 and twins[i - 1][1] < cue_at:
        c = twins[i - 1][1]
        between = masked[c + 2 : cue_at]
        if (cue_at - c <= TRAIL_CHARS and "\n" not in between and not _BREAK.search(between)
                and len(_WORD.findall(between)) <= SPEAKER_WORDS):
            candidates.append(twins[i - 1])
    if i < len(twins) and _TWIN_AFTER_CUE.fullmatch(masked, cue_end, twins[i][0]):
        candidates.append(twins[i])
    for o, c in candidates:
        start, end = o + 2, c
        while start < end and masked[start] == " ":
            start += 1
        while end > start and masked[end - 1] in " ,;:":
            end -= 1
        if len(_WORD.findall(masked, start, end)) >= MIN_WORDS:
            return start, end
    return None


def _inside_twin(twins: list[tuple[int, int]], at: int) -> bool:
    i = bisect.bisect_left(twins, (at, -1))
    return i > 0 and twins[i - 1][1] > at


def _trailing(masked: str, cue_at: int, cue_end: int, lo: int) -> tuple[int, int] | None:
    """`The talks failed, Smith said on Tuesday.`: a clause that opens its sentence and ends
    at a comma followed by a short speaker phrase and a cue that ends the sentence."""
    reach = SOURCE_CHARS if masked.startswith(" to ", cue_end) else TRAIL_CHARS
    stop = _END.search(masked, cue_end, cue_end + reach)
    if stop is None or _MARK.search(masked, cue_end, stop.start()):
        return None
    start = _sentence_start(masked, cue_at, lo)
    if start is None:
        return None
    comma = masked.rfind(",", start, cue_at)
    if comma < 0 or len(_WORD.findall(masked, comma, cue_at)) > SPEAKER_WORDS:
        return None
    while start < comma and not masked[start].isalnum():
        start += 1
    words = _WORD.findall(masked, start, comma)
    if (_MARK.search(masked, start, comma) or len(words) < MIN_WORDS
            or words[0].lower() in _NOT_SUBJECT or not any(_finite(w) for w in words[1:])):
        return None
    return start, comma


def _according(masked: str, cue_at: int, cue_end: int) -> tuple[int, int] | None:
    """`According to the agency, the talks failed.`: the clause after the source's comma."""
    floor = max(0, cue_at - SENTENCE_CHARS)
    para = masked.rfind("\n", floor, cue_at) + 1 or floor
    if masked[para:cue_at].strip() and not _END.search(masked, cue_at - 3, cue_at):
        return None  # only at the start of a sentence
    if not masked.startswith(" to ", cue_end):
        return None
    comma = masked.find(",", cue_end, cue_end + TRAIL_CHARS)
    if comma < 0 or _BREAK.search(masked, cue_end, comma):
        return None
    start = comma + 1
    while start < len(masked) and masked[start] == " ":
        start += 1
    end = _sentence_end(masked, start)
    if end is None or _MARK.search(masked, start, end):
        return None
    if len(_WORD.findall(masked, start, end)) < MIN_WORDS:
        return None
    return start, end


def _not_a_verb(masked: str, at: int, end: int) -> bool:
    """`all the states allocate`, `her challenger's bold promises`, `when asked to`, `pledged
    delegates`: the cue's word as a noun, an adjective or a passive."""
    before = _LAST_WORD.search(masked, max(0, at - 40), at)
    if before and before.group(1).lower() in _NOUN_OR_PASSIVE_BEFORE:
        return True
    return masked.startswith(" delegates", end)


def _glued(text: str, at: int) -> bool:
    """The cue's letters end another word ("unsaid", "re-stated")."""
    return at > 0 and (text[at - 1].isalnum() or text[at - 1] in "’'-_")


def _clause(masked: str, pos: int, cue: str) -> tuple[int, int] | None:
    start = None
    that = _THAT.match(masked, pos)
    if (that and "\n" not in masked[pos : that.end()] and not _crosses(masked, pos, that.start())
            and not any(w.lower() in _FINITE for w in
                        _WORD.findall(masked, pos, masked.rfind("that", pos, that.end())))):
        start = that.end()  # a verb before `that` makes it part of a bare clause's words
    elif cue in BARE_CUES:
        lead = _LEAD.match(masked, pos)
        if lead and _reads_as_clause(masked, lead.end()):
            start = lead.end()
    elif cue in _TOLD:
        start = _after_listener(masked, pos)
    elif cue in OBJECT_CUES:
        called = _CALLED_FOR.match(masked, pos) if cue == "called" else None
        if cue != "called" or called:
            lead = _LEAD.match(masked, called.end() - 1 if called else pos)
            start = lead.end() if lead else None
    if start is None:
        return None
    end = _sentence_end(masked, start)
    if end is None:
        return None
    cut = _CUT.search(masked, start, end)
    if cut:
        end = cut.start()
    end = _before_next_cue(masked, start, end)
    while end > start and masked[end - 1] in " ,;:–—-":
        end -= 1
    if _MARK.search(masked, start, end):
        return None  # the clause quotes words: they are a partial quote instead
    if len(_WORD.findall(masked, start, end)) < MIN_WORDS:
        return None
    return start, end


def _after_listener(masked: str, pos: int) -> int | None:
    """`told the AP her group never worked with`: past a listener of a few words, a clause
    that opens with a subject pronoun or a determiner."""
    for n, word in enumerate(_WORD.finditer(masked, pos, min(len(masked), pos + 80))):
        if n == 0:
            if masked[pos : word.start()].strip():
                return None  # `told,` or `told:`: no listener
            continue
        if n > LISTENER_WORDS or masked[word.start() - 1] != " ":
            return None
        if word.group().lower() in _CLAUSE_OPENERS and _reads_as_clause(masked, word.start()):
            return word.start()
    return None


def _sentence_start(masked: str, at: int, lo: int) -> int | None:
    """Where the sentence holding `at` starts (after a sentence end or a line break, never
    before `lo`); None when that is more than SENTENCE_CHARS back."""
    floor = max(lo, at - SENTENCE_CHARS)
    start = None
    for b in _END.finditer(masked, floor, at):
        start = b.end()
    if start is None:
        return floor if floor == max(lo, 0) else None
    return start


def _sentence_end(masked: str, start: int) -> int | None:
    """Where the sentence from `start` ends (its stop, or the text's end); None when that is
    more than SENTENCE_CHARS on."""
    stop = _END.search(masked, start, start + SENTENCE_CHARS)
    if stop is not None:
        return stop.start()
    return len(masked) if len(masked) - start <= SENTENCE_CHARS else None


def _crosses(masked: str, lo: int, hi: int) -> bool:
    """Words between a cue and its `that` must not cross a clause or sentence break."""
    return _BREAK.search(masked, lo, hi) is not None


def _finite(word: str) -> bool:
    return word.lower() in _FINITE or (len(word) > 4 and word.endswith("ed"))


def _present(word: str) -> bool:
    """`Obama enjoys`, `Gülen runs`: a lower-case word in -s after the subject's first word."""
    return (len(word) > 3 and word.islower() and word.endswith("s")
            and not word.endswith(("ss", "us", "is", "ics", "ous")))


def _reads_as_clause(masked: str, at: int) -> bool:
    words = _WORD.findall(masked, at, min(len(masked), at + 80))[:7]
    if not words:
        return False
    first = words[0]
    if first.lower() in _NOT_SUBJECT or not (first[0].isupper() or first.isalpha()):
        return False
    if first.lower() in _PRONOUN_SUBJECTS and len(words) >= MIN_WORDS:
        return True  # "said he plans to": a subject pronoun opens a clause
    return any(_finite(w) for w in words[1:]) or any(_present(w) for w in words[1:3])


def _before_next_cue(masked: str, start: int, end: int) -> int:
    """`..., Mr Stoltenberg said that` inside a clause starts another speaker's clause."""
    for comma in re.finditer(r",\s+", masked[start:end]):
        rest = masked[start + comma.end() : end]
        cue = next((c for c in _CUE_RE.finditer(rest, 0, 60) if not _glued(rest, c.start())),
                   None)
        if cue and len(_WORD.findall(rest, 0, cue.start())) <= 4 and rest[:1].isupper():
            return start + comma.start()
    return end
