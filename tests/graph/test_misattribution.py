"""Cross-speaker check: the same words under another speaker's name."""

from __future__ import annotations

from quotetrail.graph.link.linking import link
from quotetrail.graph.link.misattribution import find_misattributions
from quotetrail.graph.model import LinkQuote

SAID = "Russia has amassed a fighting force in and around Ukraine unprecedented since the Cold War."


def q(qid, text, speaker, *, kind="news", published="2022-02-16", article=None):
    return LinkQuote(qid, text, speaker, article or f"art-{qid}", kind, published, 0)


def test_truncated_words_under_another_name_are_misattributed():
    quotes = [q("t", SAID, "Jens Stoltenberg", kind="transcript", published="2022-02-15"),
              q("n1", SAID, "Jens Stoltenberg"),
              q("x", "amassed a fighting force in and around Ukraine", "Joe Biden"),
              q("short", "a fighting force", "Joe Biden"),  # under 6 words: never
              q("other", "We will defend ourselves against any enemy.", "Volodymyr Zelenskyy")]
    linking = link(quotes)  # per speaker: never joins two speakers
    assert len({v.statement_id for v in linking.variants if v.quote_id in ("t", "x")}) == 2
    found = find_misattributions(linking.statements, quotes)
    (record,) = found
    stoltenberg = next(s for s in linking.statements if s.reference_quote_id == "t")
    assert (record.quote_id, record.statement_id, record.mutation) == (
        "x", stoltenberg.id, "misattributed")
    assert ("=", "amassed a fighting force in and around Ukraine") in record.diff


def test_reworded_words_or_a_stronger_own_statement_are_not_flagged():
    quotes = [q("a", SAID, "Jens Stoltenberg"),
              q("b", SAID.replace("amassed", "gathered"), "Joe Biden"),  # reworded: not same
              q("p", SAID, "Joe Biden", kind="transcript", published="2022-02-14")]
    linking = link(quotes)
    # Biden's own transcript holds the words: he said them; Stoltenberg's quote is flagged.
    flagged = {(v.quote_id, v.mutation) for v in find_misattributions(linking.statements,
                                                                      quotes)}
    assert ("b", "misattributed") not in flagged
    assert ("p", "misattributed") not in flagged
    assert ("a", "misattributed") in flagged
