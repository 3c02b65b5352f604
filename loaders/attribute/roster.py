"""Find the people a document names and resolve any later reference to one canonical name.

News names a person once in full ("NATO Secretary General Jens Stoltenberg") and then by
surname, title ("Mr Stoltenberg"), role ("the NATO chief") or pronoun. Attribution needs
all of those to land on one Speaker, without knowing any names in advance: the word lists
are the cue grammar in cues.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from quotetrail.loaders.attribute.cues import (
    BEFORE_NAME,
    CATAPHORA_CHARS,
    CUE_BEFORE,
    CUE_WORDS,
    CUED,
    DEMONYM,
    GENERIC_HEADS,
    HEAD_RE,
    HONORIFICS,
    LEADER_ROLES,
    NAME_RUN,
    ORG_HEADS,
    PARTICLE,
    PRONOUNS,
    QUALIFIES,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_PHRASE,
    STOP,
    normalise_role,
    wordset,
)
from quotetrail.loaders.attribute.pronouns import INVERTED_CUE, Pronouns
from quotetrail.loaders.attribute.runs import Run
from quotetrail.loaders.attribute.runs import is_acronym as _is_acronym
from quotetrail.loaders.attribute.runs import parse_run as _parse_run
from quotetrail.loaders.attribute.surnames import headline_end, pick_surnames
from quotetrail.loaders.extract.wordre import alternation
from quotetrail.loaders.records import Speaker

_PARTICLE_RE = re.compile(PARTICLE)
# party words are role heads before a name ("Republican Ben Carson"), not after one
_PARTY_WORDS = wordset("republican republicans democrat democrats democratic gop")
# "according to Arianna Huffington", "according to a post from Arianna Huffington"
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+(?:(?:a|an|the)\s+[\w-]+\s+(?:from|by)\s+)?$")
_NOT_NAME = re.compile(r"^[RDI]-[A-Z]|[’'](?:re|ve|ll|d|m)$")  # "R-Texas", "They’re"
# "Americans", "Syrians", "Europeans": a people, never one person ("Deans" is too short)
_PEOPLE = re.compile(r"[A-Z][a-z]{2,}(?:ians|icans|eans)$")
# "Arturo Sarukhan, Mexico's ambassador ...", "Woodrow Benford, 58, who ...": a full name
# described right after a comma; "Bill McInturff, the Republican half of a polling team,": a
# capitalised modifier before the description's noun
_APPOSED = re.compile(
    r",\s+(?:a|an|who|whose|the\s+(?:former|longtime|current)|[A-Z][\w-]*[’']s|\d{1,3},"
    r"|the\s+[a-z][\w-]*|the\s+[A-Z][a-z][\w-]*\s+[a-z][\w-]*|one\s+of)\s"
)
# "The Podesta Group's CEO, Kimberley Fritts, said": a name between commas, then its cue
_COMMA_CUED = re.compile(rf",{CUED.pattern}")
# "Reince Priebus, the GOP chairman,", "Alixandria Lapp, executive director of": a role
_APPOSED_ROLE = re.compile(
    rf",\s+(?:the\s+)?(?:[\w.’'-]+\s+){{0,3}}?(?:{alternation(ROLE_HEADS - _PARTY_WORDS)})\b"
)


@dataclass(frozen=True)
class Resolution:
    """Who a surface form refers to, and how that was decided."""

    name: str
    how: str  # name, pronoun, role, role-fallback, org
    mention: str
    at: int = -1  # where the mention stands (-1 when it was read from no one place)


@dataclass
class _Person:
    name: str
    first: int
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    count: int = 0
    org: bool = False


def _words(role: str) -> set[str]:
    return set(role.lower().replace("-", " ").split())


class Roster:
    """The people (and organisations) of one document, and a timeline of their mentions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.people: dict[str, _Person] = {}
        self.surnames: dict[str, str] = {}
        self.timeline: list[tuple[int, str]] = []  # (position, canonical) of person mentions
        self.surfaces: dict[int, str] = {}  # position -> the words of that mention
        self.pronouns: Pronouns | None = None  # built once the timeline is complete

    # -- building -------------------------------------------------------------------------

    def _person(self, name: str, pos: int, org: bool = False) -> _Person:
        if name not in self.people:
            self.people[name] = _Person(name, pos, org=org)
        return self.people[name]

    def _mention(self, name: str, pos: int, surface: str) -> None:
        person = self.people[name]
        person.count += 1
        self._note(name, surface)
        if not person.org:
            self.timeline.append((pos, name))
            self.surfaces[pos] = surface

    # -- resolving ------------------------------------------------------------------------

    def pronoun(self, pos: int, pronoun: str = "") -> str | None:
        """The person `pronoun` at `pos` stands for (see pronouns.py)."""
        if self.pronouns is None:
            i = bisect_left(self.timeline, (pos, ""))
            return self.timeline[i - 1][1] if i else None
        return self.pronouns.resolve(pronoun, pos)

    def resolve(self, surface: str, pos: int) -> Resolution | None:
        """Who `surface` (a name, title, role phrase or pronoun at `pos`) refers to."""
        surface = surface.strip()
        low = surface.lower()
        if low in PRONOUNS:
            name = self.pronoun(pos, low)
            return Resolution(name, "pronoun", surface, pos) if name else None
        first = low.split()[0] if low.split() else ""
        if first in ("the", "a", "an") and ROLE_PHRASE.fullmatch(surface):
            return self._resolve_role(surface, pos)
        return self._resolve_name(surface, pos)

    def _resolve_name(self, surface: str, pos: int) -> Resolution | None:
        words = surface.split()
        owner = max((i for i, w in enumerate(words[:-2]) if w.endswith(("’s", "'s", "s’"))),
                    default=-1)
        words = [w.replace("’s", "").replace("'s", "") for w in words[owner + 1 :]]
        # "CNN’s Jake Tapper", "The New Republic’s Jeet Heer": the owner is no part of a full
        # name after it ("Bush's Facebook post" keeps its owner)
        tokens = [t.rstrip(".") if t.rstrip(".").lower() in HONORIFICS else t for t in words]
        # "Continued Stone:", "Said Clinton": a cue opening the run is inverted, not a name
        while tokens and (tokens[0].lower() in STOP or tokens[0].lower() in HONORIFICS
                          or (tokens[0].lower() in CUE_WORDS and len(tokens) > 1)):
            tokens.pop(0)
        # a role or title before the name ends where the name starts: cut at its last word
        cut = max((i for i, t in enumerate(tokens) if (t.lower() in ROLE_HEADS
                   and not _surname_like(tokens, i))
                   or t.lower() in HONORIFICS or (t.islower() and not _PARTICLE_RE.fullmatch(t))),
                  default=-1)
        tokens = tokens[cut + 1 :]
        while len(tokens) > 2 and tokens[0].lower() in ROLE_MODIFIERS:
            tokens.pop(0)  # "State Hillary Clinton", the end of "Secretary of State"
        tokens = [t.rstrip("’'") for t in tokens]
        if not tokens or any(t.lower() in STOP or not t[0].isupper() or _NOT_NAME.search(t)
                             for t in tokens) or len(tokens[-1]) < 2 or (
                len(tokens) == 1 and _PEOPLE.fullmatch(tokens[0])):
            return None
        name = " ".join(tokens)
        canonical = self.surnames.get(tokens[-1], name) if len(tokens) <= 2 else name
        if len(tokens) == 2 and canonical != name and not canonical.endswith(name):
            canonical = name
        if canonical not in self.people:
            self._person(canonical, pos, org=_is_acronym(tokens[-1]))
        self._note(canonical, surface)
        return Resolution(canonical, "name", surface, pos)

    def _resolve_role(self, surface: str, pos: int | None = None) -> Resolution | None:
        at = -1 if pos is None else pos
        words = surface.replace("-", " ").split()
        if {w.lower() for w in words} & ORG_HEADS:
            org = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", surface)
            self._person(org, max(self.text.find(surface), 0), org=True)
            return Resolution(org, "org", surface)
        qualifiers = [w for w in words if w.lower() not in GENERIC_HEADS]
        wanted = {w.lower() for w in qualifiers}
        ranked = sorted(
            (p for p in self.people.values() if p.roles and not p.org),
            key=lambda p: (-p.count, p.first),
        )
        for person in ranked:
            if wanted <= set().union(*(_words(r) for r in person.roles)):
                self._note(person.name, surface)
                return Resolution(person.name, "role", surface, at)
        plain = all(_is_acronym(w) or w.lower() in LEADER_ROLES for w in qualifiers)
        # "the Norwegian politician": a nationality and a generic head describe the person
        # the story is about, whose nationality a rule-based reader cannot check
        generic = words[-1].lower() in GENERIC_HEADS and all(
            DEMONYM.match(w) for w in qualifiers
        )
        if ranked and (plain or generic):
            self._note(ranked[0].name, surface)
            return Resolution(ranked[0].name, "role-fallback", surface, at)
        ahead = self._introduced_after(pos) if pos is not None else None
        if ahead:
            self._note(ahead, surface)
            return Resolution(ahead, "role-ahead", surface, at)
        return None

    def _introduced_after(self, pos: int) -> str | None:
        """ "The Ukrainian foreign minister said ... Dmytro Kuleba said": a specific role
        nobody named so far holds is the next person introduced soon after."""
        later = [p for p in self.people.values()
                 if not p.org and " " in p.name and pos < p.first <= pos + CATAPHORA_CHARS]
        return min(later, key=lambda p: p.first).name if later else None

    def _note(self, name: str, surface: str) -> None:
        """Keep a name form as an alias; a role phrase ("the chairman") never is one: it names
        someone only inside its own article, and an alias would carry it to every other."""
        person = self.people[name]
        first = surface.split(maxsplit=1)[0].lower() if surface.strip() else ""
        if first in ("the", "a", "an") or surface.lower() in PRONOUNS:
            return
        if surface != name and surface not in person.aliases:
            person.aliases.append(surface)

    def speakers(self, used: set[str]) -> tuple[Speaker, ...]:
        """Every person named, and any organisation a quote was attributed to."""
        out = []
        for p in sorted(self.people.values(), key=lambda p: p.first):
            if p.org and p.name not in used:
                continue
            roles = Counter(normalise_role(r) for r in p.roles)
            role = max(roles, key=lambda r: (roles[r], len(r))) if roles else None
            out.append(Speaker(p.name, tuple(p.aliases), role))
        return tuple(out)


