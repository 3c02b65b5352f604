"""The listing commands, `--version`, `cypher`'s header and codes, and trace's candidates:
the real console script in a subprocess, on the session's local server."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from quotetrail import __version__
from quotetrail.api.app import create_app

from helpers import is_local, run_cli, settings_for


@pytest.fixture
def home(local_home, seeded_store):
    """The CLI shares the session's local server, already holding the example corpus."""
    if not is_local(seeded_store):
        pytest.skip("the CLI tests run on the local server")
    return local_home


@pytest.fixture
def client(home, seeded_store):
    """The real app on the same graph, to compare the CLI's JSON with the API's."""
    with TestClient(create_app(settings_for("local", home), store=seeded_store),
                    base_url="http://127.0.0.1") as c:
        yield c


@pytest.mark.parametrize("args, route", [
    (["statements", "--limit", "7", "--offset", "3"], "/api/statements?limit=7&offset=3"),
    (["statements", "-q", "signs of de-escalation", "--speaker", "Jens Stoltenberg"],
     "/api/statements?q=signs of de-escalation&speaker=Jens Stoltenberg"),
    (["quotes", "--speaker", "Dmytro Kuleba", "--kind", "partial"],
     "/api/quotes?speaker=Dmytro Kuleba&kind=partial"),
    (["quotes", "--mutation", "truncated", "--outlet", "DW", "-n", "5"],
     "/api/quotes?mutation=truncated&outlet=DW&limit=5"),
    (["speakers", "-n", "2", "--offset", "1"], "/api/speakers?limit=2&offset=1"),
    (["articles", "--since", "2022-02-16", "--until", "2022-02-17"],
     "/api/articles?since=2022-02-16&until=2022-02-17"),
    (["outlets"], "/api/outlets"),
])
def test_the_json_of_each_listing_is_the_apis(home, client, args, route):
    done = run_cli(*args, "--format", "json", home=home)
    assert done.returncode == 0, done.stderr
    api = client.get(route)
    assert api.status_code == 200
    assert json.loads(done.stdout) == api.json()
    assert json.loads(done.stdout)["items"]  # each case lists something


def test_json_lists_every_row_one_object_a_line(home, client):
    """`quotes --json --all` is what the accuracy scorers read: every quote of the graph, all
    pages, one JSON object a line, with the article's title and the quote's offsets."""
    total = client.get("/api/quotes?all=true").json()["total"]
    assert total > 2 * 50  # more than two default pages
    lines = run_cli("quotes", "--json", "--all", home=home).stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == total
    assert len({r["id"] for r in rows}) == total
    assert all({"title", "source"} <= set(r["article"]) and r["end"] > r["start"] for r in rows)
    attributed = run_cli("quotes", "--json", home=home).stdout.splitlines()
    assert 0 < len(attributed) < total


def test_jsonl_csv_and_table_hold_the_same_rows(home):
    page = json.loads(run_cli("speakers", "-f", "json", home=home).stdout)
    lines = run_cli("speakers", "-f", "jsonl", home=home).stdout.splitlines()
    assert [json.loads(line) for line in lines] == page["items"]
    rows = list(csv.DictReader(io.StringIO(run_cli("speakers", "-f", "csv", home=home).stdout)))
    assert [r["id"] for r in rows] == [s["id"] for s in page["items"]]
    assert [int(r["quotes"]) for r in rows] == [s["quotes"] for s in page["items"]]
    table = run_cli("statements", "-n", "3", home=home)
    assert table.returncode == 0 and "statements 1-3 of" in table.stderr
    assert "--offset 3 for the next" in table.stderr


def test_limit_is_bounded(home):
    done = run_cli("quotes", "--limit", "1001", home=home)
    assert done.returncode == 2 and "--limit" in done.stderr and "1000" in done.stderr


def test_version(home):
    done = run_cli("--version", home=home)
    assert done.returncode == 0 and done.stdout.strip() == f"quotetrail {__version__}"


def test_cypher_prints_a_header_and_a_row_count_and_a_syntax_error_code(home):
    done = run_cli("cypher", "MATCH (o:Outlet) RETURN o.name AS name ORDER BY name LIMIT 2",
                   home=home)
    assert done.returncode == 0, done.stderr
    assert "name" in done.stdout.splitlines()[1] and done.stderr.strip() == "2 rows"
    none = run_cli("cypher", "MATCH (o:Outlet {id: 'no-such'}) RETURN o.name AS name",
                   home=home)
    assert none.returncode == 0 and none.stderr.strip() == "0 rows"
    bad = run_cli("cypher", "MATCH (n RETURN n", home=home)
    assert bad.returncode == 4 and "not valid Cypher" in bad.stderr
    refused = run_cli("cypher", "MATCH (o:Outlet) DETACH DELETE o", home=home)
    assert refused.returncode == 1


def test_trace_lists_the_next_candidates_and_pick_takes_one(home):
    best = run_cli("trace", "new normal", "--json", home=home)
    second = run_cli("trace", "new normal", "--pick", "2", "--json", home=home)
    assert best.returncode == 0 and second.returncode == 0, second.stderr
    assert json.loads(best.stdout)["id"] != json.loads(second.stdout)["id"]
    shown = run_cli("trace", "new normal", home=home)
    assert "match 1 of" in shown.stderr and "--pick 2:" in shown.stderr
    too_far = run_cli("trace", "new normal", "--pick", "99", home=home)
    assert too_far.returncode == 1 and "candidate" in too_far.stderr


def test_trace_refuses_stop_words_and_says_when_nothing_matches_well(home):
    refused = run_cli("trace", "the", home=home)
    assert refused.returncode == 1 and "common words" in refused.stderr
    assert "new normal" in refused.stderr  # the hint shows a query that works
    doubtful = run_cli("trace", "zebra normal quantum", home=home)
    assert "matches well" in doubtful.stderr
