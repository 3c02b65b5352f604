"""Speaker phrases and pronouns (issue 14, sixth round): made-up snippets, one per rule.

Every expected speaker is the person the sentence names, by construction; each first
assertion failed before its rule was written, the others guard against its overreach.
"""

from __future__ import annotations

from helpers import quote_speaker as speaker


def test_a_clause_after_a_comma_closed_quote_names_its_speaker_whatever_its_words() -> None:
    text = ("The plant closed in May.\n\n“We saw it coming for a long time,” shop steward "
            "Carl Dunn wrote in a letter.\n\n“Nobody listened to us at all,” remembered Nora "
            "Kessel, a welder for ten years.\n\n“It was a shock to the town,” Ann Poole, the "
            "owner of a diner, recalled.")
    assert speaker(text, "We saw it coming") == "Carl Dunn"
    assert speaker(text, "Nobody listened") == "Nora Kessel"
    assert speaker(text, "It was a shock") == "Ann Poole"


def test_a_clause_after_a_quote_is_not_a_later_clause_or_an_owner() -> None:
    text = ("Mary Lopez spoke first.\n\n“We will win this state,” Baxter supporters "
            "chanted.\n\n“This plan will not pass the House,” a spokesman for Speaker Tom "
            "Baxter told reporters.\n\nThe memo called it “a plan for the few,” linking to a "
            "story about how Baxter voted.")
    assert speaker(text, "We will win") is None
    assert speaker(text, "This plan will not") != "Tom Baxter"
    assert speaker(text, "a plan for the few") != "Tom Baxter"


def test_a_clause_after_a_quote_may_describe_an_unnamed_source() -> None:
    text = ("The plant closed in May.\n\n“They will find a way to close the next one,” wrote "
            "one commenter.\n\n“It is coming, sooner than we think,” said a strategist for one "
            "of the unions, speaking on the condition of anonymity.\n\n“We are done here,” "
            "said Carl Dunn.")
    assert speaker(text, "They will find a way") == "one commenter"
    assert speaker(text, "It is coming") == "a strategist for one of the unions"
    assert speaker(text, "We are done here") == "Carl Dunn"


def test_one_quoted_word_after_a_verb_of_naming_is_the_subjects() -> None:
    text = ("Carl Dunn spoke at the plant.\n\nNora Kessel calls the plan a "
            "“blueprint” for the state.")
    assert speaker(text, "blueprint") == "Nora Kessel"
    scare = "Carl Dunn spoke at the plant.\n\nThe new “blueprint” office opened on Monday."
    assert speaker(scare, "blueprint") is None


def test_a_role_word_is_no_verb_of_the_sentences_subject() -> None:
    text = ("Tom Baxter, the Republican mayor, spoke first.\n\nTom Baxter’s top aide called "
            "it “a deeply flawed plan” on Monday.")
    assert speaker(text, "deeply flawed") != "Tom Baxter"  # "top" is no verb: the aide's
    text = ("Tom Baxter, the Republican mayor, spoke first.\n\nCarl Dunn, the Republican "
            "attorney general under Tom Baxter, criticized the “deeply flawed” plan.")
    assert speaker(text, "deeply flawed") == "Carl Dunn"


def test_a_sentence_opening_with_a_conjunction_keeps_its_subject() -> None:
    text = ("Nora Kessel spoke to the council on Monday.\n\nBut she dismissed the members’ plan as "
            "a “rushed and careless vote” on the budget.")
    assert speaker(text, "rushed and careless") == "Nora Kessel"
    text = ("Nora Kessel spoke to the council on Monday.\n\nAs Carl Dunn pointed out, the "
            "“rushed and careless vote” was not hers.")
    assert speaker(text, "rushed and careless") != "Nora Kessel"
