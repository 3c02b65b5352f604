"""`python -m bench`: quotetrail's speed and accuracy on generated newsroom archives.

For each size: generate a corpus (bench/generate.py), load it stage by stage through the
graph server and through the in-process baseline (bench/pipeline.py), time 200 traces,
score the linking against the generator's truth (bench/score.py); on the largest graph
also drive the HTTP API (bench/api_load.py). Prints a table with the issue's targets marked
met or missed, and writes JSON (default bench/results/latest.json).

The local server by default (a fresh one in a temp folder per size and engine, stopped
after): `--engine neo4j` for the local Neo4j, `--engine all` for every engine side by side
on the same corpora (read and extract run once per size). The Neo4j of NEO4J_URI when that
is set (its graph is deleted only with --clear).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import api_load, reads, report
from bench.generate import generate
from bench.pipeline import Prepared, load, prepare, stop, trace_latency
from bench.score import read_truth, score
from quotetrail.graph.local_server.manager import ENGINES
from quotetrail.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()}
                   | ({100_000} if args.full else set()))
    settings = Settings()
    if args.heap:
        settings = settings.model_copy(update={"local_heap": args.heap})
    engines = _engines(args.engine, settings)
    runs: dict[str, dict] = {e: {"sizes": {}} for e in engines}
    work = args.keep or Path(tempfile.mkdtemp(prefix="qt-bench-"))
    try:
        for n in sizes:
            corpus, gen = _generate(work, n, args.seed)
            prepared = prepare(corpus / "articles")
            truth = read_truth(corpus / "truth.jsonl")
            for engine in engines:
                on = settings.model_copy(update={"engine": engine}) if engine in ENGINES \
                    else settings
                runs[engine]["sizes"][str(n)] = _one(corpus, on, args, prepared, truth, gen,
                                                     runs[engine] if n == sizes[-1] else None)
            if not args.keep:
                shutil.rmtree(corpus, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    result = _result(engines, runs, args.seed)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    print(report.table(result))
    if len(engines) > 1:
        print("\n" + report.side_by_side(result))
    print(f"\nJSON: {args.json}")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000",
                   help="comma-separated article counts (default 1000,10000)")
    p.add_argument("--full", action="store_true", help="add the 100k size")
    p.add_argument("--engine", default=None, choices=[*ENGINES, "all"],
                   help="the local engine (default QUOTETRAIL_ENGINE, else arcadedb); `all` "
                        "runs each size on every engine, one table side by side")
    p.add_argument("--json", type=Path, default=RESULTS, help=f"default {RESULTS}")
    p.add_argument("--skip-api", action="store_true")
    p.add_argument("--reads", action="store_true",
                   help="on the largest graph, also every list route, page and search "
                        "(bench/reads.py)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--clear", action="store_true",
                   help="allow deleting the graph at NEO4J_URI before loading")
    p.add_argument("--heap", help="the local server's Java heap (default: settings, 768m)")
    p.add_argument("--keep", type=Path, help="keep the generated corpora under this folder")
    return p


def _engines(choice: str | None, settings: Settings) -> list[str]:
    if settings.neo4j_uri:
        return ["neo4j-uri"]  # the user's Neo4j; --engine names local engines only
    return list(ENGINES) if choice == "all" else [choice or settings.engine]


def _generate(work: Path, n: int, seed: int) -> tuple[Path, dict]:
    started = time.perf_counter()
    corpus = work / f"corpus-{n}"
    gen = generate(corpus, n, seed)
    gen_s = time.perf_counter() - started
    print(f"[{n}] generated {gen['documents']} documents, {gen['quotes']} quotes "
          f"in {gen_s:.1f} s; loading", file=sys.stderr, flush=True)
    return corpus, {**gen, "generate_s": round(gen_s, 2)}


def _one(corpus: Path, settings: Settings, args: argparse.Namespace, prepared: Prepared,
         truth: list, gen: dict, api_into: dict | None) -> dict:
    """One size on one engine: load, traces, accuracy, and the API when `api_into`."""
    loaded = load(corpus / "articles", settings, args.clear, prepared)
    assert loaded.store is not None
    try:
        figures = loaded.figures
        figures["corpus"] = gen
        figures["trace"] = trace_latency(loaded.store, loaded.statement_ids, args.seed)
        figures["accuracy"] = score(truth, loaded.extracted, loaded.linking)
        figures["accuracy_baseline"] = score(truth, loaded.extracted, loaded.baseline)
        if api_into is not None:
            api_into["api"] = ({"skipped": "--skip-api"} if args.skip_api else
                               api_load.measure(loaded.home, loaded.statement_ids, args.seed,
                                                settings.engine))
        if api_into is not None and args.reads:
            counts, requests = reads.measure_all(settings, loaded.store)
            api_into["reads"] = {"counts": counts, "requests": requests}
    finally:
        stop(loaded.store, loaded.home)
        if loaded.home is not None:
            shutil.rmtree(loaded.home, ignore_errors=True)
    print(f"[{figures['documents']}] {settings.engine}: loaded in {figures['load_s']:.1f} s "
          f"({figures['articles_per_s']} articles/s)", file=sys.stderr, flush=True)
    return figures


def _result(engines: list[str], runs: dict[str, dict], seed: int) -> dict:
    """The first engine's figures at the top (the shape earlier runs have), every engine's
    under `engines`."""
    server = "neo4j" if engines == ["neo4j-uri"] else "local"
    for run in runs.values():
        run["growth"] = report.growth({int(k): v for k, v in run["sizes"].items()})
        run["targets"] = report.targets({**run, "machine": {"server": server}})
    first = runs[engines[0]]
    machine = {**report.machine(server), "engines": engines}
    return {"machine": machine, "seed": seed, **first, "engines": runs}


if __name__ == "__main__":
    sys.exit(main())
