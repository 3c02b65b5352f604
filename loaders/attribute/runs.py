"""A run of capitalised words split into role, title and name.

`NATO Secretary General Jens Stoltenberg`, `Sen. Ted Cruz`, `South Korean-born Monte Haines`:
news writes a person's role, title and modifiers in front of the name in one run of
capitalised words; the roster needs the name apart from the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotetrail.loaders.attribute.cues import (
    CUE_WORDS,
    DEMONYM,
    HONORIFICS,
    NAME_TOKEN,
    PARTICLE,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    STOP,
)

_INITIAL = re.compile(r"[A-Z]\.")  # "Ernest D. Coursey": a middle initial, not an acronym
_MODIFIER = re.compile(r"-(?:born|based|bred|raised|led|owned|backed)$")


def is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _lookback_role(text: str, pos: int, lead: list[str] | None = None) -> str | None:
    """A lower-case role right before a name: 'director of foreign intelligence Mikk Marran';
    with `lead`, the role words the run opened with ('Secretary of' + 'State')."""
    lo = max(text.rfind("\n", 0, pos) + 1, pos - 80)
    seg = text[lo:pos]
    last = seg.rsplit(None, 1)[-1].lower() if seg.strip() else ""
    if last not in ROLE_HEADS and last not in ROLE_MODIFIERS and not (lead and last == "of"):
        return None  # the common case, decided without scanning back
    taken: list[str] = list(reversed(lead or []))
    edge = len(seg)
    for m in reversed(list(re.finditer(r"[\w’'-]+", seg))):
        if seg[m.end() : edge].strip():
            break
        w = m.group()
        low = w.lower()
        roleish = low in ROLE_HEADS or low in ROLE_MODIFIERS or (low == "of" and taken)
        if roleish or (taken and (is_acronym(w) or DEMONYM.match(w))):
            taken.append(w)
        else:
            break
        edge = m.start()
    taken.reverse()
    while taken and taken[0].lower() == "of":
        taken.pop(0)
    if not any(w.lower() in ROLE_HEADS for w in taken):
        return None
    return " ".join(taken)


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    surface: str
    name: str | None
    role: str | None
    titled: bool


def parse_run(text: str, m: re.Match[str]) -> Run | None:
    """Split a run of capitalised words into role, title and name."""
    word = m.group()
    if " " not in word and "\t" not in word:  # one capitalised word: the common case
        bare = word[:-2] if word.endswith(("’s", "'s")) else word
        if bare.lower() in STOP or is_acronym(bare) or bare.lower() in ROLE_HEADS:
            return None
        end = m.start() + len(bare)
        return Run(m.start(), end, bare, bare, _lookback_role(text, m.start()), False)
    tokens = [(t.group(), m.start() + t.start()) for t in NAME_TOKEN.finditer(m.group())]
    cut = len(tokens)
    for i, (tok, _) in enumerate(tokens):
        if tok.endswith(("’s", "'s")):
            tokens[i] = (tok[:-2], tokens[i][1])
            cut = i + 1
            break
    owned = tokens[cut:]
    if len(owned) in (2, 3) and all(t[:1].isupper() and t.lower() not in STOP
                                    and t.lower() not in ROLE_HEADS for t, _ in owned):
        tokens = owned  # "North Carolina’s Ada Fisher", "CNN’s Jake Tapper": the owned name
    else:
        tokens = tokens[:cut]
    # "Said Dorothy Poynter", "Continued Stone": an inverted cue opening the run is no name
    while tokens and (tokens[0][0].lower() in STOP
                      or (tokens[0][0].lower() in CUE_WORDS and len(tokens) > 1)):
        tokens.pop(0)
    if not tokens:
        return None
    start = tokens[0][1]
    end = tokens[-1][1] + len(tokens[-1][0])
    words = [t for t, _ in tokens]
    role_at = max((i for i, w in enumerate(words) if w.lower() in ROLE_HEADS
                   or ("-" in w and w.lower().split("-", 1)[0] in ROLE_HEADS)),  # Editor-in-Chief
                  default=-1)
    title_at = max((i for i, w in enumerate(words) if w.lower().rstrip(".") in HONORIFICS),
                   default=-1)
    # "South Korean-born Monte Haines", "Chicago-based Ann Poole": a modifier ends before a name
    modifier_at = max((i for i, w in enumerate(words[:-1]) if _MODIFIER.search(w)), default=-1)
    cut_at = max(role_at, title_at, modifier_at)
    # "Secretary of State Hillary Clinton": the run starts at the role's last word
    while len(words) - cut_at > 3 and words[cut_at + 1].lower() in ROLE_MODIFIERS:
        cut_at += 1
    role_words = [w for w in words[: role_at + 1] if w.lower().rstrip(".") not in HONORIFICS]
    name_words = words[cut_at + 1 :]
    if len(name_words) > 4 or any(
        (is_acronym(w) and not _INITIAL.fullmatch(w)) or w.lower() in STOP
        or w.lower() in ROLE_MODIFIERS
        or not (w[0].isupper() or re.fullmatch(PARTICLE, w))
        for w in name_words
    ):
        return Run(start, end, text[start:end], None, None, False)
    role = " ".join(role_words) if role_words else None
    if name_words and role is None and title_at < 0:
        # "Secretary of State Hillary Clinton": the run opens at "State", the role before "of"
        role = _lookback_role(text, tokens[0][1], words[: cut_at + 1])
    name = " ".join(name_words) if name_words else None
    first = title_at if title_at >= 0 else cut_at + 1
    surface = text[tokens[min(first, len(tokens) - 1)][1] : end]
    return Run(start, end, surface, name, role, title_at >= 0)
