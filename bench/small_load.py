"""`python -m bench.small_load`: do small loads stay small? (issue 17 item 3)

For each size N: generate an archive of N articles plus a few more (bench/generate.py: the
extra ones quote the archive's statements, as tomorrow's news quotes today's), then per
engine time loading SMALL of the extra articles into an empty graph and into the N-article
graph, through the one load path (`load_extracted`: write and relink; extraction
is the same work for both and is left out). Five rounds of different articles; the medians
and their ratio are printed (target: at most 2). After the rounds the graph is checked
against the in-process linking of everything it holds (the bench's baseline): the
statements and DERIVED_FROM edges a small load wrote must be the ones a full linking gives.

Each engine runs on a fresh local server in a temp home, stopped after.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import generate
from bench.pipeline import CLEAR_BATCH, baseline_link, baseline_quotes, connect, prepare, stop
from quotetrail.graph.model import Linking
from quotetrail.graph.store.driver import Store
from quotetrail.loaders.records import ExtractedDocument
from quotetrail.pipeline import load_extracted
from quotetrail.settings import Settings

ROUNDS = 5
MEMBERS = "MATCH (q:Quote)-[:VARIANT_OF]->(st:Statement) RETURN st.id AS st, q.id AS q"
DERIVED = """
MATCH (q:Quote)-[d:DERIVED_FROM]->(s:Quote) RETURN q.id AS q, s.id AS s, d.evidence AS e
"""


def _timed_load(store: Store, docs: list[ExtractedDocument]) -> float:
    start = time.perf_counter()
    result = load_extracted(store, docs)
    assert not result.failed, result.failed
    return time.perf_counter() - start


def _clear(store: Store) -> None:
    while store.write(lambda tx: tx.run(CLEAR_BATCH).single()["n"]):
        pass


def _differences(store: Store, full: Linking) -> dict[str, int]:
    """Statements (by id and quotes) and derivations the graph and `full` disagree on."""
    graph: dict[str, set[str]] = {}
    for r in store.rows(MEMBERS):
        graph.setdefault(r["st"], set()).add(r["q"])
    wanted: dict[str, set[str]] = {}
    for v in full.variants:
        wanted.setdefault(v.statement_id, set()).add(v.quote_id)
    derived = {(r["q"], r["s"], r["e"]) for r in store.rows(DERIVED)}
    truth = {(d.quote_id, d.source_quote_id, d.evidence) for d in full.derivations}
    return {"statements": sum(graph.get(s) != qs for s, qs in wanted.items())
            + sum(s not in wanted for s in graph),
            "derivations": len(derived ^ truth), "of_statements": len(wanted),
            "of_derivations": len(truth)}


def run_engine(settings: Settings, archive: list[ExtractedDocument],
               smalls: list[list[ExtractedDocument]]) -> dict[str, Any]:
    """Small loads into an empty graph, the archive's bulk load, then small loads into it."""
    store, home = connect(settings, False)
    try:
        empty = []
        for docs in smalls:
            empty.append(_timed_load(store, docs))
            _clear(store)
        bulk = _timed_load(store, archive)
        large = [_timed_load(store, docs) for docs in smalls]
        loaded = archive + [d for docs in smalls for d in docs]
        diff = _differences(store, baseline_link(baseline_quotes(loaded)))
    finally:
        stop(store, home)
    e, g = statistics.median(empty), statistics.median(large)
    return {"empty_s": [round(x, 3) for x in empty], "large_s": [round(x, 3) for x in large],
            "bulk_s": round(bulk, 1), "ratio": round(g / e, 2), "differences": diff}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="archive sizes, comma-separated")
    parser.add_argument("--small", type=int, default=5, help="articles per small load")
    parser.add_argument("--engine", default="arcadedb", help="arcadedb, neo4j or both: all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    engines = ["arcadedb", "neo4j"] if args.engine == "all" else args.engine.split(",")
    figures: dict[str, Any] = {}
    work = Path(tempfile.mkdtemp(prefix="qt-small-"))
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            generate(work / str(n), n + ROUNDS * args.small, args.seed)
            extracted = prepare(work / str(n) / "articles").extracted
            cut = len(extracted) - ROUNDS * args.small
            smalls = [extracted[cut + i * args.small: cut + (i + 1) * args.small]
                      for i in range(ROUNDS)]
            for engine in engines:
                on = Settings(NEO4J_URI=None, QUOTETRAIL_ENGINE=engine)
                got = run_engine(on, extracted[:cut], smalls)
                figures[f"{n}/{engine}"] = got
                print(f"{n:>7} {engine:<9} empty {statistics.median(got['empty_s']):.2f} s  "
                      f"into {n} {statistics.median(got['large_s']):.2f} s  "
                      f"ratio {got['ratio']:.2f}  (bulk {got['bulk_s']} s; differences "
                      f"from a full linking: {got['differences']})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
