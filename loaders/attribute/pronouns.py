"""Resolve "he" and "she" to a person of the same document, with gender and salience.

The nearest name before a pronoun is often the wrong one: "Reid stressed the need to treat
Sanders respectfully. He said ..." means Reid, the subject, not Sanders. So a pronoun takes
the nearest earlier subject (the first person of a sentence, or one right before a verb),
and only then the nearest person mentioned. A person's gender is read from the document
itself, never from a list of names: a title ("Mr", "Mrs", "congresswoman"), or the subject
pronouns of sentences that mention only them ("Fiorina ... she wrote"); a possessive votes
for nobody, as it names someone else as often ("Mukasey said ... her career"). A person of
the other gender is never chosen.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from quotetrail.loaders.attribute.cues import (
    CUE_WORDS,
    CUED,
    ORG_HEADS,
    QUALIFIES,
    SENTENCE_BREAK,
    SUBORDINATE,
    wordset,
)
from quotetrail.loaders.extract.wordre import alternation

_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
_FEMALE_WORDS = wordset("""she her hers herself mrs ms miss dame lady queen princess
    congresswoman spokeswoman chairwoman businesswoman wife mother daughter sister madam""")
_MALE_WORDS = wordset("""he his him himself mr sir lord king prince congressman spokesman
    businessman husband father son brother""")
# `..., said Katie Harbath`: a cue after a comma or a quote, then the speaker; not a verb whose
# object is a listener (`told El Universal`, `asked the conservative`)
_LISTENER_VERBS = wordset("told tells asked asks urged urges called branded described hailed")
INVERTED_CUE = re.compile(
    rf"[,”\"’']\s*(?:{alternation(CUE_WORDS - _LISTENER_VERBS)})\s+(?:the\s+)?$"
)
# "the Democratic Party", "the Treasury Department", "NBC News": names of no one "he" or
# "she" can stand for, though the timeline holds them (they act like people: "Party said")
_NOT_PERSON = ORG_HEADS | wordset("""party news centre center times post journal senate house
    congress states kingdom institute foundation university college network group bureau
    county city district province association coalition society club league alliance fund
    caucus""")
_LABEL = re.compile(r"\s*\([^()\n]{1,24}\)|,\s*[RDI]-[A-Z][\w.]*,")
_PHRASE_ENDS = re.compile(r"\s*(?:[,.;:(]|$)")  # "said Jordan Pike." or "said Jordan Pike, a"
_VOTING = wordset("he she himself herself")
_OWNER = re.compile(r"[’'](?:s\s+(?!(?:been|got|gotten|going|gone|not|never|done)\b)|\s)")
OWNED_REACH = 60  # "Clinton's chief Democratic rival, Sen. Bernie Sanders": role words between
_SUBORDINATED = re.compile(r"[a-z,]\s+(?:even\s+)?(?:though|although|because|while|since|unless"
                           r"|until|whereas|after|before|when|if|that)\s+"
                           r"(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w-]+[’']s\s+)?$")
_BREAK = re.compile(rf"{SENTENCE_BREAK.pattern}|\n")
# a sentence opening with a pronoun and its cue: what follows is what was said
_PRONOUN_SAID = re.compile(rf"\s*(?:But\s+|And\s+)?(?:He|She)\s+(?:also\s+|later\s+|then\s+)?"
                           rf"(?:{alternation(CUE_WORDS)})\b")
_PLURAL_VERB = re.compile(r"\s+(?:have|are|were)\b")
_JOINED = re.compile(r"(?:\band|\bor|\bnor|,|&)\s+$")  # "Clinton and Sanders have"
REACH = 1500  # characters back a pronoun may look for its person


def past_label(masked: str, pos: int, surfaces: dict[int, str]) -> int:
    """Where a mention ends, past a party label: "John Cornyn (R-Tex.) responded". A mention
    starts at its role ("Senate Majority Whip John Cornyn") and its surface is the name."""
    surface = surfaces.get(pos, "")
    at = masked.find(surface, pos, pos + 120 + len(surface)) if surface else -1
    end = (at if at >= 0 else pos) + len(surface)
    label = _LABEL.match(masked, end)
    return label.end() if label else end


def gender_of(word: str) -> str | None:
    """'f' or 'm' for a gendered word (pronoun, title, family word), else None."""
    low = word.lower().rstrip(".")
    return "f" if low in _FEMALE_WORDS else "m" if low in _MALE_WORDS else None


class Pronouns:
    """Which sentence each mention opens, and each person's gender as the document shows it."""

    def __init__(self, masked: str, timeline: list[tuple[int, str]],
                 surfaces: dict[int, str]) -> None:
        self.timeline = timeline
        self.starts = [0] + [m.end() for m in _BREAK.finditer(masked)]
        # subjects: a sentence's first person, or one right before a verb ("Reid reiterated")
        self.acting = {pos for pos, _ in timeline
                       if QUALIFIES.match(masked, past_label(masked, pos, surfaces))}
        # "Levin dismissed concerns ... even though Sanders won Michigan": a subordinate
        # clause's subject is not whom the next "he" means
        self.subject = {pos for pos in self.acting
                        if not _SUBORDINATED.search(masked, max(0, pos - 48), pos)}
        seen: set[int] = set()
        for i, (pos, _) in enumerate(timeline):
            s = bisect_right(self.starts, pos) - 1
            if self._owns_next(masked, i, surfaces):
                continue  # "Clinton's rival, Sen. Bernie Sanders, was": the rival is the subject
            if s not in seen:
                seen.add(s)  # "she was a booster of Mitt Romney": the pronoun is the subject
                if not _PRONOUN.search(masked, self.starts[s], pos):
                    self.subject.add(pos)
        self._speakers_first(masked, surfaces)
        self.gender = self._genders(masked, surfaces)
        # "American Muslims have", "New Yorkers were": a group the verb makes plural
        self.plural = {name for pos, name in timeline
                       if name.endswith("s") and _PLURAL_VERB.match(masked, past_label(
                           masked, pos, surfaces)) and not _JOINED.search(masked, max(0, pos - 6),
                                                                          pos)}

    def _owns_next(self, masked: str, i: int, surfaces: dict[int, str]) -> bool:
        """A possessive whose noun is the next person ("Trump's attorney, Alan Garten,"); not
        "Palin's post resonated" (a thing: Palin stays the topic) nor "Christie's been"."""
        pos = self.timeline[i][0]
        end = past_label(masked, pos, surfaces)
        if not _OWNER.match(masked, end) or i + 1 >= len(self.timeline):
            return False
        return 0 < self.timeline[i + 1][0] - end <= OWNED_REACH and not _BREAK.search(
            masked, end, self.timeline[i + 1][0])

    def _speakers_first(self, masked: str, surfaces: dict[int, str]) -> None:
        """"said Katie Harbath" makes Harbath a subject; "Earnest said Obama has kept ..." puts
        Obama in what Earnest said, so a later "he said" means Earnest, not Obama: a person
        after a speaker's cue in the same sentence is no subject."""
        cue_end: dict[int, int] = {}  # sentence -> where its first speaker's cue ends
        first_subject: dict[int, int] = {}  # sentence -> its first mention
        for pos, _ in self.timeline:
            s = bisect_right(self.starts, pos) - 1
            if s not in cue_end and s not in first_subject:
                said = _PRONOUN_SAID.match(masked, self.starts[s], pos)
                if said:  # "He declared that ... Donald Trump would": Trump is in what was said
                    cue_end[s] = said.end()
            if cue_end.get(s, len(masked)) <= pos:
                self.subject.discard(pos)
                self.acting.discard(pos)
                continue
            end = past_label(masked, pos, surfaces)
            before = INVERTED_CUE.search(masked, max(self.starts[s], pos - 24), pos)
            if before and not _PHRASE_ENDS.match(masked, end):
                # "Lance Beebe, 49, a Navy veteran, said Hillary Clinton should": what was said
                if s in first_subject and not SUBORDINATE.match(masked, self.starts[s]):
                    cue_end.setdefault(s, pos)
                    self.subject.discard(pos)
                    self.acting.discard(pos)
                    continue
                before = None
            first_subject.setdefault(s, pos)
            after = CUED.match(masked, end)
            if after and _SUBORDINATED.search(masked, max(0, pos - 48), pos):
                continue  # "pointing out that the paper's Robert Costa had reported": a clause's
            if before or after:
                self.subject.add(pos)
                self.acting.add(pos)
                if not SUBORDINATE.match(masked, self.starts[s]):
                    cue_end.setdefault(s, after.end() if after else end)

    def _genders(self, masked: str, surfaces: dict[int, str]) -> dict[str, str]:
        votes: dict[str, Counter[str]] = {}
        for pos, name in self.timeline:
            g = next((g for w in surfaces.get(pos, "").split() if (g := gender_of(w))), None)
            if g:
                votes.setdefault(name, Counter())[g] += 3
        by_sentence: dict[int, tuple[int, set[str]]] = {}  # first mention, who is mentioned
        for pos, name in self.timeline:
            by_sentence.setdefault(bisect_right(self.starts, pos) - 1, (pos, set()))[1].add(name)
        for m in _PRONOUN.finditer(masked):
            s = bisect_right(self.starts, m.start()) - 1
            first, names = by_sentence.get(s, (m.start(), set()))
            if first >= m.start() and m.start() - self.starts[s] < 4:
                first, names = by_sentence.get(s - 1, (0, set()))  # "She said" opening
            if first < m.start() and len(names) == 1:
                g = gender_of(m.group()) if m.group().lower() in _VOTING else None
                if g:
                    votes.setdefault(next(iter(names)), Counter())[g] += 1
        out = {}
        for name, c in votes.items():
            if c["f"] != c["m"]:
                out[name] = "f" if c["f"] > c["m"] else "m"
        return out

    def resolve(self, pronoun: str, pos: int) -> str | None:
        """The nearest earlier subject of the pronoun's gender, else the nearest such person."""
        want = gender_of(pronoun)
        i = bisect_left(self.timeline, (pos, ""))
        nearest = None
        own = self.starts[bisect_right(self.starts, pos) - 1]
        for j in range(i - 1, -1, -1):
            at, name = self.timeline[j]
            if pos - at > REACH:
                break
            if want and self.gender.get(name, want) != want:
                continue
            if name.rsplit(None, 1)[-1].lower() in _NOT_PERSON or name in self.plural:
                continue
            if at >= own and at not in self.acting:
                continue  # "Of the scrutiny over Melania Trump, he said": not the subject
            if at in self.subject:
                return name
            nearest = nearest or name
        return nearest
