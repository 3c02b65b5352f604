"""How linking scales: 10,000 and 100,000 synthetic quotes, time and peak memory.

Run: .venv/bin/python bench/linking_scale.py [sizes...]

Each synthetic statement is 10-30 words from a random vocabulary, said by one of a few
hundred speakers, printed 3-8 times: verbatim, truncated (sometimes to a 2-6 word fragment),
reworded (a few words replaced), or spliced. The run also reports how well the statements
were recovered (pairs of quotes of one true statement that ended up together, and pairs of
different statements wrongly merged).
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from collections import Counter

from quotetrail.graph.link.linking import link
from quotetrail.graph.model import LinkQuote


def make_corpus(n_quotes: int, seed: int = 7) -> tuple[list[LinkQuote], dict[str, int]]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(20_000)]
    speakers = [f"speaker-{i}" for i in range(max(10, n_quotes // 300))]
    quotes: list[LinkQuote] = []
    truth: dict[str, int] = {}
    statement = 0
    while len(quotes) < n_quotes:
        words = rng.choices(vocab, k=rng.randint(10, 30))
        speaker = rng.choice(speakers)
        day = rng.randint(1, 28)
        for v in range(rng.randint(3, 8)):
            kind = rng.random()
            if v == 0 or kind < 0.3:
                text = list(words)
            elif kind < 0.5:
                size = rng.randint(2, 6) if rng.random() < 0.4 else rng.randint(7, len(words) - 1)
                start = rng.randint(0, len(words) - size)
                text = words[start : start + size]
            elif kind < 0.85:
                text = list(words)
                for _ in range(rng.randint(1, 3)):
                    text[rng.randrange(len(text))] = rng.choice(vocab)
            else:
                cut = rng.randint(3, len(words) - 4)
                text = words[:cut] + words[cut + 2 :]
            qid = f"q{len(quotes):07d}"
            quotes.append(LinkQuote(
                id=qid, text=" ".join(text).capitalize() + ".", speaker=speaker,
                article_id=f"a{len(quotes) // 4}", article_kind="news",
                published=f"2022-02-{min(28, day + v):02d}", order=len(quotes),
            ))
            truth[qid] = statement
            if len(quotes) >= n_quotes:
                break
        statement += 1
    return quotes, truth


def quality(linking, truth: dict[str, int]) -> tuple[float, int]:
    found = {v.quote_id: v.statement_id for v in linking.variants}
    pairs_true = Counter(truth.values())
    total = sum(k * (k - 1) // 2 for k in pairs_true.values())
    together = Counter((truth[q], found[q]) for q in truth)
    recovered = sum(k * (k - 1) // 2 for k in together.values())
    per_statement: Counter[str] = Counter()
    for _, sid in together:
        per_statement[sid] += 1
    wrong = sum(1 for k in per_statement.values() if k > 1)
    return recovered / total, wrong


def run(n: int) -> tuple[float, int]:
    """Time an untraced run; measure peak memory in a second run under tracemalloc (which
    slows Python code several times, so its time would mislead)."""
    quotes, truth = make_corpus(n)
    started = time.perf_counter()
    linking = link(quotes)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    link(quotes)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    recall, wrong = quality(linking, truth)
    print(f"{n:>7} quotes: {elapsed:7.1f} s, peak {peak / 2**20:7.1f} MiB, "
          f"{len(linking.statements)} statements (true {len(set(truth.values()))}), "
          f"pair recall {recall:.3f}, statements mixing true statements {wrong}", flush=True)
    return elapsed, peak


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    link(make_corpus(300)[0])  # warm up: datasketch/scipy import once, outside the timings
    results = [run(n) for n in sizes]
    if len(results) >= 2:
        (t0, m0), (t1, m1) = results[0], results[-1]
        print(f"ratio {sizes[-1]}/{sizes[0]}: time {t1 / t0:.1f}x, peak memory {m1 / m0:.1f}x")


if __name__ == "__main__":
    main()
