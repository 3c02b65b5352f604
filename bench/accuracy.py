"""Quote detection and speaker attribution measured against the hand-labelled seed quotes.

Run: .venv/bin/python bench/accuracy.py [--json]

The labels (tests/data/quotes_labelled.jsonl) were made by reading the four news seeds.
How predictions are scored:

- A prediction matches a label when their spans overlap by at least half of the longer of
  the two; each label and each prediction is matched at most once (largest overlap first).
- Detection counts every label with a speaker, whatever its kind: direct, partial and
  indirect quotes all count the same, and the kind is scored separately (kind accuracy), so
  an indirect clause found as a partial is a detection hit and a kind miss.
- Labels with no speaker (scare quotes, names such as "Unity Day") are optional: a
  prediction on one with no speaker is neither a hit nor a false positive; one that names a
  speaker is a false positive (a scare quote presented as somebody's words) and is also
  counted under `scare_attributed`.
- Every other prediction that matches no label is a false positive, attributed or not.
- Speaker accuracy: of matched labels with a speaker, the share whose predicted canonical
  speaker equals the label (case-insensitive, a leading "the" ignored). A surname alone
  ("Stoltenberg" for "Jens Stoltenberg") is wrong when the article gives the full name
  anywhere, and right only when it never does (then the surname is all a reader has).
- Kind accuracy: of matched labels with a speaker, the share whose predicted kind equals
  the label's.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.read.inputs import read_inputs
from quotetrail.loaders.records import Document, QuoteMention

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "nato-2022"
LABELS = ROOT / "tests" / "data" / "quotes_labelled.jsonl"
MIN_OVERLAP = 0.5


def load_labels(path: Path = LABELS) -> dict[str, list[dict[str, Any]]]:
    """Labels grouped by article file name."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                by_article[row["article"]].append(row)
    return dict(by_article)


def _norm(name: str | None) -> str:
    low = (name or "").strip().casefold()
    return low[4:] if low.startswith("the ") else low


def speaker_correct(predicted: str | None, label: str, text: str) -> bool:
    """The rule for speakers, including the surname-only case (see the module docstring)."""
    if predicted is None:
        return False
    if _norm(predicted) == _norm(label):
        return True
    surname_only = " " in label and _norm(predicted) == _norm(label.split()[-1])
    return surname_only and label not in text


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def match(
    preds: list[QuoteMention], labels: list[dict[str, Any]]
) -> list[tuple[int, int]]:
    """(prediction index, label index) pairs, one-to-one, largest overlap first."""
    candidates = []
    for i, p in enumerate(preds):
        for j, lab in enumerate(labels):
            ov = _overlap(p.start, p.end, lab["start"], lab["end"])
            longer = max(p.end - p.start, lab["end"] - lab["start"])
            if ov and ov >= MIN_OVERLAP * longer:
                candidates.append((-ov, i, j))
    used_p: set[int] = set()
    used_l: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates):
        if i not in used_p and j not in used_l:
            used_p.add(i)
            used_l.add(j)
            pairs.append((i, j))
    return pairs


def _counts(preds: list[QuoteMention], labels: list[dict[str, Any]], text: str) -> dict:
    pairs = match(preds, labels)
    c: dict[str, Any] = defaultdict(int)
    c["errors"] = []
    matched_p = {i for i, _ in pairs}
    matched_l = {j for _, j in pairs}
    for i, j in pairs:
        p, lab = preds[i], labels[j]
        if lab["speaker"] is None:
            if p.speaker is not None:
                c["fp"] += 1
                c["scare_attributed"] += 1
                c["errors"].append(f"scare quote attributed to {p.speaker}: {lab['text']!r}")
            continue
        c["tp"] += 1
        c["speaker_total"] += 1
        if speaker_correct(p.speaker, lab["speaker"], text):
            c["speaker_ok"] += 1
        else:
            c["errors"].append(
                f"speaker {p.speaker!r} != {lab['speaker']!r} at {lab['start']}: "
                f"{lab['text'][:60]!r}"
            )
        if p.kind == lab["kind"]:
            c["kind_ok"] += 1
        else:
            c["errors"].append(f"kind {p.kind} != {lab['kind']}: {lab['text'][:60]!r}")
    for j, lab in enumerate(labels):
        if j not in matched_l and lab["speaker"] is not None:
            c["fn"] += 1
            c["errors"].append(f"missed {lab['kind']} at {lab['start']}: {lab['text'][:70]!r}")
    for i, p in enumerate(preds):
        if i not in matched_p:
            c["fp"] += 1
            c["errors"].append(
                f"spurious {p.kind} ({p.speaker}) at {p.start}: {p.text[:70]!r}"
            )
    return c


def _figures(c: dict) -> dict[str, Any]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = c["speaker_total"]
    return {
        "labels": tp + fn, "predicted_matched": tp, "false_positives": fp, "missed": fn,
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "speaker_accuracy": round(c["speaker_ok"] / total, 4) if total else 1.0,
        "kind_accuracy": round(c["kind_ok"] / total, 4) if total else 1.0,
        "scare_attributed": c["scare_attributed"],
    }


def score(labels_path: Path = LABELS, seed_dir: Path = SEED) -> dict[str, Any]:
    """Figures per article and overall, plus the list of errors per article."""
    labels = load_labels(labels_path)
    docs = {Path(d.source).name: d for d in read_inputs([str(seed_dir)])
            if isinstance(d, Document)}
    total: dict[str, Any] = defaultdict(int)
    out: dict[str, Any] = {"articles": {}, "errors": {}}
    for name in sorted(labels):
        doc = docs[name]
        c = _counts(list(extract(doc).quotes), labels[name], doc.text)
        out["articles"][name] = _figures(c)
        out["errors"][name] = c.pop("errors")
        for k, v in c.items():
            total[k] += v
    out["overall"] = _figures(total)
    return out


def main(argv: list[str]) -> None:
    result = score()
    if "--json" in argv:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    head = f"{'article':<28}{'labels':>7}{'P':>8}{'R':>8}{'F1':>8}{'speaker':>9}{'kind':>8}"
    print(head)
    rows = [*result["articles"].items(), ("overall", result["overall"])]
    for name, f in rows:
        print(f"{name:<28}{f['labels']:>7}{f['precision']:>8.3f}{f['recall']:>8.3f}"
              f"{f['f1']:>8.3f}{f['speaker_accuracy']:>9.3f}{f['kind_accuracy']:>8.3f}")
    print(f"scare quotes attributed to a speaker: {result['overall']['scare_attributed']}")
    if "-v" in argv:
        for name, errs in result["errors"].items():
            for e in errs:
                print(f"  {name[:3]} {e}")


if __name__ == "__main__":
    main(sys.argv[1:])
