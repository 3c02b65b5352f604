"""Made-up snippets for patterns the seeds lack; expected values are by construction."""

from __future__ import annotations

import pytest

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document, QuoteMention


def quotes(text: str) -> list[QuoteMention]:
    found = list(extract(Document(text=text, source="synthetic.txt")).quotes)
    for q in found:
        assert text[q.start : q.end] == q.text and q.text == q.text.strip()
    return found


def only(text: str) -> QuoteMention:
    found = quotes(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


# -- quotation marks ---------------------------------------------------------------------


def test_straight_single_quotes_partial() -> None:
    q = only("Finance Minister Anna Berg said the plan was 'dead on arrival'. It's over.")
    assert q.text == "dead on arrival" and q.kind == "partial" and q.speaker == "Anna Berg"


def test_curly_single_quotes_direct_cue_before() -> None:
    q = only("Anna Berg spoke on Monday. Berg said: ‘We will not raise taxes.’")
    assert q.text == "We will not raise taxes." and q.kind == "direct"
    assert q.speaker == "Anna Berg"


def test_apostrophes_are_not_quotes() -> None:
    assert quotes("The allies’ plan and Russia’s army date from the ’90s; it's old.") == []


def test_guillemets() -> None:
    q = only("Foreign Minister Paul Roux arrived late. «We are staying,» Roux said.")
    assert q.text == "We are staying" and q.speaker == "Paul Roux" and q.cue == "said"


def test_german_style_reversed_guillemets() -> None:
    q = only("Chancellor Olga Wendt spoke briefly. »Wir bleiben«, Wendt said.")
    assert q.text == "Wir bleiben" and q.speaker == "Olga Wendt"


def test_nested_quote_stays_inside_the_outer_quote() -> None:
    q = only("“He told me ‘never again’, and I believed him,” Ken Adams said.")
    assert q.text == "He told me ‘never again’, and I believed him"
    assert q.speaker == "Ken Adams" and q.kind == "direct"


def test_nested_double_inside_single() -> None:
    found = quotes('Lena Fischer said: ‘The sign read "closed" all week.’')
    assert [q.text for q in found][0].startswith("The sign read")
    assert all(q.speaker == "Lena Fischer" for q in found)


def test_quote_inside_a_headline() -> None:
    text = "Berg: ‘We will not raise taxes’\n\nFinance Minister Anna Berg spoke on Monday."
    q = only(text)
    assert q.text == "We will not raise taxes" and q.speaker == "Anna Berg"


def test_headline_with_cue_and_partial() -> None:
    q = only("Adams says ‘no sign’ of a deal\n\nMayor Ken Adams met unions on Friday.")
    assert q.text == "no sign" and q.kind == "partial" and q.speaker == "Ken Adams"


# -- who said it -------------------------------------------------------------------------


def test_question_quoted_by_a_reporter_is_not_the_answerers() -> None:
    text = "Mayor Ines Roth faced the press.\n“Will you resign?” a reporter asked.\n" \
           "“No, I will not,” Roth replied."
    question, answer = quotes(text)
    assert question.text == "Will you resign?" and question.speaker != "Ines Roth"
    assert answer.speaker == "Ines Roth" and answer.cue == "replied"


def test_reported_question_is_not_reported_speech() -> None:
    text = ("Asked whether taxes would rise, Finance Minister Anna Berg said that the budget "
            "was already balanced.")
    q = only(text)
    assert q.kind == "indirect" and q.text == "the budget was already balanced"
    assert q.speaker == "Anna Berg"


def test_two_speakers_indirect_in_one_sentence() -> None:
    text = "Ken Adams said that prices would rise sharply, while Lena Fischer insisted that " \
           "they would fall."
    a, b = quotes(text)
    assert (a.text, a.speaker) == ("prices would rise sharply", "Ken Adams")
    assert (b.text, b.speaker, b.cue) == ("they would fall", "Lena Fischer", "insisted")


def test_two_speakers_direct_and_pronouns() -> None:
    text = ("Ken Adams and Lena Fischer debated on Sunday.\n"
            "“Taxes must fall,” Adams said. “They cannot,” Fischer replied.\n"
            "She added: “The deficit is too large.”")
    a, b, c = quotes(text)
    assert (a.speaker, b.speaker, c.speaker) == ("Ken Adams", "Lena Fischer", "Lena Fischer")


def test_quote_attributed_to_an_agency() -> None:
    q = only("Reuters reported that the factory had closed on Friday.")
    assert q.kind == "indirect" and q.speaker == "Reuters"


def test_agency_relaying_a_ministry() -> None:
    q = only("The state news agency said that the defence ministry was “fully prepared”.")
    assert q.text == "fully prepared" and q.speaker == "defence ministry"
    assert q.method == "relayed"


def test_organisation_as_speaker() -> None:
    q = only("The Kremlin said the troops were returning to their bases.")
    assert q.kind == "indirect" and q.speaker == "Kremlin"


def test_state_with_a_time_word_before_the_clause() -> None:
    q = only("The UK said Wednesday it would send more troops to Estonia.")
    assert q.text == "it would send more troops to Estonia" and q.speaker == "UK"


def test_pronoun_for_indirect_speech() -> None:
    q = only("Lena Fischer arrived in Oslo. She said that the vote had been delayed.")
    assert q.speaker == "Lena Fischer" and q.method == "indirect-pronoun"


def test_role_named_before_the_person() -> None:
    text = ("The Swedish foreign minister said the talks had stalled.\n"
            "Speaking in Oslo, Karin Dahl added that no date was set.")
    a, b = quotes(text)
    assert a.speaker == b.speaker == "Karin Dahl"
    assert a.method == "indirect-role-ahead" and a.confidence < 0.8


def test_told_reporters_that() -> None:
    q = only("Ken Adams told reporters on Monday that the deal was off.")
    assert q.text == "the deal was off" and q.speaker == "Ken Adams" and q.cue == "told"


def test_clause_stops_before_the_writers_context() -> None:
    q = only("Ken Adams said that the bridge was closed, after heavy rain flooded the valley.")
    assert q.text == "the bridge was closed"


def test_clause_with_quoted_words_is_a_partial_only() -> None:
    q = only("Ken Adams said that the plan was “reckless” and would fail.")
    assert q.text == "reckless" and q.kind == "partial" and q.speaker == "Ken Adams"


def test_participle_takes_the_subject_of_its_sentence() -> None:
    q = only("Mayor Ines Roth visited the site on Tuesday, adding that repairs would take weeks.")
    assert q.speaker == "Ines Roth" and q.cue == "adding"


@pytest.mark.parametrize("text", [
    "Analysts believe that the war will last for years.",
    "The so-called plan, said to cost millions, failed.",
    "He said.",
    "What have the US and Russia said?",
    "Ken Adams told reporters upon arrival at the meeting.",
    "Ken Adams added a caveat.",
])
def test_no_reported_speech(text: str) -> None:
    assert quotes(text) == []


@pytest.mark.parametrize("text", [
    "The so-called “peace plan” was published on Monday.",
    "Her book, “The Long Road”, sold well.",
    "The town declared Friday “Harvest Day” to mark the end of summer.",
])
def test_labels_and_titles_get_no_speaker(text: str) -> None:
    q = only(text)
    assert q.speaker is None and q.confidence <= 0.3 and q.method == "none"
