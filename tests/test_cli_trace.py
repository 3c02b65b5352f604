"""`quotetrail trace` for people: plain output (a file, a pipe, a CI log) carries the changes
that colour shows in a terminal, with the words as the outlets printed them."""

from __future__ import annotations

import re

import pytest

from quotetrail.cli_trace import printed_diff, trace_lines
from quotetrail.graph.link.mutation import word_diff
from quotetrail.graph.model import ArticleRef, Trace, TraceVariant

from helpers import is_local, run_cli

ANSI = re.compile(r"\x1b\[")


@pytest.fixture
def home(local_home, seeded_store):
    if not is_local(seeded_store):
        pytest.skip("the CLI tests run on the local server")
    return local_home


def test_printed_diff_keeps_punctuation_and_the_words_as_printed() -> None:
    reference = "We do not see any signs of de-escalation on the ground. Quite the opposite."
    variant = "We do not see signs of de-escalation, on the ground: it's clear!"
    shown = printed_diff(reference, variant, word_diff(reference, variant))
    assert shown == [("=", "We do not see"), ("-", "any"),
                     ("=", "signs of de-escalation, on the ground:"),
                     ("-", "Quite the opposite."), ("+", "it's clear!")]


def test_printed_diff_falls_back_to_the_diff_when_it_does_not_fit_the_texts() -> None:
    diff = [("=", "some words"), ("+", "elsewhere")]
    assert printed_diff("other text entirely", "x", diff) == diff


def _variant(n: int, mutation: str, text: str, speaker: str, derived: str | None,
             url: str) -> TraceVariant:
    reference = "the new normal in Europe, said the secretary general"
    return TraceVariant(
        quote_id=f"q{n}", text=text, kind="direct", speaker=speaker, mutation=mutation,
        similarity=0.5, diff=list(word_diff(reference, text)), derived_from=derived,
        article=ArticleRef(id=f"a{n}", title="A title " * 12, outlet=f"Outlet {n}", url=url,
                           source=None, published="2022-02-16T10:00:00+00:00",
                           outlet_id=f"o{n}", kind="news"))


def test_plain_lines_name_who_a_misattributed_variant_was_credited_to() -> None:
    url = "https://example.org/" + "long-path/" * 12
    trace = Trace(id="st-1", text="the new normal in Europe, said the secretary general",
                  speaker="Jens Stoltenberg", first_seen="2022-02-16", quote_count=2,
                  variants=[_variant(1, "truncated", "the new normal", "Jens Stoltenberg", None,
                                     url),
                            _variant(2, "misattributed", "the new normal in Europe",
                                     "Boris Johnson", "q1", url)])
    lines = [line.plain for line in trace_lines(trace, plain=True)]
    text = "\n".join(lines)
    assert "misattributed (0.50) · credited to Boris Johnson" in text
    assert "the new normal [-in Europe, said the secretary general-]" in text
    assert url in text  # a long line whole, never cut
    assert "└── 1. 2022-02-16 Outlet 1 truncated" in lines
    assert "    └── 2. 2022-02-16 Outlet 2 misattributed" in lines


def test_piped_trace_marks_dropped_and_added_words_and_cuts_nothing(home) -> None:
    done = run_cli("trace", "new normal", home=home, env={"COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    assert not ANSI.search(done.stdout)
    assert "[-dropped-] / {+added+}" in done.stdout
    # DW spliced "The new normal" onto other words: the additions show in the text itself
    assert re.search(r"\{\+is that Russia is willing[^+]*\+\}", done.stdout)
    assert re.search(r"\[-I regret to say that this is( the)?-\] (T|t)he new normal", done.stdout)
    assert "[-in Europe.-]" in done.stdout  # punctuation as printed
    assert max(len(line) for line in done.stdout.splitlines()) > 80  # one line, not cut


def test_color_always_colours_and_never_is_plain(home) -> None:
    coloured = run_cli("trace", "new normal", "--color", "always", home=home)
    assert coloured.returncode == 0, coloured.stderr
    assert ANSI.search(coloured.stdout) and "{+" not in coloured.stdout
    plain = run_cli("trace", "new normal", "--color", "never", home=home)
    assert not ANSI.search(plain.stdout) and "[-" in plain.stdout
