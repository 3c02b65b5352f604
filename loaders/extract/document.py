"""Quote extraction entry point: find quotes, then have loaders/attribute name who spoke them.

Spans (marked quotes, reported clauses) are found here; their speakers are named by
loaders/attribute (news.py for the writer's cues, roster.py for names, pronouns and roles).
Transcripts are handled in transcript.py.
"""

from __future__ import annotations

from dataclasses import replace

from quotetrail.loaders.attribute.news import attribute_reported, attribute_spans
from quotetrail.loaders.attribute.roster import build_roster
from quotetrail.loaders.extract.credits import credited_outlets
from quotetrail.loaders.extract.indirect import find_reported
from quotetrail.loaders.extract.quotes import find_quotes, mask_quotes
from quotetrail.loaders.extract.transcript import extract_transcript
from quotetrail.loaders.records import Document, ExtractedDocument, QuoteMention


def extract(doc: Document) -> ExtractedDocument:
    """Quotes, speakers and credited outlets of one document; dispatches on `doc.kind`."""
    found = extract_transcript(doc) if doc.kind == "transcript" else extract_news(doc)
    return replace(found, credits=tuple(credited_outlets(doc.text, own=doc.outlet)))


def extract_news(doc: Document) -> ExtractedDocument:
    """Quotes in news (or a press release), each attributed from the sentence around it."""
    text = doc.text
    spans = find_quotes(text)
    masked = mask_quotes(text, spans)
    roster = build_roster(text, masked)
    found = attribute_spans(spans, masked, roster)
    quotes = [
        QuoteMention(
            text=text[s.start : s.end], start=s.start, end=s.end, kind=s.kind, cue=a.cue,
            speaker_mention=a.mention, speaker=a.speaker, confidence=a.confidence,
            method=a.method,
        )
        for s, a in zip(spans, found, strict=True)
    ]
    marked = [(s.open, s.close if s.close is not None else s.end) for s in spans]
    taken = {(q.start, q.end) for q in quotes}
    for r in find_reported(masked, marked):
        if (r.start, r.end) in taken:
            continue  # one span is one quote (its id is its offsets)
        taken.add((r.start, r.end))
        a = attribute_reported(r, masked, roster)
        if a.speaker is not None or a.method in ("indirect-nominal", "indirect-unnamed"):
            quotes.append(QuoteMention(
                text=text[r.start : r.end], start=r.start, end=r.end, kind="indirect",
                cue=r.cue, speaker_mention=a.mention, speaker=a.speaker,
                confidence=a.confidence, method=a.method,
            ))
    quotes.sort(key=lambda q: q.start)
    used = {q.speaker for q in quotes if q.speaker}
    return ExtractedDocument(doc, tuple(quotes), roster.speakers(used))


