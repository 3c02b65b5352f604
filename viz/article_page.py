"""An article's own stored text with every quote highlighted where it stands.

The text is the Article's `text` property, exactly as stored (quote offsets refer to it),
cut at quote boundaries into segments: plain text, or a highlight linking to the statement of
the innermost quote covering it. Nested or overlapping quotes therefore never nest links.
A quote whose offsets do not hold its words is not highlighted, and the table says so. The
last segment of each quote carries its speaker's label (or "? no speaker"), so a checker can
scan the text for what the machine could not attribute. An article of more than MAX_LIMIT
quotes is shown a page of quotes at a time: the whole text, that page's quotes highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from quotetrail.graph.model import MAX_LIMIT, WITHHELD, withheld_reason
from quotetrail.viz._site import export_links, legend, link, render, safe_url
from quotetrail.viz.colors import mutation_color

if TYPE_CHECKING:
    from quotetrail.graph.model import ArticleDetail, ArticleQuote

_BACKGROUND_ALPHA = "59"  # hex alpha on the mutation colour: a light fill, text stays readable
NO_SPEAKER = "? no speaker"
_LABEL_CHARS = 28


@dataclass(frozen=True)
class Segment:
    text: str
    quote: str | None = None  # id of the innermost quote covering it
    href: str | None = None  # that quote's statement page
    mutation: str | None = None
    color: str | None = None
    background: str | None = None
    hover: str | None = None
    label: str | None = None  # the speaker label, on the last segment of its quote
    unattributed: bool = False


def article_html(article: ArticleDetail, offset: int = 0) -> str:
    """The page of one article: its text with a page of its quotes highlighted (those from
    `offset` on; an article may hold more than one page), and a table of them."""
    base = link("articles", article.id)
    query = f"?{urlencode({'offset': offset})}" if offset else ""
    return render("article.html", article=article, segments=segments(article),
                  rows=article.quotes, legend=legend(), url=safe_url(article.url, article.source),
                  date_note=date_note(article.published_note), details=quote_details(article),
                  unattributed=sum(1 for q in article.quotes if not q.speaker),
                  exports=export_links(base, "quotes", ("csv", "json"), query),
                  pager=pager(article, offset))


def pager(article: ArticleDetail, offset: int) -> dict[str, Any] | None:
    """Which quotes the page shows and the links to the pages around it (None: it shows
    every quote)."""
    shown, total = len(article.quotes), article.quotes_total
    if offset == 0 and shown >= total:
        return None
    base = link("articles", article.id)
    previous = max(offset - MAX_LIMIT, 0) if offset > 0 else None
    following = offset + MAX_LIMIT if offset + MAX_LIMIT < total else None
    return {"first": offset + 1 if shown else 0, "last": offset + shown, "total": total,
            "previous": None if previous is None else f"{base}?offset={previous}",
            "next": None if following is None else f"{base}?offset={following}"}


def date_note(note: str | None) -> str | None:
    """How the page's date label reads: stated in the page, or inferred (None: given)."""
    if not note:
        return None
    return "date stated in the page" if note.lower().startswith("stated") else "date inferred"


def segments(article: ArticleDetail) -> list[Segment]:
    """The stored text cut at quote boundaries; joined, the segments' texts are the text."""
    text = article.text
    placed = [q for q in article.quotes if q.at_offsets and 0 <= q.start < q.end <= len(text)]
    cuts = sorted({0, len(text), *(q.start for q in placed), *(q.end for q in placed)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [q for q in placed if q.start <= start and end <= q.end]
        piece = text[start:end]
        if not covering:
            out.append(Segment(piece))
            continue
        inner = min(covering, key=lambda q: (q.end - q.start, q.start, q.id))
        out.append(_highlight(piece, inner, last=end == inner.end))
    return out


def _speaker_label(quote: ArticleQuote) -> str:
    name = quote.speaker or (f"? {quote.mention or 'no speaker'}: unsure"
                             if quote.method == WITHHELD else NO_SPEAKER)
    return name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "…"


def _highlight(piece: str, quote: ArticleQuote, *, last: bool) -> Segment:
    label = _speaker_label(quote) if last else None
    unattributed = not quote.speaker
    if not quote.statements:
        return Segment(piece, quote=quote.id, hover=_hover(quote), label=label,
                       unattributed=unattributed)
    first = quote.statements[0]
    color = mutation_color(first.mutation)
    return Segment(piece, quote=quote.id, href=link("statements", first.id),
                   mutation=first.mutation, color=color,
                   background=color + _BACKGROUND_ALPHA, hover=_hover(quote), label=label,
                   unattributed=unattributed)


def _why_none(quote: ArticleQuote) -> str:
    return withheld_reason(quote.mention) if quote.method == WITHHELD else "unattributed"


def _hover(quote: ArticleQuote) -> str:
    lines = [f"Speaker: {quote.speaker or _why_none(quote)}", f"Quote kind: {quote.kind}"]
    if not quote.statements:
        lines.append("Not linked to a statement")
    for st in quote.statements:
        lines.append(f"Mutation: {st.mutation}")
        lines.append(f"Statement: “{st.text}”")
    return "\n".join(lines)


def quote_details(article: ArticleDetail) -> dict[str, dict[str, Any]]:
    """What the panel shows for a clicked quote (all plain text; hrefs are site paths)."""
    out: dict[str, dict[str, Any]] = {}
    for q in article.quotes:
        confidence = f"{q.confidence:.2f}" if q.confidence is not None else "not recorded"
        out[q.id] = {
            "text": q.text,
            "speaker": q.speaker,
            "speaker_href": link("speakers", q.speaker_id),
            "fields": [["kind", q.kind], ["cue", q.cue or "none found"],
                       ["attribution", q.method or ("none" if not q.speaker else "not recorded")],
                       ["confidence", confidence], ["offsets", f"{q.start}–{q.end}"]],
            "statements": [{"text": st.text, "mutation": st.mutation,
                            "href": link("statements", st.id)} for st in q.statements],
        }
    return out
