"""Short made-up news snippets, one convention each; expected values are by construction."""

from __future__ import annotations

import random

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document, QuoteMention


def quotes(text: str) -> list[QuoteMention]:
    doc = Document(text=text, source="synthetic.txt")
    found = list(extract(doc).quotes)
    for q in found:
        assert text[q.start : q.end] == q.text
    return found


def test_straight_quotes_cue_after() -> None:
    (q,) = quotes('Maria Lopez said on Monday.\n"We will not give up," Lopez said.')
    assert q.text == "We will not give up"
    assert q.speaker == "Maria Lopez" and q.cue == "said" and q.kind == "direct"
    assert q.method == "cue-after-name" and q.confidence >= 0.9


def test_cue_before_with_colon() -> None:
    (q,) = quotes("Finance Minister Anna Berg spoke to reporters. Berg said: “Taxes will fall.”")
    assert q.text == "Taxes will fall."
    assert q.speaker == "Anna Berg" and q.method == "cue-before-name"


def test_cue_in_the_middle() -> None:
    text = "Tom Reyes arrived late. “We tried,” he said, “but the road was closed.”"
    first, second = quotes(text)
    assert first.text == "We tried" and second.text == "but the road was closed."
    assert first.speaker == second.speaker == "Tom Reyes"
    assert first.method == "cue-pronoun" and first.speaker_mention == "he"


def test_two_speakers_in_one_paragraph() -> None:
    text = "“Prices will rise,” Ken Adams said. “They will fall,” Lena Fischer replied."
    a, b = quotes(text)
    assert (a.speaker, b.speaker) == ("Ken Adams", "Lena Fischer")
    assert b.cue == "replied"


def test_agency_and_ministry() -> None:
    text = (
        "The foreign ministry said the talks were “a waste of time”.\n"
        "“The border is closed,” the interior ministry said.\n"
        "“No comment,” according to the state news agency."
    )
    a, b, c = quotes(text)
    assert a.speaker == "foreign ministry" and a.kind == "partial"
    assert b.speaker == "interior ministry"
    assert c.speaker == "state news agency" and c.cue == "according to"


def test_name_with_title_and_role_alias() -> None:
    text = (
        "Prime Minister Sara Lind met the press on Friday.\n"
        "“We are ready,” the prime minister said.\n"
        "Mrs Lind added: “And we are not afraid.”"
    )
    a, b = quotes(text)
    assert a.speaker == b.speaker == "Sara Lind"
    assert a.method == "role-alias"
    assert b.speaker_mention == "Mrs Lind"


def test_inverted_cue_with_role() -> None:
    text = (
        "Army chief General Omar Haddad visited the front.\n"
        "“The line will hold,” said Haddad."
    )
    (q,) = quotes(text)
    assert q.speaker == "Omar Haddad" and q.cue == "said"


def test_scare_quotes_have_no_speaker() -> None:
    (q,) = quotes("The city held its “Festival of Light” on Sunday, drawing large crowds.")
    assert q.speaker is None and q.method == "none" and q.confidence <= 0.3
    assert q.kind == "partial"


def test_pronoun_follows_most_recent_person() -> None:
    text = (
        "Lena Fischer spoke first. Later, Ken Adams took the floor.\n"
        "He said: “The budget is balanced.”"
    )
    (q,) = quotes(text)
    assert q.speaker == "Ken Adams" and q.method == "cue-pronoun"


def test_unclosed_multi_paragraph_straight_quotes() -> None:
    text = (
        'Judge Ruth Okafor read her ruling. She said: "The law is clear.\n\n'
        '"The defendant knew the risk.\n\n'
        '"The sentence stands."\n\n'
        "The court then rose."
    )
    found = quotes(text)
    assert [q.text for q in found] == [
        "The law is clear.", "The defendant knew the risk.", "The sentence stands."
    ]
    assert all(q.speaker == "Ruth Okafor" for q in found)
    assert [q.method for q in found][1:] == ["continuation", "continuation"]


def test_attribution_at_the_end_of_a_long_quote_fills_back() -> None:
    text = "“First we build.\n\n“Then we grow,” Mayor Ines Roth said."
    first, second = quotes(text)
    assert second.speaker == "Ines Roth"
    assert first.speaker == "Ines Roth" and first.method == "continuation"


def test_unclosed_quote_stops_at_glued_cue() -> None:
    text = "“Nothing has changed on the groundMartin Vogel told reporters on Tuesday."
    (q,) = quotes(text)
    assert q.text == "Nothing has changed on the ground"
    assert q.speaker == "Martin Vogel" and q.cue == "told"


def test_partial_vs_direct() -> None:
    text = "Ken Adams warned of a “crisis” and said, “We must act now before it is too late.”"
    crisis, act = quotes(text)
    assert crisis.kind == "partial" and act.kind == "direct"
    assert crisis.speaker == act.speaker == "Ken Adams"


def test_other_person_is_not_merged() -> None:
    text = (
        "President Ana Costa met Foreign Minister Rui Costa Pinto.\n"
        "“We agree,” Ana Costa said. “We do not,” Rui Costa Pinto said."
    )
    a, b = quotes(text)
    assert a.speaker == "Ana Costa" and b.speaker == "Rui Costa Pinto"


def test_invariant_on_random_mark_soup() -> None:
    rng = random.Random(7)
    pieces = ["“", "”", '"', " ", "\n", "\n\n", "word", "Name", " said", " he said.", ",", ".",
              "Ken Adams", "the minister", "’s", ":", "\r"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        for q in quotes(text):
            assert 0 <= q.start < q.end <= len(text)
            assert q.text.strip() == q.text and q.text
            assert 0.0 <= q.confidence <= 1.0
