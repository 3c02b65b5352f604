"""Link keys: what a quote can link by, kept on its Quote node so that a small load reads
only the quotes its new quotes can touch (graph/store/relink_scope.py).

- `wording`: the canonical words (a hash). Quotes printing the same words are one unit
  (graph/link/units.py), whoever they are credited to, so a new print must meet them all.
- `bands`: one key per band of the MinHash-LSH that `candidates` uses (the same signature,
  the same bands, one indexed property per band; none for a common band, of stop-word
  pairs, which proposes nothing): two long quotes are LSH candidates exactly when one of
  their keys is equal.
- sharing a band is only a candidacy: `may_link` tells whether two texts can be linked at
  all (the verification linking applies to a candidate pair, at its loosest: as if no name
  kept them apart), so a small load reads the statements of verified candidates only.
- a fragment printed inside a quote has the `wording` of one of its runs of 2 to 6 words
  (`inner_wordings`), so the fragments a new quote can host are found by `wording` too.
- `runs`: linking's winnowed fingerprints of a long quote's runs of words (3-word grams
  within a speaker, 5-word grams across, none of stop words alone:
  graph/link/candidates.py) as words of letters, in one string that a full-text index
  holds by word: the quotes sharing one are found by exact keys a few quotes each print,
  not by the quote's words, which thousands print. (A quote written before grams of stop
  words proposed nothing holds theirs too: no lookup asks for them.)
- a Statement's `said`: a word of letters per content word its quotes print, combined with
  its speaker (`said_tokens`), in a full-text index: the statements of one speaker that
  print a word are found by an exact key, not among every quote printing it (a splice's
  parts are its speaker's statements, graph/link/splices.py). Written with the statement,
  which every relink that changes its quotes or speaker writes anew.
- a Statement's `prints`: each distinct print of it (text and mutation, with the smallest
  quote id printing it so), written with `said`, so a lookup that found the statement by
  `said` reads one row of it rather than every quote of it (`statement_prints`).

The quotes' keys are functions of the text alone: written once with the quote, never
changed by linking. Pure.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache

from .candidates import CROSS_K, CROSS_W, _fingerprints, _sketcher, band_signatures
from .mutation import canonical_words
from .units import FRAGMENT_MAX_WORDS, FRAGMENT_MIN_WORDS, STOPWORDS, Unit, relation

BANDS = 21  # MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM) cuts 21 bands of 3


def _int64(data: bytes) -> int:
    """A signed 64-bit integer of `data` (what both engines store and index as an int)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


def wording(text: str) -> int:
    """The key of a quote's canonical words: equal for quotes of one unit's words."""
    return _int64(" ".join(canonical_words(text)).encode())


def inner_wordings(text: str) -> set[int]:
    """The wording keys of every run of 2 to 6 of the text's words: the fragments that can
    be printed inside it (graph/link/fragments.py) have one of them."""
    words = canonical_words(text)
    return {_int64(" ".join(words[i:i + n]).encode())
            for n in range(FRAGMENT_MIN_WORDS, min(FRAGMENT_MAX_WORDS, len(words)) + 1)
            for i in range(len(words) - n + 1)}


def long_words(text: str) -> tuple[str, ...] | None:
    """The canonical words of a quote long enough for LSH candidates, else None."""
    words = canonical_words(text)
    return words if len(words) > FRAGMENT_MAX_WORDS else None


def band_keys(texts: Sequence[str]) -> list[list[int | None] | None]:
    """Per text, its BANDS LSH band keys (None for a quote too short to be a candidate, and
    for a common band), computed in bulk as `candidates` sketches them. (A graph written
    before common bands proposed nothing holds their keys: no lookup asks for them.)"""
    words = [long_words(t) for t in texts]
    distinct: dict[tuple[str, ...], int] = {}
    for w in words:
        if w is not None:
            distinct.setdefault(w, len(distinct))
    sig, common = band_signatures(list(distinct))
    _, ranges = _sketcher()
    assert len(ranges) == BANDS, "the LSH parameters changed: BANDS must follow them"
    keys: list[list[int | None]] = [
        [None if common[i, j] else _int64(bytes([j]) + sig[i, a:b].tobytes())
         for j, (a, b) in enumerate(ranges)] for i in range(len(distinct))]
    return [keys[distinct[w]] if w is not None else None for w in words]


