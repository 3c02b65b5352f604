"""The example corpus as code: `make demo` and the test fixtures load it the same way."""

from __future__ import annotations

from pathlib import Path

from quotetrail.graph.model import LoadSummary
from quotetrail.graph.store.driver import Store
from quotetrail.pipeline import Progress, load_paths, summarize

EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "examples" / "nato-2022"

# Fragments to try with `quotetrail trace` after the demo: each is printed in the seeds by
# more than one outlet or restated in NATO's own transcript.
TRY_TRACES = (
    "no signs of de-escalation on the ground",
    "Nato is not a threat to Russia",
    "the new normal",
)


def load_example(store: Store, progress: Progress | None = None) -> LoadSummary:
    """Load examples/nato-2022 (five documents and their manifest)."""
    if not EXAMPLE_DIR.is_dir():
        raise FileNotFoundError(f"the example corpus is missing: {EXAMPLE_DIR}")
    return summarize(store, load_paths(store, [str(EXAMPLE_DIR)], progress))
