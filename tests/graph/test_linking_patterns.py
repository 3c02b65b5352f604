"""The real-page patterns of issue 15, each held by a test: the words decide."""

from __future__ import annotations

from quotetrail.graph.link.linking import link
from quotetrail.graph.link.provenance import CONFIDENCE
from quotetrail.graph.model import LinkQuote

GOVERNOR = "Governor Mary Ambrose"
SENTENCE = ("We have put in place every measure needed to keep our people safe while the "
            "borders stay closed this season.")


def q(qid, text, speaker, article, published, *, order=0, outlet=None, credits=()):
    return LinkQuote(qid, text, speaker, article, "news", published, order, outlet=outlet,
                     credits=credits)


def by_quote(linking):
    return {v.quote_id: v for v in linking.variants}


def statement(linking, qid):
    sid = by_quote(linking)[qid].statement_id
    return next(s for s in linking.statements if s.id == sid)


def test_a_pull_quote_and_the_same_words_in_the_body_are_one_statement():
    quotes = [q("pull", SENTENCE, None, "page", "2022-04-28T10:00:00"),
              q("body", SENTENCE, GOVERNOR, "page", "2022-04-28T10:00:00")]
    linking = link(quotes)
    assert len(linking.statements) == 1
    (st,) = linking.statements
    assert st.speaker == GOVERNOR
    assert by_quote(linking)["pull"].inferred_from == 1


def test_a_page_printing_three_paragraphs_twice_has_three_statements():
    paragraphs = [SENTENCE, "The airport reopens on the first of June for residents and "
                  "returning nationals only.", "Visitors will need a negative test taken "
                  "within three days of arrival on the island."]
    quotes = [q(f"p{i}-{copy}", text, GOVERNOR if copy == 0 else None, "page",
                "2022-04-28T10:00:00") for i, text in enumerate(paragraphs) for copy in (0, 1)]
    linking = link(quotes)
    assert len(linking.statements) == 3
    assert sorted(s.quote_count for s in linking.statements) == [2, 2, 2]


def test_two_copies_credited_to_the_same_person_join():
    words = "Snoozeville is the only town in the county where nobody ever answers the phone."
    linking = link([q("a", words, "Snoozeville", "page", "2022-04-28"),
                    q("b", words, "Snoozeville", "page", "2022-04-28")])
    assert len(linking.statements) == 1 and linking.statements[0].conflict == ()


def test_an_unattributed_earlier_print_joins_and_provenance_holds_the_words():
    """St Kitts prints the full sentence with no speaker on 28 April and a 4-word fragment;
    the St Lucia Times prints it credited on 29 April."""
    quotes = [q("kitts-full", SENTENCE, None, "kitts", "2022-04-28T08:00:00", order=0),
              q("kitts-frag", "every measure needed to", GOVERNOR, "kitts-2",
                "2022-04-28T07:00:00", order=1),
              q("lucia", SENTENCE, GOVERNOR, "lucia", "2022-04-29T09:00:00", order=2)]
    linking = link(quotes)
    st = statement(linking, "kitts-full")
    assert by_quote(linking)["lucia"].statement_id == st.id
    assert st.speaker == GOVERNOR and by_quote(linking)["kitts-full"].inferred_from == 2
    derived = {d.quote_id: d for d in linking.derivations}
    # the full sentence came from the full sentence, never from the fragment
    assert derived["lucia"].source_quote_id == "kitts-full"
    assert 0 < derived["lucia"].confidence <= 1
    assert st.first_seen == "2022-04-28T07:00:00"  # the earliest dated print in the trace


def test_a_later_article_with_a_known_speaker_joins_the_earlier_printings():
    words = ("The pandemic fund is far too small for what the next outbreak will demand of "
             "every health system.")
    quotes = [q("a", words, "Gavin Yamey", "a", "2022-05-01T09:00:00"),
              q("b", words, None, "b", "2022-05-02T09:00:00"),
              q("later", words.replace("far too", "much too"), "Gavin Yamey", "c",
                "2022-06-10T09:00:00")]
    linking = link(quotes)
    assert len({v.statement_id for v in linking.variants}) == 1
    assert linking.statements[0].speaker == "Gavin Yamey"


def test_prints_of_one_day_without_a_time_are_in_an_unknown_order():
    quotes = [q("x", SENTENCE, GOVERNOR, "x", "2022-04-28", order=0),
              q("y", SENTENCE, GOVERNOR, "y", "2022-04-28", order=1)]
    assert link(quotes).derivations == ()


def test_a_verbatim_print_is_not_derived_from_a_reworded_one():
    reworded = SENTENCE.replace("every measure", "each measure")
    quotes = [q("faithful", SENTENCE, GOVERNOR, "f", "2022-04-28T08:00:00", order=0),
              q("changed", reworded, GOVERNOR, "c", "2022-04-28T09:00:00", order=1),
              q("verbatim", SENTENCE, GOVERNOR, "v", "2022-04-28T10:00:00", order=2),
              q("again", SENTENCE, GOVERNOR, "g", "2022-04-28T11:00:00", order=3)]
    derived = {d.quote_id: d for d in link(quotes).derivations}
    assert derived["verbatim"].source_quote_id == "faithful"
    assert derived["again"].source_quote_id in {"faithful", "verbatim"}
    # one faithful candidate, by time order only: its confidence is time order's, undivided
    assert (derived["verbatim"].evidence, derived["verbatim"].confidence) == (
        "time order", CONFIDENCE["time order"])
