"""Lists paged from the top of an index (graph/store/topk.py) give the same pages as sorting
every row: with ties wider than a probe, keys far apart, a filter few rows pass, and after
the remembered cutoff of a list has gone stale, trusted or checked."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime

import pytest

from quotetrail.demo import load_example
from quotetrail.graph.store import browse, printings, tallies, tie_page, topk
from quotetrail.graph.store.driver import Store

from helpers import own_arcadedb

STATEMENTS = """
UNWIND $rows AS row
CREATE (st:Statement {id: row.id, text: row.id, quote_count: row.n})
"""
ARTICLES = """
UNWIND $rows AS row
CREATE (a:Article {id: row.id, title: row.id, published_ts: row.ts,
                   published: datetime(row.published)})
"""


def _write(store: Store, query: str, rows: list[dict]) -> None:
    store.write(lambda tx: tx.run(query, rows=rows).consume())


@pytest.fixture(params=["probed", "histogram"])
def placed(request: pytest.FixtureRequest, monkeypatch) -> None:
    """Pages past the first placed by reading the keys above them, or (from the second row)
    by the list's histogram, as pages past topk.DEEP_SKIP rows are."""
    monkeypatch.setattr(topk, "DEEP_SKIP", 1 if request.param == "histogram" else 10**9)


def test_statement_pages_match_a_full_sort(empty_store: Store, placed) -> None:
    rng = random.Random(7)
    # 400 statements: most with one quote (a tie wider than any probe), a long tail
    counts = [1] * 250 + [2] * 80 + [rng.randint(3, 5000) for _ in range(70)]
    rows = [{"id": f"st-{i:04d}", "n": n} for i, n in enumerate(counts)]
    _write(empty_store, STATEMENTS, rows)
    expected = [r["id"] for r in sorted(rows, key=lambda r: (-r["n"], r["id"]))]
    for limit, offset in ((1, 0), (5, 0), (50, 0), (50, 60), (20, 140), (100, 300), (7, 395)):
        page = browse.statement_page(empty_store, limit=limit, offset=offset)
        assert page.total == len(rows)
        assert [s.id for s in page.items] == expected[offset:offset + limit], (limit, offset)


@pytest.mark.parametrize("trusted", [30.0, 0.0], ids=["trusted", "checked"])
def test_a_stale_cutoff_gives_the_right_page(empty_store: Store, monkeypatch,
                                              trusted: float) -> None:
    """Read unprobed while recent (a page that comes back full is right) or checked by a
    probe, a remembered cutoff gives the page a full sort gives after rows came and went."""
    monkeypatch.setattr(topk, "TRUSTED_SECONDS", trusted)
    rows = [{"id": f"st-{i:03d}", "n": 10 + i} for i in range(60)]
    _write(empty_store, STATEMENTS, rows)
    first = browse.statement_page(empty_store, limit=5)
    assert [s.quote_count for s in first.items] == [69, 68, 67, 66, 65]
    queries: list[str] = []
    run = empty_store.rows
    monkeypatch.setattr(empty_store, "rows", lambda q, **p: queries.append(q) or run(q, **p))
    assert browse.statement_page(empty_store, limit=5) == first
    probed = sum("$lo" in q for q in queries)
    assert probed == (0 if trusted else 1), queries
    monkeypatch.setattr(empty_store, "rows", run)
    # statements above the remembered cutoff, then fewer rows than it remembered
    _write(empty_store, STATEMENTS, [{"id": f"st-new-{i}", "n": 1000 + i} for i in range(3)])
    assert [s.quote_count for s in browse.statement_page(empty_store, limit=5).items] == \
        [1002, 1001, 1000, 69, 68]
    empty_store.write(lambda tx: tx.run(
        "MATCH (st:Statement) WHERE st.quote_count >= 60 DETACH DELETE st").consume())
    assert [s.quote_count for s in browse.statement_page(empty_store, limit=5).items] == \
        [59, 58, 57, 56, 55]


