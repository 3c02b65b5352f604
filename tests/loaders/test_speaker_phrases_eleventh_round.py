"""Speaker phrases (issue 14, eleventh round): made-up snippets, one per rule.

Every expected speaker is the person the sentence names, by construction; each first
assertion failed before its rule was written, the others guard against its overreach.
"""

from __future__ import annotations

from helpers import quote_speaker as speaker


def test_a_the_apposition_with_a_capitalised_modifier_makes_a_person() -> None:
    text = ("Headline\n\nThe gloom has lifted the campaign of Senator Tom Hale, an outsider, "
            "against the governor.\n\nRob Fenwick, the Republican half of a polling team for a "
            "cable network, struck a cautious note. While confidence is up, he said, “this has "
            "done nothing to end the anxiety of voters.”")
    assert speaker(text, "done nothing to end") == "Rob Fenwick"
    text = ("Headline\n\nThe gloom has lifted the campaign of Senator Tom Hale, an outsider, "
            "against the governor.\n\nOhio, the Buckeye State, struck a cautious note. While "
            "confidence is up, he said, “this has done nothing to end the anxiety of voters.”")
    assert speaker(text, "done nothing to end") == "Tom Hale"  # a place is no person


def test_a_speaker_inside_a_subordinate_clause_is_not_the_next_pronoun() -> None:
    text = ("Headline\n\n“We will hold the House,” Dan Pryor said on Sunday.\n\nPryor also "
            "sounded less sure when Jill Baxter asked whether the party would keep the Senate."
            "\n\n“Nobody can predict this year,” he said.")
    assert speaker(text, "Nobody can predict") == "Dan Pryor"
    text = ("Headline\n\n“It was a smear,” Ken Oyelaran said on Monday.\n\nOyelaran turned the "
            "story on the paper, pointing out that the paper's Tom Reddick had reported the "
            "opposite in June. “They never learn,” he said.")
    assert speaker(text, "They never learn") == "Ken Oyelaran"
    text = ("Headline\n\n“It was a smear,” Ken Oyelaran said on Monday.\n\nThe paper's Tom "
            "Reddick had reported the opposite in June. “They never learn,” he said.")
    assert speaker(text, "They never learn") == "Tom Reddick"  # a main clause's speaker
