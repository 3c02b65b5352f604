"""Which full name a bare surname means, when the document names several people by it.

News names a person in full once or twice and by surname after that. When two people share
a surname (a candidate and her husband, a father and his son), the bare surname means the
one the article is about: the one named in full most often. A short first line is a
headline, whose capitalised words ("Understated Perez raises political profile.") are
often not a name, so a name only it gives yields to one the body gives.
"""

from __future__ import annotations

from collections import Counter

HEADLINE_WORDS = 14  # a first line this short is a title (a news lede runs longer)


def headline_end(masked: str) -> int:
    """Where a short first line ends, else 0."""
    end = masked.find("\n")
    return end if end > 0 and len(masked[:end].split()) <= HEADLINE_WORDS else 0


def pick_surnames(first: dict[str, int], named: Counter[str], headline: int) -> dict[str, str]:
    """Surname -> full name, from each name's first position and how often it is named in
    full: the most named (then the first named), and among forms of that one name
    ("Hillary Clinton", "Hillary Rodham Clinton") the longest."""
    by_surname: dict[str, list[str]] = {}
    for name in first:
        by_surname.setdefault(name.split()[-1], []).append(name)
    out = {}
    for surname, names in by_surname.items():
        body = [n for n in names if first[n] >= headline or " " not in n]
        names = body or names
        top = max(names, key=lambda n: (named[n], -first[n]))
        forms = [n for n in names if n.split()[0] == top.split()[0]]
        out[surname] = max(forms, key=len)
    return out
