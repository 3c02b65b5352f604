"""Linking accuracy on a generated corpus, in process (no graph server): the quick loop.

Run: .venv/bin/python -m bench.generated_accuracy --size 2000 --seed 1 [--keep DIR] [--json]

Generates a corpus (bench/generate.py) in a temp folder, extracts its quotes, links them as
the store does (bench/pipeline.py's baseline: the LinkQuotes graph/store/relink.py reads back,
then the cross-speaker misattribution check) and prints bench/score.py's figures with the
most frequent errors.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.generate import generate
from bench.pipeline import baseline_link, baseline_quotes, extract_documents, read_documents
from bench.score import read_truth, score


def measure(size: int, seed: int, keep: Path | None = None) -> dict[str, Any]:
    work = keep or Path(tempfile.mkdtemp(prefix="qt-genacc-"))
    try:
        started = time.perf_counter()
        generate(work, size, seed)
        extracted = extract_documents(read_documents(work / "articles"))
        quotes = baseline_quotes(extracted)
        linked = time.perf_counter()
        linking = baseline_link(quotes)
        link_s = time.perf_counter() - linked
        result = score(read_truth(work / "truth.jsonl"), extracted, linking)
        result["seconds"] = {"total": round(time.perf_counter() - started, 1),
                             "link": round(link_s, 1)}
        return result
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.generated_accuracy",
                                description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=2000, help="articles to generate (2000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    result = measure(args.size, args.seed, args.keep)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for key, value in result.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for k, v in value.items():
                print(f"  {k:<28} {v}")
        else:
            print(f"{key:<30} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
