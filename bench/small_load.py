"""`python -m bench.small_load`: do small loads stay small? (issue 17 item 3)

For each size N: generate an archive of N articles plus a few more (bench/generate.py: the
extra ones quote the archive's statements, as tomorrow's news quotes today's), then per
engine time loading SMALL of the extra articles into an empty graph and into the N-article
graph, through the one load path (`load_extracted`: write and relink; extraction is the
same work for both and is left out). Five rounds (`--rounds`) of different articles; the
medians and their ratio are printed (target: at most 2). After the rounds the graph is checked
against the in-process linking of everything it holds (the bench's baseline): the
statements and DERIVED_FROM edges a small load wrote must be the ones a full linking gives.

Each engine runs on a fresh local server in a temp home, stopped after. `--keep DIR` keeps
each bulk-loaded archive (DIR/N-ENGINE, copied with the server stopped, before any small load)
and `--home DIR` starts from a copy of such a home, or of any graph of the first N articles of
the seed's corpus (e.g. the 100k read benchmark's, copied: the small loads write into it),
instead of loading the archive; `--no-check` skips the comparison with a full linking (at
100k it links the whole corpus in process; with `--home`, only the small loads' articles are
extracted). `--extras DIR` takes the small loads from the text files of DIR instead (e.g.
PolNeAR's US political news: quotes the archive never printed), with `--home` and
`--no-check`: what the archive's size alone costs a load that touches none of it.
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
from bench.pipeline import (
    CLEAR_BATCH,
    baseline_link,
    baseline_quotes,
    connect,
    extract_documents,
    prepare,
    read_documents,
    stop,
)
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


def _start(settings: Settings, home: Path) -> Store:
    return Store.connect(Settings(NEO4J_URI=None, QUOTETRAIL_HOME=home,
                                  QUOTETRAIL_LOCAL_HEAP=settings.local_heap,
                                  QUOTETRAIL_ENGINE=settings.engine))


def run_engine(settings: Settings, archive: list[ExtractedDocument] | None,
               smalls: list[list[ExtractedDocument]], kept: Path | None = None,
               keep: Path | None = None, check: bool = True, warm: int = 0) -> dict[str, Any]:
    """Small loads into an empty graph, the archive's bulk load (or a copy of the graph
    `kept`), then small loads into it; `keep`: where to copy the bulk-loaded home. The
    first `warm` loads of each are left out of the medians (a server answers a query of a
    shape it has not planned yet in 50 to 220 ms on Neo4j; a long-running one has)."""
    store, home = connect(settings, False)
    bulk = None
    try:
        empty = []
        for docs in smalls:
            empty.append(_timed_load(store, docs))
            _clear(store)
        if kept is None:
            assert archive is not None
            bulk = _timed_load(store, archive)
        if kept is not None or keep is not None:
            stop(store, home)
            assert home is not None
            if keep is not None:
                shutil.copytree(home, keep, symlinks=True)
            else:
                shutil.rmtree(home)
                shutil.copytree(kept, home, symlinks=True)  # type: ignore[arg-type]
            store = _start(settings, home)
        large = [_timed_load(store, docs) for docs in smalls]
        diff = None
        if archive is not None and check:
            loaded = archive + [d for docs in smalls for d in docs]
            diff = _differences(store, baseline_link(baseline_quotes(loaded)))
    finally:
        stop(store, home)
        if home is not None:
            shutil.rmtree(home, ignore_errors=True)
    e, g = statistics.median(empty[warm:]), statistics.median(large[warm:])
    return {"empty_s": [round(x, 3) for x in empty], "large_s": [round(x, 3) for x in large],
            "warm": warm, "empty_median_s": round(e, 3), "large_median_s": round(g, 3),
            "bulk_s": bulk and round(bulk, 1), "ratio": round(g / e, 2), "differences": diff}


def _extracted(folder: Path, n: int, extras_only: bool, check: bool
               ) -> list[ExtractedDocument]:
    """The corpus's documents extracted (only those after the first `n`, the small loads',
    when the archive is not loaded; `check`: in the order the in-process linking takes)."""
    if extras_only:
        return extract_documents(read_documents(folder)[n:])
    return prepare(folder).extracted if check else extract_documents(read_documents(folder))


def _texts(folder: Path, count: int) -> list[ExtractedDocument]:
    """The first `count` text files of `folder` (by name) that have a quote, extracted."""
    found: list[ExtractedDocument] = []
    for path in sorted(folder.glob("*.txt")):
        found += [d for d in extract_documents(read_documents(path)) if d.quotes]
        if len(found) == count:
            return found
    raise SystemExit(f"{folder} has fewer than {count} text files with a quote")


def _kept(home: Path, name: str) -> Path:
    return home / name if (home / name).is_dir() else home


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="archive sizes, comma-separated")
    parser.add_argument("--small", type=int, default=5, help="articles per small load")
    parser.add_argument("--rounds", type=int, default=ROUNDS,
                        help="small loads of different articles (the medians' noise falls)")
    parser.add_argument("--warm", type=int, default=0,
                        help="loads of more articles first, left out of the medians")
    parser.add_argument("--engine", default="arcadedb", help="arcadedb, neo4j or both: all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--keep", type=Path, help="copy each bulk-loaded home to DIR/N-ENGINE")
    parser.add_argument("--home", type=Path, help="start from a copy of DIR/N-ENGINE, or of "
                        "DIR with one size and engine, instead of loading the archive")
    parser.add_argument("--corpus", type=Path, help="a corpus bench.generate wrote for N plus "
                        "the small loads' articles (one size), instead of generating it")
    parser.add_argument("--no-check", action="store_true",
                        help="skip the comparison with a full linking")
    parser.add_argument("--extras", type=Path, help="a folder of text files: the small loads' "
                        "articles, in name order (with --home and --no-check)")
    args = parser.parse_args(argv)
    if args.extras and not (args.home and args.no_check):
        parser.error("--extras needs --home and --no-check (the archive is not generated)")
    engines = ["arcadedb", "neo4j"] if args.engine == "all" else args.engine.split(",")
    loads = args.warm + args.rounds
    figures: dict[str, Any] = {}
    work = Path(tempfile.mkdtemp(prefix="qt-small-"))
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            extras_only = args.no_check and args.home is not None
            if args.extras:
                extracted = _texts(args.extras, loads * args.small)
            else:
                corpus = args.corpus or work / str(n)
                if not args.corpus:
                    generate(corpus, n + loads * args.small, args.seed)
                extracted = _extracted(corpus / "articles", n, extras_only, not args.no_check)
            cut = len(extracted) - loads * args.small
            smalls = [extracted[cut + i * args.small: cut + (i + 1) * args.small]
                      for i in range(loads)]
            archive = None if extras_only else extracted[:cut]
            for engine in engines:
                on = Settings(NEO4J_URI=None, QUOTETRAIL_ENGINE=engine)
                kept = args.home and _kept(args.home, f"{n}-{engine}")
                keep = args.keep and args.keep / f"{n}-{engine}"
                got = run_engine(on, archive, smalls, kept, keep, not args.no_check, args.warm)
                figures[f"{n}/{engine}"] = got
                print(f"{n:>7} {engine:<9} empty {got['empty_median_s']:.2f} s  "
                      f"into {n} {got['large_median_s']:.2f} s  "
                      f"ratio {got['ratio']:.2f}  (bulk {got['bulk_s']} s; differences "
                      f"from a full linking: {got['differences']})", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
