"""Extraction scored against quotes labelled by reading the four news seeds.

The labels are tests/data/quotes_labelled.jsonl; the scoring rules are in bench/accuracy.py.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from quotetrail.loaders.read.inputs import read_inputs
from quotetrail.loaders.records import Document

# Targets of issue 4. These may only go up.
MIN_DETECTION_F1 = 0.95
MIN_SPEAKER_ACCURACY = 0.97
MIN_KIND_ACCURACY = 0.95
MAX_SCARE_QUOTES_ATTRIBUTED = 0

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "tests" / "data" / "quotes_labelled.jsonl"


def _accuracy_module():
    spec = importlib.util.spec_from_file_location("bench_accuracy", ROOT / "bench" / "accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result() -> dict:
    return _accuracy_module().score()


def test_labels_hold_their_offsets() -> None:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    docs = {Path(d.source).name: d.text for d in read_inputs([str(ROOT / "examples/nato-2022")])
            if isinstance(d, Document)}
    assert len(rows) >= 100
    assert {r["article"][:3] for r in rows} == {"000", "001", "002", "004"}
    for r in rows:
        assert docs[r["article"]][r["start"] : r["end"]] == r["text"], r
        assert r["kind"] in {"direct", "partial", "indirect"}
        if r["speaker"] is None:
            assert r.get("note"), "a label with no speaker says why"
    kinds = {r["kind"] for r in rows}
    assert kinds == {"direct", "partial", "indirect"}


def test_overall_targets(result: dict) -> None:
    overall = result["overall"]
    errors = result["errors"]
    assert overall["f1"] >= MIN_DETECTION_F1, errors
    assert overall["speaker_accuracy"] >= MIN_SPEAKER_ACCURACY, errors
    assert overall["kind_accuracy"] >= MIN_KIND_ACCURACY, errors
    assert overall["scare_attributed"] <= MAX_SCARE_QUOTES_ATTRIBUTED, errors


def test_every_article_is_scored(result: dict) -> None:
    assert len(result["articles"]) == 4
    for name, figures in result["articles"].items():
        assert figures["labels"] > 10, name
        assert figures["f1"] >= 0.9, (name, result["errors"][name])


def test_scoring_rules_on_made_up_cases() -> None:
    acc = _accuracy_module()
    text = "Jens Stoltenberg said it."
    assert acc.speaker_correct("Jens Stoltenberg", "Jens Stoltenberg", text)
    assert acc.speaker_correct("the Russian foreign ministry", "Russian foreign ministry", text)
    assert not acc.speaker_correct("Stoltenberg", "Jens Stoltenberg", text)
    assert acc.speaker_correct("Stoltenberg", "Jens Stoltenberg", "Mr Stoltenberg said it.")
    assert not acc.speaker_correct(None, "Jens Stoltenberg", text)


def test_matching_needs_half_of_the_longer_span() -> None:
    from quotetrail.loaders.records import QuoteMention

    acc = _accuracy_module()
    label = {"start": 0, "end": 100, "speaker": "A", "kind": "direct", "text": "x"}
    half = QuoteMention("x" * 50, 0, 50, "direct")
    less = QuoteMention("x" * 49, 0, 49, "direct")
    assert acc.match([half], [label]) == [(0, 0)]
    assert acc.match([less], [label]) == []
    # one label, two candidates: only the larger overlap is matched
    assert acc.match([half, QuoteMention("x" * 90, 10, 100, "direct")], [label]) == [(1, 0)]
