"""How a quote differs from its statement's reference wording: word diff and mutation kind.

Pure functions of two texts. Words are compared in a canonical form (casefolded, apostrophes
unified, punctuation dropped, thousands separators removed, British spellings mapped to
American ones) and shown in the diff as the texts printed them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz.distance import Indel

from ..model import DiffOp, Mutation

# A variant is `reworded` rather than `paraphrased` when its word-level similarity to the
# reference (Indel: 2 * kept words / (words of both)) reaches REWORDED_MIN_SIMILARITY, or when
# it keeps REWORDED_MIN_OVERLAP of the shorter text's words in order (a shortened or extended
# quote with some words changed: the similarity alone would call it a paraphrase).
REWORDED_MIN_SIMILARITY = 0.6
REWORDED_MIN_OVERLAP = 0.75
# Reported speech: a variant that turns the speaker's own words into the reporter's ("we
# will" -> "they would") is a paraphrase, however many words it keeps. This many shifts
# (a word of the reference replaced by its reported form) make it one.
REPORTED_MIN_SHIFTS = 2
_REPORTED = {"we": {"they"}, "our": {"their"}, "us": {"them"}, "ours": {"theirs"},
             "i": {"he", "she"}, "my": {"his", "her"}, "me": {"him", "her"},
             "is": {"was"}, "are": {"were"}, "will": {"would"}, "have": {"had"},
             "has": {"had"}, "can": {"could"}, "do": {"did"}, "don't": {"didn't"},
             "we're": {"they're"}, "we've": {"they'd"}}
# Parts moved out of order count as a splice only when every part is at least this long
# (shorter runs are single shared words, which any two sentences have).
SPLICE_MIN_RUN = 2

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?!\d))")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:'[^\W_]+)*")

_BRITISH_TO_AMERICAN = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "centre": "center", "centres": "centers", "theatre": "theater", "metre": "meter",
    "metres": "meters", "litre": "liter", "programme": "program", "programmes": "programs",
    "analyse": "analyze", "analysed": "analyzed", "catalogue": "catalog", "dialogue": "dialog",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled",
    "labelled": "labeled", "fuelled": "fueled", "modelling": "modeling", "grey": "gray",
    "sceptical": "skeptical", "manoeuvre": "maneuver", "manoeuvres": "maneuvers",
    "judgement": "judgment", "ageing": "aging", "enrol": "enroll", "fulfil": "fulfill",
    "practise": "practice", "kyiv": "kiev",
}
for _stem in ("favour", "honour", "labour", "neighbour", "behaviour", "colour", "endeavour",
              "harbour", "rumour", "vigour", "armour", "humour", "flavour", "saviour"):
    _us = _stem[:-3] + "or"
    for _suffix in ("", "s", "ed", "ing", "able", "ite", "ites"):
        _BRITISH_TO_AMERICAN[_stem + _suffix] = _us + _suffix
for _stem in ("recogn", "real", "organ", "apolog", "modern", "critic", "mobil", "stabil",
              "destabil", "priorit", "emphas", "author", "character", "jeopard", "legitim",
              "minim", "maxim", "normal", "summar", "util", "final", "militar", "demilitar",
              "sympath", "special", "central", "capital", "global", "privat", "scrutin"):
    for _gb, _us in (("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing")):
        _BRITISH_TO_AMERICAN[_stem + _gb] = _stem + _us


def _canonical(word: str) -> str:
    if word.endswith(("isation", "isations")):
        word = word.replace("isation", "ization")
    return _BRITISH_TO_AMERICAN.get(word, word)


def _word_matches(text: str) -> list[re.Match[str]]:
    # The apostrophe translation maps one character to one, so offsets match `text`.
    return list(_TOKEN.finditer(text.translate(_APOSTROPHES)))


def words(text: str) -> list[str]:
    """The normalised words of `text`: casefolded, apostrophes unified, punctuation dropped.

    Numbers are kept (thousands separators removed, so "100,000" and "100.000" are one
    number); hyphenated words split ("de-escalation" is "de", "escalation").
    """
    return [_THOUSANDS.sub("", m.group()).casefold() for m in _word_matches(text)]


_CANON_CACHE: dict[str, str] = {}  # printed token -> canonical word (vocabulary-sized)
_CANON_CACHE_MAX = 1 << 19


def _canonical_token(token: str) -> str:
    canon = _CANON_CACHE.get(token)
    if canon is None:
        canon = _canonical(_THOUSANDS.sub("", token).casefold())
        if len(_CANON_CACHE) < _CANON_CACHE_MAX:
            _CANON_CACHE[token] = canon
    return canon


Tokens = tuple[tuple[str, ...], tuple[str, ...]]


def tokenize(text: str) -> Tokens:
    """(words as printed, canonical words used for comparison); uncached: a caller that
    tokenizes many texts keeps its own cache (as `linking` does, per call)."""
    translated = text.translate(_APOSTROPHES)
    found = _TOKEN.findall(translated)
    if translated == text:
        display = tuple(found)
    else:  # the translation maps one character to one: the same spans, as printed
        display = tuple(text[m.start() : m.end()] for m in _TOKEN.finditer(translated))
    return display, tuple(map(_canonical_token, found))


_tokens = lru_cache(maxsize=65536)(tokenize)


def canonical_words(text: str) -> tuple[str, ...]:
    """`words` with spelling variants mapped to one form: what linking and diffs compare."""
    return _tokens(text)[1]


def word_diff(reference: str, variant: str,
              tokens: Callable[[str], Tokens] = _tokens) -> tuple[DiffOp, ...]:
    """Word-level alignment of `variant` against `reference`.

    ("=", kept words) are shown as the variant printed them, ("-", words) as the reference
    has them, ("+", words) as the variant added them. Within one changed stretch the dropped
    words come before the added ones; consecutive words of one op are joined by a space.
    """
    ref_shown, ref = tokens(reference)
    var_shown, var = tokens(variant)
    ops: list[tuple[str, list[str]]] = []
    pending_minus: list[str] = []
    pending_plus: list[str] = []

    def flush() -> None:
        if pending_minus:
            ops.append(("-", list(pending_minus)))
            pending_minus.clear()
        if pending_plus:
            ops.append(("+", list(pending_plus)))
            pending_plus.clear()

    for op in Indel.opcodes(list(ref), list(var)):
        if op.tag == "equal":
            flush()
            ops.append(("=", list(var_shown[op.dest_start : op.dest_end])))
        elif op.tag == "delete":
            pending_minus.extend(ref_shown[op.src_start : op.src_end])
        else:  # insert
            pending_plus.extend(var_shown[op.dest_start : op.dest_end])
    flush()
    merged: list[DiffOp] = []
    for tag, ws in ops:
        if merged and merged[-1][0] == tag:
            merged[-1] = (merged[-1][0], merged[-1][1] + " " + " ".join(ws))
        else:
            merged.append((tag, " ".join(ws)))  # type: ignore[arg-type]
    return tuple(merged)


def _contiguous_in(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    n = len(part)
    if n == 0 or n > len(whole):
        return False
    first = part[0]
    return any(
        whole[i] == first and whole[i : i + n] == part for i in range(len(whole) - n + 1)
    )


def _runs_out_of_order(ref: tuple[str, ...], var: tuple[str, ...]) -> bool:
    """True when `var` is two or more runs of `ref` (each >= SPLICE_MIN_RUN words)."""
    i, runs = 0, 0
    while i < len(var):
        best = 0
        for start in range(len(ref)):
            k = 0
            while i + k < len(var) and start + k < len(ref) and ref[start + k] == var[i + k]:
                k += 1
            best = max(best, k)
        if best < SPLICE_MIN_RUN:
            return False
        i += best
        runs += 1
    return runs >= 2


def _reported_shifts(ref: tuple[str, ...], var: tuple[str, ...]) -> int:
    """How many words of `ref` the variant replaces by their reported-speech form."""
    dropped: list[str] = []
    added: list[str] = []
    for op in Indel.editops(list(ref), list(var)):
        if op.tag == "delete":
            dropped.append(ref[op.src_pos])
        else:
            added.append(var[op.dest_pos])
    shifts = 0
    for w in dropped:
        hit = next((a for a in added if a in _REPORTED.get(w, ())), None)
        if hit is not None:
            added.remove(hit)
            shifts += 1
    return shifts


def overlap(reference: str, variant: str) -> tuple[float, float]:
    """(Indel similarity of the word sequences, kept words / words of the shorter text)."""
    ref, var = canonical_words(reference), canonical_words(variant)
    return _overlap(ref, var)


def _overlap(ref: tuple[str, ...], var: tuple[str, ...]) -> tuple[float, float]:
    if not ref or not var:
        return (1.0, 1.0) if ref == var else (0.0, 0.0)
    dist = Indel.distance(list(ref), list(var))
    kept = (len(ref) + len(var) - dist) / 2
    return 1 - dist / (len(ref) + len(var)), kept / min(len(ref), len(var))


def classify(
    reference: str, variant: str, *, same_speaker: bool = True,
    tokens: Callable[[str], Tokens] = _tokens,
) -> tuple[Mutation, float, tuple[DiffOp, ...]]:
    """(mutation kind, word-level similarity 0..1, diff) of `variant` against `reference`.

    In order of precedence: `verbatim` (same text), `trivial` (same canonical words, or the
    same letters once spaces go: "battle groups"/"battlegroups"), `truncated` (a shorter
    contiguous run of the reference's words), `spliced` (runs of the reference joined with
    words dropped between them, or runs in another order, nothing added), `reworded`
    (similarity >= REWORDED_MIN_SIMILARITY or overlap >= REWORDED_MIN_OVERLAP, which
    includes a variant that prints the whole reference inside a longer passage), else
    `paraphrased`. With `same_speaker=False`, a verbatim, trivial or truncated variant is
    `misattributed` (the same words given to another speaker). `tokens` is the tokenizer
    (a caller's cache of `tokenize`).
    """
    ref, var = tokens(reference)[1], tokens(variant)[1]
    diff = word_diff(reference, variant, tokens)
    similarity, kept_share = _overlap(ref, var)
    tags = [tag for tag, _ in diff]
    kind: Mutation
    if reference.strip() == variant.strip():
        kind, similarity = "verbatim", 1.0
    elif ref == var or "".join(ref) == "".join(var):
        kind, similarity = "trivial", 1.0
    elif len(var) < len(ref) and _contiguous_in(var, ref):
        kind = "truncated"
    elif (
        len(var) < len(ref)
        and "+" not in tags
        and "-" in tags[1:-1]
        and tags.count("=") >= 2
    ) or ("-" in tags and _runs_out_of_order(ref, var)):
        kind = "spliced"
    elif (similarity >= REWORDED_MIN_SIMILARITY or kept_share >= REWORDED_MIN_OVERLAP) \
            and _reported_shifts(ref, var) < REPORTED_MIN_SHIFTS:
        kind = "reworded"
    else:
        kind = "paraphrased"
    if not same_speaker and kind in ("verbatim", "trivial", "truncated"):
        kind = "misattributed"
    return kind, round(similarity, 4), diff
