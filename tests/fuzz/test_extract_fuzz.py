"""Property tests over the extractor: whatever the text, quotes point into it exactly.

For news and transcripts alike, on text full of quotation marks of every kind (balanced,
unbalanced, nested), control characters, mixed scripts, empty and huge paragraphs:
extraction raises nothing but the project's own errors, and every quote satisfies
`0 <= start < end <= len(text)`, `text[start:end] == quote.text`, a known kind and a
confidence in [0, 1].
"""

from __future__ import annotations

import time

from fuzz.hostile import blank_texts, check, fuzz_settings, huge_texts, texts, transcript_texts
from hypothesis import example, given
from hypothesis import strategies as st

DOC_KINDS = st.sampled_from(["news", "transcript", "press_release"])
SPEAKERS = st.one_of(st.none(), st.sampled_from(["Anna Berg", "ANNA BERG", "", " ", "Q",
                                                 "Путин", "<b>x</b>"]), st.text(max_size=12))


@fuzz_settings(300)
@given(text=texts, kind=DOC_KINDS)
@example(text="“Unclosed, he said. ‘Nested «deep „deeper‹ ”", kind="news")
@example(text="”Closed first“ ’and‘ »this« ›too‹", kind="news")
@example(text='"""\'\'\'', kind="news")
@example(text="“”", kind="news")
@example(text="Q: “\x00”\nANNA BERG: We will.\u2028Not.\x85Ever.", kind="transcript")
def test_news_and_transcripts_keep_offsets_inside_the_text(text, kind):
    check(text, kind)


@fuzz_settings(150)
@given(text=transcript_texts(), speaker=SPEAKERS)
@example(text="Q: We . ", speaker=" ")  # crashed (IndexError) before transcript.py stripped it
def test_transcript_turns_keep_offsets_inside_the_text(text, speaker):
    check(text, "transcript", speaker)


@fuzz_settings(100)
@given(text=blank_texts, kind=DOC_KINDS)
def test_empty_and_blank_documents_have_no_quotes(text, kind):
    result = check(text, kind)
    assert result is None or result.quotes == ()


@fuzz_settings(150)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400),
       kind=DOC_KINDS)
def test_any_unicode_at_all(text, kind):
    check(text, kind)


@fuzz_settings(10, deadline_ms=None)
@given(text=huge_texts(), kind=DOC_KINDS)
def test_huge_paragraphs(text, kind):
    check(text, kind)


def _seconds(pattern: str, size: int) -> float:
    text = (pattern * (size // len(pattern) + 1))[:size]
    began = time.perf_counter()
    result = check(text, "news")
    assert result is not None and len(result.quotes) > size // 50
    return time.perf_counter() - began


def test_a_paragraph_of_many_quotes_and_no_full_stop_is_linear():
    """50k chars of `word “` took 121 s (8k: 2 s) before attribution's look-back was bounded
    (loaders/extract/document.py LOOKBACK): quadratic. Four times the text must now cost about four
    times as long; quadratic would be sixteen. Measured: 4k 0.25 s, 16k 1 s."""
    for pattern in ("word “", "“x,” he said “y” "):
        small = min(_seconds(pattern, 4_000) for _ in range(2))
        large = _seconds(pattern, 16_000)
        assert large < 9 * small + 0.5, (pattern, small, large)
