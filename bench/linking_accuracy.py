"""How well linking finds the hand-labelled quote families of the NATO seeds.

Run: .venv/bin/python bench/linking_accuracy.py [--json]

Reads examples/nato-2022, extracts quotes, links them, and compares with
tests/data/families_nato.json (made by reading the articles):

- family precision / recall / F1 over pairs of labelled members: a pair is labelled "same"
  when the two share a family, predicted "same" when they share a statement;
- mutation accuracy over labelled non-reference members: the member's VARIANT_OF edge to the
  statement whose reference is the family's reference member must carry the labelled kind
  (a member in another statement, or under another reference, counts as wrong);
- reference accuracy: families (2+ members) whose statement's reference is the labelled one.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

from quotetrail.graph.link.linking import link_documents
from quotetrail.graph.model import Linking, LinkQuote
from quotetrail.loaders.extract.credits import credited_outlets
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.read.inputs import read_inputs
from quotetrail.loaders.records import Document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "nato-2022"
LABELS = ROOT / "tests" / "data" / "families_nato.json"

_STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_STRAIGHT)).casefold().strip()


def canonical_speakers(names: Iterable[str]) -> dict[str, str]:
    """name -> canonical name: a one-word name that is the last word of exactly one
    multi-word name becomes that name (as the store's SpeakerBook does)."""
    names = set(names)
    full = [n for n in names if " " in n.strip()]
    mapping = {}
    for n in names:
        fuller = [f for f in full if f.split()[-1] == n.strip()] if " " not in n.strip() else []
        mapping[n] = fuller[0] if len(fuller) == 1 else n
    return mapping


def seed_quotes(path: Path = CORPUS) -> tuple[list[LinkQuote], dict[str, Document]]:
    """LinkQuotes of the seeds (id = "file:start-end") and each article's Document."""
    docs = [d for d in read_inputs([str(path)]) if isinstance(d, Document)]
    docs.sort(key=lambda d: d.source)
    extracted = [extract(d) for d in docs]
    speakers = canonical_speakers(m.speaker for ex in extracted for m in ex.quotes if m.speaker)
    quotes, by_article = [], {}
    for order, ex in enumerate(extracted):
        d = ex.document
        article = Path(d.source).name
        by_article[article] = d
        credits = tuple(sorted({c.outlet for c in credited_outlets(d.text)}))
        for m in ex.quotes:
            quotes.append(LinkQuote(
                id=f"{article}:{m.start}-{m.end}", text=m.text,
                speaker=speakers.get(m.speaker) if m.speaker else None, article_id=article,
                confidence=m.confidence if m.speaker else None,
                article_kind=d.kind, published=d.published, order=order,
                outlet=d.outlet, credits=credits,
            ))
    return quotes, by_article


def resolve(member: dict, quotes: list[LinkQuote], docs: dict[str, Document]) -> str | None:
    """The id of the quote a label member names, None when no quote holds its snippet."""
    snippet = _norm(member["snippet"])
    found = [q for q in quotes if q.article_id == member["article"] and snippet in _norm(q.text)]
    if member.get("context"):
        text = docs[member["article"]].text
        at = text.find(member["context"])
        if at < 0:
            raise ValueError(f"context not in {member['article']}: {member['context']!r}")
        end = at + len(member["context"])

        def overlaps(q: LinkQuote) -> bool:
            start, stop = (int(x) for x in q.id.rsplit(":", 1)[1].split("-"))
            return start < end and stop > at

        found = [q for q in found if overlaps(q)]
    if not found:
        return None
    return min(found, key=lambda q: (len(q.text), q.id)).id


def score(linking: Linking | None = None) -> dict:
    """Family pair precision/recall/F1, mutation and reference accuracy on the seeds."""
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    quotes, docs = seed_quotes()
    if linking is None:
        linking = link_documents(quotes)
    statements_of: dict[str, set[str]] = {}
    variant: dict[tuple[str, str], str] = {}
    for v in linking.variants:
        statements_of.setdefault(v.quote_id, set()).add(v.statement_id)
        variant[(v.quote_id, v.statement_id)] = v.mutation
    statement_by_ref = {s.reference_quote_id: s.id for s in linking.statements}

    families: dict[str, set[str]] = {}  # quote id -> labelled family ids
    unresolved, mutation_rows, references = [], [], []
    for fam in labels["families"]:
        ids = []
        for m in fam["members"]:
            qid = resolve(m, quotes, docs)
            if qid is None:
                unresolved.append(f"{fam['id']}: {m['article']} {m['snippet']!r}")
                continue
            families.setdefault(qid, set()).add(fam["id"])
            ids.append((qid, m))
        ref = next((qid for qid, m in ids if m["mutation"] == "reference"), None)
        if len(ids) < 2:
            continue
        ref_statement = statement_by_ref.get(ref) if ref else None
        references.append({"family": fam["id"], "ok": ref_statement is not None})
        for qid, m in ids:
            if m["mutation"] in ("reference", None):
                continue
            got = variant.get((qid, ref_statement)) if ref_statement else None
            mutation_rows.append({"family": fam["id"], "quote": qid, "expected": m["mutation"],
                                  "got": got, "ok": got == m["mutation"]})
    labelled = sorted(families)
    tp = fp = fn = 0
    wrong_pairs = []
    for a, b in combinations(labelled, 2):
        same = bool(families[a] & families[b])
        predicted = bool(statements_of.get(a, set()) & statements_of.get(b, set()))
        tp += same and predicted
        fp += predicted and not same
        fn += same and not predicted
        if same != predicted:
            wrong_pairs.append({"a": a, "b": b, "labelled_same": same})
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    mutation_ok = sum(r["ok"] for r in mutation_rows)
    return {
        "pairs": {"true_positive": tp, "false_positive": fp, "false_negative": fn},
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "mutation_accuracy": round(mutation_ok / len(mutation_rows), 4) if mutation_rows else 1.0,
        "mutations_scored": len(mutation_rows),
        "reference_accuracy": round(sum(r["ok"] for r in references) / len(references), 4)
        if references else 1.0,
        "unresolved_members": unresolved,
        "wrong_pairs": wrong_pairs,
        "wrong_mutations": [r for r in mutation_rows if not r["ok"]],
        "wrong_references": [r["family"] for r in references if not r["ok"]],
    }


def main() -> None:
    result = score()
    if "--json" in sys.argv[1:]:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    p = result["pairs"]
    print(f"families: precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
          f"F1 {result['f1']:.3f}  (pairs tp {p['true_positive']} fp {p['false_positive']} "
          f"fn {p['false_negative']})")
    print(f"mutations: accuracy {result['mutation_accuracy']:.3f} over "
          f"{result['mutations_scored']} members; references right "
          f"{result['reference_accuracy']:.3f}")
    for u in result["unresolved_members"]:
        print("  unresolved:", u)
    for w in result["wrong_pairs"]:
        print(f"  {'missed' if w['labelled_same'] else 'wrongly joined'}: {w['a']} ~ {w['b']}")
    for w in result["wrong_mutations"]:
        print(f"  mutation {w['quote']} ({w['family']}): expected {w['expected']}, "
              f"got {w['got']}")
    for f in result["wrong_references"]:
        print(f"  reference not the labelled one: {f}")


if __name__ == "__main__":
    main()
