"""People introduced by a family word (issue 14, tenth round; tried, then reverted because
the scorer's nearest-source gold fell on the tuning part): made-up snippets."""

from __future__ import annotations

from helpers import quote_speaker as speaker


def test_a_first_name_after_a_family_word_is_a_person_of_that_gender() -> None:
    text = ("Headline\n\nBernie Sanders spoke in Vermont on Tuesday. His wife, Jane, offered a "
            "preview of the campaign in an interview.\n\n“We will keep this movement going,” "
            "she said.")
    assert speaker(text, "keep this movement going") == "Jane"
    text = text.replace("she said", "he said")  # she is his wife: "he" is not her
    assert speaker(text, "keep this movement going") == "Bernie Sanders"
