"""Mutation kinds and word diffs, on made-up pairs and on pairs copied from the NATO seeds."""

from __future__ import annotations

import pytest

from quotetrail.graph.link.mutation import (
    REWORDED_MIN_SIMILARITY,
    canonical_words,
    classify,
    word_diff,
    words,
)
from quotetrail.graph.model import MUTATIONS

# examples/nato-2022: 000 (NationalWorld, 16 Feb), 001 (Express, 15 Feb), 002 (wire, 15 Feb),
# 003 (NATO transcript, 17 Feb).
REGRET_000 = "I regret to say that this is the new normal in Europe."
NEW_NORMAL_000 = "new normal"
DEESCALATION_000 = "so far we do not see any signs of de-escalation on the ground"
DEESCALATION_001 = "So far we have not seen any sign of de-escalation on the ground."
DEESCALATION_002 = "so far we have not seen any de-escalation on the ground"
REGRETTABLY_003 = (
    "Regrettably, I think what we are seeing now is a kind of new normal for European security."
)
BRINK_001 = (
    "Everything is now in place for a new attack. But Russia still has time to step back "
    "from the brink."
)


def test_words_normalise_case_apostrophes_punctuation_and_numbers():
    assert words("NATO’s “Defence” – 100,000 troops; don't!") == [
        "nato's", "defence", "100000", "troops", "don't",
    ]
    assert words("100.000") == words("100,000") == ["100000"]
    assert words("€1.2 billion") == ["1.2", "billion"]  # a decimal point is not a separator
    assert words("de-escalation") == ["de", "escalation"]


def test_canonical_words_map_spellings():
    assert canonical_words("Defence organisation") == canonical_words("defense Organization")
    assert canonical_words("they recognised") == ("they", "recognized")


def test_word_diff_orders_ops_and_shows_printed_words():
    diff = word_diff("We see no sign of withdrawal.", "We see NO signs of a withdrawal")
    assert diff == (
        ("=", "We see NO"), ("-", "sign"), ("+", "signs"), ("=", "of"), ("+", "a"),
        ("=", "withdrawal"),
    )
    assert word_diff("a b c", "a b c") == (("=", "a b c"),)
    assert word_diff("a b c d", "a d") == (("=", "a"), ("-", "b c"), ("=", "d"))


@pytest.mark.parametrize(
    ("reference", "variant", "kind"),
    [
        ("We are ready to talk.", "We are ready to talk.", "verbatim"),
        ("We are ready to talk.", "we are READY to talk", "trivial"),
        ("Nato’s defence is strong.", "NATO's defense is strong!", "trivial"),
        ("new battle groups in Europe", "new battlegroups in Europe", "trivial"),
        ("We are ready to talk to Russia today.", "ready to talk to Russia", "truncated"),
        ("We are ready to talk to Russia today.", "We are ready ... today.", "spliced"),
        ("We are ready to talk to Russia today.", "to Russia today. We are ready", "spliced"),
        ("We are ready to talk to Russia today.", "We are prepared to talk to Russia today.",
         "reworded"),
        ("We are ready to talk to Russia today.", "Dialogue with Moscow remains possible, "
         "the alliance insisted, today.", "paraphrased"),
    ],
)
def test_kinds_on_made_up_pairs(reference, variant, kind):
    got, similarity, diff = classify(reference, variant)
    assert got == kind
    assert got in MUTATIONS
    assert 0.0 <= similarity <= 1.0
    assert diff


def test_similarity_scale():
    assert classify("a b c d", "a b c d")[1] == 1.0
    assert classify("a b c d", "we are x y")[1] == 0.0
    assert classify("a b c d e", "a b c d x")[1] == pytest.approx(0.8)


def test_misattributed_only_for_unchanged_words():
    assert classify("We are ready.", "We are ready.", same_speaker=False)[0] == "misattributed"
    assert classify("We are ready to talk.", "ready to talk", same_speaker=False)[0] == (
        "misattributed"
    )
    # reworded words under another name are still a rewording, not the same words
    assert classify("We are ready to talk now.", "We are prepared to talk now.",
                    same_speaker=False)[0] == "reworded"


