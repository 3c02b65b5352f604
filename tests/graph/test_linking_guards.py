"""What the generated-corpus benchmark taught linking: a splice never bridges two statements,
two press conferences are two occasions, the reference is the wording most articles print,
and a copied wording points at its earliest identical print."""

from __future__ import annotations

from quotetrail.graph.link.linking import link
from quotetrail.graph.model import LinkQuote

SG = "stoltenberg"
A = "We have systematically exposed Russia's actions, plans and disinformation to the world."
B = "Every nation has the right to choose its own path and that is absolutely fundamental."
# the start of A joined to the end of B: close enough to each to link to either alone
SPLICE = "We have systematically exposed Russia's actions, plans and its own path and that is " \
         "absolutely fundamental."


def q(qid, text, *, kind="news", published="2022-02-16", article=None, order=0,
      outlet=None, credits=()):
    return LinkQuote(qid, text, SG, article or f"art-{qid}", kind, published, order,
                     outlet=outlet, credits=credits)


def statement(linking, qid):
    return {v.statement_id for v in linking.variants if v.quote_id == qid}


def test_a_splice_of_two_statements_never_joins_them():
    quotes = [q("a1", A), q("a2", A, order=1), q("a3", A.replace("world", "public"), order=2),
              q("b1", B, order=3), q("b2", B, order=4),
              q("b3", B.replace("absolutely", "simply"), order=5),
              q("s", SPLICE, published="2022-02-17", order=6),
              # a cut of B that the splice holds too: it fits both, and joins B's statement
              q("cut", "its own path and that is absolutely fundamental", order=7)]
    linking = link(quotes)
    assert not statement(linking, "a1") & statement(linking, "b1")
    assert statement(linking, "cut") == statement(linking, "b1")


def test_primary_sources_of_two_days_are_two_statements():
    quotes = [q("t1", A, kind="transcript", published="2022-02-10"),
              q("t2", A.replace("world", "public"), kind="transcript", published="2022-02-14"),
              q("n", A, published="2022-02-15")]
    linking = link(quotes)
    assert statement(linking, "t1") != statement(linking, "t2")


def test_reference_is_the_wording_most_articles_print():
    trivial = A[0].lower() + A[1:-1]  # lower-cased, the full stop dropped: one writer's
    quotes = [q("x", trivial, published="2022-02-15"), q("v1", A), q("v2", A, order=1)]
    (s,) = link(quotes).statements
    assert s.reference_quote_id in ("v1", "v2") and s.text == A


def test_a_copied_wording_derives_from_its_earliest_identical_print():
    reworded = A.replace("systematically", "really")
    quotes = [q("t", A, kind="transcript", published="2022-02-10"),
              q("r1", reworded, published="2022-02-11"),
              q("v", A, published="2022-02-12"),
              q("r2", reworded, published="2022-02-13")]
    derived = {d.quote_id: d for d in link(quotes).derivations}
    assert (derived["r2"].source_quote_id, derived["r2"].evidence) == ("r1", "identical wording")
    assert derived["v"].source_quote_id == "t"  # the reference's own words: the transcript


def test_a_credited_outlet_beats_an_identical_print_elsewhere():
    trivial = A[:-1]
    quotes = [q("o", trivial, published="2022-02-11", outlet="Other Paper"),
              q("w", A, published="2022-02-12", outlet="Reuters"),
              q("c", trivial, published="2022-02-13", outlet="Daily", credits=("Reuters",))]
    derived = {d.quote_id: d for d in link(quotes).derivations}
    assert (derived["c"].source_quote_id, derived["c"].evidence) == ("w", "credited outlet")
