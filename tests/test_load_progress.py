"""Progress that counts: every stage of a load says its total up front and steps to it;
the CLI shows each on stderr (done/total, ETA), `--quiet` silences it, the summary gives
each stage's time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotetrail.pipeline import expected_inputs, load_paths

from helpers import ROOT, counted_progress, is_local, run_cli

EXAMPLE = "examples/nato-2022"
STAGES = ["reading", "extracting quotes", "writing documents", "linking",
          "writing statements"]


def test_every_stage_counts_to_its_total(seeded_store) -> None:
    progress, seen = counted_progress()
    load_paths(seeded_store, [str(ROOT / EXAMPLE)], progress, reload=True)
    assert [name for name, _, _ in seen] == STAGES
    for name, total, done in seen:
        assert total is not None and total >= 1 and done == total, (name, total, done)
    assert seen[0][1] == 5  # the five example files, counted before reading them


def test_expected_inputs_counts_files_lines_and_urls(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.html").write_text("x", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n\n{"text": "c"}\n',
                                      encoding="utf-8")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    assert expected_inputs([str(tmp_path)]) == 5
    assert expected_inputs([str(tmp_path / "a.txt"), "https://example.org/a"]) == 2
    assert expected_inputs(["-"]) is None


@pytest.fixture
def home(local_home, seeded_store):
    if not is_local(seeded_store):
        pytest.skip("the CLI tests run on the local server")
    return local_home


def test_load_shows_each_stage_with_its_count_and_times_them(home) -> None:
    done = run_cli("load", EXAMPLE, "--reload", home=home)
    assert done.returncode == 0, done.stderr
    for stage in STAGES:
        line = next(x for x in done.stderr.splitlines() if x.startswith(stage))
        counted = re.search(r"(\d+)/(\d+)", line)
        assert counted and counted[1] == counted[2], line
        assert "ETA" in line
    assert re.search(r"time: read [\d.]+ s · extract [\d.]+ s · write [\d.]+ s · link [\d.]+ s "
                     r"(· index [\d.]+ s )?\(total [\d.]+ s\)", done.stdout)
    quiet = run_cli("load", EXAMPLE, "--reload", "--quiet", home=home)
    assert quiet.returncode == 0 and quiet.stderr == ""
