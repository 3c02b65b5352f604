"""Extraction on the real seed corpus; expectations come from reading the texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.read.inputs import read_inputs
from quotetrail.loaders.records import Document, ExtractedDocument, QuoteMention

SEED = Path(__file__).resolve().parents[2] / "examples" / "nato-2022"


@pytest.fixture(scope="module")
def seeds() -> dict[str, ExtractedDocument]:
    docs = [d for d in read_inputs([str(SEED)]) if isinstance(d, Document)]
    assert len(docs) == 5
    return {Path(d.source).name[:3]: extract(d) for d in docs}


def find(x: ExtractedDocument, starts: str) -> QuoteMention:
    hits = [q for q in x.quotes if q.text.startswith(starts)]
    assert hits, f"no quote starting {starts!r}"
    return hits[0]


def test_offsets_hold_on_every_seed_quote(seeds: dict[str, ExtractedDocument]) -> None:
    total = 0
    for x in seeds.values():
        text = x.document.text
        for q in x.quotes:
            assert 0 <= q.start < q.end <= len(text)
            assert text[q.start : q.end] == q.text
            assert q.text == q.text.strip()
            assert not q.text.startswith(("“", "”", '"'))
            assert 0.0 <= q.confidence <= 1.0 and q.method
            total += 1
    assert total > 150


def test_no_quote_crosses_a_paragraph_in_news(seeds: dict[str, ExtractedDocument]) -> None:
    for key in ("000", "001", "002", "004"):
        for q in seeds[key].quotes:
            assert "\n" not in q.text


def test_000_multi_paragraph_quote(seeds: dict[str, ExtractedDocument]) -> None:
    x = seeds["000"]
    head = find(x, "Allies welcome all diplomatic efforts")
    assert head.speaker == "Jens Stoltenberg" and head.kind == "direct"
    assert head.text.endswith("no withdrawals of troops or equipment.")
    for start in ("This may, of course, change", "This is the biggest concentration"):
        q = find(x, start)
        assert q.speaker == "Jens Stoltenberg"
        assert q.method == "continuation"
    assert find(x, "This is the biggest").text.endswith("since the Cold War.")


def test_000_partials_and_continued(seeds: dict[str, ExtractedDocument]) -> None:
    x = seeds["000"]
    for word in ("cautious optimism", "paradox"):
        q = next(q for q in x.quotes if q.text == word)
        assert q.kind == "partial"
        assert q.speaker == "Jens Stoltenberg"
    q = find(x, "And these are the kinds of actions")
    assert q.speaker == "Jens Stoltenberg" and q.cue == "continued"
    assert q.speaker_mention == "Mr Stoltenberg"
    assert find(x, "The paradox is that").kind == "direct"
    # the headline-like line: a role phrase, resolved to the person who holds the role
    first = x.quotes[0]
    assert first.text == "new normal" and first.speaker == "Jens Stoltenberg"
    assert first.method == "role-alias"


def test_000_speakers(seeds: dict[str, ExtractedDocument]) -> None:
    speakers = {s.name: s for s in seeds["000"].speakers}
    jens = speakers["Jens Stoltenberg"]
    assert jens.role == "NATO Secretary General"
    assert "Mr Stoltenberg" in jens.aliases and "the NATO leader" not in jens.aliases
    assert "Vladimir Putin" in speakers and "Putin" not in speakers
    assert "Stoltenberg" not in speakers


def test_001_long_speech_and_kuleba(seeds: dict[str, ExtractedDocument]) -> None:
    x = seeds["001"]
    head = find(x, "So far we have not seen any sign of de-escalation")
    assert head.speaker is not None and head.speaker.endswith("Stoltenberg")
    i = x.quotes.index(head)
    tail = find(x, "I am confident that Allies will recommit")
    j = x.quotes.index(tail)
    assert j - i >= 30
    for q in x.quotes[i + 1 : j + 1]:
        assert q.speaker == head.speaker
        assert q.method == "continuation"
    kuleba = next(q for q in x.quotes if q.text == "prevent Russia from any further escalation")
    assert kuleba.speaker == "Dmytro Kuleba" and kuleba.kind == "partial"
    assert find(x, "we see a withdrawal").speaker == "Dmytro Kuleba"
    assert find(x, "continuing to work").speaker == "Dmytro Kuleba"
    imminent = find(x, "imminent")
    assert imminent.speaker is None and imminent.confidence <= 0.3


def test_002_unclosed_and_reversed_marks(seeds: dict[str, ExtractedDocument]) -> None:
    x = seeds["002"]
    q = find(x, "We have heard signals from Moscow")
    assert q.text.endswith("continues with the military reinforcement")
    assert "Stoltenberg told" not in q.text
    assert q.speaker == "Jens Stoltenberg" and q.cue == "told"
    chance = find(x, "We see a message from Moscow that will give diplomacy a chance")
    assert chance.text == "We see a message from Moscow that will give diplomacy a chance"
    assert chance.speaker == "Jens Stoltenberg" and chance.cue == "declared"
    way = find(x, "has increased the number of troops")
    assert way.text.endswith("more troops are on the way")
    so = find(x, "So for now there is no de-escalation")
    assert so.speaker == "Jens Stoltenberg" and so.text.endswith("with Russia")
    back = find(x, "very quickly they can send personnel back")
    assert back.text == "very quickly they can send personnel back"
    need = find(x, "What we need is a withdrawal")
    assert need.speaker == "Jens Stoltenberg" and need.speaker_mention == "the secretary general"
    # nothing spills into narration: no quote holds a cue phrase of the writer
    for q in x.quotes:
        assert " he said" not in q.text and "Stoltenberg told" not in q.text
        assert len(q.text) < 400


def test_004_speakers(seeds: dict[str, ExtractedDocument]) -> None:
    x = seeds["004"]
    assert find(x, "The new normal is that Russia").speaker == "Jens Stoltenberg"
    assert find(x, "We don’t know what will happen").speaker == "Jens Stoltenberg"
    assert find(x, "Right now, our assessment").speaker == "Mikk Marran"
    assert find(x, "We are not afraid of forecasts").speaker == "Volodymyr Zelenskyy"
    assert find(x, "We will defend ourselves").speaker == "Volodymyr Zelenskyy"
    unity = [q for q in x.quotes if q.text == "Unity Day"]
    assert len(unity) == 2
    for q in unity:
        assert q.speaker is None and q.method == "none" and q.confidence <= 0.3
        assert q.kind == "partial"
    assert find(x, "no longer interested").speaker not in (None, "Jens Stoltenberg")
    names = {s.name: s for s in x.speakers}
    for person in ("Jens Stoltenberg", "Volodymyr Zelenskyy", "Mikk Marran", "Denys Shmyhal"):
        assert person in names
    assert names["Mikk Marran"].role == "director of foreign intelligence"
    assert names["Volodymyr Zelenskyy"].role == "Ukrainian President"
    assert "the NATO chief" not in names["Jens Stoltenberg"].aliases  # role phrases: no alias


def test_003_transcript(seeds: dict[str, ExtractedDocument]) -> None:
    x = seeds["003"]
    texts = [q.text for q in x.quotes]
    assert all(q.speaker == "Jens Stoltenberg" for q in x.quotes)
    assert all(q.method == "transcript-turn" and q.kind == "direct" for q in x.quotes)
    assert "NATO is not a threat." in texts
    assert texts[0].startswith("NATO Allies continue their strong diplomatic efforts")
    assert find(x, "Despite Moscow’s claims").speaker_mention == "opening statement"
    assert find(x, "We are concerned that Russia is trying").speaker_mention == (
        "NATO Secretary General Jens Stoltenberg"
    )
    assert find(x, "Our position has not changed.").speaker == "Jens Stoltenberg"
    assert any("more than 100.000 troops, that was questioned." in t for t in texts)
    joined = " ".join(texts)
    for question in (
        "Are you concerned, Mr. Secretary General",
        "We'll go to the Wall Street Journal",
        "You have accused Russia of disinformation",
        "Thank you very much. This concludes",
        "Press conference",
        "Last updated",
        "What would be your response?",
    ):
        assert question not in joined
    assert "Good afternoon." not in texts  # two words: below the three-word floor
    assert "Nobody else." not in texts
    assert not any("[" in t for t in texts)
    assert x.speakers[0].name == "Jens Stoltenberg"
    assert x.speakers[0].role == "NATO Secretary General"