def test_dates_far_apart_and_undated_rows_last(empty_store: Store, placed) -> None:
    rng = random.Random(3)
    rows = [{"id": "art-1950", "published": "1950-05-01T12:00:00+00:00",  # before 1970
             "ts": int(datetime.fromisoformat("1950-05-01T12:00:00+00:00").timestamp())}]
    for i in range(150):
        year = 1990 + rng.randint(0, 35) if i % 10 else 2022  # a cluster and a spread
        published = (f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                     f"T0{rng.randint(0, 9)}:00:00+00:00")
        rows.append({"id": f"art-{i:03d}", "published": published,
                     "ts": int(datetime.fromisoformat(published).timestamp())})
    _write(empty_store, ARTICLES, rows)
    empty_store.write(lambda tx: tx.run("CREATE (:Article {id: 'art-undated'})").consume())
    expected = [r["id"] for r in sorted(rows, key=lambda r: (-r["ts"], r["id"]))]
    expected.append("art-undated")
    for limit, offset in ((10, 0), (50, 20), (30, 130), (5, 149), (2, 149), (2, 151)):
        page = browse.article_page(empty_store, limit=limit, offset=offset)
        assert page.total == len(rows) + 1
        assert [a.id for a in page.items] == expected[offset:offset + limit], (limit, offset)


def test_a_sparse_filter_reads_past_the_probe(empty_store: Store) -> None:
    """A probe whose rows mostly count nothing (a filter few quotes pass) still finds its
    cutoff: it looks at every row at that key before narrowing."""
    rows = [{"k": 1000 - i, "n": 1 if i % 37 == 0 else 0} for i in range(400)]
    probe = "UNWIND $rows AS r WITH r WHERE r.k >= $lo AND r.k < $top RETURN r.k AS k, " \
            "r.n AS n LIMIT $cap"
    got = topk.cutoff(empty_store, probe, (900, 500, 0), 8, rows=rows)
    assert got is not None and got.key == 1000 - 7 * 37


def test_a_much_quoted_speaker_reads_from_the_newest_articles(
        seeded_store: Store, monkeypatch) -> None:
    """Past ANCHOR_MOST printings a speaker's latest printings come from the top of the
    article index: the same rows as reading every printing and sorting them."""
    speaker = "sp-jens-stoltenberg"
    for limit in (3, 10, 1000):
        whole = printings.speaker_quotes(seeded_store, speaker, limit=limit)
        monkeypatch.setattr(browse, "ANCHOR_MOST", 1)
        windowed = printings.speaker_quotes(seeded_store, speaker, limit=limit)
        monkeypatch.setattr(browse, "ANCHOR_MOST", 2000)
        assert windowed == whole
        assert whole and len({q.quote_id for q in whole}) == min(
            limit, len({q.quote_id for q in printings.speaker_quotes(seeded_store, speaker)}))


@pytest.mark.parametrize("size", [4, 150])
@pytest.mark.parametrize("most", [1, 2000], ids=["from-the-top", "from-the-speaker"])
def test_a_speakers_printing_windows_hold_each_printing_once(
        seeded_store: Store, monkeypatch, most: int, size: int) -> None:
    """Following `older` from the latest window of a speaker's printings reads every one of
    them once, newer windows first, and each window's statements are those it prints (the
    seeds have three dates: a window of 4 is filled by one date, shown whole; one of 150
    holds more than a date and leaves its oldest to the next)."""
    monkeypatch.setattr(browse, "ANCHOR_MOST", most)
    speaker = "sp-jens-stoltenberg"
    every = printings.speaker_quotes(seeded_store, speaker)
    seen: list[tuple[str, str | None]] = []
    before: datetime | None = None
    windows = 0
    while True:
        window = printings.window(seeded_store, speaker, before, size=size)
        windows += 1
        assert window.quotes and (windows == 1) == (window.before is None)
        assert {s.id for s in window.statements} == {
            q.statement_id for q in window.quotes if q.statement_id}
        if seen:  # every printing of this window is older than the last one's
            assert max(q.published or "" for q in window.quotes) < min(
                q.published or "" for q in every if (q.quote_id, q.statement_id) in seen)
        seen += [(q.quote_id, q.statement_id) for q in window.quotes]
        if window.older is None:
            break
        before = datetime.fromisoformat(window.older)
    assert windows >= 2
    assert sorted(seen) == sorted((q.quote_id, q.statement_id) for q in every)


def test_the_quote_lists_total_is_kept_on_the_outlets(seeded_store: Store) -> None:
    """The unfiltered total of quotes shown is summed from the outlets' kept counts; a graph
    whose outlets were never counted (an earlier version's) counts its quotes instead."""
    shown = seeded_store.rows(
        "MATCH (q:Quote) WHERE q.confidence > 0.3 OR EXISTS { MATCH (q)-[:ATTRIBUTED_TO]->() }"
        " RETURN count(q) AS n")[0]["n"]
    every = seeded_store.rows("MATCH (q:Quote) RETURN count(q) AS n")[0]["n"]
    assert 0 < shown < every
    assert browse.quote_page(seeded_store, limit=1).total == shown
    assert browse.quote_page(seeded_store, limit=1, include_unattributed=True).total == every
    seeded_store.write(lambda tx: tx.run("MATCH (o:Outlet) REMOVE o.shown_count").consume())
    try:
        assert browse.quote_page(seeded_store, limit=1).total == shown
    finally:
        tallies.refresh_all(seeded_store)
    kept = seeded_store.rows("MATCH (o:Outlet) RETURN sum(o.shown_count) AS n")[0]["n"]
    assert kept == shown


