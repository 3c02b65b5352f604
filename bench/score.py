"""Accuracy of a Linking against the generator's truth (truth.jsonl).

- Detection: a truth quote is found when an extracted quote of its article overlaps it by at
  least half of the longer span (one to one, largest overlap first). Only found quotes are
  scored below; detection recall is reported beside.
- Family F1 (pairwise): two found quotes are "same" in truth when they share their family,
  "same" in the prediction when they share a statement (a quote in two statements, a
  splice, counts in the one whose reference belongs to its family; a quote flagged
  `misattributed` counts in the statement it is flagged against, the linker's claim of
  whose words they are, rather than in the statement of the speaker it is printed under).
  A splice of two statements prints the words of both, and a reader may see it in either:
  its family is the one of its two that its statement's reference has (the generator's
  first family otherwise); `family_f1_first_family` always takes the first. Counted with a
  contingency table, so 400k quotes cost no pairs loop.
- Mutation accuracy: the found quote's VARIANT_OF mutation against what the generator did
  (fragment -> truncated; primary quotes are references and not scored). Also given only
  where the statement's reference is the original wording (a primary source was loaded),
  since a kind is relative to the reference and a medoid reference moves it.
- Speakers: of quotes printed with no name, the share whose statement has the speaker who
  said them (`unattributed_speaker_accuracy`); of quotes flagged `misattributed`, the share
  printed under a name that did not say them (`misattribution_precision`).
- Source accuracy: for copies, whether DERIVED_FROM points at a quote in an article a reader
  could tell to be the source: the article the copy was taken from, or any other article
  published before the copy that prints the same words, character for character, under the
  same speaker's name (under any name, for a copy printed with none; and, when the copy
  credits an outlet, published by that outlet). The text cannot tell such prints apart:
  the generator's pick among them is a coin toss no reader could repeat.
  `source_accuracy_strict` counts only the generator's own pick. Both also for
  "distinctive" copies (of a mutated print, which a reader could tell apart from the
  unmutated prints).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quotetrail.graph import ids
from quotetrail.graph.model import Linking
from quotetrail.loaders.records import ExtractedDocument

EXPECTED = {"fragment": "truncated", "primary": "verbatim"}
UNMUTATED = frozenset({"verbatim", "trivial", "primary"})


def read_truth(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _pairs(counter: Counter) -> int:
    return sum(k * (k - 1) // 2 for k in counter.values())


def _f1(cells: Counter, families: Counter, predicted: Counter) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 from the (family, statement) contingency table."""
    tp, same_truth, same_pred = _pairs(cells), _pairs(families), _pairs(predicted)
    precision = tp / same_pred if same_pred else 1.0
    recall = tp / same_truth if same_truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def match(truth: list[dict], extracted: list[ExtractedDocument]
          ) -> tuple[dict[int, str], dict[str, str]]:
    """truth row index -> predicted quote id; quote id -> article file name."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    file_of: dict[str, str] = {}
    for ex in extracted:
        file = Path(ex.document.source).name
        article = ids.article_id(ex.document.sha256)
        for q in ex.quotes:
            qid = ids.quote_id(article, q.start, q.end)
            spans[file].append((q.start, q.end, qid))
            file_of[qid] = file
    rows: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(truth):
        rows[r["article"]].append(i)
    found: dict[int, str] = {}
    for file, idx in rows.items():
        candidates = []
        for i in idx:
            a0, a1 = truth[i]["start"], truth[i]["end"]
            for b0, b1, qid in spans.get(file, ()):
                overlap = min(a1, b1) - max(a0, b0)
                if overlap > 0 and overlap >= 0.5 * max(a1 - a0, b1 - b0):
                    candidates.append((-overlap, i, qid))
        used: set[str] = set()
        for _, i, qid in sorted(candidates):
            if i not in found and qid not in used:
                found[i] = qid
                used.add(qid)
    return found, file_of


def _when(published: str | None) -> datetime | None:
    try:
        when = datetime.fromisoformat((published or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def indistinguishable_sources(truth: list[dict], extracted: list[ExtractedDocument]
                              ) -> dict[int, set[str]]:
    """copy row -> the articles a reader could take for its source (see the docstring)."""
    docs = {Path(ex.document.source).name: ex.document for ex in extracted}
    order = {f: (w is None, w or datetime.min.replace(tzinfo=UTC), f)
             for f, d in docs.items() for w in [_when(d.published)]}
    prints: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for r in truth:
        prints[(r["text"], r["printed_speaker"])].append(r["article"])
        if r["printed_speaker"] is not None:
            prints[(r["text"], None)].append(r["article"])
    out: dict[int, set[str]] = {}
    for i, r in enumerate(truth):
        if not r["copy"]:
            continue
        mine = order.get(r["article"])
        out[i] = {r["source_article"]} | {
            a for a in prints[(r["text"], r["printed_speaker"])]
            if a in order and mine is not None and order[a] < mine
            and (r.get("credits") is None or docs[a].outlet == r["credits"])}
    return out


def score(truth: list[dict], extracted: list[ExtractedDocument], linking: Linking
          ) -> dict[str, Any]:
    found, file_of = match(truth, extracted)
    readable = indistinguishable_sources(truth, extracted)
    statements_of: dict[str, list[str]] = defaultdict(list)
    mutation: dict[tuple[str, str], str] = {}
    for v in linking.variants:
        statements_of[v.quote_id].append(v.statement_id)
        mutation[(v.quote_id, v.statement_id)] = v.mutation
    row_of = {qid: i for i, qid in found.items()}
    ref_row = {s.id: row_of.get(s.reference_quote_id) for s in linking.statements}
    ref_family = {sid: truth[i]["family"] if i is not None else None for sid, i in ref_row.items()}
    source = {d.quote_id: d.source_quote_id for d in linking.derivations}
    speaker_of = {s.id: s.speaker for s in linking.statements}
    inferred = [0, 0]  # right, scored
    flags = [0, 0]  # right, flagged

    cells: Counter = Counter()
    fams: Counter = Counter()
    first_cells: Counter = Counter()
    first_fams: Counter = Counter()
    preds: Counter = Counter()
    mut_ok = mut_n = orig_ok = orig_n = 0
    confusion: Counter = Counter()
    src = {"all": [0, 0, 0], "distinctive": [0, 0, 0]}  # hits, strict hits, copies
    for i, qid in found.items():
        row = truth[i]
        sids = sorted(statements_of.get(qid, ()))
        if not sids:
            continue
        sid = min(sids, key=lambda s: (ref_family.get(s) not in row["families"],
                                       mutation[(qid, s)] != "misattributed", s))
        # a splice of two statements is the words of both: it counts in the family of the
        # statement it was put in when that is one of its two
        family = ref_family[sid] if ref_family.get(sid) in row["families"] else row["family"]
        cells[(family, sid)] += 1
        if row["printed_speaker"] is None:
            inferred[0] += speaker_of.get(sid) == ids.speaker_id(row["speaker"])
            inferred[1] += 1
        if any(mutation[(qid, s)] == "misattributed" for s in sids):
            flags[0] += row["printed_speaker"] != row["speaker"]
            flags[1] += 1
        fams[family] += 1
        first_cells[(row["family"], sid)] += 1
        first_fams[row["family"]] += 1
        preds[sid] += 1
        if row["mutation"] != "primary":
            want = EXPECTED.get(row["mutation"], row["mutation"])
            got = mutation[(qid, sid)]
            ok = got == want and ref_family.get(sid) in row["families"]
            mut_ok += ok
            mut_n += 1
            if not ok:
                other = ref_family.get(sid) not in row["families"]
                confusion[f"{want}->{'other statement' if other else got}"] += 1
            ref = ref_row.get(sid)
            if ref is not None and truth[ref]["mutation"] == "primary" \
                    and truth[ref]["family"] in row["families"]:
                orig_ok += ok
                orig_n += 1
        if row["copy"]:
            got = file_of.get(source.get(qid, ""), None)
            for key in ("all", "distinctive") if row["mutation"] not in UNMUTATED else ("all",):
                src[key][0] += got in readable[i]
                src[key][1] += got == row["source_article"]
                src[key][2] += 1
    precision, recall, f1 = _f1(cells, fams, preds)
    scored = [i for i in found if truth[i]["mutation"] != "primary"]
    return {
        "truth_quotes": len(truth), "found": len(found),
        "detection_recall": round(len(found) / len(truth), 4) if truth else 1.0,
        "family_precision": round(precision, 4), "family_recall": round(recall, 4),
        "family_f1": round(f1, 4),
        "family_f1_first_family": round(_f1(first_cells, first_fams, preds)[2], 4),
        "mutation_accuracy": round(mut_ok / mut_n, 4) if mut_n else None,
        "mutation_accuracy_original_reference": round(orig_ok / orig_n, 4) if orig_n else None,
        "mutations_scored": mut_n, "mutation_errors_top": dict(confusion.most_common(8)),
        **{f"source_accuracy{part}{suffix}": round(src[key][k] / src[key][2], 4)
           if src[key][2] else None
           for key, part in (("all", ""), ("distinctive", "_distinctive"))
           for k, suffix in ((0, ""), (1, "_strict"))},
        "copies_scored": src["all"][2],
        "misattributed_found": sum(truth[i]["mutation"] == "misattributed" for i in scored),
        "unattributed_speaker_accuracy": round(inferred[0] / inferred[1], 4)
        if inferred[1] else None,
        "unattributed_scored": inferred[1],
        "misattribution_precision": round(flags[0] / flags[1], 4) if flags[1] else None,
        "misattribution_flags": flags[1],
    }
