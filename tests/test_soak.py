"""The soak bench, short: posts, traces, list pages and hostile Cypher at once through the real
API under uvicorn; no 500, no lost or doubled document, the server idle afterwards. The full
minute (`python -m bench.soak`) also holds the trace p95 within 3x; this short run prints its
figures but holds no timing (a benchmark's figure, not a test's: on a loaded machine the ratio
passed 5)."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import ROOT


def test_a_short_soak_answers_everything_and_loses_nothing() -> None:
    done = subprocess.run([sys.executable, "-m", "bench.soak", "--seconds", "8"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    figures = json.loads(done.stdout)
    print(json.dumps(figures))
    assert [f for f in figures["failures"] if "trace p95" not in f] == []
    assert figures["posted"] > 0 and figures["lost"] == 0 and figures["doubled"] == 0
    assert not any(key.endswith(" 500") for key in figures["requests"])
    assert figures["requests"].get("cypher 429", 0) > 0  # the hostile queries were held back
    assert figures["server_cpu_after"] <= 0.1
