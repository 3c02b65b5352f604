"""Speaker phrases (issue 14, eighth round): made-up snippets, one per rule.

Every expected speaker is the person the sentence names, by construction; each first
assertion failed before its rule was written, the others guard against its overreach.
"""

from __future__ import annotations

from quotetrail.loaders.attribute.roster import build_roster
from quotetrail.loaders.extract.quotes import find_quotes, mask_quotes

from helpers import quote_speaker as speaker


def test_a_role_before_of_qualifies_the_name_after_it() -> None:
    text = ("Headline\n\nBut the other candidate on the stage, former Secretary of State Ann "
            "Poole, drew a contrast, saying that job losses, as described by Carl Dunn, the "
            "chief economist, were not to be dismissed.\n\n“I do take what he said "
            "seriously,” she said.")
    masked = mask_quotes(text, find_quotes(text))
    roster = build_roster(text, masked)
    assert "Ann Poole" in roster.people
    assert roster.people["Ann Poole"].roles == ["former Secretary of State"]
    assert speaker(text, "I do take what he said") == "Ann Poole"


def test_a_fragment_whose_own_sentence_names_another_actor_is_not_carried() -> None:
    text = ("Headline\n\nNora Kessel said the rival campaign took “about $200,000” from banks. "
            "Carl Dunn dismissed that suggestion as a sign of a campaign in “disarray.”")
    assert speaker(text, "disarray") != "Nora Kessel"
    text = ("Headline\n\nNora Kessel said the plan was “a disgrace.” She said Dunn’s "
            "“judgment” was lacking, and then she spoke of “a betrayal.”")
    assert speaker(text, "judgment") == "Nora Kessel"
    assert speaker(text, "a betrayal") == "Nora Kessel"


def test_a_time_phrase_may_stand_between_a_subject_and_its_verb() -> None:
    text = ("Headline\n\nCarl Dunn on Thursday ratcheted up his attacks on Kessel, saying she is "
            "“weak on crime, you know that.”\n\nNora Kessel this week accused Dunn of “running a "
            "con job on voters.”")
    assert speaker(text, "weak on crime") == "Carl Dunn"
    assert speaker(text, "running a con job") == "Nora Kessel"
    text = "Headline\n\nThe vote last week was a “disaster for the party,” by all accounts."
    assert speaker(text, "disaster for the party") is None


def test_a_later_clause_with_a_subject_of_its_own_owns_the_fragment() -> None:
    text = ("Headline\n\nGov. Carl Dunn on Monday signed an order to block the plan, while Nora "
            "Kessel, the former mayor, proposed we “wake up and smell the coffee” soon.\n\nAnn "
            "Poole is coming off a strong debate, when many commentators called her “the "
            "grownup on the stage” again.")
    assert speaker(text, "wake up and smell") == "Nora Kessel"
    assert speaker(text, "the grownup on the stage") is None
    text = ("Headline\n\nCarl Dunn mocked Nora Kessel and Ann Poole’s protestations as “political "
            "theatre.” Dunn pushed back, arguing that he and Kessel shared “almost all the same "
            "views.”")
    assert speaker(text, "political theatre") == "Carl Dunn"
    assert speaker(text, "almost all the same views") == "Carl Dunn"


def test_an_inverted_cue_after_a_comma_names_the_speaker_after_it() -> None:
    text = ("Headline\n\nThe paradox of Nancy, says Carl Dunn, historian at the library, is that "
            "she was “one of the most powerful first ladies of her era.”")
    assert speaker(text, "one of the most powerful") == "Carl Dunn"
    text = ("Headline\n\n“Is the mayor going to mention the words at last?” the presumptive "
            "nominee, Nora Kessel, tweeted Sunday after the attack.")
    assert speaker(text, "Is the mayor going") == "Nora Kessel"


def test_a_people_is_no_speaker() -> None:
    text = ("Headline\n\nThe vast majority of Americans say they prefer lower prices to goods "
            "labeled “Made in the U.S.A.,” a poll found.\n\nMany Syrians then saw the regime as "
            "“the party of overwhelming force,” Carl Dunn said.")
    assert speaker(text, "Made in the U.S.A.") is None
    assert speaker(text, "the party of overwhelming force") == "Carl Dunn"
    text = "Headline\n\nMarta Evans spoke first. “We will win,” Evans said."
    assert speaker(text, "We will win") == "Marta Evans"


def test_a_pronoun_after_a_cue_and_before_a_quote_is_what_was_said() -> None:
    text = ("Headline\n\nNora Kessel said she would run. She is a former mayor.\n\nCarl Dunn "
            "spoke next. He criticized her record and said she “isn’t going to straighten it "
            "out.”")
    assert speaker(text, "isn’t going to straighten") == "Carl Dunn"
    text = "Headline\n\nNora Kessel spoke first. She said she “will not give up.”"
    assert speaker(text, "will not give up") == "Nora Kessel"


def test_as_a_described_name_put_it_names_the_speaker() -> None:
    text = ("Headline\n\nCarl Dunn said no. As Nora Kessel, the No. 2 in the party leadership, put "
            "it: “This person will not be confirmed.”")
    assert speaker(text, "This person will not") == "Nora Kessel"


def test_a_main_clause_may_open_with_a_pronoun_and_an_adverb_in_ly() -> None:
    text = ("Headline\n\nCarl Dunn spoke at the gala.\n\nWhile the mega donor didn’t disclose "
            "his degree of backing for the front-runner in the race for the nomination, he did "
            "say he found Kessel to be “very charming” and smart.\n\nWhen Dunn entered the race, "
            "he infamously referred to his rivals as “crooks” and “liars.”")
    assert speaker(text, "very charming") == "Carl Dunn"
    assert speaker(text, "crooks") == "Carl Dunn"
    text = "Headline\n\nCarl Dunn spoke. The fans, naturally, loved the “new look” this year."
    assert speaker(text, "new look") is None


def test_the_clause_after_a_quote_reads_a_role_word_or_an_unclosed_description() -> None:
    text = ("Headline\n\n“They have to decide whether to eat,” Fight for $15 organizing director "
            "Carl Dunn told a radio station in Milwaukee. “They care about two things.”\n\n"
            "“Kessel needs a plan,” Ann Poole, the polling guru who founded example.com tweeted "
            "on Wednesday.")
    assert speaker(text, "They have to decide") == "Carl Dunn"
    assert speaker(text, "They care about two things") == "Carl Dunn"
    assert speaker(text, "Kessel needs a plan") == "Ann Poole"
    text = "Headline\n\n“We will see,” a spokesman for Carl Dunn told reporters."
    assert speaker(text, "We will see") != "Carl Dunn"
