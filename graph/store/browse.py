"""The lists a reader pages through (statements, quotes, speakers, articles, outlets) and the
details (an article, a speaker) whose long part is paged too.

Each is paged in the database (`cypher_read`: a COUNT for the total, a PAGE that orders, skips
and limits), so a page costs its own rows at any archive size. The CLI, the API and the pages
call these functions and serve their `Page` as it is: none holds a query.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TypeVar

from quotetrail.errors import NotFoundError
from quotetrail.graph.dates import iso
from quotetrail.graph.model import (
    DEFAULT_LIMIT,
    FAITHFUL,
    ArticleDetail,
    ArticleQuote,
    ArticleRow,
    Mutation,
    OutletRow,
    Page,
    QuoteArticle,
    QuoteKind,
    QuoteRow,
    QuoteStatement,
    SpeakerDetail,
    SpeakerRow,
    SpeakerStatement,
    StatementHit,
)
from quotetrail.graph.store import (
    cypher_lists,
    cypher_read,
    cypher_top,
    filtered_quotes,
    outlet_order,
    tallies,
    tie_page,
    timeline_order,
    topk,
)
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.paging import bounded, every, list_page, top_page
from quotetrail.graph.store.search import search_page

S = TypeVar("S", bound=str)
# A speaker filter naming at most this many quotes starts at the speaker and sorts them; a
# more quoted one pages down the article index, as the unfiltered list does.
ANCHOR_MOST = 2000
# A speaker who made more statements than this has them paged from the top of the
# statements' quote_count index (sorting 10,300 read each one: 51 ms at 100k on ArcadeDB).
SPEAKER_TOP_MOST = 2000
# The test a list's anchor makes true by where its MATCH starts.
ANCHOR_TESTS = {"article": "article", "outlet": "outlets"}


def speaker_ids(store: Store, name: str | None) -> list[str] | None:
    """The ids a speaker filter names (an id or a name); None when there is no filter."""
    if name is None:
        return None
    return [r["id"] for r in store.rows(cypher_read.SPEAKER_IDS, name=name)]


def outlet_ids(store: Store, name: str | None) -> list[str] | None:
    """The ids an outlet filter names (an id or a name); None when there is no filter."""
    found = _outlets(store, name)
    return None if found is None else [r["id"] for r in found]


def _outlets(store: Store, name: str | None) -> list[dict[str, Any]] | None:
    """The outlets a filter names, with their kept article counts (tallies.py)."""
    return None if name is None else store.rows(cypher_read.OUTLET_IDS, name=name)


def statement_page(store: Store, q: str | None = None, speaker: str | None = None,
                   limit: int = DEFAULT_LIMIT, offset: int = 0, since: str | None = None,
                   until: str | None = None, total: int | None = None) -> Page[StatementHit]:
    """Statements matching words `q` (best match first) or all (most-spread first), paged.
    `speaker` matches a speaker's id or name; `since`/`until` bound the first-seen date;
    `total`: how many statements the graph holds, when the caller counted them."""
    speakers = speaker_ids(store, speaker)
    if q and q.strip():
        limit, offset = bounded(limit, offset)
        return search_page(store, q, speakers=speakers, since=since, until=until,
                           limit=limit, offset=offset)
    if speakers is None and since is None and until is None:
        return top_page(store, total or cypher_read.STATEMENT_COUNT_ALL, cypher_top.STATEMENT_PROBE,
                        topk.COUNT_STARTS,
                        (cypher_top.STATEMENT_TOP, cypher_read.STATEMENT_PAGE_ALL),
                        _statement_hit, limit, offset, hist=(cypher_top.STATEMENT_HIST, 1),
                        tie=tie_page.page)
    params = {k: v for k, v in dict(speakers=speakers, since=since, until=until).items()
              if v is not None}
    total = store.rows(cypher_lists.statement_count(params), **params)[0]["total"]
    if params.keys() == {"speakers"} and total > SPEAKER_TOP_MOST:
        return top_page(store, total, cypher_top.SPEAKER_STATEMENT_PROBE, topk.COUNT_STARTS,
                        (cypher_top.SPEAKER_STATEMENT_TOP, cypher_lists.statement_page(params)),
                        _statement_hit, limit, offset, None, None, **params)
    return list_page(store, total,
                     cypher_lists.statement_page(params), _statement_hit, limit, offset, **params)


def _statement_hit(r: dict[str, Any]) -> StatementHit:
    return StatementHit(id=r["id"], text=r["text"], speaker=r["speaker"],
                        speaker_id=r["speaker_id"], quote_count=r["quote_count"] or 0,
                        score=100.0)


def quote_page(store: Store, *, speaker: str | None = None, outlet: str | None = None,
               article: str | None = None, kind: QuoteKind | None = None,
               mutation: Mutation | None = None, since: str | None = None,
               until: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0,
               include_unattributed: bool = False) -> Page[QuoteRow]:
    """Quotes filtered by speaker, outlet (id or name), article id, kind, mutation and
    publication date, newest article first; words nobody said only when asked for."""
    speakers, outlets = speaker_ids(store, speaker), outlet_ids(store, outlet)
    anchor = ("article" if article is not None else "speaker" if speakers is not None
              else "outlet" if outlets is not None else "all")
    params = quote_filters(speakers=speakers, outlets=outlets, article=article, kind=kind,
                           mutation=mutation, since=since, until=until,
                           include_unattributed=include_unattributed)
    asked = _asked(params)
    plain = kind is None and mutation is None and since is None and until is None
    if anchor == "speaker" and plain and outlets is None:
        credited = store.rows(cypher_top.SPEAKER_QUOTE_TOTAL, speakers=speakers)[0]["total"]
        if credited > ANCHOR_MOST:
            return top_page(store, credited, cypher_top.quote_probe(asked), topk.date_starts(),
                            (cypher_top.quote_top(asked), cypher_read.quote_page(asked)),
                            quote_row, limit, offset, **params)
    if anchor != "all":
        return _by_articles(store, anchor, asked - {ANCHOR_TESTS.get(anchor, "")}, limit,
                            offset, **params)
    # every page from the days' counts, unfiltered too: from the top of the index, a page
    # 20,000 rows down read every key above it (2.6 to 2.9 s at 100k, 20 ms by the days)
    found = filtered_quotes.quote_page(store, asked, quote_row, *bounded(limit, offset),
                                       **params)
    if isinstance(found, Page):
        return found
    count: str | int = cypher_read.quote_count(asked) if found is None else found
    if plain and found is None:  # a graph with no day counts yet (an earlier version's)
        count = tallies.quote_total(store, include_unattributed)
    return top_page(store, count, cypher_top.quote_probe(asked), topk.date_starts(),
                    (cypher_top.quote_top(asked), cypher_read.quote_page(asked)), quote_row,
                    limit, offset, **params)


def _by_articles(store: Store, anchor: str, asked: set[str], limit: int, offset: int,
                 **params: Any) -> Page[QuoteRow]:
    """A page of the quotes of an anchor's articles: each article's date key and how many
    of its quotes pass, then the quotes of only the articles the page reaches into."""
    limit, offset = bounded(limit, offset)
    total, reached, before = topk.reach(topk.tally(
        store, cypher_read.quote_tally(anchor, asked), **params), offset, limit)
    rows = store.rows(cypher_read.quote_page_of(asked), aids=reached, limit=limit,
                      offset=offset - before, **params) if reached else []
    return Page[QuoteRow](total=total, limit=limit, offset=offset,
                          items=[quote_row(r) for r in rows])


def quote_filters(*, speakers: list[str] | None = None, outlets: list[str] | None = None,
                  article: str | None = None, kind: QuoteKind | None = None,
                  mutation: Mutation | None = None, since: str | None = None,
                  until: str | None = None, include_unattributed: bool = False
                   ) -> dict[str, Any]:
    """The parameters of the quote tests (`cypher_read.QUOTE_TESTS`), null when not asked."""
    return dict(speakers=speakers, outlets=outlets, article=article, kind=kind,
                mutation=mutation, since=since, until=until, all=include_unattributed,
                unattributed=cypher_read.UNATTRIBUTED_CONFIDENCE)


def _asked(params: dict[str, Any]) -> set[str]:
    """The quote tests a list's parameters ask for: each filter given, and hiding the words
    nobody said unless every quote is asked for."""
    asked = {k for k in cypher_read.QUOTE_TESTS if params.get(k) is not None}
    return asked | {"shown"} if not params["all"] else asked


def quote_row(r: dict[str, Any]) -> QuoteRow:
    """A QUOTE_PAGE row as the one JSON shape of a quote."""
    return QuoteRow(
        id=r["id"], start=r["start"], end=r["end"], text=r["text"], kind=r["kind"],
        speaker=r["speaker"], cue=r["cue"], confidence=r["confidence"],
        article=QuoteArticle(id=r["article_id"], source=r["source"], title=r["title"],
                             outlet=r["outlet"], url=r["url"], published=iso(r["published"])),
        statement=one_or_many(r["statements"]), mutation=one_or_many(r["mutations"]),
    )


def one_or_many(values: list[S] | None) -> S | list[S] | None:
    """One value, a sorted list of several, or None: a quote joining statements has several."""
    values = sorted(set(values or []))
    if not values:
        return None
    return values[0] if len(values) == 1 else values


def speaker_page(store: Store, limit: int = DEFAULT_LIMIT, offset: int = 0,
                 total: int | None = None) -> Page[SpeakerRow]:
    """Speakers with how often they are quoted, most-quoted first."""
    return top_page(store, total or cypher_read.SPEAKER_COUNT, cypher_top.SPEAKER_PROBE,
                    topk.COUNT_STARTS,
                    (cypher_top.SPEAKER_TOP, cypher_top.SPEAKER_ALL), _speaker_row,
                    limit, offset)


def _speaker_row(r: dict[str, Any]) -> SpeakerRow:
    return SpeakerRow(id=r["id"], name=r["name"], role=r["role"], aliases=r["aliases"] or [],
                      statements=r["statements"], quotes=r["quotes"], outlets=r["outlets"])


def article_page(store: Store, *, outlet: str | None = None, kind: str | None = None,
                 since: str | None = None, until: str | None = None,
                 limit: int = DEFAULT_LIMIT, offset: int = 0,
                 total: int | None = None) -> Page[ArticleRow]:
    """Articles newest first (undated last), filtered by outlet, kind and publication date."""
    outlets = _outlets(store, outlet)
    params = {k: v for k, v in dict(outlets=outlets and [r["id"] for r in outlets], kind=kind,
                                    since=since, until=until).items() if v is not None}
    if not params:
        return top_page(store, total or cypher_top.ARTICLE_TOTAL, cypher_top.ARTICLE_PROBE,
                        topk.date_starts(),
                        (cypher_top.ARTICLE_TOP, cypher_lists.article_page(())), article_row,
                        limit, offset, hist=(cypher_top.ARTICLE_HIST, topk.DAY))
    limit, offset = bounded(limit, offset)
    if (rows := outlet_order.page(store, params, limit, offset)) is not None:
        assert outlets  # (the page of one outlet's articles)
        total = outlets[0]["articles"] if tallies.current_lately(store) else None
        if total is None:
            total = store.rows(cypher_lists.article_count(params), **params)[0]["total"]
        return Page[ArticleRow](total=total, limit=limit, offset=offset,
                                items=[article_row(r) for r in rows])
    return list_page(store, cypher_lists.article_count(params), cypher_lists.article_page(params),
                     article_row, limit, offset, **params)


def article_row(r: dict[str, Any]) -> ArticleRow:
    return ArticleRow(id=r["id"], title=r["title"], url=r["url"], source=r["source"],
                      kind=r["kind"] or "news", language=r["language"],
                      published=iso(r["published"]), outlet=r["outlet"],
                      outlet_id=r["outlet_id"], quotes=r["quotes"])


def outlet_page(store: Store, limit: int = DEFAULT_LIMIT, offset: int = 0,
                total: int | None = None) -> Page[OutletRow]:
    """Outlets with their article and quote counts, most-quoting first."""
    return top_page(store, total or cypher_read.OUTLET_COUNT, cypher_top.OUTLET_PROBE,
                    topk.COUNT_STARTS,
                    (cypher_top.OUTLET_TOP, cypher_top.OUTLET_ALL),
                    lambda r: OutletRow(**r), limit, offset)


# -- one thing in full: its long part paged, with how many there are in all ------------

def article(store: Store, article_id: str, limit: int = DEFAULT_LIMIT,
            offset: int = 0) -> ArticleDetail:
    """One article's stored text and a page of its quotes in text order, with statements."""
    found = store.rows(cypher_read.ARTICLE, id=article_id)
    if not found:
        raise NotFoundError(f"no article with id {article_id!r}")
    r = found[0]
    text = r["text"] or ""
    limit, offset = bounded(limit, offset)
    quotes: dict[str, ArticleQuote] = {}
    for q in store.rows(cypher_read.ARTICLE_QUOTES, id=article_id, limit=limit, offset=offset):
        if q["id"] not in quotes:
            quotes[q["id"]] = ArticleQuote(
                id=q["id"], text=q["text"], kind=q["kind"], start=q["start"], end=q["end"],
                cue=q["cue"], method=q["method"], confidence=q["confidence"],
                mention=q["mention"],
                speaker=q["speaker"], speaker_id=q["speaker_id"], statements=[],
                at_offsets=text[q["start"]:q["end"]] == q["text"])
        if q["statement_id"]:
            quotes[q["id"]].statements.append(QuoteStatement(
                id=q["statement_id"], text=q["statement_text"], mutation=q["mutation"],
                similarity=q["similarity"]))
    base = article_row(r).model_dump(exclude={"quotes"})
    return ArticleDetail(**base, published_note=r["published_note"], text=text,
                         quotes=list(quotes.values()), quotes_total=r["quotes"])


