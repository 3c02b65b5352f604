"""How fast extract() runs on the four news seeds (target: 200 articles/s on one core).

Run: .venv/bin/python bench/extract_speed.py [seconds]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from quotetrail.loaders.extract import extract
from quotetrail.loaders.read import read_inputs
from quotetrail.loaders.records import Document

SEED = Path(__file__).resolve().parents[1] / "examples" / "nato-2022"


def main(seconds: float = 3.0) -> None:
    news = [d for d in read_inputs([str(SEED)]) if isinstance(d, Document) and d.kind == "news"]
    quotes = sum(len(extract(d).quotes) for d in news)  # warm up (regex compilation)
    done = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        for doc in news:
            extract(doc)
        done += len(news)
    print(
        f"{done / elapsed:.0f} articles/s ({done} articles in {elapsed:.2f} s; "
        f"{len(news)} news seeds, {quotes} quotes per pass)"
    )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 3.0)
