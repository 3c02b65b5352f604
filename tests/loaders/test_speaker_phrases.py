"""Speaker phrases around a quote (issue 14, fourth round): made-up snippets, one per rule.

Every expected speaker is the person the sentence names, by construction; each first
assertion failed before its rule was written, the others guard against its overreach.
"""

from __future__ import annotations

from helpers import quote_speaker as speaker


def test_a_full_name_right_before_the_cue_ends_the_apposition() -> None:
    text = ("In discussing the scandals around nominee Mary Lopez, former UN Ambassador John "
            "Bolton told radio host Matt Boyle, “Her slogan might as well be Not Indicted, "
            "Yet!”\n\nSam Solovey, a contestant on the show said “It was fun.”\n\n"
            "Carl Dunn, a former aide to Tom Baxter, said “It was not.”")
    assert speaker(text, "Her slogan") == "John Bolton"
    assert speaker(text, "It was fun") == "Sam Solovey"
    assert speaker(text, "It was not") == "Carl Dunn"


def test_a_trailing_cue_with_an_apposition_names_the_sentences_speaker() -> None:
    text = ("Tom Baxter spoke first.\n\nThe plan has provoked mixed feelings in many towns, and "
            "it has used “velvet gloves” in its dealings with Central Valley, said Nora Kessel, "
            "an expert at the state university in Fresno.\n\n“Boots on the ground” would be "
            "wrong, said Carl Dunn, a retired general.")
    assert speaker(text, "velvet gloves") == "Nora Kessel"
    assert speaker(text, "Boots on the ground") == "Carl Dunn"


def test_inside_a_sentence_only_an_inverted_trailing_cue_names_the_speaker() -> None:
    text = ("Tom Baxter spoke first.\n\nCarl Dunn has called the plan “a slow disaster” for "
            "months, Ann Ray said on Monday.")
    assert speaker(text, "slow disaster") == "Carl Dunn"


def test_a_cue_inside_a_leading_subordinate_clause_is_not_the_quotes() -> None:
    text = ("Tom Baxter spoke first.\n\nWhen Carl Dunn suggested that the city would sue the "
            "state for reneging on the deal, Mary Lopez fired back forcefully: “If they sue us, "
            "they are going to lose.”\n\nAs Dunn said, “It is over.”")
    assert speaker(text, "going to lose") == "Mary Lopez"
    assert speaker(text, "It is over") == "Carl Dunn"


def test_whip_speaker_and_clergy_are_roles_before_a_name() -> None:
    text = ("Bob Smith arrived.\n\nSenate Majority Whip John Corwin responded by standing up."
            "\n\n“It is shameful,” he said.\n\nHouse Speaker Paul Dwyer said: “We agree.”\n\n"
            "“Pray for them,” said Rabbi Ann Stein.")
    assert speaker(text, "It is shameful") == "John Corwin"
    assert speaker(text, "We agree") == "Paul Dwyer"
    assert speaker(text, "Pray for them") == "Ann Stein"
    # a surname that is a role word stays a surname
    assert speaker("“We won,” said Rob Bishop.", "We won") == "Rob Bishop"


def test_given_opening_a_sentence_is_no_name() -> None:
    text = ("Tom Baxter spoke on Monday.\n\nGiven his past comments on building a wall to keep "
            "out so-called “rapists and criminals,” it is safe to say he means the border.")
    assert speaker(text, "rapists") != "Given"


def test_a_family_word_before_the_name_in_a_speaker_phrase() -> None:
    text = ("The professor was headed to Cairo, the Guardian reported. “We had called him just "
            "before he boarded,” his nephew Michel Soheil added.\n\n“It is sad,” her husband "
            "Tom Ray said.")
    assert speaker(text, "We had called him") == "Michel Soheil"
    assert speaker(text, "It is sad") == "Tom Ray"


def test_a_role_adjective_is_no_verb_of_the_subject() -> None:
    text = ("In response to the loss of life, Republican presidential nominee Carl Dunn issued "
            "the following statement:\n\n“Our prayers are with all those affected.”")
    assert speaker(text, "Our prayers") == "Carl Dunn"


def test_lower_case_words_before_the_role_of_an_apposition() -> None:
    text = ("Tom Baxter spoke.\n\n“The basic contradiction is the requirement,” Bill Frelick, "
            "refugee rights program director at Human Rights Watch, said in an interview.")
    assert speaker(text, "basic contradiction") == "Bill Frelick"


def test_a_trailing_cue_names_a_quote_a_word_or_two_into_its_sentence() -> None:
    text = "Tom Baxter spoke.\n\nDunn’s “excesses” are sickening, Hollande said Tuesday in Paris."
    assert speaker(text, "excesses") == "Hollande"


def test_an_outlet_owning_a_name_is_no_part_of_it() -> None:
    text = ("Tom Baxter wrote.\n\nThe New Republic’s Jeet Heer sees the piece as a “populist "
            "mask.”\n\n“It is over,” said CNN’s Jake Tapper.")
    assert speaker(text, "populist mask") == "Jeet Heer"
    assert speaker(text, "It is over") == "Jake Tapper"


def test_a_title_case_quote_after_on_or_in_is_a_title() -> None:
    text = ("“I expect to be vetted,” Ben Carson said on “Meet the Press.”\n\nMary Lopez "
            "alluded to the actor's turn in “The Revenant.”\n\nMary Lopez said on Monday “We "
            "will win in the fall.”")
    assert speaker(text, "Meet the Press") is None
    assert speaker(text, "The Revenant") is None
    assert speaker(text, "We will win") == "Mary Lopez"
