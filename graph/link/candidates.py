"""Candidate pairs for linking, never all pairs (used by `linking`).

- MinHash-LSH over 2-word shingles proposes similar long quotes. The signatures and bands
  are exactly datasketch's (`MinHash(num_perm)` with its default scheme and seed, bands of
  `MinHashLSH(threshold, num_perm)`), computed in bulk with numpy: each distinct shingle is
  hashed once, each distinct word sequence sketched once. Buckets hold every speaker's
  quotes: the words decide, whoever they are credited to. A band whose minima are all
  pairs of stop words ("is the", "have to": `band_signatures`) proposes nothing: in a large
  archive such a band is shared by hundreds of quotes that merely speak the same language
  (PolNeAR's quotes share a band with 8.3 quotes of a generated 100k archive on average,
  3.1 without these, p99 254 and 55), and quotes alike in more than that share another.
- A winnowed index of 3-word grams finds a long quote printed inside a longer passage (any
  shared run of >= WINNOW_K + WINNOW_W - 1 words shares a fingerprint, unless each of its
  windows has its least at a gram of stop words alone: those propose nothing either).

Both look within one speaker's units (the name most of a unit's prints credit; units credited
to nobody are a group of their own): any two sentences share 2-word shingles and 3-word
grams, and across thousands of speakers that is millions of pairs. Across groups, where a
link needs (nearly) the same words anyway, a winnowed index of CROSS_K-word grams finds
every pair sharing a run of >= CROSS_K + CROSS_W - 1 words.

Pure: the pairs depend only on the units' speakers, words and indexes.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np

from .units import STOPWORDS, Unit

NUM_PERM = 64
LSH_THRESHOLD = 0.3  # Jaccard of 2-word shingle sets at which LSH proposes a pair
WINNOW_K, WINNOW_W = 3, 4  # 3-word grams, one fingerprint per window of 4 grams
CROSS_K, CROSS_W = 5, 3  # across speakers: 5-word grams, one per window of 3 (runs of 7)
MAX_POSTING = 200  # a fingerprint shared by more units than this is too common to use
_CHUNK_ROWS = 1 << 17  # shingle rows sketched at once (bounds memory: rows x NUM_PERM)


@lru_cache(maxsize=1)
def _sketcher() -> tuple[Any, list[tuple[int, int]]]:
    """datasketch's template MinHash (permutations, scheme, hash function) and LSH bands."""
    from datasketch import MinHash, MinHashLSH  # imports scipy (~1 s): only when linking

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return MinHash(num_perm=NUM_PERM), list(lsh.hashranges)


def _permuted(hv: list[int], template: Any) -> np.ndarray:
    """Rows of permuted hash values, one per input hash, as `MinHash.update_batch` makes
    them (before its min): legacy (datasketch < 2) and affine schemes."""
    a, b = template.permutations
    scheme = getattr(template, "scheme", "legacy")
    if scheme == "legacy":
        col = np.array(hv, dtype=np.uint64, ndmin=2).T
        permuted: np.ndarray = np.bitwise_and((col * a + b) % np.uint64((1 << 61) - 1),
                                              np.uint64((1 << 32) - 1))
        return permuted
    from datasketch.minhash import _fmix  # the scheme's fixed pre-mix

    dtype = np.uint32 if scheme == "affine32" else np.uint64
    col = _fmix(np.array(hv, dtype=dtype).reshape(-1, 1), 32 if dtype is np.uint32 else 64)
    mixed: np.ndarray = col * a + b
    return mixed


def signatures(shingle_sets: Sequence[Sequence[bytes]]) -> np.ndarray:
    """One MinHash signature per (non-empty) shingle set: equal to
    `MinHash.bulk(shingle_sets, num_perm=NUM_PERM)[i].hashvalues` row by row."""
    template, _ = _sketcher()
    hashed: dict[bytes, int] = {}
    out: list[np.ndarray] = []
    start = 0
    while start < len(shingle_sets):
        end, rows = start, 0
        while end < len(shingle_sets) and (rows == 0 or rows + len(shingle_sets[end])
                                           <= _CHUNK_ROWS):
            rows += len(shingle_sets[end])
            end += 1
        flat: list[int] = []
        offsets: list[int] = []
        for shingles in shingle_sets[start:end]:
            offsets.append(len(flat))
            for s in shingles:
                h = hashed.get(s)
                if h is None:
                    h = hashed[s] = template.hashfunc(s)
                flat.append(h)
        out.append(np.minimum.reduceat(_permuted(flat, template), offsets, axis=0))
        start = end
    if not out:
        return np.zeros((0, NUM_PERM), dtype=np.uint64)
    return np.concatenate(out)


def _shingles(words: tuple[str, ...]) -> list[bytes]:
    return [f"{a} {b}".encode() for a, b in zip(words, words[1:], strict=False)]


