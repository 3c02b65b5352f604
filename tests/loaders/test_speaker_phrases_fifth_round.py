"""Speaker phrases around a quote (issue 14, fifth round): made-up snippets, one per rule.

Every expected speaker is the person the sentence names, by construction; each first
assertion failed before its rule was written, the others guard against its overreach.
"""

from __future__ import annotations

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document


def speaker(text: str, words: str) -> str | None:
    hits = [q for q in extract(Document(text=text, source="made-up.txt")).quotes
            if words in q.text]
    assert len(hits) == 1, [q.text for q in hits]
    return hits[0].speaker


def test_a_possessive_role_in_apposition_around_a_name() -> None:
    text = ("Tom Baxter spoke first.\n\n“The path is long,” Carl Dunn, Baxter’s campaign "
            "manager, said in a statement.\n\n“We are ready,” said Baxter’s deputy campaign "
            "manager, Nora Kessel, who ran the last race.\n\n“It was not,” Mary Lopez, the "
            "mayor, said.")
    assert speaker(text, "The path is long") == "Carl Dunn"
    assert speaker(text, "We are ready") == "Nora Kessel"
    assert speaker(text, "It was not") == "Mary Lopez"


def test_a_relation_word_before_a_name_is_part_of_its_role() -> None:
    text = ("Tom Baxter spoke first.\n\n“He is a friend of mine,” said Baxter ally Carl Dunn. "
            "“He might be wrong.”\n\n“It is treason,” said Dunn constituent Nora Kessel when "
            "asked about it.")
    assert speaker(text, "He is a friend") == "Carl Dunn"
    assert speaker(text, "It is treason") == "Nora Kessel"


def test_went_on_to_say_is_a_cue() -> None:
    text = ("The email went on to say, “People just don’t feel a need to come.”\n\n"
            "Carl Dunn spoke next. He went on to say: “We will win.”")
    assert speaker(text, "People just") == "the email"
    assert speaker(text, "We will win") == "Carl Dunn"


def test_a_party_label_and_a_participle_aside_before_the_cue() -> None:
    text = ("Tom Baxter spoke first.\n\nBut Sen. Carl J. Dunn (D-Ill.), noting the size of "
            "Baxter’s following, said, “He has a heck of an email list.”")
    assert speaker(text, "heck of an email") == "Carl J. Dunn"