def test_extended_quote_is_reworded_not_paraphrased():
    # a news paragraph that prints the whole reference sentence inside more words
    kind, similarity, diff = classify(
        "We are ready to talk.",
        "We are ready to talk. But we will not compromise on our core principles.",
    )
    assert kind == "reworded"
    assert similarity < REWORDED_MIN_SIMILARITY
    assert diff[0] == ("=", "We are ready to talk")
    assert diff[1][0] == "+"


def test_seed_truncation_new_normal():
    kind, similarity, diff = classify(REGRET_000, NEW_NORMAL_000)
    assert kind == "truncated"
    assert similarity == pytest.approx(2 * 2 / (12 + 2), abs=1e-3)
    assert diff == (
        ("-", "I regret to say that this is the"), ("=", "new normal"), ("-", "in Europe"),
    )


def test_seed_rewording_deescalation_000_vs_001():
    kind, similarity, diff = classify(DEESCALATION_001, DEESCALATION_000)
    assert kind == "reworded"
    assert 0.7 < similarity < 0.9
    assert ("-", "have") in diff and ("+", "do") in diff
    assert ("-", "sign") in diff and ("+", "signs") in diff
    assert diff[-1] == ("=", "of de escalation on the ground")


def test_seed_splice_002_drops_words_inside_001():
    # 002 prints "any de-escalation" where 001 has "any sign of de-escalation": the two
    # parts are joined with the words between them dropped and nothing added.
    kind, _, diff = classify(DEESCALATION_001, DEESCALATION_002)
    assert kind == "spliced"
    assert diff == (
        ("=", "so far we have not seen any"), ("-", "sign of"),
        ("=", "de escalation on the ground"),
    )


def test_seed_ellipsis_splice_of_001():
    assert classify(BRINK_001, "Everything is now in place for a new attack ... step back "
                               "from the brink.")[0] == "spliced"


def test_seed_different_wording_of_new_normal_is_paraphrase():
    # 003's transcript sentence and 000's printed sentence share only "new normal" and a
    # few function words: as wordings they are paraphrases (different occasions, in fact).
    kind, similarity, _ = classify(REGRETTABLY_003, REGRET_000)
    assert kind == "paraphrased"
    assert similarity < 0.4


SIGNS_000 = (
    "Allies welcome all diplomatic efforts and there are signs from Moscow that diplomacy "
    "should continue, but so far we do not see any signs of de-escalation on the ground – no "
    "withdrawals of troops or equipment."
)
SIGNALS_002 = (
    "We have heard signals from Moscow regarding its willingness to continue diplomatic "
    "efforts, but so far we have not seen any de-escalation on the ground; on the contrary, it "
    "seems that Russia continues with the military reinforcement"
)


def test_seed_translation_002_is_paraphrase_of_000():
    # the wire's English translation says the first half in other words and adds a clause
    kind, similarity, diff = classify(SIGNS_000, SIGNALS_002)
    assert kind == "paraphrased"
    assert ("=", "de escalation on the ground") in diff


def test_seed_sentence_001_is_a_reworded_part_of_000():
    kind, _, diff = classify(SIGNS_000, DEESCALATION_001)
    assert kind == "reworded"
    assert ("-", "Allies welcome all diplomatic efforts and there are signs from Moscow that "
                 "diplomacy should continue but") in diff


def test_seed_fragments_are_truncations():
    assert classify(SIGNS_000, "diplomacy should continue")[0] == "truncated"
    assert classify("provide some reason for cautious optimism", "cautious optimism")[0] == (
        "truncated")


def test_reported_speech_is_a_paraphrase_however_many_words_it_keeps():
    said = "We will continue to support Ukraine and we have sent more troops to the east."
    reported = "they would continue to support Ukraine and they had sent more troops to the east"
    assert classify(said, reported)[0] == "paraphrased"
    assert classify(said, said.replace("more", "extra"))[0] == "reworded"
