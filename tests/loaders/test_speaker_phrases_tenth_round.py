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


def test_an_inverted_cue_opening_a_name_is_no_part_of_it() -> None:
    text = ("Headline\n\nThe machines can be rigged, longtime adviser Roger Stone said.\n\n"
            "Continued Stone: “So I think it is a very real problem.”\n\nSaid Dorothy Poynter: "
            "“I never trusted them.”")
    assert speaker(text, "a very real problem") == "Roger Stone"
    assert speaker(text, "I never trusted them") == "Dorothy Poynter"


def test_an_inverted_cue_and_a_name_announce_the_quote_paragraph_after() -> None:
    text = ("Headline\n\nThe machines can be rigged, longtime adviser Roger Stone said.\n\n"
            "Stated Stone:\n\n“I think that the stakes are so high.”")
    assert speaker(text, "the stakes are so high") == "Roger Stone"
    text = ("Headline\n\nThe machines can be rigged, longtime adviser Roger Stone said.\n\n"
            "Stated plainly:\n\n“I think that the stakes are so high.”")
    assert speaker(text, "the stakes are so high") is None  # no name: no speaker


def test_a_family_word_or_member_in_an_apposition_is_no_verb() -> None:
    text = ("Headline\n\nCarl Dunn, Nora's father, issued a statement Thursday, saying the "
            "family “has no comment on the trial.”")
    assert speaker(text, "has no comment on the trial") == "Carl Dunn"
    text = ("Headline\n\nMark Ellis, founder of the institute, club member in the 1960s and "
            "longtime trustee, endorsed Kessel last week, saying she “has shown deep "
            "commitment.”")
    assert speaker(text, "has shown deep commitment") == "Mark Ellis"
    text = ("Headline\n\nCarl Dunn fathered a campaign, saying it “will win the state.”")
    assert speaker(text, "will win the state") == "Carl Dunn"  # "fathered" is still a verb


def test_a_spaced_dash_ends_a_capitalised_heading_before_a_name() -> None:
    text = ("Headline\n\nRED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: “Our analysis finds "
            "that 20 states are solidly Republican.” [Gallup.]")
    assert speaker(text, "Our analysis finds") == "Jeffrey M. Jones"
    text = ("Headline\n\nBUDGET TALKS STALL - Minister Jean-Pierre Dumont: “The plan will not "
            "work.”")
    assert speaker(text, "will not work") == "Jean-Pierre Dumont"  # a hyphen still joins


def test_an_adverb_may_stand_between_a_name_and_its_participle_of_speech() -> None:
    text = ("Headline\n\nSome of his supporters pushed a protester out, with Carl Dunn "
            "reportedly yelling: “Get him out of here!”")
    assert speaker(text, "Get him out of here") == "Carl Dunn"
    text = ("Headline\n\nSome of his supporters pushed a protester out, with Carl Dunn "
            "reportedly watching: “Get him out of here!”")
    assert speaker(text, "Get him out of here") is None  # watching is no speech
