"""How fast extract() runs on the four news seeds (target: 200 articles/s on one core).

Run: .venv/bin/python bench/extract_speed.py [seconds]

Extraction is single-threaded, so the figure is articles per second of this process's CPU
time (one core). It is measured in rounds of 20 articles; the best round is the headline
figure (what the code can do on an idle core: other processes on a shared machine only ever
make a round slower), and the median round and the wall-clock rate are printed beside it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.read.inputs import read_inputs
from quotetrail.loaders.records import Document

SEED = Path(__file__).resolve().parents[1] / "examples" / "nato-2022"
ROUND = 20  # articles per timed round


def measure(seconds: float = 3.0) -> dict[str, float]:
    """Articles per CPU second (best and median round) and per wall-clock second."""
    news = [d for d in read_inputs([str(SEED)]) if isinstance(d, Document) and d.kind == "news"]
    quotes = sum(len(extract(d).quotes) for d in news)  # warm up (regex compilation)
    batch = [news[i % len(news)] for i in range(ROUND)]
    rounds: list[float] = []
    wall_start = time.perf_counter()
    while time.perf_counter() - wall_start < seconds:
        start = time.process_time()
        for doc in batch:
            extract(doc)
        rounds.append(ROUND / max(time.process_time() - start, 1e-9))
    wall = time.perf_counter() - wall_start
    return {
        "best": max(rounds), "median": statistics.median(rounds),
        "wall": ROUND * len(rounds) / wall, "articles": ROUND * len(rounds),
        "quotes_per_pass": quotes, "seeds": len(news),
    }


def main(seconds: float = 3.0) -> None:
    r = measure(seconds)
    print(
        f"{r['best']:.0f} articles/s on one core (best round; median {r['median']:.0f}, "
        f"wall clock {r['wall']:.0f}; {r['articles']:.0f} articles, {r['seeds']:.0f} news "
        f"seeds, {r['quotes_per_pass']:.0f} quotes per pass)"
    )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 3.0)
