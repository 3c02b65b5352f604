"""The real `quotetrail` command in a subprocess, on the session's local server."""

from __future__ import annotations

import json

import pytest

from quotetrail.graph.local_server.neo4j_engine import neo4j_version

from helpers import ROOT, is_local, run_cli

EXAMPLE = "examples/nato-2022"


@pytest.fixture
def home(local_home, seeded_store):
    """The CLI shares the session's local server, already holding the example corpus."""
    if not is_local(seeded_store):
        pytest.skip("the CLI tests run on the local server")
    return local_home


def test_load_reports_a_summary_and_fails_for_a_bad_input(home, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Le secrétaire général a dit : « Non. »".encode("latin-1"))
    done = run_cli("load", EXAMPLE, str(bad), str(tmp_path / "nope.txt"), "--json", home=home)
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert summary["loaded"] + len(summary["skipped"]) == 5 and summary["articles"] == 5
    reasons = {f["input"]: f["reason"] for f in summary["failed"]}
    assert set(reasons) == {str(bad), str(tmp_path / "nope.txt")}
    assert "UTF-8" in reasons[str(bad)]
    assert "no such file" in reasons[str(tmp_path / "nope.txt")]


def test_load_of_good_inputs_exits_zero_with_a_readable_summary(home):
    done = run_cli("load", EXAMPLE, "--quiet", "--reload", home=home)
    assert done.returncode == 0, done.stderr
    assert "loaded 5 document(s)" in done.stdout and "5 articles" in done.stdout
    again = run_cli("load", EXAMPLE, "--quiet", home=home)
    assert again.returncode == 0, again.stderr
    assert "skipped 5 document(s) already in the graph" in again.stdout
    assert "loaded 0 document(s)" in again.stdout


def test_a_missing_path_is_one_line_and_exit_one(home):
    done = run_cli("load", "no/such/folder", "--quiet", home=home)
    assert done.returncode == 1
    assert "no/such/folder" in done.stderr and "no such file or folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_trace_json_shows_the_statement_and_every_variant(home):
    done = run_cli("trace", "we do not see any signs of de-escalation on the ground", "--json",
                   home=home)
    assert done.returncode == 0, done.stderr
    trace = json.loads(done.stdout)
    assert trace["speaker"] == "Jens Stoltenberg"
    assert "de-escalation on the ground" in trace["text"]
    outlets = {v["article"]["outlet"] for v in trace["variants"]}
    assert {"NationalWorld", "Daily Express"} <= outlets  # printed by both outlets
    dates = [v["article"]["published"] for v in trace["variants"]]
    assert dates == sorted(dates)  # time order, earliest first
    for v in trace["variants"]:
        assert v["mutation"] in {"verbatim", "trivial", "truncated", "spliced", "reworded",
                                 "paraphrased", "misattributed"}
        assert v["kind"] in {"direct", "partial"}


def test_trace_for_people_prints_outlets_dates_and_mutations(home):
    done = run_cli("trace", "new normal", home=home)
    assert done.returncode == 0, done.stderr
    assert "Jens Stoltenberg" in done.stdout and "2022-02-1" in done.stdout
    assert any(m in done.stdout for m in ("verbatim", "truncated", "reworded"))


def test_trace_of_unknown_words_is_a_clear_error(home):
    done = run_cli("trace", "zebra xylophone quantum marmalade", home=home)
    assert done.returncode == 1 and "no statement matches" in done.stderr


def test_quotes_json_lines_carry_article_offsets_speaker_and_statement(home):
    done = run_cli("quotes", "--format", "jsonl", "--limit", "1000", home=home)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) > 100
    texts = {p: (ROOT / p).read_text(encoding="utf-8")
             for p in {r["article"]["source"] for r in rows}}
    for r in rows:
        assert {"id", "article", "start", "end", "text", "kind", "speaker", "statement",
                "mutation"} <= set(r)
        assert {"source", "title", "outlet"} <= set(r["article"])
        assert texts[r["article"]["source"]][r["start"]:r["end"]] == r["text"]
        assert r["statement"] is not None
    kuleba = [r for r in rows if "prevent Russia from any further escalation" in r["text"]]
    assert [r["speaker"] for r in kuleba] == ["Dmytro Kuleba"]
    assert all(r["article"]["source"].startswith("examples/nato-2022/") for r in rows)


def test_cypher_runs_reads_with_params_and_refuses_writes(home):
    done = run_cli("cypher", "MATCH (o:Outlet {domain: $d}) RETURN o.name AS name",
                   "--param", "d=dw.com", "--json", home=home)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in done.stdout.splitlines()] == [{"name": "DW"}]
    refused = run_cli("cypher", "MATCH (o:Outlet) DETACH DELETE o", home=home)
    assert refused.returncode == 1 and "read-only" in refused.stderr
    still = run_cli("cypher", "MATCH (o:Outlet)<-[:PUBLISHED_BY]-(:Article) "
                    "RETURN count(DISTINCT o) AS n", "--json", home=home)
    assert json.loads(still.stdout) == {"n": 5}


def test_view_writes_an_offline_page_and_prints_its_path(home, tmp_path):
    target = tmp_path / "page.html"
    done = run_cli("view", "new normal", "--out", str(target), home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target)
    html = target.read_text(encoding="utf-8")
    assert "vis.Network" in html and "<script src=\"http" not in html
    assert "Jens Stoltenberg" in html


def test_server_status_prints_engine_version_uri_data_pid_and_uptime(home, seeded_store):
    done = run_cli("server", "status", "--json", home=home)
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["running"] is True and status["uri"].startswith("bolt://127.0.0.1:")
    assert status["pid"] > 0 and status["uptime_seconds"] >= 0
    assert status["engine"] == seeded_store.backend
    if seeded_store.backend == "neo4j":
        assert status["data"] == str(home / "neo4j" / "dbms")
        assert status["version"] == neo4j_version() and status["version"].startswith("5.26.")
        agent = seeded_store.driver.get_server_info().agent
        assert agent == f"Neo4j/{status['version']}", agent  # the server we talk to says so
    else:
        assert status["data"] == str(home / "arcadedb")
        assert status["version"].startswith("26.")


def test_quotes_hide_words_nobody_said_unless_asked(home):
    shown = run_cli("quotes", "-f", "jsonl", "-n", "1000", home=home)
    every = run_cli("quotes", "-f", "jsonl", "-n", "1000", "--all", home=home)
    texts = [json.loads(line)["text"] for line in shown.stdout.splitlines()]
    all_texts = [json.loads(line)["text"] for line in every.stdout.splitlines()]
    assert "Unity Day" not in texts  # DW names Zelenskyy's "Unity Day": a label, not a quote
    assert "Unity Day" in all_texts
    assert set(texts) < set(all_texts)


def test_a_path_that_cannot_be_written_is_one_line(home, tmp_path):
    """`view --out` at a folder, or at a path under a file: one line, exit 1, no traceback."""
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for out in (tmp_path, a_file / "page.html"):
        done = run_cli("view", "the new normal", "--out", str(out), home=home)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert done.stderr.startswith("error: ") and str(out.parent) in done.stderr
