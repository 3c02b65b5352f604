"""Transcript turns on a small made-up press conference."""

from __future__ import annotations

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document

TEXT = """Press briefing

by Health Minister Ada Lee

  • 3 Mar. 2023 -

(As delivered)

Good morning.
We have opened two new clinics this week. Each one serves 10.000 people.

Moderator: We take questions now.

Q: Minister, will Mr. Park's plan go ahead? Many people ask.

Health Minister Ada Lee: Yes, it will. The plan was approved on Feb. 2 by the cabinet.

[Inaudible follow up question].
No, we will not raise fees this year.

Tom Hart (City News): Thank you, Minister. And the budget?

Minister: The budget is fixed. We will publish it soon [inaudible]
"""


def test_main_speaker_sentences_only() -> None:
    doc = Document(text=TEXT, source="t.txt", kind="transcript", speaker="Ada Lee")
    x = extract(doc)
    texts = [q.text for q in x.quotes]
    assert texts == [
        "We have opened two new clinics this week.",
        "Each one serves 10.000 people.",
        "Yes, it will.",
        "The plan was approved on Feb. 2 by the cabinet.",
        "No, we will not raise fees this year.",
        "The budget is fixed.",
        "We will publish it soon",
    ]
    for q in x.quotes:
        assert TEXT[q.start : q.end] == q.text
        assert q.speaker == "Ada Lee" and q.method == "transcript-turn"
        assert q.confidence == 0.99 and q.cue is None
    assert x.quotes[0].speaker_mention == "opening statement"
    assert x.quotes[3].speaker_mention == "Health Minister Ada Lee"
    assert x.quotes[5].speaker_mention == "Minister"
    assert x.speakers[0].role == "Health Minister"


def test_speaker_inferred_from_label_when_manifest_has_none() -> None:
    doc = Document(text=TEXT, source="t.txt", kind="transcript")
    x = extract(doc)
    assert x.quotes and all(q.speaker == "Ada Lee" for q in x.quotes)
