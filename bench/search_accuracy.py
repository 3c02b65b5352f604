"""`python -m bench.search_accuracy HOME`: does search find a statement from its own words?

On an archive already loaded in HOME (a QUOTETRAIL_HOME, or NEO4J_URI), takes statements at
random (seeded) and searches for each: six consecutive words of its reference wording
(`exact`), the same words with two letters of the longest swapped (`typo`), and the text of a
reworded or paraphrased print of it (`reworded`). Prints, per kind, how often the statement
comes first and among the first five, and the p50/p95 of one search (in process, no HTTP).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from bench.pipeline import percentiles
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.search import SearchRefused, search_page
from quotetrail.settings import Settings

STATEMENTS = "MATCH (st:Statement) RETURN st.id AS id, st.text AS text ORDER BY st.id"
REWORDED = """
MATCH (q:Quote)-[v:VARIANT_OF]->(st:Statement) WHERE v.mutation IN ['reworded', 'paraphrased']
RETURN st.id AS id, q.text AS text ORDER BY q.id
"""


def typo(words: list[str], rng: random.Random) -> list[str]:
    """Two neighbouring letters of the longest word swapped."""
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) > 3:
        j = rng.randrange(1, len(w) - 2)
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return [*words[:i], w, *words[i + 1:]]


def cases(store: Store, n: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, statement id, search text) for `n` statements of six words or more."""
    rng = random.Random(seed)
    rows = [r for r in store.rows(STATEMENTS) if len((r["text"] or "").split()) >= 6]
    rng.shuffle(rows)
    reworded = {r["id"]: r["text"] for r in store.rows(REWORDED)}
    out: list[tuple[str, str, str]] = []
    for r in rows[:n]:
        words = r["text"].split()
        start = rng.randrange(0, len(words) - 5)
        fragment = words[start:start + 6]
        out += [("exact", r["id"], " ".join(fragment)),
                ("typo", r["id"], " ".join(typo(fragment, rng)))]
        if r["id"] in reworded:
            out.append(("reworded", r["id"], reworded[r["id"]][:1000]))
    return out


def measure(store: Store, n: int, seed: int) -> dict[str, Any]:
    found: dict[str, list[int]] = {}
    ms: list[float] = []
    for kind, sid, text in cases(store, n, seed):
        started = time.perf_counter()
        try:
            ids = [h.id for h in search_page(store, text, limit=5).items]
        except SearchRefused:
            ids = []
        ms.append((time.perf_counter() - started) * 1000)
        counts = found.setdefault(kind, [0, 0, 0])
        counts[0] += 1
        counts[1] += bool(ids) and ids[0] == sid
        counts[2] += sid in ids
    kinds = {k: {"n": c[0], "top1": round(c[1] / c[0], 3), "top5": round(c[2] / c[0], 3)}
             for k, c in found.items()}
    return {"kinds": kinds, "search": percentiles(ms)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.search_accuracy",
                                description=__doc__.splitlines()[0])
    p.add_argument("home", type=Path, nargs="?", help="QUOTETRAIL_HOME of a loaded archive")
    p.add_argument("--statements", type=int, default=120)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--json", type=Path, help="also write the figures here")
    args = p.parse_args(argv)
    settings = Settings(QUOTETRAIL_HOME=args.home) if args.home else Settings()
    with Store.connect(settings) as store:
        result = measure(store, args.statements, args.seed)
    for kind, f in result["kinds"].items():
        print(f"{kind:9} n={f['n']:4d}  first {f['top1']:.2f}  in the first five {f['top5']:.2f}")
    print(f"one search: p50 {result['search']['p50_ms']:.1f} ms, "
          f"p95 {result['search']['p95_ms']:.1f} ms")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
