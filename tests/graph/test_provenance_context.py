"""Provenance from the text a reader can see around a quote: of two earlier prints of the
same words, a copy derives from the one whose surrounding sentences it carries over."""

from __future__ import annotations

from quotetrail.graph.link.context import shared_words, shingles, window
from quotetrail.graph.link.linking import link
from quotetrail.graph.link.provenance import CONFIDENCE
from quotetrail.graph.model import LinkQuote

WORDS = "We will not accept any attempt to redraw the borders of Europe by force."
SPEAKER = "sp-jens-stoltenberg"


def article(lead: str, words: str, after: str) -> tuple[str, int, int]:
    """An article's text with the quote between a lead and a sentence after it."""
    head = f"Talks on the alliance.\n\n{lead}\n\nMr Stoltenberg said: “"
    text = f"{head}{words}”\n\n{after}\n\nRef X-1\n"
    return text, len(head), len(head) + len(words)


def printed(qid: str, published: str, lead: str, after: str, outlet: str) -> LinkQuote:
    text, start, end = article(lead, WORDS, after)
    return LinkQuote(qid, WORDS, SPEAKER, f"art-{qid}", "news", published, 0, outlet=outlet,
                     context=window(text, start, end))


FIRST = ("Jens Stoltenberg spoke to students at the town library in Harwick on Monday "
         "morning.", "The plan covers 40 ports across the northern coast.")
SECOND = ("Jens Stoltenberg met port workers at a grain terminal in Dunmore on Tuesday "
          "evening.", "Officials put the cost at 3.2 billion euros over 6 years.")


def derivation(quotes: list[LinkQuote], qid: str):
    return {d.quote_id: d for d in link(quotes).derivations}[qid]


def test_window_keeps_the_sentence_before_and_after_without_the_quote():
    text, start, end = article(*SECOND[:1], WORDS, SECOND[1])
    context = window(text, start, end)
    before, after = context.split("\n")
    assert before == f"{SECOND[0]} Mr Stoltenberg said: “"
    assert after == f"” {SECOND[1]}"
    assert "redraw" not in context and "Talks on" not in context and "Ref" not in context


def test_a_copy_derives_from_the_later_print_whose_context_it_shares():
    # two identical earlier prints; the copy carries over the second one's lead and its
    # sentence after the quote (with one word changed): without the context, the rule is
    # the first print (identical wording, earliest), which is wrong here
    first = printed("first", "2022-02-14T08:00:00+00:00", *FIRST, "Harwick Herald")
    second = printed("second", "2022-02-15T08:00:00+00:00", *SECOND, "Dunmore Post")
    copy = printed("copy", "2022-02-16T08:00:00+00:00", SECOND[0].replace("met", "spoke to"),
                   SECOND[1], "Castlebay Courier")
    d = derivation([first, second, copy], "copy")
    assert d.source_quote_id == "second"
    assert d.evidence.startswith("shared context: ")
    words = int(d.evidence.split(": ")[1].split()[0])
    assert words == shared_words(copy.context, shingles(second.context)) >= 20
    assert d.confidence > 0.7


def test_with_no_shared_context_the_old_rule_holds_with_a_low_confidence_that_says_so():
    first = printed("first", "2022-02-14T08:00:00+00:00", *FIRST, "Harwick Herald")
    second = printed("second", "2022-02-15T08:00:00+00:00", *SECOND, "Dunmore Post")
    copy = printed("copy", "2022-02-16T08:00:00+00:00",
                   "Jens Stoltenberg addressed diplomats at an army base in Kilbride on Friday.",
                   "Some 12 bridges in the west have been waiting since May.", "Castlebay Courier")
    d = derivation([first, second, copy], "copy")
    assert d.source_quote_id == "first"
    assert d.evidence == ("time order; one of 2 earlier prints alike, context tells none apart")
    assert d.confidence == round(CONFIDENCE["time order"] / 2, 3)


def test_a_later_print_sharing_the_context_is_never_the_source():
    # the print with the shared context appeared after the copy: the copy cannot come from
    # it, and a same-day print without a time of day is in an unknown order
    first = printed("first", "2022-02-14T08:00:00+00:00", *FIRST, "Harwick Herald")
    later = printed("later", "2022-02-17T08:00:00+00:00", *SECOND, "Dunmore Post")
    same_day = printed("same-day", "2022-02-16", *SECOND, "Wexley Gazette")
    copy = printed("copy", "2022-02-16T08:00:00+00:00", *SECOND, "Castlebay Courier")
    d = derivation([first, later, same_day, copy], "copy")
    assert (d.source_quote_id, d.evidence) == ("first", "time order")


def test_the_house_template_weighs_little_against_a_copied_lead():
    # four earlier prints; three share the copy's template sentence after the quote ("The
    # remarks were first reported by ..." is every crediting article's), one its lead: the
    # lead, printed by that article alone among the statement's, decides
    template = "The remarks were first reported by Reuters news agency in the capital."
    first = printed("first", "2022-02-14T08:00:00+00:00", *FIRST, "Harwick Herald")
    others = [printed(f"t{i}", f"2022-02-1{4 + i}T09:00:00+00:00",
                      f"Jens Stoltenberg met {who} at a trade fair in Wexley on Friday.",
                      template, f"Outlet {i}")
              for i, who in enumerate(("farmers", "students", "mayors"))]
    copy = printed("copy", "2022-02-18T08:00:00+00:00", FIRST[0], template, "Castlebay Courier")
    d = derivation([first, *others, copy], "copy")
    assert d.source_quote_id == "first"
    assert d.evidence.startswith("shared context: ")


def test_an_unnamed_copy_may_derive_from_a_print_under_a_wrong_name():
    # the same words under another name (misattributed) and later with no name: the words
    # are all the unnamed print shows, so the wrongly credited print that shares its
    # context is a faithful source, not the earlier print with other sentences around it
    right = [printed(f"r{i}", f"2022-02-1{i}T08:00:00+00:00", *SECOND, f"Outlet {i}")
             for i in range(3)]
    text, start, end = article(FIRST[0], WORDS, FIRST[1])
    wrong = LinkQuote("wrong", WORDS, "sp-someone-else", "art-wrong", "news",
                      "2022-02-14T08:00:00+00:00", 0, outlet="Harwick Herald",
                      context=window(text, start, end))
    text, start, end = article(FIRST[0].replace("Jens Stoltenberg", "The remarks were made to"),
                               WORDS, FIRST[1])
    unnamed = LinkQuote("unnamed", WORDS, None, "art-unnamed", "news",
                        "2022-02-16T08:00:00+00:00", 0, outlet="Castlebay Courier",
                        context=window(text, start, end))
    linking = link([*right, wrong, unnamed])
    assert {v.quote_id: v.mutation for v in linking.variants}["wrong"] == "misattributed"
    d = {d.quote_id: d for d in linking.derivations}["unnamed"]
    assert d.source_quote_id == "wrong"
    assert d.evidence.startswith("shared context: ")
