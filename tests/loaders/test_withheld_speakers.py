"""Speakers withheld where the evidence is split (issue 14, ninth round): made-up snippets.

A withheld quote keeps its kind, text, cue and printed mention, and gets no speaker; each
first assertion failed before its rule was written, the others guard against overreach.
"""

from __future__ import annotations

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document, QuoteMention

from helpers import quote_speaker as speaker

_OPENING = ("Headline\n\nGovernor Mark Ellis opened the new bridge on Monday. Ellis thanked the "
            "workers.\n\nMayor Ann Brody said she paid half of its cost. Traffic will start in "
            "May. ")


def _quote(text: str, words: str) -> QuoteMention:
    hits = [q for q in extract(Document(text=text, source="made-up.txt")).quotes
            if words in q.text]
    assert len(hits) == 1, [q.text for q in hits]
    return hits[0]


def test_a_pronoun_reaching_back_past_the_last_speaker_gets_no_speaker() -> None:
    text = _OPENING + ("The toll will be two dollars.\n\n“It took ten years,” he said. “Now it "
                       "is done.”")
    withheld = _quote(text, "It took ten years")
    assert withheld.speaker is None
    assert (withheld.kind, withheld.cue, withheld.speaker_mention, withheld.method) == (
        "direct", "said", "he", "withheld")
    assert speaker(text, "Now it is done") is None  # carried from the withheld quote


def test_a_pronoun_whose_person_was_named_in_the_sentence_before_keeps_him() -> None:
    text = _OPENING + ("Ellis expects a toll of two dollars.\n\n“It took ten years,” he said. "
                       "“Now it is done.”")
    assert speaker(text, "It took ten years") == "Mark Ellis"
    assert speaker(text, "Now it is done") == "Mark Ellis"


def test_a_pronoun_whose_person_spoke_last_keeps_him() -> None:
    text = ("Headline\n\nGovernor Mark Ellis said the new bridge opens on Monday. Traffic will "
            "start in May. The toll will be two dollars.\n\n“It took ten years,” he said.")
    assert speaker(text, "It took ten years") == "Mark Ellis"