def band_signatures(sequences: Sequence[tuple[str, ...]]) -> tuple[np.ndarray, np.ndarray]:
    """The signature of each (long) word sequence, and for each of its LSH bands whether the
    band is common: each minimum of it is a pair of stop words. A band's value is the same
    minima, hence the same pairs, in every quote sharing it: common in all of them or none
    (but for a 32-bit hash collision)."""
    shingles = [_shingles(ws) for ws in sequences]
    sig = signatures(shingles)
    stop = [[sh[i] for i in range(len(sh)) if ws[i] in STOPWORDS and ws[i + 1] in STOPWORDS]
            for ws, sh in zip(sequences, shingles, strict=True)]
    some = np.array([bool(s) for s in stop], dtype=bool)
    stop_sig = np.full_like(sig, np.iinfo(sig.dtype).max)
    if some.any():
        stop_sig[some] = signatures([s for s in stop if s])
    _, hashranges = _sketcher()
    common = np.zeros((len(sequences), len(hashranges)), dtype=bool)
    for j, (start, end) in enumerate(hashranges):
        common[:, j] = (sig[:, start:end] == stop_sig[:, start:end]).all(axis=1) & some
    return sig, common


def _grouped_pairs(key: np.ndarray, idx: np.ndarray, pairs: set[tuple[int, int]],
                   max_size: int | None = None) -> None:
    """Add every pair of units (`idx`) that share a `key`, in groups of at most `max_size`.
    Each (key, unit) must occur once."""
    order = np.argsort(key, kind="stable")
    starts = np.flatnonzero(np.diff(key[order], prepend=key[order[:1]] - 1))
    sizes = np.diff(starts, append=len(order))
    keep = sizes > 1 if max_size is None else (sizes > 1) & (sizes <= max_size)
    starts, sizes = starts[keep], sizes[keep]
    two = starts[sizes == 2]  # most groups: pairs straight from numpy
    a, b = idx[order[two]], idx[order[two + 1]]
    pairs.update(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(), strict=True))
    for first, size in zip(starts[sizes > 2].tolist(), sizes[sizes > 2].tolist(), strict=True):
        pairs.update(combinations(sorted(idx[order[first : first + size]].tolist()), 2))


def _lsh_pairs(longs: Sequence[Unit], group: np.ndarray, idx: np.ndarray,
               pairs: set[tuple[int, int]]) -> None:
    """Pairs of one group's units whose signatures agree on a whole band that is not
    common (what `MinHashLSH.query` returns, filtered to the group and to such bands)."""
    distinct: dict[tuple[str, ...], int] = {}
    for u in longs:
        distinct.setdefault(u.words, len(distinct))
    sig, common = band_signatures(list(distinct))
    row = np.array([distinct[u.words] for u in longs], dtype=np.int64)
    _, hashranges = _sketcher()
    for j, (start, end) in enumerate(hashranges):
        band = np.ascontiguousarray(sig[:, start:end])
        band = band.view(np.dtype((np.void, band.itemsize * (end - start)))).ravel()
        _, bucket = np.unique(band, return_inverse=True)  # equal band values, equal bucket
        keep = ~common[row, j]
        _grouped_pairs((group * (int(bucket.max()) + 1) + bucket.reshape(-1)[row])[keep],
                       idx[keep], pairs)


def _fingerprints(words: tuple[str, ...], k: int = WINNOW_K, window: int = WINNOW_W
                  ) -> list[int]:
    """Winnowed crc32 fingerprints of the k-word grams: the least of each window, but for
    a gram of stop words alone ("one of the"), which proposes nothing, as a common band
    does not."""
    text = " ".join(words).encode()
    ends = [0]
    for w in words:
        ends.append(ends[-1] + len(w.encode()) + 1)  # byte offset after the word's space
    view = memoryview(text)
    grams = [zlib.crc32(view[ends[i] : ends[i + k] - 1]) for i in range(len(words) - k + 1)]
    if not grams:
        return []
    chosen = {min(grams[i : i + window]) for i in range(max(1, len(grams) - window + 1))}
    stops = 0  # stop words in a row up to the word at i (grams end there)
    for i, w in enumerate(words):
        stops = stops + 1 if w in STOPWORDS else 0
        if stops >= k:
            chosen.discard(grams[i - k + 1])
    return list(chosen)


def _winnow_pairs(longs: Sequence[Unit], group: np.ndarray, idx: np.ndarray,
                  pairs: set[tuple[int, int]], k: int = WINNOW_K, w: int = WINNOW_W) -> None:
    """Pairs of one group's units sharing a fingerprint held by at most MAX_POSTING."""
    found: dict[tuple[str, ...], list[int]] = {}
    fps: list[int] = []
    counts: list[int] = []
    for u in longs:
        mine = found.get(u.words)
        if mine is None:
            mine = found[u.words] = _fingerprints(u.words, k, w)
        fps.extend(mine)
        counts.append(len(mine))
    repeat = np.array(counts, dtype=np.int64)
    key = np.repeat(group, repeat) * (1 << 32) + np.array(fps, dtype=np.int64)
    _grouped_pairs(key, np.repeat(idx, repeat), pairs, MAX_POSTING)


def candidates(longs: Sequence[Unit]) -> set[tuple[int, int]]:
    """(i, j) unit index pairs, i < j, worth verifying (see the module docstring)."""
    pairs: set[tuple[int, int]] = set()
    if len(longs) > 1:
        groups: dict[str | None, int] = {}
        group = np.array([groups.setdefault(u.speaker, len(groups)) for u in longs],
                         dtype=np.int64)
        idx = np.array([u.idx for u in longs], dtype=np.int64)
        _lsh_pairs(longs, group, idx, pairs)
        _winnow_pairs(longs, group, idx, pairs)
        _winnow_pairs(longs, np.zeros_like(group), idx, pairs, CROSS_K, CROSS_W)
    return pairs
