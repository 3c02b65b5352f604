"""`python -m bench.load_profile HOME --extras DIR`: where a small load's time goes, query by
query (issue 17 item 3: what a load into a large graph pays that one into an empty graph
does not).

Loads `--rounds` small loads of `--small` text files of DIR each (PolNeAR's news, say) into
a copy of HOME (a QUOTETRAIL_HOME holding a graph, e.g. one `bench.small_load --keep`
wrote; `--empty` for a fresh graph, cleared after each round instead) through the product's
load path, timing every query the driver runs: each transaction's query, from its RUN until
its rows are all in (the rows are buffered as they arrive, so what the caller does with them
is not counted). Prints per query shape the median over the rounds of its time, calls and
rows, the medians of the loads, and what is left (a load's time less its queries': Python,
commits, round trips). The first `--skip` rounds are left out (a server just started
answers slowly).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from neo4j._sync.work.transaction import TransactionBase

from bench.pipeline import stop
from bench.small_load import _clear, _start, _texts
from quotetrail.pipeline import load_extracted
from quotetrail.settings import Settings

Calls = dict[str, list[tuple[float, int]]]  # query shape -> (seconds, rows) per call


def shape(query: str) -> str:
    """A query's label: the full-text index it asks, else its first clauses."""
    if index := re.search(r"queryNodes\('([^']+)'", query):
        return f"full-text {index.group(1)}"
    return " ".join(query.split())[:90]


@contextmanager
def timed_queries(calls: Calls) -> Iterator[None]:
    """Record each query run in a transaction: its seconds until its rows are in, its rows."""
    run = TransactionBase.run

    def timed(self: TransactionBase, query: Any, parameters: Any = None, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = run(self, query, parameters, **kwargs)
        result._buffer_all()  # the rows in, as a caller reading them all would have them
        rows = len(result._record_buffer)
        calls[shape(str(query))].append((time.perf_counter() - start, rows))
        return result

    TransactionBase.run = timed  # type: ignore[method-assign]
    try:
        yield
    finally:
        TransactionBase.run = run  # type: ignore[method-assign]


def profile(home: Path, engine: str, docs: list[Any], small: int, empty: bool
            ) -> tuple[list[float], list[Calls]]:
    """Each round's load time and its queries."""
    store = _start(Settings(NEO4J_URI=None, QUOTETRAIL_ENGINE=engine), home)
    totals: list[float] = []
    rounds: list[Calls] = []
    try:
        for i in range(0, len(docs), small):
            calls: Calls = defaultdict(list)
            with timed_queries(calls):
                start = time.perf_counter()
                result = load_extracted(store, docs[i:i + small])
                totals.append(time.perf_counter() - start)
            assert not result.failed, result.failed
            rounds.append(calls)
            if empty:
                _clear(store)
    finally:
        stop(store, home)
    return totals, rounds


def report(totals: list[float], rounds: list[Calls], most: int) -> dict[str, Any]:
    """Per shape, the medians over the rounds of its seconds, calls and rows."""
    shapes = {s for calls in rounds for s in calls}
    rows = sorted(((statistics.median(sum(t for t, _ in r.get(s, [])) for r in rounds),
                    statistics.median(len(r.get(s, [])) for r in rounds),
                    statistics.median(sum(n for _, n in r.get(s, [])) for r in rounds), s)
                   for s in shapes), reverse=True)
    queries = [sum(t for calls in r.values() for t, _ in calls) for r in rounds]
    left = [t - q for t, q in zip(totals, queries, strict=True)]
    for seconds, count, n, s in rows[:most]:
        print(f"{seconds * 1000:8.1f} ms {count:5.1f} calls {n:7.0f} rows  {s}")
    print(f"load {statistics.median(totals):.3f} s (median of {len(totals)}; "
          f"{min(totals):.3f} to {max(totals):.3f}), its queries {statistics.median(queries):.3f}"
          f" s, the rest (Python, commits, round trips) {statistics.median(left):.3f} s")
    return {"loads_s": [round(t, 3) for t in totals], "queries_s": [round(q, 3) for q in queries],
            "shapes": [{"shape": s, "median_ms": round(t * 1000, 1), "calls": c, "rows": n}
                       for t, c, n, s in rows]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path, nargs="?", help="a QUOTETRAIL_HOME with a graph "
                        "(copied first: the loads write into the copy)")
    parser.add_argument("--extras", type=Path, required=True,
                        help="a folder of text files: the loads' articles, in name order")
    parser.add_argument("--empty", action="store_true", help="load into an empty graph")
    parser.add_argument("--engine", default="arcadedb", help="arcadedb or neo4j: HOME's")
    parser.add_argument("--first", type=int, default=0, help="text files with a quote to "
                        "pass over first (other articles than an earlier run's)")
    parser.add_argument("--small", type=int, default=5, help="articles per load")
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--skip", type=int, default=1, help="first rounds left out")
    parser.add_argument("--top", type=int, default=25, help="query shapes printed")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    if (args.home is None) != args.empty:
        parser.error("give HOME, or --empty (not both)")
    count = args.first + args.small * args.rounds
    docs = _texts(args.extras, count)[args.first:]
    work = Path(tempfile.mkdtemp(prefix="qt-profile-"))
    try:
        home = work / "home"
        if args.home is not None:
            shutil.copytree(args.home, home, symlinks=True)
        totals, rounds = profile(home, args.engine, docs, args.small, args.empty)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = report(totals[args.skip:], rounds[args.skip:], args.top)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
