"""Speaker phrases around a quote (issue 14, fifth round): made-up snippets, one per rule.

Every expected speaker is the person the sentence names, by construction; each first
assertion failed before its rule was written, the others guard against its overreach.
"""

from __future__ import annotations

from helpers import quote_speaker as speaker


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


def test_a_headline_credits_its_quote_to_the_name_before_its_colon() -> None:
    text = ("Baxter: Mary Lopez’s ‘Honesty Is In Question.’\n\nTom Baxter spoke on Monday.\n\n"
            "The Latest: Lopez delivers defense of ‘New York Values.’")
    assert speaker(text, "Honesty Is") == "Tom Baxter"
    assert speaker(text, "New York Values") is None  # a column's label, not a speaker


def test_an_unnamed_source_described_by_who_they_are() -> None:
    text = ("Tom Baxter spoke first.\n\n“The drop is real,” said a person close to the "
            "Baxters.\n\n“He was a fine man,” a friend said on Facebook.\n\n“I left on good "
            "terms,” said one former campaign staffer, who said he was scared.\n\nBaxter “was "
            "handled lightly,” said a former U.S. law enforcement official who oversaw it.\n\n"
            "Another source familiar with Baxter’s thinking said, “He will try.”")
    assert speaker(text, "The drop is real") == "a person close to the Baxters"
    assert speaker(text, "He was a fine man") == "a friend"
    assert speaker(text, "I left on good") == "one former campaign staffer"
    assert speaker(text, "handled lightly") == "a former U.S. law enforcement official"
    assert speaker(text, "He will try") == "another source familiar with Baxter’s thinking"


def test_a_lower_case_role_before_a_name_after_the_quote() -> None:
    text = "“This is a broad statute,” former FBI agent Carl Dunn explained."
    assert speaker(text, "broad statute") == "Carl Dunn"


def test_a_possessive_speech_noun_loses_the_quote_to_a_clause_of_its_own() -> None:
    text = ("Carl Dunn, who is a veteran, decried Baxter’s repeated calls to close the base, "
            "noting he has “sacrificed nothing” for it.\n\nNora Kessel said that Baxter’s "
            "comments about veterans were “intolerable.”\n\nMary Lopez mocked Baxter’s claim "
            "that the mayor “founded the gang” last year.")
    assert speaker(text, "sacrificed nothing") == "Carl Dunn"
    assert speaker(text, "intolerable") == "Nora Kessel"
    assert speaker(text, "founded the gang") == "Baxter"


def test_an_object_relative_is_spoken_by_the_subject_after_who() -> None:
    text = ("Tom Baxter spoke. In Philadelphia on Monday, Mary Lopez again said the party must "
            "defeat Tom Baxter, who she blasted as a “bully and demagogue” who made bigotry "
            "his cause.\n\nMuch of Dunn’s ire was directed at Tom Baxter, who Dunn on "
            "Wednesday called “a horrible human being.”\n\nCarl Dunn, who ran the bank, said "
            "“It is fine.”")
    assert speaker(text, "bully and demagogue") == "Mary Lopez"
    assert speaker(text, "horrible human") == "Carl Dunn"
    assert speaker(text, "It is fine") == "Carl Dunn"


def test_an_aside_may_name_a_city_and_its_state() -> None:
    text = ("Mary Lopez, during a town hall meeting in Columbus, Ohio, said she was “going to "
            "close the mines,” while trying to explain.")
    assert speaker(text, "close the mines") == "Mary Lopez"


def test_a_quote_with_a_cue_of_its_own_does_not_take_the_sentence_before() -> None:
    text = ("Mary Lopez confirmed that Carl was on board. “We are shocked, he was a friend to "
            "us,” one P&G Amiens employee told French television.\n\nMary Lopez spoke later. "
            "“We will find them.”")
    assert speaker(text, "We are shocked") is None
    assert speaker(text, "We will find") == "Mary Lopez"


def test_more_speech_verbs_are_cues() -> None:
    text = ("“I will look at a lot of people,” Mary Lopez said. “Grizzly Adams?” Carl Dunn "
            "repeated.\n\n“France will always be France,” Tom Baxter retaliated.\n\nMr. "
            "Baxter waved.\n\nMrs. Lopez sat down. “People are afraid of wasting their votes,” "
            "she surmised.")
    assert speaker(text, "Grizzly Adams") == "Carl Dunn"
    assert speaker(text, "France will always") == "Tom Baxter"
    assert speaker(text, "wasting their votes") == "Mary Lopez"
