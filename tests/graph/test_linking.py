"""Linking quotes into statements: grouping, references, ids, dates, derivations."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace

from quotetrail.graph.link.linking import link
from quotetrail.graph.model import MUTATIONS, LinkQuote

SG = "stoltenberg"


def q(qid, text, *, speaker=SG, article=None, kind="news", published="2022-02-16", order=0):
    return LinkQuote(qid, text, speaker, article or f"art-{qid}", kind, published, order)


def statement_of(linking):
    return {v.quote_id: v.statement_id for v in linking.variants}


def statements_of(linking):
    found: dict[str, set[str]] = {}
    for v in linking.variants:
        found.setdefault(v.quote_id, set()).add(v.statement_id)
    return found


def together(linking, *quote_ids):
    """All the quotes print one statement (a splice prints two: it is with both)."""
    sids = statements_of(linking)
    return bool(set.intersection(*(sids[i] for i in quote_ids)))


LONG_A = (
    "Russia has amassed a fighting force in and around Ukraine unprecedented since the Cold War."
)
LONG_B = "We have systematically exposed Russia's actions, plans and disinformation to the world."
LONG_C = "Every nation has the right to choose its own path and that is absolutely fundamental."


def corpus():
    return [
        q("a1", LONG_A, published="2022-02-15", order=1),
        q("a2", LONG_A.replace("amassed", "gathered"), published="2022-02-16", order=2),
        q("a3", "Russia has amassed a fighting force in and around Ukraine.", order=3),
        q("a4", "fighting force", article="art-a2", order=2),
        q("b1", LONG_B, published="2022-02-14", order=4),
        q("b2", "We have exposed Russia's actions, plans and disinformation to the world.",
          order=5),
        q("c1", LONG_C, published=None, order=6),
        q("c2", LONG_C, speaker="someone else", order=7),
        q("n1", LONG_A, speaker=None, order=8),
        q("t1", LONG_B, kind="transcript", published="2022-02-14T18:00:00+01:00",
          article="tr", order=9),
        q("t2", "Everything is now in place for a new attack on Ukraine by Russia.",
          kind="transcript", published="2022-02-17T09:00:00+01:00", article="tr", order=9),
    ]


def test_every_quote_has_exactly_one_variant_without_splices():
    linking = link(corpus())
    assert sorted(v.quote_id for v in linking.variants) == sorted(x.id for x in corpus())
    assert {v.statement_id for v in linking.variants} == {s.id for s in linking.statements}
    assert all(v.mutation in MUTATIONS for v in linking.variants)


def test_independent_of_input_order():
    expected = link(corpus())
    for seed in range(5):
        shuffled = corpus()
        random.Random(seed).shuffle(shuffled)
        assert link(shuffled) == expected


def test_a_memo_of_earlier_links_changes_nothing_as_quotes_join():
    """A relink links a growing component again with the statements it decided before
    (keyed by quote ids): each link equals one without them, though every quote's load
    order is ranked anew among more articles."""
    quotes, memo = corpus(), {}
    for n in (4, 7, len(quotes)):
        part = [replace(x, order=x.order * 10 - n) for x in quotes[:n]]
        assert link(part, memo=memo) == link(part)
    assert memo  # the later links found statements in it
    joined = quotes[:4] + [q("a5", "Russia has amassed a fighting force.", order=1)]
    assert link(joined, memo=dict(memo)) == link(joined)


def test_statement_id_is_sha1_of_reference_quote_id():
    linking = link(corpus())
    for s in linking.statements:
        assert s.id == "st-" + hashlib.sha1(s.reference_quote_id.encode()).hexdigest()[:16]
    # a statement keeps its id when another variant joins it
    before = {s.reference_quote_id: s.id for s in link(corpus()[:2]).statements}
    after = {s.reference_quote_id: s.id for s in linking.statements}
    assert before["a1"] == after["a1"]


def test_variants_grouped_and_kinds():
    linking = link(corpus())
    assert together(linking, "a1", "a2", "a3", "a4")
    mutation = {v.quote_id: v.mutation for v in linking.variants}
    assert mutation["a3"] == "truncated"
    assert mutation["a4"] == "truncated"
    assert mutation["a2"] == "reworded"


def test_different_sentences_of_one_speaker_stay_apart():
    linking = link(corpus())
    assert not together(linking, "a1", "b1")
    assert not together(linking, "a1", "c1")
    assert not together(linking, "t1", "t2")


def test_the_words_decide_whoever_is_credited():
    """The same words under two names are one statement with an attribution conflict (one
    print each: nobody is flagged); under no name, they join and show the inferred speaker."""
    linking = link(corpus())
    assert together(linking, "c1", "c2")
    assert together(linking, "a1", "n1")
    st = {s.id: s for s in linking.statements}
    conflicted = st[statement_of(linking)["c1"]]
    assert sorted(conflicted.conflict) == [("someone else", 1), (SG, 1)]
    variant = {v.quote_id: v for v in linking.variants}
    assert variant["c1"].mutation != "misattributed" != variant["c2"].mutation
    assert st[statement_of(linking)["n1"]].speaker == SG
    assert variant["n1"].inferred_from == 4  # a1 to a4 name him
    assert variant["a1"].inferred_from is None


def test_transcript_sentence_becomes_reference():
    linking = link(corpus())
    assert together(linking, "b1", "b2", "t1")
    st = {s.id: s for s in linking.statements}[statement_of(linking)["t1"]]
    assert st.reference_quote_id == "t1"  # though b1 is older and news printed it twice
    assert st.first_seen == "2022-02-14"
    assert st.quote_count == 3


def test_medoid_reference_without_primary_source():
    base = "the alliance will never compromise on the core principles of our security"
    quotes = [
        q("m1", "the alliance will not compromise on the core principles of our security"),
        q("m2", base),
        q("m3", "the alliance will never compromise on the principles of our security"),
        q("m4", base.replace("never", "never ever") + " whatever happens tomorrow"),
    ]
    linking = link(quotes)
    assert len(linking.statements) == 1
    assert linking.statements[0].reference_quote_id == "m2"


def test_first_seen_normalises_time_zones_and_ignores_missing_dates():
    quotes = [
        q("x1", LONG_C, published="2022-02-16T00:30:00+02:00", order=1),  # 15 Feb 22:30 UTC
        q("x2", LONG_C, published="2022-02-15T23:00:00Z", order=2),
        q("x3", LONG_C, published=None, order=0),
    ]
    (st,) = link(quotes).statements
    assert st.first_seen == "2022-02-16T00:30:00+02:00"
    assert st.quote_count == 3


def test_fragment_joins_best_host_and_never_bridges():
    other = "the new normal is that Russia is willing to contest some principles of security"
    quotes = [
        q("h1", "I regret to say that this is the new normal in Europe today.", article="x"),
        q("h2", other, article="y"),
        q("f1", "the new normal", article="y"),
        q("f2", "new normal", article="z"),
    ]
    linking = link(quotes)
    assert not together(linking, "h1", "h2")  # the fragments match both, bridge neither
    assert together(linking, "f1", "h2")  # same article as its host
    # printed apart from both, and each statement prints it as often: a reader cannot tell
    # which one it cuts, so it joins neither
    assert not together(linking, "f2", "h1") and not together(linking, "f2", "h2")


def test_fragment_joins_the_statement_that_prints_it_most():
    other = "the new normal is that Russia is willing to contest some principles of security"
    quotes = [
        q("h1", "I regret to say that this is the new normal in Europe today.", article="x"),
        q("h1b", "I regret to say that this is the new normal in Europe today.", article="w"),
        q("h1c", "I regret to say that this is the new normal in Europe.", article="v"),
        q("h2", other, article="y"),
        q("f2", "new normal", article="z"),
    ]
    linking = link(quotes)
    assert not together(linking, "h1", "h2")
    assert together(linking, "f2", "h1")  # three prints against one


def test_paragraph_containing_transcript_sentences_joins_only_one():
    s1 = "We call on Russia to do what it says and withdraw its forces from the borders."
    s2 = "This will be an important first step towards a peaceful political solution."
    quotes = [
        q("t1", s1, kind="transcript", article="tr", order=0),
        q("t2", s2, kind="transcript", article="tr", order=0),
        q("p1", f"{s1} {s2} We continue to monitor developments very closely.", order=1),
        q("p2", f"We are monitoring. {s2}", order=2),
    ]
    linking = link(quotes)
    assert not together(linking, "t1", "t2")
    assert together(linking, "p1", "t1")  # its first sentence, covered best
    assert together(linking, "p2", "t2")
    mutation = {v.quote_id: v.mutation for v in linking.variants}
    assert mutation["p1"] == "reworded"  # the sentence, printed with more words around it


def test_derivations_point_backwards_and_across_articles():
    linking = link(corpus())
    by_id = {x.id: x for x in corpus()}
    sid = statement_of(linking)
    derived = {d.quote_id: d for d in linking.derivations}
    for d in linking.derivations:
        src, dst = by_id[d.source_quote_id], by_id[d.quote_id]
        assert d.source_quote_id != d.quote_id
        assert sid[d.source_quote_id] == sid[d.quote_id]
        assert src.article_id != dst.article_id
        assert (src.published or "9") <= (dst.published or "9")
        assert 0.0 <= d.similarity <= 1.0
    assert "a1" not in derived and "b1" not in derived  # the earliest have no source
    assert derived["a2"].source_quote_id == "a1"
    # b1 is dated 14 Feb with no time of day, t1 14 Feb 17:00 UTC: their order is unknown
    assert "t1" not in derived
    assert "a4" in derived and derived["a4"].source_quote_id != "a2"  # same article


def test_shared_truncation_point_and_primary_source_evidence():
    quotes = [
        q("p", LONG_B, kind="press_release", published="2022-02-10", article="pr"),
        q("n1", "exposed Russia's actions, plans and disinformation", published="2022-02-11"),
        q("n2", LONG_B, published="2022-02-12"),
        q("n3", "exposed Russia's actions, plans and disinformation", published="2022-02-13"),
    ]
    derived = {d.quote_id: d for d in link(quotes).derivations}
    assert (derived["n3"].source_quote_id, derived["n3"].evidence) == (
        "n1", "identical wording",  # the same cut, printed again
    )
    assert (derived["n2"].source_quote_id, derived["n2"].evidence) == (
        "p", "earliest primary source",
    )
    assert (derived["n1"].source_quote_id, derived["n1"].evidence) == (
        "p", "earliest primary source",
    )


def test_time_order_evidence_without_primary():
    quotes = [q("e1", LONG_A, published="2022-02-10"), q("e2", LONG_A, published="2022-02-11")]
    (d,) = link(quotes).derivations
    assert (d.quote_id, d.source_quote_id, d.evidence, d.similarity) == (
        "e2", "e1", "time order", 1.0,
    )


def test_nato_seed_quotes():
    """Texts copied from examples/nato-2022 (000 NationalWorld 16 Feb, 001 Express 15 Feb,
    002 wire 15 Feb, 003 NATO transcript 17 Feb, 004 DW 16 Feb)."""
    d15, d16, d17 = "2022-02-15", "2022-02-16", "2022-02-17T15:23:00+01:00"
    quotes = [
        q("000-deesc", "Allies welcome all diplomatic efforts and there are signs from Moscow "
          "that diplomacy should continue, but so far we do not see any signs of "
          "de-escalation on the ground – no withdrawals of troops or equipment.",
          article="000", published=d16, order=0),
        q("000-biggest", "This is the biggest concentration of forces in Europe since the "
          "Cold War.", article="000", published=d16, order=0),
        q("000-regret", "I regret to say that this is the new normal in Europe.",
          article="000", published=d16, order=0),
        q("000-frag", "new normal", article="000", published=d16, order=0),
        q("001-deesc", "So far we have not seen any sign of de-escalation on the ground.",
          article="001", published=d15, order=1),
        q("001-amassed", "Russia has amassed a fighting force in and around Ukraine, "
          "unprecedented since the Cold War.", article="001", published=d15, order=1),
        q("002-deesc", "We have heard signals from Moscow regarding its willingness to "
          "continue diplomatic efforts, but so far we have not seen any de-escalation on the "
          "ground; on the contrary, it seems that Russia continues with the military "
          "reinforcement", article="002", published=d15, order=2),
        q("003-regret", "Regrettably, I think what we are seeing now is a kind of new normal "
          "for European security.", article="003", kind="transcript", published=d17, order=3),
        q("003-trend", "Because we have seen this trend over many years.", article="003",
          kind="transcript", published=d17, order=3),
        q("004-normal", "The new normal is that Russia is willing to contest some fundamental "
          "principles of our security,", article="004", published=d16, order=4),
        q("004-frag", "new normal", article="004", published=d16, order=4),
    ]
    linking = link(quotes)
    st = {s.id: s for s in linking.statements}
    sid = statement_of(linking)
    # The same talking point in three wordings ("do not see any signs" / "have not seen any
    # sign" / "have not seen any"): linked by their shared words.
    assert together(linking, "000-deesc", "001-deesc", "002-deesc")
    # Judgement: not the same utterance. They share only "since the Cold War"; 000's passage
    # goes on from "a massive invasion force ready to attack" (absent from 001's statement
    # in full) and 000 reports the 16 Feb ministerial while 001 is the 15 Feb briefing.
    assert not together(linking, "000-biggest", "001-amassed")
    # "new normal" in three different sentences (16 Feb x2, 17 Feb transcript): each
    # fragment joins the sentence printed in its own article, and the sentences stay apart.
    assert together(linking, "000-frag", "000-regret")
    assert together(linking, "004-frag", "004-normal")
    # DW's sentence splices "new normal" (000's "I regret ...") with "contest ... fundamental
    # principles of our security" (000's "Moscow has made it clear ...", not quoted here):
    # without that second statement it is no variant of "I regret ...".
    assert not together(linking, "000-regret", "004-normal")
    assert not together(linking, "000-regret", "003-regret")  # a paraphrase, a day apart
    assert not together(linking, "003-regret", "003-trend")
    assert st[sid["003-regret"]].reference_quote_id == "003-regret"
    deesc = st[sid["001-deesc"]]
    assert deesc.first_seen == d15 and deesc.quote_count == 3
    mutation = {v.quote_id: v.mutation for v in linking.variants}
    assert mutation["000-frag"] == "truncated"
    derived = {d.quote_id: d for d in linking.derivations}
    assert "000-frag" not in derived  # its only earlier-or-equal relative is in 000 itself
    # no earlier print holds the longer sentence's words: no source is claimed
    assert "000-deesc" not in derived


def test_same_fragment_without_host_is_one_statement():
    quotes = [q("g1", "imminent invasion"), q("g2", "imminent invasion"), q("g3", "invasion")]
    linking = link(quotes)
    assert together(linking, "g1", "g2")
    assert not together(linking, "g1", "g3")  # one word is too little to link


# -- splices across statements, occasions, misattribution, provenance evidence ----------

SPLICE_A = "I regret to say that this is the new normal in Europe today."
SPLICE_B = ("Moscow has made it clear that it is prepared to contest the fundamental principles "
            "that have underpinned our security for decades.")
SPLICE = ("The new normal is that Russia is willing to contest some fundamental principles of "
          "our security")


def test_splice_of_two_statements_is_a_variant_of_each():
    quotes = [q("a", SPLICE_A, article="x"), q("b", SPLICE_B, article="x"),
              q("s", SPLICE, article="y", published="2022-02-17"),
              q("f", "new normal", article="y", published="2022-02-17")]
    linking = link(quotes)
    assert not together(linking, "a", "b")
    assert together(linking, "s", "a") and together(linking, "s", "b")
    assert together(linking, "f", "a") and not together(linking, "f", "b")  # its part
    kinds = {(v.quote_id, v.statement_id): v.mutation for v in linking.variants}
    assert sorted(k for (qid, _), k in kinds.items() if qid == "s") == ["spliced", "spliced"]
    st = {s.reference_quote_id: s for s in linking.statements}
    assert st["a"].quote_count == 3 and st["b"].quote_count == 2  # the splice counts in both
    # the diff against each reference keeps that statement's words
    diffs = {v.statement_id: v.diff for v in linking.variants if v.quote_id == "s"}
    assert ("=", "The new normal") in diffs[st["a"].id]
    assert ("=", "fundamental principles") in diffs[st["b"].id]


def test_two_sentences_of_one_passage_are_no_splice():
    quotes = [q("a", "We will not compromise on our core principles in any negotiation.",
                article="x"),
              q("b", "Each nation has the right to choose its own path in Europe today.",
                article="y"),
              q("p", "But we will not compromise on our core principles. Every nation has the "
                "right to choose its own path.", article="z")]
    linking = link(quotes)
    assert len(statements_of(linking)["p"]) == 1


def test_seed_dw_splice():
    """examples/nato-2022: DW (004, 16 Feb) prints 'The new normal is that Russia is willing to
    contest some fundamental principles of our security', joining two sentences that
    NationalWorld (000, 16 Feb) prints apart; the 17 Feb transcript's similar sentence
    ('Where Russia contest fundamental principles for European security') is a later
    occasion and must not take part."""
    d16, d17 = "2022-02-16", "2022-02-17T15:23:00+01:00"
    quotes = [
        q("000-contest", "Moscow has made it clear that it is prepared to contest the "
          "fundamental principles that have underpinned our security for decades, and to do so "
          "by using force.", article="000", published=d16, order=0),
        q("000-regret", "I regret to say that this is the new normal in Europe.",
          article="000", published=d16, order=0),
        q("003-where", "Where Russia contest fundamental principles for European security and "
          "where they're willing to use force as I've done against Ukraine, Georgia, but also "
          "to threaten with the use of force to intimidate countries in in Europe.",
          article="003", kind="transcript", published=d17, order=3),
        q("004-splice", "The new normal is that Russia is willing to contest some fundamental "
          "principles of our security", article="004", published=d16, order=4),
    ]
    linking = link(quotes)
    assert together(linking, "004-splice", "000-contest")
    assert together(linking, "004-splice", "000-regret")
    assert not together(linking, "004-splice", "003-where")
    assert {v.mutation for v in linking.variants if v.quote_id == "004-splice"} == {"spliced"}


def test_news_printed_before_a_primary_source_is_another_occasion():
    said = "We have not yet received any response from Russia to our written proposals."
    again = said.replace("written proposals", "proposals")  # said again on 17 Feb
    quotes = [q("n", said, published="2022-02-15", article="n"),
              q("t", again, kind="transcript", published="2022-02-17T15:00:00+01:00",
                article="t"),
              q("m", again, published="2022-02-17", article="m")]
    linking = link(quotes)
    assert not together(linking, "n", "t")  # printed two days before that press conference
    assert together(linking, "m", "t")  # printed the day of it


def test_credited_outlet_evidence():
    quotes = [
        LinkQuote("w", LONG_A, SG, "wire", "news", "2022-02-15", 0, outlet="Reuters"),
        LinkQuote("o", LONG_A.replace("amassed", "gathered"), SG, "other", "news",
                  "2022-02-15", 1, outlet="Other Paper"),
        LinkQuote("c", LONG_A.replace("amassed", "gathered"), SG, "credits", "news",
                  "2022-02-16", 2, outlet="Daily", credits=("Reuters",)),
    ]
    derived = {d.quote_id: d for d in link(quotes).derivations}
    # without the credit, "o" (the same rewording) would be the source
    assert (derived["c"].source_quote_id, derived["c"].evidence) == ("w", "credited outlet")


def test_shared_truncation_point_evidence_on_different_cuts():
    full = "we call on Russia to de-escalate and to withdraw its forces from the borders now"
    quotes = [q("r", full, kind="press_release", article="pr", published="2022-02-10"),
              q("c1", "to de-escalate and to withdraw its forces", published="2022-02-11"),
              q("c2", "to de-escalate and to withdraw", published="2022-02-12"),
              q("c3", "withdraw its forces from the borders", published="2022-02-13")]
    derived = {d.quote_id: d for d in link(quotes).derivations}
    assert (derived["c2"].source_quote_id, derived["c2"].evidence) == (
        "c1", "shared truncation point")  # both cut right before "to de-escalate"
    assert derived["c3"].evidence == "earliest primary source"
