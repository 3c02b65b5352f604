"""A speaker withheld for doubt is a state the graph keeps and the reader sees, not an
absence: the article's JSON says `withheld` with the printed mention, and its page says why
the quote has no speaker (issue 14, ninth round's trade)."""

from __future__ import annotations

import html
import json

_OPENING = ("Headline\n\nGovernor Mark Ellis opened the new bridge on Monday. Ellis thanked the "
            "workers.\n\nMayor Ann Brody said she paid half of its cost. Traffic will start in "
            "May. ")
DOUBTFUL = _OPENING + "The toll will be two dollars.\n\n“It took ten years,” he said."
NAMED = _OPENING + "Ellis expects a toll of two dollars.\n\n“It took ten years,” he said."


def _post(client, text: str) -> dict:
    answer = client.post("/api/documents", json={"text": text, "title": "Bridge"})
    assert answer.status_code == 201, answer.text
    article = answer.json()["article"]["id"]
    return client.get(f"/api/articles/{article}").json()


def _the_quote(detail: dict) -> dict:
    [quote] = [q for q in detail["quotes"] if "ten years" in q["text"]]
    return quote


def test_a_withheld_speaker_is_kept_and_shown_with_why(make_client, empty_store) -> None:
    client = make_client()
    detail = _post(client, DOUBTFUL)
    quote = _the_quote(detail)
    assert (quote["speaker"], quote["method"], quote["mention"]) == (None, "withheld", "he")
    page = html.unescape(client.get(f"/articles/{detail['id']}").text)
    assert "? he: unsure" in page
    assert "withheld: “he” could be more than one person here" in page
    # the same words where the article names him just before: credited, nothing withheld
    named = _the_quote(_post(client, NAMED))
    assert named["speaker"] == "Mark Ellis" and named["method"] != "withheld"
    assert named["mention"] == "he"
    rows = empty_store.rows("MATCH (q:Quote) WHERE q.speaker_withheld RETURN q.text AS t")
    assert [r["t"] for r in rows] == [quote["text"]]


def _statement_of(client, article: str) -> str:
    [quote] = [q for q in client.get(f"/api/articles/{article}").json()["quotes"]
               if "ten years" in q["text"]]
    [statement] = {s["id"] for s in quote["statements"]}
    return statement


def test_the_statement_says_which_print_was_withheld(make_client, empty_store) -> None:
    """The trace and the statement page tell the withheld print from a credited one of the
    same words, instead of "unknown" / "no speaker named"."""
    client = make_client()
    words = "“It took ten years, three governors and a great many workers to build it,” he said."
    doubtful = _post(client, DOUBTFUL.replace("“It took ten years,” he said.", words))
    assert _the_quote(doubtful)["method"] == "withheld"
    page = html.unescape(client.get(f"/statements/{_statement_of(client, doubtful['id'])}").text)
    alone = "withheld: “he” could be more than one person here"
    assert json.dumps(alone)[1:-1] in page and "no speaker named for this print" not in page
    assert '"label": "? ' in page  # its node is marked unsure, as an inferred one is

    _post(client, NAMED.replace("“It took ten years,” he said.", words))
    statement = _statement_of(client, doubtful["id"])
    trace = client.get(f"/api/statements/{statement}").json()
    prints = {(v["speaker"], v["speaker_withheld"], v["speaker_mention"])
              for v in trace["variants"]}
    assert prints == {(None, True, "he"), ("Mark Ellis", False, "he")}
    # another print names him now: the page infers him and still says why this one did not
    page = html.unescape(client.get(f"/statements/{statement}").text)
    inferred = f"Mark Ellis (speaker inferred from 1 other printing; {alone})"
    assert json.dumps(inferred)[1:-1] in page
