"""Credited agencies and outlets in article text: cues, datelines, sign-offs, and what is
not an outlet (people, institutions, a journalist's employer in a transcript)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrail.graph.ids import outlet_id
from quotetrail.loaders.extract.credits import credited_outlets

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "nato-2022"


def names(text, own=None):
    return [(c.outlet, c.cue, text[c.start:c.end]) for c in credited_outlets(text, own)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister told Reuters on Monday.", [("Reuters", "told", "Reuters")]),
    ("Troops moved, according to AFP.", [("AFP", "according to", "AFP")]),
    ("according to the Associated Press", [("Associated Press", "according to",
                                            "Associated Press")]),
    ("the Russian state-run RIA news agency said", [("RIA Novosti", "news agency", "RIA")]),
    ("KYIV (Reuters) - Ukraine said", [("Reuters", "dateline", "Reuters")]),
    ("He told the BBC's Today programme", [("BBC", "told", "BBC")]),
    ("she told the Kyiv Independent", [("Kyiv Independent", "told", "Kyiv Independent")]),
    ("Bloomberg reported on Friday", [("Bloomberg", "reported", "Bloomberg")]),
    # a name never runs past a sentence end or a blank line into the next words
    ("The remarks were first reported by EFE.\n\nMr Wexley said: \u201cNo.\u201d",
     [("EFE", "reported by", "EFE")]),
    ("first reported by Reuters. Ms Lind added", [("Reuters", "reported by", "Reuters")]),
    # dpa prints its own name in lower case: a known alias after a cue counts as printed
    ("The remarks were first reported by dpa.", [("dpa", "reported by", "dpa")]),
    ("\u201cNo,\u201d Mr Wexley told dpa.", [("dpa", "told", "dpa")]),
    ("Text.\n\njsi/rt (AFP, Reuters)", [("AFP", "sign-off", "AFP"),
                                        ("Reuters", "sign-off", "Reuters")]),
])
def test_credits_found(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "He told Biden that the alliance is ready.",  # a person
    "according to NATO officials",  # an institution, not an outlet
    "Stoltenberg told reporters upon arrival",
    "Phil Stewart (Reuters): Hi, there",  # a journalist's employer in a transcript
    "The NATO Response Force and the Black Sea region.",
])
def test_not_credits(text):
    assert names(text) == []


def test_offsets_point_at_the_name_and_own_outlet_is_left_out():
    text = ("Moscow said so, the Russian state-run RIA news agency reported.\n"
            "AMN/Media Report/DW/Reuters.")
    found = credited_outlets(text, own="DW")
    assert [c.outlet for c in found] == ["RIA Novosti", "Reuters"]
    assert all(text[c.start:c.end] in ("RIA", "Reuters") for c in found)


def test_known_outlet_domain_gives_the_outlet_id_an_article_of_it_gets():
    (c,) = credited_outlets("He told Deutsche Welle.")
    assert c.outlet == "DW"
    assert outlet_id(c.outlet, c.domain) == outlet_id("DW", "dw.com")


def test_seed_articles():
    """Read from examples/nato-2022: only DW (004) credits anyone: 'the Russian state-run
    RIA news agency said ...' and the sign-off 'AMN/Media Report/DW/Reuters.' (DW is its own
    outlet). The transcript (003) names journalists' outlets in parentheses: no credits."""
    found = {p.name[:3]: {c.outlet for c in credited_outlets(p.read_text(encoding="utf-8"))}
             for p in sorted(SEEDS.glob("*.txt"))}
    assert found == {"000": set(), "001": set(), "002": set(), "003": set(),
                     "004": {"RIA Novosti", "DW", "Reuters"}}
