"""`python -m bench`: quotetrail's speed and accuracy on generated newsroom archives.

For each size: generate a corpus (bench/generate.py), load it stage by stage through the
graph server and through the in-process baseline (bench/pipeline.py), time 200 traces,
score the linking against the generator's truth (bench/score.py); on the largest graph
also drive the HTTP API (bench/api_load.py). Prints a table with the issue's targets marked
met or missed, and writes JSON (default bench/results/latest.json).

The local server by default (a fresh one in a temp folder per size, stopped after); Neo4j
when NEO4J_URI is set (its graph is deleted only with --clear).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import api_load, report
from bench.generate import generate
from bench.pipeline import load, stop, trace_latency
from bench.score import read_truth, score
from quotetrail.settings import Settings

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000",
                   help="comma-separated article counts (default 1000,10000)")
    p.add_argument("--full", action="store_true", help="add the 100k size")
    p.add_argument("--json", type=Path, default=RESULTS, help=f"default {RESULTS}")
    p.add_argument("--skip-api", action="store_true")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--clear", action="store_true",
                   help="allow deleting the graph at NEO4J_URI before loading")
    p.add_argument("--heap", help="the local server's Java heap (default: settings, 768m)")
    p.add_argument("--keep", type=Path, help="keep the generated corpora under this folder")
    args = p.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()}
                   | ({100_000} if args.full else set()))
    settings = Settings()
    if args.heap:
        settings = settings.model_copy(update={"local_heap": args.heap})
    server = "neo4j" if settings.neo4j_uri else "local"
    result = {"machine": report.machine(server), "seed": args.seed, "sizes": {}}
    work = args.keep or Path(tempfile.mkdtemp(prefix="qt-bench-"))
    try:
        for n in sizes:
            started = time.perf_counter()
            corpus = work / f"corpus-{n}"
            gen = generate(corpus, n, args.seed)
            gen_s = time.perf_counter() - started
            print(f"[{n}] generated {gen['documents']} documents, {gen['quotes']} quotes "
                  f"in {gen_s:.1f} s; loading", file=sys.stderr, flush=True)
            loaded = load(corpus / "articles", settings, args.clear)
            assert loaded.store is not None
            try:
                figures = loaded.figures
                figures["corpus"] = {**gen, "generate_s": round(gen_s, 2)}
                figures["trace"] = trace_latency(loaded.store, loaded.statement_ids, args.seed)
                truth = read_truth(corpus / "truth.jsonl")
                figures["accuracy"] = score(truth, loaded.extracted, loaded.linking)
                figures["accuracy_baseline"] = score(truth, loaded.extracted, loaded.baseline)
                if n == sizes[-1]:
                    result["api"] = ({"skipped": "--skip-api"} if args.skip_api else
                                     api_load.measure(loaded.home, loaded.statement_ids,
                                                      args.seed))
            finally:
                stop(loaded.store, loaded.home)
                if loaded.home is not None:
                    shutil.rmtree(loaded.home, ignore_errors=True)
            result["sizes"][str(n)] = figures
            print(f"[{n}] loaded in {figures['load_s']:.1f} s "
                  f"({figures['articles_per_s']} articles/s)", file=sys.stderr, flush=True)
            if not args.keep:
                shutil.rmtree(corpus, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    result["growth"] = report.growth({int(k): v for k, v in result["sizes"].items()})
    result["targets"] = report.targets(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    print(report.table(result))
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
