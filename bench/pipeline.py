"""One size of the benchmark: generate, then load, timed by stage, through the store and
through the in-process baseline (the same pipeline writing to nothing).

The store side is the product's own load path (`quotetrail.pipeline.load_extracted`: write
in chunks of CHUNK documents, then relink), whose result carries each stage's seconds. Read
and extract are the same work on both sides, so they run once, here; the baseline's own
stage is `link` on LinkQuotes built from the extracted quotes the way relink builds them.
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotetrail.graph import ids
from quotetrail.graph.link.context import window
from quotetrail.graph.link.linking import link_documents
from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.graph.model import Linking, LinkQuote
from quotetrail.graph.store import queries
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.writer import speaker_book
from quotetrail.loaders.read.inputs import read_inputs
from quotetrail.loaders.records import Document, ExtractedDocument
from quotetrail.pipeline import Progress, extract_all, load_extracted, with_full_names
from quotetrail.settings import Settings

TRACE_SAMPLE = 200
TRACE_MAX_SECONDS = 60.0  # a slow trace query must not hold the run for hours
# Only with --clear, on the user's own Neo4j: bench code, not product Cypher.
CLEAR_BATCH = "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n"


@dataclass
class Loaded:
    """What one size produced, for the report and for the accuracy scoring."""

    figures: dict[str, Any]
    extracted: list[ExtractedDocument]
    linking: Linking  # as written to the store
    baseline: Linking
    store: Store | None = None
    home: Path | None = None
    statement_ids: list[str] = field(default_factory=list)


def connect(settings: Settings | None, clear: bool) -> tuple[Store, Path | None]:
    """A fresh local server of the settings' engine in a temp home, or the user's Neo4j
    (cleared only if asked)."""
    if settings is not None and settings.neo4j_uri:
        store = Store.connect(settings)
        if queries.counts(store).articles and not clear:
            store.close()
            raise SystemExit("the Neo4j at NEO4J_URI holds a graph; pass --clear to let the "
                             "benchmark delete it, or point NEO4J_URI at an empty database")
        while store.write(lambda tx: tx.run(CLEAR_BATCH).single()["n"]):
            pass
        return store, None
    home = Path(tempfile.mkdtemp(prefix="qt-bench-home-"))
    heap = settings.local_heap if settings else "768m"
    engine = settings.engine if settings else "arcadedb"
    return Store.connect(Settings(NEO4J_URI=None, QUOTETRAIL_HOME=home,
                                  QUOTETRAIL_LOCAL_HEAP=heap, QUOTETRAIL_ENGINE=engine)), home


def stop(store: Store, home: Path | None) -> None:
    store.close()
    if home is not None:
        LocalServer(home, engine=store.dialect.name).stop()  # type: ignore[arg-type]


def baseline_quotes(extracted: list[ExtractedDocument]) -> list[LinkQuote]:
    """LinkQuotes as relink.relink builds them: canonical speaker ids, load order, and each
    article's outlet and the outlets it credits."""
    book = with_full_names(extracted, speaker_book())
    quotes = []
    for order, ex in enumerate(extracted):
        d = ex.document
        article = ids.article_id(d.sha256)
        credits = tuple(sorted({c.outlet for c in ex.credits}
                               - {d.outlet}))
        for q in ex.quotes:
            speaker = ids.speaker_id(book.canonical(q.speaker)) if q.speaker else None
            quotes.append(LinkQuote(id=ids.quote_id(article, q.start, q.end), text=q.text,
                                    speaker=speaker, article_id=article,
                                    confidence=q.confidence if speaker else None,
                                    article_kind=d.kind, published=d.published, order=order,
                                    outlet=d.outlet, credits=credits,
                                    context=window(d.text, q.start, q.end)))
    return quotes


def baseline_link(quotes: list[LinkQuote]) -> Linking:
    """`link_documents`, as the store's relink calls it."""
    return link_documents(quotes)


def read_documents(folder: Path) -> list[Document]:
    """Every document of a generated corpus; any failure stops the bench (a manifest that
    failed to read once left 100k articles without dates, and the figures looked like
    linking's)."""
    read = list(read_inputs([str(folder)]))
    failed = [r for r in read if not isinstance(r, Document)]
    if failed:
        raise SystemExit(f"the corpus did not read whole: {failed[0]} (and {len(failed) - 1} "
                         "more)")
    return [d for d in read if isinstance(d, Document)]


