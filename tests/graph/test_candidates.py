"""The fast paths of linking give what the plain definitions give: bulk MinHash signatures and
LSH pairs equal datasketch's (but for common bands, of stop-word pairs), splice alignment
equals the opcodes reading, and linking does not depend on the order of its input."""

from __future__ import annotations

import importlib.util
import random
import zlib
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH
from rapidfuzz.distance import Indel

from quotetrail.graph.link.candidates import (
    CROSS_K,
    CROSS_W,
    LSH_THRESHOLD,
    MAX_POSTING,
    NUM_PERM,
    WINNOW_K,
    WINNOW_W,
    band_signatures,
    candidates,
    signatures,
)
from quotetrail.graph.link.keys import BANDS, band_keys
from quotetrail.graph.link.linking import link
from quotetrail.graph.link.splices import _explained
from quotetrail.graph.link.units import (
    FRAGMENT_MAX_WORDS,
    STOPWORDS,
    TokenCache,
    Unit,
    make_units,
)

_BENCH = Path(__file__).resolve().parents[2] / "bench"


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(name, _BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _quotes():
    """The NATO seeds (transcripts, splices, unattributed quotes) and a synthetic corpus of
    ten speakers, with ids that cannot collide."""
    seeds, _ = _bench("linking_accuracy").seed_quotes()
    synthetic, _ = _bench("linking_scale").make_corpus(1500, seed=3)
    return seeds + synthetic


def test_signatures_equal_datasketch_bulk():
    rng = random.Random(5)
    sets = [[f"w{rng.randrange(300)} w{rng.randrange(300)}".encode()
             for _ in range(rng.randint(1, 40))] for _ in range(300)]
    expected = np.array([m.hashvalues for m in MinHash.bulk(sets, num_perm=NUM_PERM)])
    assert np.array_equal(signatures(sets), expected)


def _stop_pair(shingle: bytes) -> bool:
    return all(w in STOPWORDS for w in shingle.decode().split(" "))


def _stop_heavy(rng: random.Random, n: int) -> list[tuple[str, ...]]:
    """Word sequences of a few stop words, and words no other sequence has."""
    stop = sorted(STOPWORDS)[:6]
    return [tuple(rng.choice(stop) if rng.random() < 0.7 else f"w{rng.randrange(10**9)}"
                  for _ in range(rng.randint(8, 30))) for _ in range(n)]


def test_a_band_is_common_when_each_of_its_minima_is_a_pair_of_stop_words():
    sequences = _stop_heavy(random.Random(4), 200)
    _, common = band_signatures(sequences)
    ranges = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges
    for ws, row in zip(sequences, common, strict=True):
        shingles = sorted({f"{a} {b}".encode() for a, b in zip(ws, ws[1:], strict=False)})
        each = np.array([m.hashvalues for m in MinHash.bulk([[s] for s in shingles],
                                                            num_perm=NUM_PERM)])
        least = each.argmin(axis=0)  # per permutation, the shingle at its minimum
        assert list(row) == [all(_stop_pair(shingles[least[p]]) for p in range(a, b))
                             for a, b in ranges]
    assert 0 < common.sum() < common.size
    keys = band_keys([" ".join(ws) for ws in sequences])
    assert [[k is None for k in ks] for ks in keys] == common.tolist()
    assert all(len(ks) == BANDS for ks in keys)


def _plain_candidates(longs, stop_words_propose: bool = False) -> set[tuple[int, int]]:
    """The definition: MinHashLSH queries and winnowed 3-grams within a speaker, winnowed
    5-grams across speakers. A pair LSH proposes shares a band whose minima are not all
    pairs of stop words (the band of those alone would have the same values); a shared
    fingerprint is not that of a gram of stop words alone."""
    pairs: set[tuple[int, int]] = set()
    shingles = [[f"{a} {b}".encode() for a, b in zip(u.words, u.words[1:], strict=False)]
                for u in longs]
    hashes = MinHash.bulk(shingles, num_perm=NUM_PERM)
    stop = [[s for s in sh if _stop_pair(s)] for sh in shingles]
    stops = iter(MinHash.bulk([s for s in stop if s], num_perm=NUM_PERM))
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for u, m in zip(longs, hashes, strict=True):
        lsh.insert(u.idx, m)
    speaker = {u.idx: u.speaker for u in longs}
    signature = {u.idx: m.hashvalues for u, m in zip(longs, hashes, strict=True)}
    for u, m, some in zip(longs, hashes, stop, strict=True):
        least = next(stops).hashvalues if some else None
        useful = [(a, b) for a, b in lsh.hashranges if stop_words_propose or least is None
                  or not np.array_equal(m.hashvalues[a:b], least[a:b])]
        pairs.update((min(u.idx, j), max(u.idx, j)) for j in lsh.query(m)
                     if j != u.idx and speaker[j] == u.speaker and any(
                         np.array_equal(m.hashvalues[a:b], signature[j][a:b])
                         for a, b in useful))
    postings: dict = {}
    for u in longs:
        for k, w, group in ((WINNOW_K, WINNOW_W, u.speaker), (CROSS_K, CROSS_W, "*")):
            grams = [zlib.crc32(" ".join(u.words[i : i + k]).encode())
                     for i in range(len(u.words) - k + 1)]
            stop = {g for i, g in enumerate(grams) if not stop_words_propose
                    and all(word in STOPWORDS for word in u.words[i : i + k])}
            for fp in {min(grams[i : i + w]) for i in range(max(1, len(grams) - w + 1))} - stop:
                postings.setdefault((group, fp), []).append(u.idx)
    for members in postings.values():
        if 1 < len(members) <= MAX_POSTING:
            pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return pairs


def test_candidates_equal_the_plain_definition():
    quotes = sorted(_quotes(), key=lambda q: q.id)
    units = make_units(quotes, TokenCache())
    longs = [u for u in units if len(u.words) > FRAGMENT_MAX_WORDS]
    longs += [Unit(len(units) + i, ws, " ".join(ws))  # and some sharing only stop words
              for i, ws in enumerate(_stop_heavy(random.Random(4), 300))]
    expected = _plain_candidates(longs)
    assert len(expected) > 500  # the corpus has many similar quotes
    assert expected < _plain_candidates(longs, stop_words_propose=True)  # some share only those
    assert candidates(longs) == expected


def test_explained_positions_equal_the_opcodes_reading():
    rng = random.Random(9)
    vocab = [f"w{i}" for i in range(8)]  # few words: many equally good alignments
    for _ in range(3000):
        quote = tuple(rng.choices(vocab, k=rng.randint(1, 20)))
        other = tuple(rng.choices(vocab, k=rng.randint(1, 20)))
        content = {i for i in range(len(quote)) if rng.random() < 0.6}
        expected = {i for op in Indel.opcodes(list(other), list(quote)) if op.tag == "equal"
                    for i in range(op.dest_start, op.dest_end) if i in content}
        assert _explained(quote, other, content) == expected


def test_linking_does_not_depend_on_input_order():
    quotes = _quotes()
    whole = link(quotes)
    assert len(whole.statements) > 100 and any(v.mutation == "spliced" for v in whole.variants)
    shuffled = list(quotes)
    random.Random(2).shuffle(shuffled)
    assert link(shuffled) == whole