def _surname_like(tokens: list[str], i: int) -> bool:
    """"Amy Pope", "Martin Luther King": a capitalised role word that ends a name after a
    first name is a surname, not a role."""
    return (i == len(tokens) - 1 and i > 0 and tokens[i][:1].isupper()
            and tokens[i - 1][:1].isupper() and tokens[i - 1].lower() not in ROLE_HEADS
            and tokens[i - 1].lower() not in HONORIFICS
            and tokens[i - 1].lower() not in ROLE_MODIFIERS)


def build_roster(text: str, masked: str) -> Roster:
    """Scan `masked` (the text with quoted words blanked) for people and their mentions."""
    roster = Roster(text)
    runs = [_parse_run(masked, m) for m in NAME_RUN.finditer(masked)]
    singles_cued, singles_acting = _singles(runs, masked)
    # pass 1: full names (qualified by a role, a title, a cue, or a cued surname)
    for r in runs:
        if not r or not r.name or " " not in r.name:
            continue
        qualified = (r.role or r.titled or QUALIFIES.match(masked, r.end)
                     or CUE_BEFORE.search(masked, max(0, r.start - 16), r.start)
                     or _ACCORDING.search(masked, max(0, r.start - 48), r.start)
                     or _APPOSED.match(masked, r.end) or _APPOSED_ROLE.match(masked, r.end)
                     or _COMMA_CUED.match(masked, r.end))
        if qualified or r.name.split()[-1] in singles_acting:
            person = roster._person(r.name, r.start)
            if r.role:
                person.roles.append(r.role)
    roster.surnames.update(pick_surnames(
        {name: p.first for name, p in roster.people.items()},
        Counter(r.name for r in runs if r and r.name and " " in r.name), headline_end(masked)))
    # pass 2: titled, role-prefixed or cued surnames of people never named in full
    for r in runs:
        if r and r.name and " " not in r.name and (r.titled or r.role or r.name in singles_cued):
            if r.name not in roster.surnames:
                roster._person(r.name, r.start)
                roster.surnames[r.name] = r.name
            if r.role:
                roster.people[roster.surnames[r.name]].roles.append(r.role)
    # pass 3: the timeline of mentions, role phrases included
    for r in runs:
        if r and r.name:
            canonical = roster.surnames.get(r.name.split()[-1])
            if r.name in roster.people and not roster.people[r.name].org:
                canonical = r.name  # "Jane Sanders" beside "Bernie Sanders": her own name
            if canonical and (" " not in r.name or canonical.endswith(r.name)):
                roster._mention(canonical, r.start, r.surface)
    for m in _role_phrases(masked):
        if BEFORE_NAME.match(masked, m.end()):
            continue  # a role in front of a name, already counted with the name
        res = roster._resolve_role(m.group(), m.start())
        if res and res.how not in ("org", "role-ahead"):
            roster._mention(res.name, m.start(), res.mention)
    roster.timeline.sort()
    roster.pronouns = Pronouns(masked, roster.timeline, roster.surfaces)
    return roster