def article_statements(store: Store, article_id: str) -> list[str]:
    """The ids of every statement the article's quotes are variants of, sorted (as many as
    it has quotes at most: bounded by the document's size limit, not by a page)."""
    return sorted(r["id"] for r in store.rows(cypher_read.ARTICLE_STATEMENTS, id=article_id))


def has_article(store: Store, article_id: str) -> bool:
    return bool(store.rows(cypher_read.ARTICLE, id=article_id))


def speaker(store: Store, speaker_id: str, limit: int = DEFAULT_LIMIT,
            offset: int = 0) -> SpeakerDetail:
    """One speaker's statements in time order (a page of them), with the outlets and
    mutations of their variants."""
    head = speaker_head(store, speaker_id)
    limit, offset = bounded(limit, offset)
    rows = timeline_order.page(store, speaker_id, limit, offset) \
        if timeline_order.keyed(store) else None
    if rows is None:
        query = (cypher_read.SPEAKER_STATEMENTS if timeline_order.current(store)
                 else cypher_read.SPEAKER_STATEMENTS_UNKEYED)
        rows = store.rows(query, id=speaker_id, limit=limit, offset=offset)
    return head.model_copy(update={"statements": speaker_statements(store, rows)})


def speaker_head(store: Store, speaker_id: str) -> SpeakerDetail:
    """A speaker's name, aliases and totals, without their statements (`speaker` pages
    them; their page shows those of the printings it shows)."""
    found = store.rows(cypher_read.SPEAKER, id=speaker_id)
    if not found:
        raise NotFoundError(f"no speaker with id {speaker_id!r}")
    sp = found[0]
    return SpeakerDetail(id=sp["id"], name=sp["name"], role=sp["role"],
                         aliases=sp["aliases"] or [], statements=[],
                         statements_total=sp["statements"], quotes_total=sp["quotes"])


