"""Read queries for browsing: the lists and detail views the API and the pages share.

Like `queries`, each function runs fixed Cypher from `cypher` and returns pydantic models, so
a route serves the model as JSON and a page renders the same model: neither holds a query.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from quotetrail.errors import NotFoundError
from quotetrail.graph.dates import iso
from quotetrail.graph.model import (
    FAITHFUL,
    ArticleDetail,
    ArticleQuote,
    ArticleRow,
    OutletRow,
    QuotePage,
    QuoteStatement,
    SpeakerDetail,
    SpeakerRow,
    SpeakerStatement,
    StatementPage,
)
from quotetrail.graph.store import cypher
from quotetrail.graph.store.driver import Store
from quotetrail.graph.store.queries import (
    list_statements,
    nobodys_words,
    quote_row,
    search_statements,
)


def list_speakers(store: Store) -> list[SpeakerRow]:
    """Every speaker with how often they are quoted, most-quoted first."""
    return [SpeakerRow(id=r["id"], name=r["name"], role=r["role"], aliases=r["aliases"] or [],
                       statements=r["statements"], quotes=r["quotes"], outlets=r["outlets"])
            for r in store.rows(cypher.BROWSE_SPEAKERS)]


def list_articles(store: Store) -> list[ArticleRow]:
    """Every article, newest first (undated last)."""
    rows = [_article_row(r, quotes=r["quotes"]) for r in store.rows(cypher.BROWSE_ARTICLES)]
    rows.sort(key=lambda a: a.id)
    rows.sort(key=lambda a: _time_key(a.published), reverse=True)
    return rows


def list_outlets(store: Store) -> list[OutletRow]:
    """Every outlet with its article and quote counts, most-quoting first."""
    return [OutletRow(**r) for r in store.rows(cypher.BROWSE_OUTLETS)]


def article(store: Store, article_id: str) -> ArticleDetail:
    """One article's stored text and its quotes in text order, each with its statement(s)."""
    found = store.rows(cypher.BROWSE_ARTICLE, id=article_id)
    if not found:
        raise NotFoundError(f"no article with id {article_id!r}")
    r = found[0]
    text = r["text"] or ""
    quotes: dict[str, ArticleQuote] = {}
    for q in store.rows(cypher.BROWSE_ARTICLE_QUOTES, id=article_id):
        if q["id"] not in quotes:
            quotes[q["id"]] = ArticleQuote(
                id=q["id"], text=q["text"], kind=q["kind"], start=q["start"], end=q["end"],
                cue=q["cue"], speaker=q["speaker"], speaker_id=q["speaker_id"], statements=[],
                at_offsets=text[q["start"]:q["end"]] == q["text"])
        if q["statement_id"]:
            quotes[q["id"]].statements.append(QuoteStatement(
                id=q["statement_id"], text=q["statement_text"], mutation=q["mutation"],
                similarity=q["similarity"]))
    base = _article_row(r, quotes=0).model_dump(exclude={"quotes"})
    return ArticleDetail(**base, published_note=r["published_note"], text=text,
                         quotes=list(quotes.values()))


def has_article(store: Store, article_id: str) -> bool:
    return bool(store.rows(cypher.BROWSE_ARTICLE, id=article_id))


def speaker(store: Store, speaker_id: str) -> SpeakerDetail:
    """One speaker's statements in time order, with outlets and mutations of their variants."""
    found = store.rows(cypher.BROWSE_SPEAKER, id=speaker_id)
    if not found:
        raise NotFoundError(f"no speaker with id {speaker_id!r}")
    sp = found[0]
    grouped: dict[str, dict] = {}
    for r in store.rows(cypher.BROWSE_SPEAKER_STATEMENTS, id=speaker_id):
        g = grouped.setdefault(r["id"], {"row": r, "quotes": {}, "outlets": set()})
        if r["quote_id"]:
            g["quotes"][r["quote_id"]] = r["mutation"]
        if r["outlet_id"]:
            g["outlets"].add(r["outlet_id"])
    statements = []
    for sid, g in grouped.items():
        r, mutations = g["row"], Counter(g["quotes"].values())
        statements.append(SpeakerStatement(
            id=sid, text=r["text"], first_seen=iso(r["first_seen"]),
            quote_count=r["quote_count"] or 0, outlets=len(g["outlets"]),
            mutations=dict(sorted(mutations.items())),
            faithful=sum(n for m, n in mutations.items() if m in FAITHFUL)))
    statements.sort(key=lambda s: s.id)
    statements.sort(key=lambda s: (s.first_seen is None, _time_key(s.first_seen)))
    return SpeakerDetail(id=sp["id"], name=sp["name"], role=sp["role"],
                         aliases=sp["aliases"] or [], statements=statements)


def statement_page(store: Store, q: str | None = None, speaker: str | None = None,
                   limit: int = 50, offset: int = 0) -> StatementPage:
    """Statements matching words `q` (best match first) or all (most-spread first), paged.

    `speaker` matches a speaker's id or name.
    """
    hits = search_statements(store, q, limit=1_000_000) if q and q.strip() else \
        list_statements(store)
    if speaker:
        names = {r["name"] for r in store.rows(cypher.BROWSE_SPEAKER, id=speaker)}
        hits = [h for h in hits if h.speaker is not None and (h.speaker == speaker
                                                              or h.speaker in names)]
    return StatementPage(total=len(hits), limit=limit, offset=offset,
                         items=hits[offset:offset + limit])


def quote_page(store: Store, *, speaker: str | None = None, outlet: str | None = None,
               article: str | None = None, kind: str | None = None,
               mutation: str | None = None, limit: int = 100, offset: int = 0,
               include_unattributed: bool = False) -> QuotePage:
    """Quotes filtered by speaker, outlet (id or name), article id, quote kind, mutation."""
    rows = [quote_row(r) for r in store.rows(cypher.BROWSE_QUOTES, speaker=speaker,
                                             outlet=outlet, article=article, kind=kind)
            if (mutation is None or mutation in (r["mutations"] or []))
            and (include_unattributed or not nobodys_words(r))]
    return QuotePage(total=len(rows), limit=limit, offset=offset,
                     items=rows[offset:offset + limit])


def _article_row(r: dict, quotes: int) -> ArticleRow:
    return ArticleRow(id=r["id"], title=r["title"], url=r["url"], source=r["source"],
                      kind=r["kind"] or "news", language=r["language"],
                      published=iso(r["published"]), outlet=r["outlet"],
                      outlet_id=r["outlet_id"], quotes=quotes)


def _time_key(published: str | None) -> datetime:
    if not published:
        return datetime.min.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(published)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
