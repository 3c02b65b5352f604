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
