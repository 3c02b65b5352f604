"""Reported speech as news prints it, one made-up snippet per rule (written here, not taken
from a corpus); the expected clause and speaker are the ones the sentence states."""

from __future__ import annotations

import time

import pytest

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.extract.indirect import find_reported
from quotetrail.loaders.records import Document, QuoteMention


def reported(text: str) -> list[QuoteMention]:
    found = [q for q in extract(Document(text=text, source="made-up.txt")).quotes
             if q.kind == "indirect"]
    for q in found:
        assert text[q.start : q.end] == q.text
    return found


def one(text: str) -> QuoteMention:
    found = reported(text)
    assert len(found) == 1, [(q.text, q.method) for q in found]
    return found[0]


def test_two_apostrophe_quote_marks_before_the_cue() -> None:
    q = one("''We will build the bridge by spring,'' Mr. Okafor said on Tuesday.")
    assert q.text == "We will build the bridge by spring" and q.speaker == "Okafor"


def test_two_apostrophe_quote_marks_after_an_inverted_cue() -> None:
    q = one("''The budget is simply too thin,'' said Maria Lind, a councillor.")
    assert q.text == "The budget is simply too thin" and q.speaker == "Maria Lind"


def test_cues_inside_a_two_apostrophe_quote_are_the_quote() -> None:
    q = one("''He said the roads were fine, and they were not,'' Ms. Adeyemi said.")
    assert q.text.startswith("He said the roads") and q.speaker == "Adeyemi"


def test_told_a_listener_then_a_clause() -> None:
    q = one("Mayor Tom Berg told the Herald his office never saw the report.")
    assert q.text == "his office never saw the report" and q.speaker == "Tom Berg"


def test_present_tense_verb_makes_a_clause() -> None:
    q = one("Spokesman Tom Berg said Oslo wants a new vote.")
    assert q.text == "Oslo wants a new vote" and q.speaker == "Tom Berg"


def test_that_inside_the_clause_is_not_its_opening() -> None:
    q = one("Judge Anna Holm said the group could come back later with that request.")
    assert q.text == "the group could come back later with that request"


@pytest.mark.parametrize(("text", "words"), [
    ("Senator Anna Holm urged Congress to fund the bridge before winter.", "Congress to fund"),
    ("Senator Anna Holm called for a vote on the bridge next week.", "a vote on the bridge"),
    ("Senator Anna Holm asked whether the bridge would open in time.", "whether the bridge"),
])
def test_cues_whose_report_is_an_object(text: str, words: str) -> None:
    q = one(text)
    assert q.text.startswith(words) and q.speaker == "Anna Holm"


def test_a_noun_phrase_subject_is_a_nominal_source() -> None:
    q = one("Half of the town's shop owners said they would close for the day.")
    assert q.text == "they would close for the day" and q.speaker is None
    assert q.method == "indirect-nominal"


def test_a_speaker_the_roster_cannot_name_still_keeps_the_clause() -> None:
    q = one("Arturo Sarukhán, who served in Washington until 2013, said Mexico must answer.")
    assert q.text == "Mexico must answer"


def test_a_second_verb_shares_the_subject() -> None:
    found = reported("Stoltenberg specified that Moscow kept its troops, and explained that "
                     "the forces would return within days.")
    assert [q.speaker for q in found] == ["Stoltenberg", "Stoltenberg"]


@pytest.mark.parametrize("text", [
    "Clinton's lead among pledged delegates is now larger than it was in March.",
    "In all the states allocate delegates in proportion to the vote.",
    "Berg named a deputy when asked to pick a possible successor for the role.",
    "“We are done with it,” said Roy Hermann, 65, who came to see the parade.",
    "The so-called plan, said to cost millions, failed.",
])
def test_words_that_are_not_reported_speech(text: str) -> None:
    assert reported(text) == []


def test_two_apostrophe_pairing_is_linear() -> None:
    """A megabyte of unpaired two-apostrophe marks on one line is read in one pass."""
    text = "''a x " * 200_000 + "\n" + " '' " * 200_000
    started = time.perf_counter()
    assert find_reported(text, []) == []
    assert time.perf_counter() - started < 5


def test_one_two_apostrophe_quote_is_one_quote_whatever_its_cues() -> None:
    """A cue before and one after the same quote: one quote (the writer's id is its span;
    two would fail the write)."""
    text = "Mr. Okafor said: ''We will build the bridge by spring,'' he added on Tuesday."
    assert len(reported(text)) == 1
