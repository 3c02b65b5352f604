"""hypothesis strategies for hostile text (every kind of quotation mark, unbalanced and
nested, control characters, mixed scripts, the words attribution looks for) and the
invariants every extracted quote must keep.

Shared by the fuzz tests here and the API's property tests (`from fuzz.hostile import ...`).
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from quotetrail.errors import QuotetrailError
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document, ExtractedDocument

QUOTE_KINDS = {"direct", "partial", "indirect"}

MARKS = ["“", "”", '"', "'", "‘", "’", "«", "»", "„", "‹", "›", "‚", "「", "」", "‟", "〝"]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\t", "\x0b", "\x0c", "\r", "\r\n", "\x1b", "\x1c",
           "\x1e", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u200d", "\u200f",
           "\u202e", "\ud7ff", "\ufffd", "\U0010ffff"]
SCRIPTS = ["Москва заявила", "Путин сказал", "قال الوزير", "وزارة الخارجية", "他说",
           "北京表示", "東京", "한국어", "ελληνικά", "עברית", "e\u0301", "n\u0303", "ﬁ", "Ⅻ",
           "\U0001f642", "\U0001f44d\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
           "\U0001f1fa\U0001f1e6", "Z\u0351\u0352\u0353a\u0354lgo", "İstanbul", "ß", "ǅ"]
WORDS = ["Anna Berg", "Jens Stoltenberg", "Mr Putin", "Dr. Ada Obi", "he", "she", "He", "She",
         "the minister", "The spokesman", "the foreign minister", "NATO", "the agency",
         "said", "told reporters", "warned", "added", "according to", "said that", "insisted",
         "'s warning", "’s demand", "also said", "Q", "MODERATOR", "ANNA BERG", "(As delivered)",
         "[Laughter]", "Mr.", "e.g.", "U.S.", "we", "will", "not", "the", "a", "of", "that",
         "security", "threat", "new normal", "2022", "10:30", "—", "–", "…", "-", "*", "=="]
PUNCT = [" ", " ", " ", ", ", ". ", ": ", "; ", "! ", "? ", ".", ",", ":", "\n", "\n\n",
         "\n\n\n", "  ", "\u00a0", "\t"]
TURN = ["Q: ", "A: ", "MODERATOR: ", "ANNA BERG: ", "Anna Berg: ", "Secretary General: ",
        "Mr Putin (via interpreter): ", "JOURNALIST (Reuters): ", ": ", "::", "Label:", "X: "]

fragment = st.one_of(
    st.sampled_from(MARKS), st.sampled_from(CONTROL), st.sampled_from(SCRIPTS),
    st.sampled_from(WORDS), st.sampled_from(PUNCT), st.sampled_from(TURN),
    st.text(max_size=6),  # anything at all, surrogates excluded by hypothesis
)

words = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SCRIPTS), fragment),
                max_size=10).map(" ".join)
OPEN = ["“", '"', "‘", "'", "«", "„", "‹", "»", "‚", "「", "”", "''"]
CLOSE = ["”", '"', "’", "'", "»", "“", "›", "«", "‘", "」", "", ",''"]


@st.composite
def quoted_sentence(draw: st.DrawFn) -> str:
    """A writer's sentence around a quote, with marks drawn independently (so often wrong)."""
    before = draw(words)
    inner = draw(words)
    if draw(st.booleans()):
        inner += draw(st.sampled_from([",", ".", "?", "!", "", " —", "…"]))
    after = draw(st.one_of(st.just(""), st.tuples(
        st.sampled_from([", ", " ", ",", "; "]), st.sampled_from(WORDS), st.just(" "),
        st.sampled_from(WORDS)).map("".join)))
    return (f"{before} {draw(st.sampled_from(OPEN))}{inner}{draw(st.sampled_from(CLOSE))}"
            f"{after}{draw(st.sampled_from(PUNCT))}")


#: text of up to a few hundred characters, rich in quote marks, cues and odd characters
texts = st.lists(st.one_of(quoted_sentence(), fragment, words), max_size=30).map("".join)


@st.composite
def transcript_texts(draw: st.DrawFn) -> str:
    """A transcript: a header, then turns, most labelled, the main speaker's among them."""
    main = draw(st.sampled_from(["ANNA BERG", "Anna Berg", "Secretary General Anna Berg",
                                 "Foreign Minister Jens Stoltenberg", "MR PUTIN"]))
    labels = st.sampled_from([f"{main}: ", f"{main}: ", f"{main} (via interpreter): ", *TURN,
                              "", ""])
    sentence = st.tuples(st.sampled_from(["We", "The", "Anna", "NATO", "„Ja", "“We", "2022",
                                          "Москва", "e.g."]), words,
                         st.sampled_from([". ", "? ", "! ", "… ", ".” ", " ", ".\n"])
                         ).map(lambda t: f"{t[0]} {t[1]}{t[2]}")
    turns = draw(st.lists(st.tuples(labels, st.lists(sentence, max_size=4).map("".join)),
                          max_size=15))
    header = draw(st.sampled_from(["", "Press conference\n", "(As delivered)\n",
                                   "Opening remarks.\n\n", "---\n"]))
    return header + "\n".join(label + body for label, body in turns)

#: empty and whitespace-only documents (every Unicode space and line break)
blank_texts = st.lists(st.sampled_from(
    ["", " ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\u00a0", "\u2000", "\u2028", "\u2029",
     "\u3000", "\x85", "\x1c", "\x1f"]), max_size=30).map("".join)


@st.composite
def huge_texts(draw: st.DrawFn, max_chars: int = 50_000) -> str:
    """One long paragraph (or a few) by repeating a drawn chunk: up to `max_chars` chars."""
    chunk = draw(st.lists(fragment, min_size=1, max_size=20).map("".join).filter(bool))
    size = draw(st.sampled_from([1_000, 10_000, max_chars]))
    return (chunk * (size // len(chunk) + 1))[:size]


def fuzz_settings(examples: int, deadline_ms: int | None = None) -> settings:
    """Bounded runs (the folder stays under a minute), no example database in the repo, and
    derandomized so that CI runs the same examples every time (no flaky submissions); no
    per-example deadline, since a shared CI machine's timing is not the code's."""
    return settings(max_examples=examples, deadline=deadline_ms, database=None,
                    derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


def check(text: str, kind: str, speaker: str | None = None) -> ExtractedDocument | None:
    """Extract, then assert the invariants every consumer of a quote relies on."""
    doc = Document(text=text, source="fuzz", kind=kind, speaker=speaker)  # type: ignore[arg-type]
    try:
        result = extract(doc)
    except QuotetrailError:
        return None  # a clear, user-facing refusal is allowed; anything else fails the test
    assert result.document is doc
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text), (q.start, q.end, len(text))
        assert text[q.start:q.end] == q.text
        assert q.kind in QUOTE_KINDS
        assert 0.0 <= q.confidence <= 1.0
        assert q.speaker is None or isinstance(q.speaker, str)
    starts = [q.start for q in result.quotes]
    assert starts == sorted(starts)  # in document order, as the writer expects
    spans = [(q.start, q.end) for q in result.quotes]
    assert len(set(spans)) == len(spans)  # a quote's id is its offsets: one quote a span
    for s in result.speakers:
        assert isinstance(s.name, str) and s.name
    return result
