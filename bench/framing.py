"""The text around a generated quote, and what a copy carries over of its source's.

A fresh print is framed by a lead sentence (whom the speaker addressed, where, which
weekday, which part of the day) and a detail sentence after it (a figure, a place, a
month), drawn from enough parts that two independent prints almost never share them.

A copy takes the framing of the print it copies, as outlets that reuse a story do: the
METER corpus of British papers reusing Press Association copy (Gaizauskas et al., 2001)
sorts derived stories into wholly and partially derived, and text-reuse tools (passim) find
who copied whom from such shared passages. The shares below are this generator's
assumptions, not a measurement:

- KEEP_BOTH (45%): the lead (with the verb that introduces the quote: "warned") and the
  detail sentence, each lightly edited half the time (the verb of the lead, or the figure
  rounded to tens);
- KEEP_LEAD (20%) or KEEP_DETAIL (15%): one of the two (lightly edited half the time),
  the other written afresh;
- the rest (20%): both written afresh (a rewrite: nothing in the text tells the source).

The sentences avoid every verb that reports speech (said, told, noted, called...) so that
they add no quote and no speaker of their own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

KEEP_BOTH, KEEP_LEAD, KEEP_DETAIL = 0.45, 0.20, 0.15
LIGHT_EDIT = 0.5  # of kept sentences: one small change

AUDIENCES = ("farmers' leaders", "port workers", "students", "local officials", "business owners",
             "union delegates", "party members", "defence chiefs", "visiting ministers",
             "the regional assembly", "diplomats", "energy executives", "aid workers",
             "transport planners", "veterans' groups", "mayors from the region",
             "community leaders", "a panel of economists")
VENUES = ("the harbour hall", "a trade fair", "the town library", "a school gym",
          "the chamber of commerce", "an army base", "a rail depot", "the old customs house",
          "a conference centre", "the university campus", "a fishing cooperative",
          "the regional parliament", "a grain terminal", "a community centre")
PLACES = ("Harwick", "Dunmore", "Castlebay", "Eastleigh", "Norwood", "Ashford", "Kilbride",
          "Marston", "Redcliff", "Stanmore", "Wexley", "Fairhaven", "Glenrock", "Hollins",
          "Larkfield", "Moorgate", "Pinecrest", "Rosedale", "Thornbury", "Westfold", "Brightmoor",
          "Coldharbour", "Oakhurst", "Saltmarsh", "Upton Vale", "Greyfield", "Millbrook")
DAYPARTS = ("morning", "afternoon", "evening", "lunchtime")
LEAD_VERBS = ("was speaking to", "spoke to", "addressed", "met")
UNNAMED_LEADS = ("The remarks were made to", "The comments came before")
UNITS = ("ports", "rail lines", "border posts", "schools", "power plants", "farms",
         "bridges", "clinics", "depots", "ferry routes", "warehouses", "grain silos")
REGIONS = ("the northern coast", "the eastern border", "three provinces", "the river valley",
           "the capital region", "the southern islands", "the old mining towns", "the west")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
CURRENCIES = ("euros", "dollars", "pounds", "kronor")
DETAILS = (
    "The plan covers {n} {unit} across {region}.",
    "Officials put the cost at {x} billion {cur} over {k} years.",
    "Figures from {month} show {n} {unit} affected in {region}.",
    "Some {n} {unit} in {region} have been waiting since {month}.",
    "The proposal reaches the assembly in {month}, with {n} {unit} at stake.",
    "Work on {n} {unit} near {place} is due to start in {month}.",
)


@dataclass(frozen=True)
class Framing:
    """The parts of one print's lead and detail sentences (rendered by `lead`/`detail`)."""

    verb: int  # index into LEAD_VERBS / UNNAMED_LEADS
    audience: str
    venue: str
    place: str
    weekday: str
    daypart: str
    detail: int  # index into DETAILS
    slots: tuple[tuple[str, str], ...]  # the detail's filled slots
    about: bool = False  # the detail's figure rounded to tens
    cue: str | None = None  # the verb that introduced the quote ("warned"), kept with the lead


def fresh(rng: random.Random, weekday: str) -> Framing:
    """A new framing, distinctive enough that independent prints do not share it."""
    slots = {"n": str(rng.randint(3, 480)), "unit": rng.choice(UNITS),
             "region": rng.choice(REGIONS), "x": f"{rng.randint(1, 40)}.{rng.randint(1, 9)}",
             "cur": rng.choice(CURRENCIES), "k": str(rng.randint(2, 12)),
             "month": rng.choice(MONTHS), "place": rng.choice(PLACES)}
    return Framing(rng.randrange(len(LEAD_VERBS)), rng.choice(AUDIENCES), rng.choice(VENUES),
                   rng.choice(PLACES), weekday, rng.choice(DAYPARTS),
                   rng.randrange(len(DETAILS)), tuple(sorted(slots.items())))


def copied(src: Framing, rng: random.Random, weekday: str) -> Framing:
    """The framing of a copy of a print framed by `src` (shares in the module docstring)."""
    new = fresh(rng, weekday)
    roll = rng.random()
    if roll < KEEP_BOTH:
        return _edit(_edit(src, rng, "lead"), rng, "detail")
    if roll < KEEP_BOTH + KEEP_LEAD:
        return _edit(replace(src, detail=new.detail, slots=new.slots, about=False), rng,
                     "lead")
    if roll < KEEP_BOTH + KEEP_LEAD + KEEP_DETAIL:
        return _edit(replace(new, detail=src.detail, slots=src.slots, about=src.about), rng,
                     "detail")
    return new


def _edit(f: Framing, rng: random.Random, part: str) -> Framing:
    if rng.random() >= LIGHT_EDIT:
        return f
    if part == "lead":
        return replace(f, verb=(f.verb + 1 + rng.randrange(len(LEAD_VERBS) - 1))
                       % len(LEAD_VERBS))
    return replace(f, about=True)


def lead(f: Framing, name: str | None) -> str:
    """The lead sentence; with no name (a print that names nobody), the same facts unnamed."""
    where = f"{f.audience} at {f.venue} in {f.place} on {f.weekday} {f.daypart}."
    if name is None:
        return f"{UNNAMED_LEADS[f.verb % len(UNNAMED_LEADS)]} {where}"
    return f"{name} {LEAD_VERBS[f.verb]} {where}"


def detail(f: Framing) -> str:
    slots = dict(f.slots)
    if f.about:  # the figure rounded, as an editor might
        slots["n"] = str(max(10, round(int(slots["n"]), -1)))
    return DETAILS[f.detail].format(**slots)


class Text:
    """An article's text built paragraph by paragraph, with the offsets of its quotes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.spans: list[tuple[int, int]] = []

    def add(self, *pieces: str) -> None:
        """Pieces of one paragraph; a piece wrapped in \\x00 is quoted words to record."""
        if self.parts:
            self.parts.append("\n\n")
            self.size += 2
        for p in pieces:
            if p.startswith("\x00"):
                p = p[1:]
                self.spans.append((self.size, self.size + len(p)))
            self.parts.append(p)
            self.size += len(p)

    def text(self) -> str:
        return "".join(self.parts) + "\n"
