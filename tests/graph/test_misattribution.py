"""Misattribution is decided inside a statement, by the weight of its printings' credits."""

from __future__ import annotations

from quotetrail.graph import ids
from quotetrail.graph.link.linking import link
from quotetrail.graph.link.misattribution import vote
from quotetrail.graph.model import LinkQuote

SAID = "Russia has amassed a fighting force in and around Ukraine unprecedented since the Cold War."


def q(qid, text, speaker, *, kind="news", published="2022-02-16", article=None,
      confidence=None):
    return LinkQuote(qid, text, speaker, article or f"art-{qid}", kind, published, 0,
                     confidence=confidence)


def variants(linking):
    return {v.quote_id: v for v in linking.variants}


def test_truncated_words_under_another_name_are_misattributed():
    quotes = [q("t", SAID, "Jens Stoltenberg", kind="transcript", published="2022-02-15"),
              q("n1", SAID, "Jens Stoltenberg"),
              q("x", "amassed a fighting force in and around Ukraine", "Joe Biden"),
              q("other", "We will defend ourselves against any enemy.", "Volodymyr Zelenskyy")]
    linking = link(quotes)
    v = variants(linking)
    assert v["x"].statement_id == v["t"].statement_id  # the words decide
    (st,) = [s for s in linking.statements if s.id == v["t"].statement_id]
    assert st.speaker == "Jens Stoltenberg" and st.conflict == ()
    assert v["x"].mutation == "misattributed"
    assert ("=", "amassed a fighting force in and around Ukraine") in v["x"].diff
    assert v["other"].statement_id != v["t"].statement_id


def test_a_primary_source_decides_and_rewordings_are_not_flagged():
    quotes = [q("a", SAID, "Jens Stoltenberg"),
              q("b", SAID.replace("amassed", "gathered"), "Joe Biden"),
              q("p", SAID, "Joe Biden", kind="transcript", published="2022-02-14")]
    v = variants(link(quotes))
    # Biden's own transcript holds the words: he said them; Stoltenberg's print is flagged.
    assert v["a"].mutation == "misattributed"
    assert v["b"].mutation == "reworded" and v["p"].mutation == "verbatim"


def test_one_wrong_credit_against_one_right_one_is_a_conflict_not_a_flag():
    """CNN credits Harry, another paper credits Meghan: nobody can tell from the prints."""
    quotes = [q("cnn", SAID, "Harry", published="2022-02-15"), q("other", SAID, "Meghan")]
    linking = link(quotes)
    (st,) = linking.statements
    assert sorted(st.conflict) == [("Harry", 1), ("Meghan", 1)]
    assert {v.mutation for v in linking.variants} == {"verbatim"}


def test_many_right_credits_outweigh_one_wrong_one_and_confidence_weighs():
    quotes = [q(f"m{i}", SAID, "Meghan") for i in range(3)] + [q("h", SAID, "Harry")]
    v = variants(link(quotes))
    assert v["h"].mutation == "misattributed"
    assert {v[f"m{i}"].mutation for i in range(3)} == {"verbatim"}
    weighed = vote([q("a", SAID, "A", confidence=0.9), q("b", SAID, "B", confidence=0.2)])
    assert weighed.speaker == "A" and weighed.conflict  # one print each: not clear enough
    assert vote([q("a", SAID, "A"), q("a2", SAID, "A"), q("b", SAID, "B", confidence=0.9)]
                ).clear


def test_an_unnamed_source_neither_votes_nor_is_flagged():
    """"a senior official" printing the words Stoltenberg said: the named speaker decides,
    and the unnamed print is not misattributed but credited by inference."""
    official = ids.described_source_id("art-o", "a senior official")
    quotes = [q("n1", SAID, "Jens Stoltenberg"), q("n2", SAID, "Jens Stoltenberg"),
              q("o", SAID, official, article="art-o")]
    linking = link(quotes)
    (st,) = linking.statements
    assert st.speaker == "Jens Stoltenberg" and st.conflict == ()
    v = variants(linking)
    assert v["o"].mutation == "verbatim" and v["o"].inferred_from == 2
    assert vote([q("o", SAID, official)]).speaker is None
