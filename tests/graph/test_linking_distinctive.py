"""What the 100k-article generated corpus taught linking: with many statements per speaker,
two of them often share most of their function words, a fragment often fits two of them,
and a transcript sentence is often explained by parts of two others. None of these may
merge two statements."""

from __future__ import annotations

from quotetrail.graph.link.linking import link
from quotetrail.graph.model import LinkQuote

SG = "stoltenberg"
PEACE = "So far, we have been working on a peaceful solution with them."
MISSILE = "So far, we have been working on a new missile defence with them."  # 0.8 alike


def q(qid, text, *, kind="news", published="2022-02-16", article=None):
    return LinkQuote(qid, text, SG, article or f"art-{qid}", kind, published, 0)


def together(linking, *qids):
    stmts = [{v.statement_id for v in linking.variants if v.quote_id == x} for x in qids]
    return bool(set.intersection(*stmts))


def test_sentences_alike_only_in_function_words_are_two_statements():
    linking = link([q("p1", PEACE), q("p2", PEACE), q("m1", MISSILE), q("m2", MISSILE)])
    assert not together(linking, "p1", "m1")


def test_a_reworded_print_still_joins_its_statement():
    reworded = PEACE.replace("peaceful", "real peaceful").replace("working", "labouring")
    linking = link([q("p1", PEACE), q("p2", PEACE), q("r", reworded), q("m1", MISSILE)])
    assert together(linking, "p1", "r") and not together(linking, "r", "m1")


def test_a_transcript_sentence_is_never_a_splice_of_others():
    a = "I regret to say that this is the new normal in Europe today."
    b = ("Moscow has made it clear that it is prepared to contest the fundamental principles "
         "that have underpinned our security for decades.")
    said = "The new normal is that Russia is willing to contest some fundamental principles " \
           "of our security."
    linking = link([q("a", a, article="x"), q("b", b, article="x"),
                    q("t", said, kind="transcript", article="t", published="2022-02-15")])
    assert not together(linking, "t", "a") and not together(linking, "t", "b")
    assert {v.mutation for v in linking.variants if v.quote_id == "t"} == {"verbatim"}


def test_a_fragment_both_statements_print_as_often_joins_neither():
    linking = link([q("p1", PEACE), q("m1", MISSILE), q("f1", "working on a"),
                    q("f2", "working on a")])
    assert not together(linking, "f1", "p1") and not together(linking, "f1", "m1")
    assert together(linking, "f1", "f2")  # the same words, without a clear host: one


def test_two_grown_statements_join_only_when_their_wordings_are_related():
    # two statements sharing their first four words (0.5 alike: unrelated), each printed
    # twice and with a variant; ax and bx are alike, ax fits b and bx fits a, yet a and b
    # are still two statements
    a = "crisis missile russian during winter against ukraine allies"
    ax = "crisis missile russian during border behind ukraine allies"
    b = "crisis missile russian during stand troops strikes border"
    bx = "crisis missile russian during against troops strikes border"
    linking = link([q("a1", a), q("a2", a), q("ax", ax), q("b1", b), q("b2", b), q("bx", bx)])
    assert not together(linking, "a1", "b1")
    assert together(linking, "a1", "ax") and together(linking, "b1", "bx")


# Two made-up statements of one speaker from the 100k corpus: they share their last four
# words (0.59 alike), and each is printed as said and reworded.
ARMS = "We are Black Sea to conduct aggressive actions."
READY = "That is that are ready to conduct aggressive actions."


def test_two_printed_statements_sharing_a_run_stay_two():
    linking = link([q("a1", ARMS), q("a2", ARMS), q("ax", ARMS.replace("are", "are in the")),
                    q("r1", READY), q("r2", READY), q("rx", READY.replace("are", "we are"))])
    assert together(linking, "a1", "ax") and together(linking, "r1", "rx")
    assert not together(linking, "a1", "r1")


def test_a_printed_statement_inside_another_names_longer_quote_stays_apart():
    said = "We cannot go through areas like arms control."
    longer = ("We cannot go through areas like arms control, missiles, transparent military "
              "equipment for dialogue, and south-eastern Europe.")
    quotes = [q("s1", said), q("s2", said), q("sx", said.replace("areas", "fields")),
              LinkQuote("l", longer, "sandley", "art-l", "news", "2022-02-16", 0)]
    linking = link(quotes)
    assert together(linking, "s1", "sx") and not together(linking, "s1", "l")
