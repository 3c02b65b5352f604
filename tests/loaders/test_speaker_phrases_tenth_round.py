"""Speaker phrases (issue 14, tenth round): made-up snippets, one per rule.

Every expected speaker is the person the sentence names, by construction; each first
assertion failed before its rule was written, the others guard against its overreach.
"""

from __future__ import annotations

from helpers import quote_speaker as speaker


def test_an_age_before_a_name_is_no_part_of_the_speaker_phrase() -> None:
    text = ("Headline\n\nVoters lined up early in Manchester.\n\n17-year-old Jared Potts "
            "echoed:\n\n“He speaks his mind, and that is what the country needs.”")
    assert speaker(text, "He speaks his mind") == "Jared Potts"
    text = ("Headline\n\nVoters lined up early in Manchester.\n\nThe 17-year-old echoed:\n\n"
            "“He speaks his mind, and that is what the country needs.”")
    assert speaker(text, "He speaks his mind") is None  # an age alone names no one
