"""An article's own stored text with every quote highlighted where it stands.

The text is the Article's `text` property, exactly as stored (quote offsets refer to it),
cut at quote boundaries into segments: plain text, or a highlight linking to the statement of
the innermost quote covering it. Nested or overlapping quotes therefore never nest links.
A quote whose offsets do not hold its words is not highlighted, and the table says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotetrail.viz._site import legend, link, render, safe_url
from quotetrail.viz.colors import mutation_color

if TYPE_CHECKING:
    from quotetrail.graph.model import ArticleDetail, ArticleQuote

_BACKGROUND_ALPHA = "59"  # hex alpha on the mutation colour: a light fill, text stays readable


@dataclass(frozen=True)
class Segment:
    text: str
    quote: str | None = None  # id of the innermost quote covering it
    href: str | None = None  # that quote's statement page
    mutation: str | None = None
    color: str | None = None
    background: str | None = None
    hover: str | None = None


def article_html(article: ArticleDetail) -> str:
    """The page of one article: its text with quotes highlighted, and a table of its quotes."""
    return render("article.html", article=article, segments=segments(article),
                  rows=article.quotes, legend=legend(), url=safe_url(article.url, article.source))


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
        out.append(_highlight(piece, inner))
    return out


def _highlight(piece: str, quote: ArticleQuote) -> Segment:
    if not quote.statements:
        return Segment(piece, quote=quote.id, hover=_hover(quote))
    first = quote.statements[0]
    color = mutation_color(first.mutation)
    return Segment(piece, quote=quote.id, href=link("statements", first.id),
                   mutation=first.mutation, color=color,
                   background=color + _BACKGROUND_ALPHA, hover=_hover(quote))


def _hover(quote: ArticleQuote) -> str:
    lines = [f"Speaker: {quote.speaker or 'unattributed'}", f"Quote kind: {quote.kind}"]
    if not quote.statements:
        lines.append("Not linked to a statement")
    for st in quote.statements:
        lines.append(f"Mutation: {st.mutation}")
        lines.append(f"Statement: “{st.text}”")
    return "\n".join(lines)
