"""Speaker phrases (issue 14, twelfth round): made-up snippets, one per rule.

Every expected speaker is the one the sentence names, by construction; each first
assertion failed before its rule was written, the others guard against its overreach.
"""

from __future__ import annotations

from helpers import quote_speaker as speaker


def test_a_definite_description_of_a_member_board_or_paper_speaks_for_itself() -> None:
    text = ("Headline\n\nThe committee met in Ohio on Monday.\n\n“Nobody cares when you spend "
            "your own money,” the RNC member said, adding that donors may not agree.")
    assert speaker(text, "Nobody cares when") == "the RNC member"
    text = ("Headline\n\nThe senator's plan drew fire.\n\n“He should stop blaming everyone "
            "else,” the conservative-leaning newspaper wrote.")
    assert speaker(text, "He should stop blaming") == "the conservative-leaning newspaper"
    text = ("Headline\n\nThe Ledger weighed in on Sunday.\n\n“Are we talking about the same "
            "Dana Holt?” the editorial board writes.")
    assert speaker(text, "Are we talking") == "the editorial board"
    text = ("Headline\n\nOn Monday, Tom Reddick, the chairman of the group, spoke in Ohio.\n\n"
            "“We are not done,” Reddick said.")
    assert speaker(text, "We are not done") == "Tom Reddick"  # a name still names


def test_a_pronoun_whose_person_alone_has_its_gender_is_not_withheld() -> None:
    text = ("Headline\n\nNora Kessel pushed the merger through. She was sure of it.\n\n“It was a "
            "bad bet,” said Carl Dunn, a former adviser.\n\nKessel, 61, declined to comment for "
            "this article. When asked about the merger last year, she defended it. “I would do "
            "it again,” she said.")
    assert speaker(text, "I would do it again") == "Nora Kessel"
    text = ("Headline\n\nNora Kessel pushed the merger through.\n\n“It was a bad bet,” said Carl "
            "Dunn, a former adviser.\n\nKessel, 61, declined to comment for this article. When "
            "asked about the merger last year, she defended it. “I would do it again,” she said.")
    assert speaker(text, "I would do it again") is None  # no gender shown: still in doubt
