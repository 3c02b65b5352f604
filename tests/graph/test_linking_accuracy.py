"""Linking against the hand-labelled families of the NATO seeds (tests/data/families_nato.json,
made by reading the articles). The thresholds may only go up."""

from __future__ import annotations

import importlib.util
from pathlib import Path

FAMILY_F1_MIN = 0.95
MUTATION_ACCURACY_MIN = 0.90
REFERENCE_ACCURACY_MIN = 1.0

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "linking_accuracy.py"


def _score() -> dict:
    spec = importlib.util.spec_from_file_location("linking_accuracy", _BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score()


def test_seed_families_and_mutations():
    result = _score()
    assert result["unresolved_members"] == []  # every label still names a quote
    assert result["f1"] >= FAMILY_F1_MIN, result["wrong_pairs"]
    assert result["mutation_accuracy"] >= MUTATION_ACCURACY_MIN, result["wrong_mutations"]
    assert result["reference_accuracy"] >= REFERENCE_ACCURACY_MIN, result["wrong_references"]