def _singles(runs: list[Run | None], masked: str) -> tuple[set[str], set[str]]:
    """Bare surnames that name a person: those a cue names as a speaker, and those (cued
    ones included) that act or are described on their own."""
    # `Haines said`, or `,” said Haines, 44.`: a surname a cue names as a speaker
    singles_cued = {
        r.name for r in runs
        if r and r.name and " " not in r.name and (
            CUED.match(masked, r.end) or (masked[r.end : r.end + 1] in (",", ".")
                                          and INVERTED_CUE.search(masked, max(0, r.start - 24),
                                                                  r.start)))
    }
    # a surname that acts on its own ("Clinton has", "Clinton argued") or is described after a
    # comma ("Fiorina, the former Hewlett-Packard CEO who") names a person when the text gives
    # the full name somewhere, qualified or not
    singles_acting = {
        r.name for r in runs
        if r and r.name and " " not in r.name and not r.name.isupper()
        and (QUALIFIES.match(masked, r.end) or _APPOSED.match(masked, r.end))
    } | singles_cued
    return singles_cued, singles_acting


def _role_phrases(text: str) -> Iterator[re.Match[str]]:
    """ROLE_PHRASE matches, searched only just before a role word (a full scan is slow)."""
    last = 0
    for head in HEAD_RE.finditer(text):
        if head.start() < last:
            continue
        lo = max(last, head.start() - 60)
        for m in ROLE_PHRASE.finditer(text, lo, min(len(text), head.end() + 2)):
            if m.start() >= last:
                last = m.end()
                yield m
