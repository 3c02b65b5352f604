"""The benchmark cannot rot: its generator and `python -m bench` run at a tiny size.

Both run as subprocesses from the repository root (bench/ is not an installed package), on
temp folders; the bench starts and stops its own local server in a temp home.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, neo4j_missing


def _generate(out: Path, seed: int, n: int = 20) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.generate", str(n), str(out),
                           "--seed", str(seed)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_generator_is_deterministic_and_its_truth_matches_its_articles(tmp_path: Path) -> None:
    summary = _generate(tmp_path / "a", seed=3)
    _generate(tmp_path / "b", seed=3)
    _generate(tmp_path / "c", seed=4)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")

    articles = tmp_path / "a" / "articles"
    manifest = json.loads((articles / "manifest.json").read_text(encoding="utf-8"))
    rows = {d["file"]: d for d in manifest["documents"]}
    assert len(rows) == summary["documents"] == 20
    assert {p.name for p in articles.glob("*.txt")} == set(rows)
    families = json.loads((tmp_path / "a" / "families.json").read_text(encoding="utf-8"))
    truth = [json.loads(line) for line in
             (tmp_path / "a" / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(truth) == summary["quotes"] > 20
    texts = {f: (articles / f).read_text(encoding="utf-8") for f in rows}
    for q in truth:
        assert texts[q["article"]][q["start"]:q["end"]] == q["text"], q
        assert q["family"] == q["families"][0] and set(q["families"]) <= set(families)
        assert families[q["family"]]["speaker"] == q["speaker"]
        if q["mutation"] in ("verbatim", "primary") and not q["copy"]:
            assert q["text"] == families[q["family"]]["text"]
        if q["mutation"] == "misattributed" and q["printed_speaker"] is not None:
            assert q["printed_speaker"] != q["speaker"]
            assert q["printed_speaker"].split()[-1] in texts[q["article"]]
        # a copy printed with no name, or credited to someone who did not say it
        assert (q["printed_speaker"] is None) == (q["credit"] == "none")
        if q["credit"] == "wrong":
            assert q["printed_speaker"] != q["speaker"]
        if q["copy"]:  # the same words, printed earlier in the article it names
            assert q["source_article"] < q["article"]
            assert rows[q["source_article"]]["published"] <= rows[q["article"]]["published"]
            assert q["text"] in texts[q["source_article"]]
    assert {q["mutation"] for q in truth} >= {"primary", "verbatim"}
    assert any(d["kind"] == "transcript" for d in rows.values())


def test_bench_runs_every_engine_at_a_tiny_size_side_by_side(tmp_path: Path) -> None:
    """One run of `python -m bench` on every local engine (ArcadeDB alone where Neo4j cannot
    run): its JSON, its table, and the same graph from the same corpus on both engines."""
    engines = ["arcadedb"] if neo4j_missing() else ["arcadedb", "neo4j"]
    out = tmp_path / "result.json"
    env = {**os.environ, "QUOTETRAIL_HOME": str(tmp_path / "home")}
    env.pop("NEO4J_URI", None)
    done = subprocess.run([sys.executable, "-m", "bench", "--sizes", "20", "--engine",
                           "all" if len(engines) == 2 else "arcadedb", "--skip-api",
                           "--json", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["machine"]["engines"] == engines
    # the first engine's figures at the top: the shape earlier one-engine runs have
    assert set(result) >= {"machine", "sizes", "growth", "targets", "api"}
    assert result["machine"]["server"] == "local" and result["machine"]["cores"] >= 1
    assert result["sizes"] == result["engines"]["arcadedb"]["sizes"]
    sizes = [result["engines"][e]["sizes"]["20"] for e in engines]
    for size in sizes:
        assert set(size["stages_s"]) == {"read", "extract", "baseline_link", "write", "link"}
        assert size["documents"] == 20 and size["quotes"] > 0
        assert size["graph"]["articles"] == 20 and size["server_peak_rss_mib"] > 0
        assert size["articles_per_s"] > 0
        assert set(size["trace"]) >= {"p50_ms", "p95_ms", "p99_ms"}
        assert 0 <= size["accuracy"]["family_f1"] <= 1
        assert size["accuracy"]["found"] > 0
    # the same corpus builds the same graph on both engines
    assert all(size["graph"] == sizes[0]["graph"] for size in sizes)
    assert result["api"] == {"skipped": "--skip-api"}
    assert len(result["targets"]) == 6 and "targets:" in done.stdout
    if len(engines) == 2:
        table = done.stdout.split("engine", 1)[1]
        assert "baseline" in table and "arcadedb" in table and "neo4j" in table


def test_small_load_takes_other_news_only_onto_a_kept_archive(tmp_path: Path) -> None:
    """`bench.small_load --extras`: the small loads from a folder of text files (the archive is
    not generated, so a kept home is needed); a file with no quote is passed over."""
    refused = subprocess.run([sys.executable, "-m", "bench.small_load", "--extras",
                              str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                             timeout=120)
    assert refused.returncode == 2 and "--extras needs --home and --no-check" in refused.stderr
    (tmp_path / "a.txt").write_text('Ilse Marwick said: "We will keep the port open all '
                                    'winter, whatever it costs us." She spoke in Riga.')
    (tmp_path / "b.txt").write_text("The meeting ran late into the evening.")
    (tmp_path / "c.txt").write_text('"The talks resume next week in Geneva," Pavel Castell '
                                    "told reporters on Monday.")
    taken = subprocess.run([sys.executable, "-c", "import json, sys, pathlib; from "
                            "bench.small_load import _texts; print(json.dumps([(d.document."
                            "source, len(d.quotes)) for d in _texts(pathlib.Path(sys.argv[1]), "
                            "2)]))", str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                           timeout=120, check=True)
    found = json.loads(taken.stdout)
    assert [Path(source).name for source, _ in found] == ["a.txt", "c.txt"]
    assert all(quotes for _, quotes in found)


def test_load_profile_times_each_query_of_small_loads(tmp_path: Path) -> None:
    """`bench.load_profile --empty`: small loads timed query by query; the queries' time is
    part of each load's, and the article's write is among them, once per load."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text('Ilse Marwick said: "We will keep the port open all winter, '
                                 'whatever it costs us." She spoke in Riga.')
    (texts / "c.txt").write_text('"The talks resume next week in Geneva," Pavel Castell '
                                 "told reporters on Monday.")
    out = tmp_path / "profile.json"
    done = subprocess.run([sys.executable, "-m", "bench.load_profile", "--empty", "--extras",
                           str(texts), "--rounds", "2", "--small", "1", "--skip", "0",
                           "--json", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text())
    assert len(figures["loads_s"]) == 2
    assert all(0 < q < t for q, t in zip(figures["queries_s"], figures["loads_s"], strict=True))
    created = [s for s in figures["shapes"] if "CREATE (a:Article" in s["shape"]]
    assert len(created) == 1 and created[0]["calls"] == 1
    assert "ms" in done.stdout and "load " in done.stdout
