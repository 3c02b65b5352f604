"""People introduced by a family word: `her father, Brad,`, `his wife, Jane`, `Trump's
daughter Ivanka`.

News often names a relative once, by first name only, after the family word that says who
they are. The roster would otherwise miss them (a lone first name is no person unless a title,
a role or a cue makes it one), and the word gives their gender: without it a later "she"
went to the only other person near (Jane Sanders's words to Hillary Clinton).
"""

from __future__ import annotations

import re

from quotetrail.loaders.attribute.cues import wordset

_FEMALE = wordset("""wife mother daughter sister grandmother granddaughter aunt niece stepmother
    stepdaughter widow girlfriend fiancee fiancée""")
_MALE = wordset("""husband father son brother grandfather grandson uncle nephew stepfather stepson
    widower boyfriend fiance fiancé""")
GENDER = {**{w: "f" for w in _FEMALE}, **{w: "m" for w in _MALE}}
# an owner (`his`, `her`, `their`, `Trump's`), an optional age word, the family word, an
# optional comma, then the name (searched up to the name)
_BEFORE = re.compile(
    r"(?:\b(?:[Hh]is|[Hh]er|[Tt]heir)|[\w.]+[’']s?)\s+"
    r"(?:(?:late|former|eldest|oldest|youngest|older|younger|elder|twin|adult|then-)\s*)?"
    rf"({'|'.join(sorted(GENDER, key=len, reverse=True))})\b,?\s+$"
)
REACH = 48  # characters before a name the family phrase may start


def family_gender(masked: str, pos: int) -> str | None:
    """'f' or 'm' when the name at `pos` follows a family word (`his wife, Jane`), else None."""
    m = _BEFORE.search(masked, max(0, pos - REACH), pos)
    return GENDER[m.group(1).lower()] if m else None


def family_start(masked: str, pos: int) -> int:
    """Where the family phrase before the name at `pos` starts (`His wife, Jane`: at `His`),
    or `pos` when there is none: its owner is no pronoun standing before the person."""
    m = _BEFORE.search(masked, max(0, pos - REACH), pos)
    return m.start() if m else pos