def _letters(prefix: str, fingerprint: int) -> str:
    """A 32-bit fingerprint as one word of letters (a to p) that any analyzer keeps whole."""
    return prefix + "".join(chr(97 + (fingerprint >> s & 15)) for s in range(28, -1, -4))


def run_tokens(words: tuple[str, ...]) -> list[str]:
    """The words of `runs` for a long quote's canonical words: "w" + each winnowed 3-word
    fingerprint (pairs within a speaker), "x" + each 5-word one (across speakers)."""
    if len(words) <= FRAGMENT_MAX_WORDS:
        return []
    return sorted({_letters("w", f) for f in _fingerprints(words)}
                  | {_letters("x", f) for f in _fingerprints(words, CROSS_K, CROSS_W)})


def content_words(text: str, at: Collection[int] | None = None) -> list[str]:
    """The canonical words a statement can be found by (at word positions `at`, if given):
    no stop words, no single letters."""
    return [w for i, w in enumerate(canonical_words(text))
            if w not in STOPWORDS and len(w) > 1 and (at is None or i in at)]


def said_tokens(speaker: str | None, words: Iterable[str]) -> list[str]:
    """The words of a Statement's `said` key (or of a lookup in it) for `speaker`'s
    statements printing `words` (content words): none without a speaker."""
    if speaker is None:
        return []
    return sorted({_letters("s", zlib.crc32(f"{speaker} {w}".encode())) for w in words})


def said(speaker: str | None, texts: Iterable[str]) -> str:
    """A Statement's `said` key: its speaker with each content word its quotes print."""
    return " ".join(said_tokens(speaker, {w for t in texts for w in content_words(t)}))


def statement_prints(prints: Iterable[tuple[str, str | None, str | None]]) -> str:
    """A Statement's `prints` key from its quotes' (id, text, mutation): a JSON list of
    [text, mutation, smallest quote id], one per distinct (text, mutation), in that order."""
    first: dict[tuple[str, str | None], str] = {}
    for qid, text, mutation in prints:
        at = (text or "", mutation)
        if at not in first or qid < first[at]:
            first[at] = qid
    return json.dumps([[t, m, q] for (t, m), q in sorted(first.items(), key=lambda kv: (
        kv[0][0], kv[0][1] or ""))], ensure_ascii=False, separators=(",", ":"))


def read_prints(value: str | None) -> list[tuple[str, str | None, str]]:
    """(text, mutation, quote id) of each distinct print a `prints` key holds."""
    return [(t, m, q) for t, m, q in json.loads(value or "[]")]


def link_keys(texts: Sequence[str]) -> list[dict[str, int | None]]:
    """Each text's `wording` and `lsh0`...`lsh20`: the keys a small load looks up by index."""
    return [{"wording": wording(t), **{f"lsh{j}": (b[j] if b else None) for j in range(BANDS)}}
            for t, b in zip(texts, band_keys(texts), strict=True)]


def key_props(texts: Sequence[str]) -> list[dict[str, int | str | None]]:
    """The link-key properties of each text's Quote node: its `link_keys` and `runs` (empty
    for a quote too short to share a run: written, so a quote without it is one written
    before it existed)."""
    return [{**keys, "runs": " ".join(run_tokens(canonical_words(t)))}
            for t, keys in zip(texts, link_keys(texts), strict=True)]


@lru_cache(maxsize=8192)  # a lookup tests each of its words against each new quote's
def _unit(idx: int, words: tuple[str, ...]) -> Unit:
    """A unit for `may_link` alone, shared between calls (`relation` only reads it)."""
    return Unit(idx, words, "", content=[w for w in words if w not in STOPWORDS and len(w) > 1])


def may_link(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether linking can join two units of these canonical words: its pair verification
    (units.relation) with no names, its loosest thresholds (credited to different people,
    two quotes need closer words). A candidate pair failing it never becomes an edge."""
    return relation(_unit(0, a), _unit(1, b)) is not None