def extract_documents(docs: list[Document]) -> list[ExtractedDocument]:
    """Every document's quotes, in load order; one that fails is skipped, as loads skip it."""
    return [ex for ex in extract_all(docs) if not isinstance(ex, str)]


def _server_peak_kib(store: Store) -> int | None:
    if store.local is None:
        return None
    try:
        with open(f"/proc/{store.local.pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class Prepared:
    """Read, extract and the in-process baseline of one corpus: the same for every engine."""

    extracted: list[ExtractedDocument]
    quotes: list[LinkQuote]
    baseline: Linking
    times: dict[str, float]


def prepare(articles_dir: Path) -> Prepared:
    """Read, extract and baseline-link a corpus, each timed (once, whatever the engines)."""
    t: dict[str, float] = {}
    start = time.perf_counter()
    docs = read_documents(articles_dir)
    t["read"] = time.perf_counter() - start
    start = time.perf_counter()
    extracted = extract_documents(docs)
    t["extract"] = time.perf_counter() - start
    quotes = baseline_quotes(extracted)
    start = time.perf_counter()
    baseline = baseline_link(quotes)
    t["baseline_link"] = time.perf_counter() - start
    _progress(f"read {t['read']:.1f} s, extract {t['extract']:.1f} s, "
              f"baseline link {t['baseline_link']:.1f} s", start)
    return Prepared(extracted, quotes, baseline, t)


def load(articles_dir: Path, settings: Settings | None, clear: bool,
         prepared: Prepared | None = None) -> Loaded:
    """Write and relink a prepared corpus through the store, each stage timed."""
    prepared = prepared or prepare(articles_dir)
    extracted, quotes, baseline = prepared.extracted, prepared.quotes, prepared.baseline
    t = dict(prepared.times)
    store, home = connect(settings, clear)
    start = time.perf_counter()
    written = [0]

    def on_done(source: str) -> None:
        written[0] += 1
        if written[0] % 2000 == 0:
            _progress(f"written {written[0]} of {len(extracted)} documents", start)

    result = load_extracted(store, extracted, Progress(on_done=on_done))
    t["write"], t["link"] = result.seconds["write"], result.seconds.get("link", 0.0)
    assert result.linking is not None and not result.failed, result.failed
    linking = result.linking

    n_docs, n_quotes = len(extracted), len(quotes)
    total = t["read"] + t["extract"] + t["write"] + t["link"]
    base_total = t["read"] + t["extract"] + t["baseline_link"]
    counts = queries.counts(store)
    figures = {
        "documents": n_docs, "quotes": n_quotes, "graph": counts.model_dump(),
        "stages_s": {k: round(v, 3) for k, v in t.items()},
        "load_s": round(total, 3),
        "articles_per_s": round(n_docs / total, 1), "quotes_per_s": round(n_quotes / total, 1),
        "baseline_s": round(base_total, 3),
        "store_share": round((total - base_total) / total, 3),
        "store_vs_baseline": round(total / base_total, 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    peak = _server_peak_kib(store)
    if peak is not None:
        figures["server_peak_rss_mib"] = round(peak / 1024, 1)
    return Loaded(figures, extracted, linking, baseline, store, home,
                  sorted(s.id for s in linking.statements))


def _progress(message: str, since: float) -> None:
    print(f"  {time.strftime('%H:%M:%S')} {message} ({time.perf_counter() - since:.0f} s "
          "into the stage)", file=sys.stderr, flush=True)


def trace_latency(store: Store, statement_ids: list[str], seed: int) -> dict[str, Any]:
    """p50/p95/p99 of graph.queries.trace over a seeded sample of statements."""
    sample = random.Random(seed).sample(statement_ids, min(TRACE_SAMPLE, len(statement_ids)))
    queries.trace(store, sample[0])  # warm the driver's pool and the server's plan cache
    times: list[float] = []
    deadline = time.perf_counter() + TRACE_MAX_SECONDS
    for sid in sample:
        start = time.perf_counter()
        queries.trace(store, sid)
        times.append((time.perf_counter() - start) * 1000)
        if start > deadline:
            break
    return {"statements": len(times), "sampled": len(sample), **percentiles(times)}


def percentiles(ms: list[float]) -> dict[str, float]:
    if len(ms) < 2:
        return {"p50_ms": round(ms[0], 2) if ms else 0.0, "p95_ms": 0.0, "p99_ms": 0.0}
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50_ms": round(q[49], 2), "p95_ms": round(q[94], 2), "p99_ms": round(q[98], 2)}
