"""The cross-document name book: one canonical Speaker name per person across a load."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class SpeakerBook:
    """Canonical speakers across documents: a bare surname joins the one full name it ends.

    Kept per load and seeded from the graph, so that "Stoltenberg" in one article and
    "Jens Stoltenberg" in another are one Speaker whatever the load order. Names are indexed
    by their last word, so a lookup costs the same in a graph of ten speakers or ten
    thousand. Ids come from `key`, so this module needs nothing of the graph.
    """

    key: Callable[[str], str]  # name -> speaker id (the graph's, passed in by the writer)
    names: dict[str, str] = field(default_factory=dict)  # speaker id -> name
    folds: dict[str, str] = field(default_factory=dict)  # absorbed id -> full name's id
    _by_surname: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for name in self.names.values():
            self._index(name)

    def canonical(self, name: str) -> str:
        """The full name a bare surname stands for, when exactly one is known; the one known
        name a full name differs from only by middle initials ("Harry M. Reid" and "Harry
        Reid"), when exactly one is."""
        if " " in name.strip():
            key = _ends(name)
            same = {n for n in self._by_surname.get(name.split()[-1], ())
                    if n != name and key is not None and _ends(n) == key}
            return same.pop() if len(same) == 1 else name
        fuller = self._fuller(name) - {name}
        return fuller.pop() if len(fuller) == 1 else name

    def add(self, name: str) -> None:
        """Record a name; a full name absorbs the surname-only speaker it completes."""
        sid = self.key(name)
        previous = self.names.get(sid)
        if previous != name:
            if previous is not None:
                self._unindex(previous)
            self.names[sid] = name
            self._index(name)
        if " " not in name.strip():
            return
        surname = name.split()[-1]
        if len(self._fuller(surname)) != 1:
            return
        bare = self.key(surname)
        if self.names.get(bare) == surname:
            del self.names[bare]
            self._unindex(surname)
            self.folds[bare] = sid

    def take_folds(self, speaker_ids: set[str]) -> dict[str, str]:
        """The surname-only speakers to fold into these speakers, once each."""
        taken = {old: new for old, new in self.folds.items() if new in speaker_ids}
        for old in taken:
            del self.folds[old]
        return taken

    def _index(self, name: str) -> None:
        if key := surname(name):
            self._by_surname.setdefault(key, set()).add(name)

    def _unindex(self, name: str) -> None:
        if key := surname(name):
            self._by_surname.get(key, set()).discard(name)

    def _fuller(self, last: str) -> set[str]:
        """The known multi-word names ending in this surname."""
        return {n for n in self._by_surname.get(last, ()) if " " in n}


def surname(name: str) -> str | None:
    """The last word of a name: the book looks a name up among those ending in it only, so
    a graph's speakers of other last words change nothing a load's names resolve to."""
    words = name.split()
    return words[-1] if words else None


_INITIAL = re.compile(r"(?:[A-Z]\.?)+")


def _ends(name: str) -> tuple[str, str] | None:
    """(first, last) of a name whose middle words are all initials, else None."""
    words = name.split()
    if len(words) < 2 or not all(_INITIAL.fullmatch(w) for w in words[1:-1]):
        return None
    return words[0], words[-1]