def speaker_statements(store: Store, rows: list[dict[str, Any]]) -> list[SpeakerStatement]:
    """Statement rows as a speaker's statements, earliest first; their outlets are counted
    from the articles when linking has not kept the count (an earlier version's graph)."""
    uncounted = [r["id"] for r in rows if r["outlet_count"] is None]
    counted = {r["id"]: r["outlets"] for r in store.rows(cypher_read.STATEMENT_OUTLETS,
                                                         ids=uncounted)} if uncounted else {}
    statements = [_speaker_statement(r, counted) for r in rows]
    statements.sort(key=lambda s: (s.first_seen is None, s.first_seen or "", s.id))
    return statements


def _speaker_statement(r: dict[str, Any], counted: dict[str, int]) -> SpeakerStatement:
    mutations = Counter(r["printed"] or [])  # each print's mutation
    outlets = r["outlet_count"] if r["outlet_count"] is not None else counted.get(r["id"], 0)
    return SpeakerStatement(
        id=r["id"], text=r["text"], first_seen=iso(r["first_seen"]),
        quote_count=r["quote_count"] or 0, outlets=outlets,
        mutations=dict(sorted(mutations.items())),
        faithful=sum(n for m, n in mutations.items() if m in FAITHFUL))


# Every row of a list: for tests, the demo and small graphs (readers page).

def list_statements(store: Store) -> list[StatementHit]:
    return every(lambda limit, offset: statement_page(store, limit=limit, offset=offset))


def list_quotes(store: Store, *, include_unattributed: bool = False) -> list[QuoteRow]:
    return every(lambda limit, offset: quote_page(
        store, limit=limit, offset=offset, include_unattributed=include_unattributed))


def list_speakers(store: Store) -> list[SpeakerRow]:
    return every(lambda limit, offset: speaker_page(store, limit=limit, offset=offset))


def list_articles(store: Store) -> list[ArticleRow]:
    return every(lambda limit, offset: article_page(store, limit=limit, offset=offset))


def list_outlets(store: Store) -> list[OutletRow]:
    return every(lambda limit, offset: outlet_page(store, limit=limit, offset=offset))
