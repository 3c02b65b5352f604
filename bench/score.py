"""Accuracy of a Linking against the generator's truth (truth.jsonl).

- Detection: a truth quote is found when an extracted quote of its article overlaps it by at
  least half of the longer span (one to one, largest overlap first). Only found quotes are
  scored below; detection recall is reported beside.
- Family F1 (pairwise): two found quotes are "same" in truth when they share their first
  family, "same" in the prediction when they share a statement (a quote in two statements,
  a splice, counts in the one whose reference belongs to its family). Counted with a
  contingency table, so 400k quotes cost no pairs loop.
- Mutation accuracy: the found quote's VARIANT_OF mutation against what the generator did
  (fragment -> truncated; primary quotes are references and not scored). Also given only
  where the statement's reference is the original wording (a primary source was loaded),
  since a kind is relative to the reference and a medoid reference moves it.
- Source accuracy: for copies, whether DERIVED_FROM points at a quote in the article the
  copy was taken from; also for "distinctive" copies (of a mutated print, which a reader
  could tell apart from the other prints).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
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


def score(truth: list[dict], extracted: list[ExtractedDocument], linking: Linking
          ) -> dict[str, Any]:
    found, file_of = match(truth, extracted)
    statements_of: dict[str, list[str]] = defaultdict(list)
    mutation: dict[tuple[str, str], str] = {}
    for v in linking.variants:
        statements_of[v.quote_id].append(v.statement_id)
        mutation[(v.quote_id, v.statement_id)] = v.mutation
    row_of = {qid: i for i, qid in found.items()}
    ref_row = {s.id: row_of.get(s.reference_quote_id) for s in linking.statements}
    ref_family = {sid: truth[i]["family"] if i is not None else None for sid, i in ref_row.items()}
    source = {d.quote_id: d.source_quote_id for d in linking.derivations}

    cells: Counter = Counter()
    fams: Counter = Counter()
    preds: Counter = Counter()
    mut_ok = mut_n = orig_ok = orig_n = 0
    confusion: Counter = Counter()
    src = {"all": [0, 0], "distinctive": [0, 0]}
    for i, qid in found.items():
        row = truth[i]
        sids = sorted(statements_of.get(qid, ()))
        if not sids:
            continue
        sid = next((s for s in sids if ref_family.get(s) in row["families"]), sids[0])
        cells[(row["family"], sid)] += 1
        fams[row["family"]] += 1
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
            hit = file_of.get(source.get(qid, ""), None) == row["source_article"]
            for key in ("all", "distinctive") if row["mutation"] not in UNMUTATED else ("all",):
                src[key][0] += hit
                src[key][1] += 1
    tp, same_truth, same_pred = _pairs(cells), _pairs(fams), _pairs(preds)
    precision = tp / same_pred if same_pred else 1.0
    recall = tp / same_truth if same_truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    scored = [i for i in found if truth[i]["mutation"] != "primary"]
    return {
        "truth_quotes": len(truth), "found": len(found),
        "detection_recall": round(len(found) / len(truth), 4) if truth else 1.0,
        "family_precision": round(precision, 4), "family_recall": round(recall, 4),
        "family_f1": round(f1, 4),
        "mutation_accuracy": round(mut_ok / mut_n, 4) if mut_n else None,
        "mutation_accuracy_original_reference": round(orig_ok / orig_n, 4) if orig_n else None,
        "mutations_scored": mut_n, "mutation_errors_top": dict(confusion.most_common(8)),
        "source_accuracy": round(src["all"][0] / src["all"][1], 4) if src["all"][1] else None,
        "source_accuracy_distinctive": round(src["distinctive"][0] / src["distinctive"][1], 4)
        if src["distinctive"][1] else None,
        "copies_scored": src["all"][1],
        "misattributed_found": sum(truth[i]["mutation"] == "misattributed" for i in scored),
    }
