"""Find quoted spans in news text, tolerant of the broken quotation marks real copy has.

Works paragraph by paragraph (a line is a paragraph): news never runs one quote across
narration, and a quote left open at a paragraph's end continues in the next paragraph
only when that one opens a quotation mark. Offsets always index the verbatim text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from quotetrail.loaders.attribute.cues import CUE_WORDS
from quotetrail.loaders.extract.wordre import alternation

OPENERS = "“\""
CLOSERS = "”\""
_WORD = re.compile(r"\w")
_MARK = re.compile("[“”\"]")
_CUES = alternation(CUE_WORDS)
# "...reinforcementStoltenberg told reporters": a cue glued to the last quoted word.
_GLUED_CUE = re.compile(
    rf"(?<=[a-z0-9.,;!?])(?P<who>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*) (?P<cue>{_CUES})\b"
)
# "...we will fight, he said." inside a quote that was never closed.
_COMMA_CUE = re.compile(
    rf",\s+(?P<who>[Hh]e|[Ss]he|[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*) (?P<cue>{_CUES})(?=[.,])"
)
_TRIM_END = " \t\n,;:\u00a0"
_OTHER = re.compile("[«»‹›‘’']")
_OTHER_OPEN = re.compile("[«»‹›‘']")  # a paragraph with none of these has no such pair
_GUILLEMET_PAIR = {"«": "»", "»": "«", "‹": "›", "›": "‹"}


@dataclass(frozen=True)
class QuoteSpan:
    """One quoted span: `start:end` is the quoted text, trimmed; `open`/`close` the marks."""

    start: int
    end: int
    open: int
    close: int | None  # None when the quote was never closed
    para_start: int
    para_end: int
    kind: Literal["direct", "partial"]
    continues: bool = False  # continues a quote left open in the previous paragraph
    chain: int = -1  # spans of one multi-paragraph quote share a chain number
    glued_who: str | None = None  # speaker named in a cue glued into an unclosed quote
    glued_cue: str | None = None
    glued_at: int | None = None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, whitespace trimmed."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def find_quotes(text: str) -> list[QuoteSpan]:
    """All quoted spans in document order, with multi-paragraph chains marked."""
    out: list[QuoteSpan] = []
    chain = 0
    open_chain = False  # the previous paragraph ended inside (or at the end of) a quote
    for ps, pe in paragraphs(text):
        raw = _scan(text, ps, pe)
        if _OTHER_OPEN.search(text, ps, pe):
            raw = sorted(raw + _scan_other(text, ps, pe, raw))
        if not raw:
            open_chain = False
            continue
        starts_quote = text[ps] in OPENERS
        for i, (o, c, glued) in enumerate(raw):
            span = _make_span(text, o, c, ps, pe, glued)
            if span is None:
                continue
            first = i == 0 and starts_quote
            continues = first and open_chain
            if not continues:
                chain += 1
            out.append(_with(span, continues=continues, chain=chain))
        last_o, last_c, last_glued = raw[-1]
        ends_open = last_c is None and last_glued is None
        ends_at_end = last_c is not None and text[last_c + 1 : pe].strip() == ""
        open_chain = ends_open or ends_at_end
    return out


def _with(span: QuoteSpan, **changes: object) -> QuoteSpan:
    fields = {**span.__dict__, **changes}
    return QuoteSpan(**fields)


Glued = tuple[str, str, int] | None  # (who, cue, position of the cue's first letter)


def _scan(text: str, ps: int, pe: int) -> list[tuple[int, int | None, Glued]]:
    """Pair quotation marks in one paragraph: (open mark, close mark or None, glued cue)."""
    pairs: list[tuple[int, int | None, Glued]] = []
    open_at: int | None = None
    for mark in _MARK.finditer(text, ps, pe):
        i = mark.start()
        ch = text[i]
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if open_at is None:
            if ch == "”":
                continue  # a stray closing mark: nothing to close
            if ch == '"' and not prev.isspace() and prev not in "([—–-" and not _WORD.match(nxt):
                continue  # a straight mark that can only be a close
            open_at = i
            continue
        if ch in "”\"":
            pairs.append((open_at, i, None))
            open_at = None
            continue
        # an opening mark while a quote is open
        if not prev.isspace():
            # glued to the previous word: a reversed mark used as a close ("way“So ...")
            pairs.append((open_at, i, None))
            open_at = i if _WORD.match(nxt) else None
        elif not _WORD.match(nxt) and nxt not in "‘'":
            pairs.append((open_at, i, None))  # "... back “. " closes
            open_at = None
        else:
            end, glued = _unclosed_end(text, open_at + 1, i)
            pairs.append((open_at, end, glued))
            open_at = i
    if open_at is not None:
        end, glued = _unclosed_end(text, open_at + 1, pe)
        pairs.append((open_at, end if glued else None, glued))
    return pairs


def _scan_other(
    text: str, ps: int, pe: int, double: list[tuple[int, int | None, Glued]]
) -> list[tuple[int, int | None, Glued]]:
    """Single quotes (‘...’, '...') and guillemets («...», »...«) outside double quotes.

    Only closed pairs count: an apostrophe ("the ’90s", "allies’") looks like a lone mark,
    and a quote that marks never close would swallow the rest of the paragraph. Marks
    inside a double quote are nested quotes and stay part of it.
    """
    covered = [(o, pe if c is None else c) for o, c, _ in double]
    pairs: list[tuple[int, int | None, Glued]] = []
    open_at: int | None = None
    closer = ""
    for mark in _OTHER.finditer(text, ps, pe):
        i = mark.start()
        if any(o <= i <= c for o, c in covered):
            continue
        ch = text[i]
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if open_at is None:
            if ch in "«»‹›" and (nxt.isalnum() or nxt in " \u00a0"):
                open_at, closer = i, _GUILLEMET_PAIR[ch]
            elif ch in "‘'" and not (prev.isalnum() or prev in "’'") and nxt.isalnum():
                open_at, closer = i, "’'"
        elif ch in closer and (closer in "«»‹›" or (not prev.isspace() and not nxt.isalnum())):
            pairs.append((open_at, i, None))
            open_at = None
    return pairs


def _unclosed_end(text: str, start: int, limit: int) -> tuple[int, Glued]:
    """Where a quote that was never closed really ends, and the cue glued to it if any."""
    segment = text[start:limit]
    for pattern in (_GLUED_CUE, _COMMA_CUE):
        m = pattern.search(segment)
        if m:
            return start + m.start(), (m["who"], m["cue"], start + m.start("who"))
    return limit, None


def _make_span(
    text: str, o: int, c: int | None, ps: int, pe: int, glued: Glued
) -> QuoteSpan | None:
    start = o + 1
    end = pe if c is None else c
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM_END):
        end -= 1
    if end <= start:
        return None
    kind = _kind(text, start, end, o, c, ps, pe, glued)
    who, cue, at = glued if glued else (None, None, None)
    return QuoteSpan(start, end, o, c, ps, pe, kind, glued_who=who, glued_cue=cue, glued_at=at)


def _kind(
    text: str, start: int, end: int, o: int, c: int | None, ps: int, pe: int, glued: Glued
) -> Literal["direct", "partial"]:
    """Direct for a sentence or more; partial for a fragment inside the writer's sentence."""
    before = text[ps:o].rstrip()
    if o == ps or before.endswith((":", ",", ".”", ".\"", "?”", "!”")) or glued:
        return "direct"
    after = text[c + 1 : pe] if c is not None else ""
    closed_sentence = c is not None and text[c - 1] in ",.?!"
    if closed_sentence and re.match(r"\s*,?\s*(?:[A-Z][\w’'-]+|he|she)\s+\w+", after):
        return "direct"  # `“...,” Stoltenberg said`
    quoted = text[start:end]
    words = len(quoted.split())
    if quoted[0].isupper() and (quoted[-1] in ".?!…" and words >= 2 or words >= 6):
        return "direct"
    if c is None and words >= 3:
        return "direct"  # fills the rest of the paragraph
    return "partial"


def mask_quotes(text: str, spans: list[QuoteSpan]) -> str:
    """The text with quoted words blanked (same length), so narration is searched alone.

    A quote's final . ? ! stays, so sentence boundaries after a quote are still seen.
    """
    chars = list(text)
    for s in spans:
        last = s.end - 1 if text[s.end - 1] in ".?!" else s.end
        chars[s.start : last] = " " * (last - s.start)
    return "".join(chars)