def test_a_deep_page_reads_from_its_first_rows_key(empty_store: Store, monkeypatch,
                                                   placed) -> None:
    """A page past the first reads the rows from its own first row's key down (the rows
    above it are counted from the probes), and a checked cut follows rows that came and went
    above it."""
    monkeypatch.setattr(topk, "TRUSTED_SECONDS", 0.0)
    rows = [{"id": f"st-{i:03d}", "n": 10 + i // 3} for i in range(300)]  # ties of three
    _write(empty_store, STATEMENTS, rows)
    expected = [r["n"] for r in sorted(rows, key=lambda r: (-r["n"], r["id"]))]
    asked: list[dict] = []
    run = empty_store.rows
    monkeypatch.setattr(empty_store, "rows",
                        lambda q, **p: asked.append(p) or run(q, **p))
    for offset in (1, 200, 244):
        asked.clear()
        page = browse.statement_page(empty_store, limit=6, offset=offset)
        assert [s.quote_count for s in page.items] == expected[offset:offset + 6]
        (read,) = [p for p in asked if "cut" in p]
        assert read["top"] == expected[offset] + 1
        assert read["offset"] == offset - expected.index(expected[offset]) <= 2
    monkeypatch.setattr(empty_store, "rows", run)
    _write(empty_store, STATEMENTS, [{"id": f"st-new-{i}", "n": 1000 + i} for i in range(4)])
    page = browse.statement_page(empty_store, limit=6, offset=200)
    assert [s.quote_count for s in page.items] == ([1003, 1002, 1001, 1000] + expected)[200:206]


OUTLET_QUOTES = """
MERGE (o:Outlet {id: 'outlet-x', name: 'X'})
WITH o UNWIND $rows AS row
CREATE (a:Article {id: row.id, title: row.id, published_ts: row.ts,
                   published: datetime({epochSeconds: row.ts})})-[:PUBLISHED_BY]->(o)
WITH a, row UNWIND range(1, row.n) AS i
CREATE (a)-[:CONTAINS]->(:Quote {id: row.id + '-' + i, text: 'words', start: i, end: i + 1,
                               kind: CASE WHEN i % 2 = 0 THEN 'indirect' ELSE 'direct' END,
                               confidence: 0.9})
"""


def test_an_outlets_pages_share_one_tally_until_a_write(empty_store: Store,
                                                        monkeypatch) -> None:
    """The pages of an outlet's filtered quotes count its articles once (`topk.tally`), and
    count them again after a write in this process: the page after it holds the new quotes."""
    rows = [{"id": f"art-{i:02d}", "ts": 1_600_000_000 + 3600 * i, "n": 1 + i % 4}
            for i in range(30)]
    _write(empty_store, OUTLET_QUOTES, rows)

    def expected() -> list[str]:
        return [f"{r['id']}-{i}" for r in sorted(rows, key=lambda r: -r["ts"])
                for i in range(1, r["n"] + 1, 2)]
    tallies_read: list[str] = []
    run = empty_store.rows
    monkeypatch.setattr(empty_store, "rows", lambda q, **p: (
        tallies_read.append(q) if "WHERE n > 0" in q else None) or run(q, **p))
    for offset in (0, 7, 14, 21):
        page = browse.quote_page(empty_store, outlet="outlet-x", kind="direct", limit=7,
                                 offset=offset)
        assert page.total == len(expected())
        assert [q.id for q in page.items] == expected()[offset:offset + 7]
    assert len(tallies_read) == 1
    rows.append({"id": "art-new", "ts": 1_700_000_000, "n": 3})
    _write(empty_store, OUTLET_QUOTES, rows[-1:])
    page = browse.quote_page(empty_store, outlet="outlet-x", kind="direct", limit=7)
    assert [q.id for q in page.items] == expected()[:7] and page.items[0].id == "art-new-1"
    assert len(tallies_read) == 2


@pytest.fixture(scope="module")
def _fresh_arcadedb(store, tmp_path_factory) -> Iterator[Store | None]:
    if getattr(store, "backend", None) != "arcadedb":
        yield None
        return
    with own_arcadedb(tmp_path_factory.mktemp("top-paging-home")) as own:
        load_example(own)
        yield own


@pytest.fixture
def fresh_seeded(request: pytest.FixtureRequest, _fresh_arcadedb: Store | None) -> Store:
    """The example corpus on a graph no earlier test deleted from (on ArcadeDB its own
    server: see helpers.own_arcadedb), so the top-paging read walks its own rows only."""
    return _fresh_arcadedb or request.getfixturevalue("seeded_store")


def test_a_much_quoted_speakers_statements_page_from_the_top(fresh_seeded: Store,
                                                            monkeypatch) -> None:
    """Past SPEAKER_TOP_MOST statements a speaker's statements come from the top of the
    statements' index, filtered: the same pages as sorting every one of theirs."""
    speaker = "sp-jens-stoltenberg"

    def pages(limit: int) -> list[tuple[str, int]]:
        return [(s.id, s.quote_count) for s in browse.every(lambda lim, off: browse.statement_page(
            fresh_seeded, speaker=speaker, limit=min(lim, limit), offset=off))]
    whole = pages(4)
    assert len(whole) > 8
    monkeypatch.setattr(browse, "SPEAKER_TOP_MOST", 0)
    assert pages(3) == whole  # other page bounds than the sorted path's



def test_a_page_inside_a_tie_reads_a_range_of_ids(empty_store: Store, monkeypatch,
                                                  placed) -> None:
    """A page within one count of the statement list is read from the prefixes of ids its
    rows lie in (tie_page.py): the same rows as sorting the tie, at its start, middle and
    end, with ids of other shapes; a count that no longer matches the graph (another
    process's load) leaves the page to the sort."""
    rng = random.Random(11)
    ids = {f"st-{rng.getrandbits(64):016x}" for _ in range(700)} | {"st-~odd", "st-zz-1"}
    rows = [{"id": sid, "n": 1 if i % 3 else 2 if i % 5 else 7 + i}
            for i, sid in enumerate(sorted(ids))]
    _write(empty_store, STATEMENTS, rows)
    expected = [r["id"] for r in sorted(rows, key=lambda r: (-r["n"], r["id"]))]
    ties = {n: sum(r["n"] == n for r in rows) for n in (1, 2)}
    assert ties[1] > 400 and ties[2] > 150  # ties wider than a page
    read = tie_page.page
    answered: list[int] = []

    def watched(*args):
        if (got := read(*args)) is not None:
            answered.append(args[2])
        return got
    monkeypatch.setattr(tie_page, "page", watched)
    ones = len(rows) - ties[1]  # the row where the tie of one quote starts
    for limit, offset in ((50, ones), (50, ones + 120), (7, ones + 200), (1000, ones + 1),
                          (20, len(rows) - 20), (30, ones - 40), (10, ones - ties[2] + 3)):
        page = browse.statement_page(empty_store, limit=limit, offset=offset)
        assert [s.id for s in page.items] == expected[offset:offset + limit], (limit, offset)
    assert len(answered) >= 5
    # the prefixes' counts kept, then the rows of the first page's range gone behind them
    cut = topk.Cut(1, 2, ones)
    kept = read(empty_store, cut, 0, 50)
    assert [r["id"] for r in kept or []] == expected[ones:ones + 50]
    with empty_store.driver.session(database=empty_store.database) as session:
        session.execute_write(lambda tx: tx.run(
            "MATCH (st:Statement) WHERE st.id IN $ids DETACH DELETE st",
            ids=expected[ones:ones + 50]).consume())
    assert read(empty_store, cut, 0, 50) is None


def test_the_remembered_cuts_stay_bounded(empty_store: Store, monkeypatch) -> None:
    """Each deep offset asked is a list of its own in the memory of cuts: placed by probes or
    by the histogram, it holds at most REMEMBERED_MOST of them, and the pages stay right."""
    monkeypatch.setattr(topk, "REMEMBERED_MOST", 3)
    rows = [{"id": f"st-{i:03d}", "n": 1 + i % 40} for i in range(120)]
    _write(empty_store, STATEMENTS, rows)
    expected = [r["id"] for r in sorted(rows, key=lambda r: (-r["n"], r["id"]))]
    for deep in (10**9, 1):
        monkeypatch.setattr(topk, "DEEP_SKIP", deep)
        for offset in range(5, 110, 7):
            page = browse.statement_page(empty_store, limit=4, offset=offset)
            assert [s.id for s in page.items] == expected[offset:offset + 4], (deep, offset)
            assert len(topk._LAST) <= 3
