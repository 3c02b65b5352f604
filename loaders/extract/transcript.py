"""Official transcripts: the main speaker's own words, one sentence at a time.

A transcript is the primary source news quotes are traced back to, so every sentence of
the main speaker is a quote; questions and the moderator's lines are not their words and
are left out. Turns start with a `Label:` line; unlabelled lines continue the turn.
"""

from __future__ import annotations

import re

from quotetrail.loaders.attribute.cues import ROLE_HEADS, ROLE_MODIFIERS, STOP, normalise_role
from quotetrail.loaders.extract.quotes import paragraphs
from quotetrail.loaders.records import Document, ExtractedDocument, QuoteMention, Speaker


def _wordset(words: str) -> frozenset[str]:
    """Word lists are kept as text so they read (and diff) as lists."""
    return frozenset(words.split())


OPENING = "opening statement"
_LABEL = re.compile(r"(?P<label>[^\n:]{1,80}?):[^\S\n]+(?=\S)")
_ONE_WORD_LABELS = _wordset(
    """q a question answer moderator interviewer host audience journalist reporter
    participant"""
)
_LABEL_SMALL_WORDS = _wordset(
    """of and von van der de da di du bin al la le the"""
)
_BRACKET_LINE = re.compile(r"\[[^\]]*\]\.?")
_SEPARATOR = re.compile(r"[-_*=~ ]+")
_DELIVERED = re.compile(r"\(As [^)]*\)")
_SENTENCE_END = re.compile(r"[.?!…]+[\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])")
_TRAILING_BRACKET = re.compile(r"\s*\[[^\]]*\]\.?\s*$")
_ABBREVIATIONS = _wordset(
    """mr mrs ms dr prof st no vs etc gen col lt sgt rep sen gov jan feb mar apr jun jul
    aug sep sept oct nov dec e.g i.e u.s u.k u.n"""
)


def extract_transcript(doc: Document) -> ExtractedDocument:
    """One direct quote per sentence the main speaker said, attributed to `doc.speaker`."""
    text = doc.text
    lines = paragraphs(text)  # a turn label starts a line
    main = (doc.speaker or "").strip() or _guess_speaker(text, lines)  # " " is no name
    role = _role_of(text, main) if main else None
    quotes: list[QuoteMention] = []
    labels: list[str] = []
    first_turn = next((i for i, (a, b) in enumerate(lines) if _label(text, a, b)), len(lines))
    current: str | None = OPENING  # the label of the main speaker's current turn, or None
    last_main = OPENING
    for i in range(_opening_start(text, lines, first_turn), len(lines)):
        a, b = lines[i]
        line = text[a:b]
        if _SEPARATOR.fullmatch(line):
            continue
        if _BRACKET_LINE.fullmatch(line):
            current = last_main  # an unnamed question; the next line is the answer again
            continue
        m = _label(text, a, b)
        if m:
            label = m["label"].strip()
            current = label if main and _is_main(label, main, role) else None
            if current:
                last_main = current
                if label not in labels:
                    labels.append(label)
            a = m.end()
        if current and main:
            quotes.extend(_sentences(text, a, b, main, current))
    if not main:
        return ExtractedDocument(doc, tuple(quotes), ())
    aliases = tuple(x for x in labels if x != main)
    return ExtractedDocument(doc, tuple(quotes), (Speaker(main, aliases, role),))


def _label(text: str, a: int, b: int) -> re.Match[str] | None:
    """The `Label: ` at the start of a line, when it names a speaker."""
    m = _LABEL.match(text, a, b)
    if not m:
        return None
    bare = re.sub(r"\s*\([^)]*\)", "", m["label"]).strip()
    words = bare.split()
    if not words or any(ch in bare for ch in ",;?!\"“”"):
        return None
    if len(words) == 1:
        w = words[0]
        ok = w.lower() in _ONE_WORD_LABELS or w.lower() in ROLE_HEADS and w[0].isupper()
        return m if ok or (w.isupper() and len(w) > 2) else None
    if len(words) > 8:
        return None
    if all(w[0].isupper() or w.lower() in _LABEL_SMALL_WORDS for w in words):
        return m
    return None


def _opening_start(text: str, lines: list[tuple[int, int]], first_turn: int) -> int:
    """Index of the first line of the opening statement, after the header."""
    for i in range(first_turn):
        if _DELIVERED.fullmatch(text[lines[i][0] : lines[i][1]]):
            return i + 1
    for i in range(first_turn):
        line = text[lines[i][0] : lines[i][1]]
        if line[0] not in "•·*-([" and line.endswith((".", "?", "!", ".”", '."')):
            return i
    return first_turn


def _is_main(label: str, main: str, role: str | None) -> bool:
    low = re.sub(r"\s*\([^)]*\)", "", label).lower()
    if main.lower() in low or main.split()[-1].lower() in low.split():
        return True
    if role:
        key = " ".join(
            w for w in role.lower().replace("-", " ").split()
            if w in ROLE_HEADS or w in ROLE_MODIFIERS
        )
        return bool(key) and key in low.replace("-", " ")
    return False


def _role_of(text: str, main: str) -> str | None:
    """The title written before the main speaker's name: 'NATO Secretary General'."""
    m = re.search(rf"((?:[A-Z][\w-]*[ \t]+){{1,5}}){re.escape(main)}", text)
    if not m:
        return None
    words = m.group(1).split()
    while words and words[0].lower() in STOP:
        words.pop(0)
    return normalise_role(" ".join(words)) if words else None


def _guess_speaker(text: str, lines: list[tuple[int, int]]) -> str | None:
    """Without `doc.speaker`: the name after a role in the first labelled main-looking turn."""
    for a, b in lines:
        m = _label(text, a, b)
        if m:
            words = re.sub(r"\s*\([^)]*\)", "", m["label"]).split()
            cut = max((i for i, w in enumerate(words) if w.lower() in ROLE_HEADS), default=-1)
            if 0 <= cut < len(words) - 2 and "spokesperson" not in m["label"].lower():
                return " ".join(words[cut + 1 :])
    return None


def _sentences(text: str, a: int, b: int, speaker: str, label: str) -> list[QuoteMention]:
    out = []
    start = a
    for m in _SENTENCE_END.finditer(text, a, b):
        if _is_abbreviation(text, a, m.start()):
            continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, b))
    quotes = []
    for s, e in out:
        cut = _TRAILING_BRACKET.search(text, s, e)
        if cut:
            e = cut.start()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if len(text[s:e].split()) < 3:
            continue
        quotes.append(
            QuoteMention(
                text=text[s:e], start=s, end=e, kind="direct", cue=None,
                speaker_mention=label, speaker=speaker, confidence=0.99,
                method="transcript-turn",
            )
        )
    return quotes


def _is_abbreviation(text: str, lo: int, dot: int) -> bool:
    """'Mr.', 'Feb.', 'U.S.' or an initial: a full stop that does not end a sentence."""
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > lo and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lower().lstrip("(\"“")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
