"""Which merges cost family precision: every union of the linking, with the false pairs it
made (quotes of two gold families put together) and the rule that made it.

Run: .venv/bin/python -m bench.family_merges CORPUS [--examples 12]

CORPUS is a generated corpus folder (articles/, truth.jsonl, families.json). Reads and
extracts it, links it in process as the store does (bench/pipeline.py's baseline), and
wraps `Clusters.union` for the run (a diagnostic: the linking itself is unchanged) to keep
each cluster's gold families. A merge of clusters holding A and B quotes makes
|A||B| - sum_f A[f]B[f] false pairs; the sum over merges is the linking's false pairs
(quotes printing two statements, the generator's splices of two, are left out). Rules:
verified edges (variant or containment; across names, with a print credited to nobody, or
with a name in common), splices, fragments.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bench.pipeline import baseline_quotes, extract_documents, read_documents
from bench.score import match, read_truth, score
from quotetrail.graph.link import cluster as clustering
from quotetrail.graph.link.linking import link_documents
from quotetrail.graph.link.units import credited_apart, relation


class _Recorder:
    """Gold families per cluster root and one row per merge, filled by the wrapped union."""

    def __init__(self, family_of: dict[str, str]) -> None:
        self.family_of, self.phase = family_of, "edge"
        self.families: dict[int, Counter[str]] = {}
        self.merges: list[tuple[str, int, int, int]] = []  # rule, false pairs, unit i, unit j
        self.units: list[Any] = []

    def start(self, units: list[Any]) -> None:
        self.units, self.phase = units, "edge"
        self.families = {u.idx: Counter(self.family_of[q.id] for q in u.quotes
                                        if q.id in self.family_of) for u in units}

    def rule(self, i: int, j: int) -> str:
        if self.phase != "edge":
            return self.phase
        a, b = self.units[i], self.units[j]
        e = relation(a, b)
        kind = "unrelated" if e is None else "variant" if e.variant else "containment"
        who = "across names" if credited_apart(a, b) else \
            "credited to nobody" if not a.names or not b.names else "a name in common"
        return f"edge, {kind}, {who}"

    def merged(self, ri: int, rj: int, root: int, rule: str, i: int, j: int) -> None:
        a, b = self.families.pop(ri), self.families.pop(rj)
        false = sum(a.values()) * sum(b.values()) - sum(n * b[f] for f, n in a.items())
        self.merges.append((rule, false, i, j))
        a.update(b)
        self.families[root] = a


def _instrument(rec: _Recorder) -> None:
    union, init, splices = (clustering.Clusters.union, clustering.Clusters.__init__,
                            clustering.Clusters.link_splices)

    def wrapped_init(self: Any, units: list[Any]) -> None:
        init(self, units)
        rec.start(units)

    def wrapped_union(self: Any, i: int, j: int, guarded: bool = False,
                      inside: int | None = None) -> bool:
        ri, rj = self.find(i), self.find(j)
        rule = rec.rule(i, j) if ri != rj else ""
        ok = union(self, i, j, guarded, inside)
        if ok and ri != rj:
            rec.merged(ri, rj, self.find(i), rule, i, j)
        return ok

    def wrapped_splices(self: Any) -> None:
        rec.phase = "splice"
        splices(self)
        rec.phase = "fragment"

    clustering.Clusters.__init__ = wrapped_init  # type: ignore[method-assign]
    clustering.Clusters.union = wrapped_union  # type: ignore[method-assign]
    clustering.Clusters.link_splices = wrapped_splices  # type: ignore[method-assign]


def report(corpus: Path, examples: int) -> None:
    extracted = extract_documents(read_documents(corpus / "articles"))
    truth = read_truth(corpus / "truth.jsonl")
    found, _ = match(truth, extracted)
    rec = _Recorder({qid: truth[i]["family"] for i, qid in found.items()
                     if len(truth[i]["families"]) == 1})
    _instrument(rec)
    linking = link_documents(baseline_quotes(extracted))
    figures = score(truth, extracted, linking)
    print(json.dumps({k: v for k, v in figures.items() if k.startswith("family")}))
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for rule, false, _, _ in rec.merges:
        row = by_rule[rule]
        row[0], row[1], row[2] = row[0] + 1, row[1] + (false > 0), row[2] + false
    total = sum(r[2] for r in by_rule.values()) or 1
    print(f"false pairs made by merges: {total}")
    for rule, (n, bad, false) in sorted(by_rule.items(), key=lambda kv: -kv[1][2]):
        print(f"  {rule:<38} merges {n:>8}  wrong {bad:>6}  false pairs {false:>8} "
              f"({false / total:.1%})")
    mixed = [c for c in rec.families.values() if len(c) > 1]
    print(f"statements holding two or more families: {len(mixed)}; by families: "
          f"{sorted(Counter(min(len(c), 5) for c in mixed).items())} (5: five or more)")
    texts = json.loads((corpus / "families.json").read_text(encoding="utf-8"))
    for rule, false, i, j in sorted(rec.merges, key=lambda m: -m[1])[:examples]:
        print(f"- {rule}: {false} false pairs")
        for u in (rec.units[i], rec.units[j]):
            fam = Counter(rec.family_of.get(q.id) for q in u.quotes).most_common(1)[0][0]
            said = texts.get(fam, {})
            print(f"    {u.text[:160]!r} under {dict(u.speakers)}; family {fam} "
                  f"({said.get('speaker')}): {said.get('text', '')[:160]!r}")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.family_merges",
                                description=__doc__.splitlines()[0])
    p.add_argument("corpus", type=Path, help="a generated corpus folder")
    p.add_argument("--examples", type=int, default=12, help="worst merges to print")
    args = p.parse_args(argv)
    report(args.corpus, args.examples)


if __name__ == "__main__":
    main()
