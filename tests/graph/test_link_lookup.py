"""A small load's word lookups go through the engine's full-text index on Quote.text
(graph/store/link_lookup.py): a fragment's hosts print its words in a row (not only all of
them), its speaker's first; a splice's parts are its speaker's statements, two of which
explain most of its words; a splice is found from a new quote that may be its part."""

from __future__ import annotations

from quotetrail.graph.link.keys import content_words, said, said_tokens
from quotetrail.graph.store import link_lookup
from quotetrail.loaders.records import Document
from quotetrail.pipeline import load

from helpers import clear

X1 = "We will never accept a new division of Europe into spheres of influence."
X2 = "Nobody here will ever accept a division of our Europe into spheres of influence, not now."
DOORS = "The alliance will keep its doors open to every democracy in Europe that wants to join."
BANKS = "Our sanctions will hit the banks and the oligarchs who finance this terrible war."
SPLICE = "The alliance will keep its doors open, and our sanctions will hit the banks."
APART = "Influence is what they want, and they speak of spheres of gas pipes in Europe."
STATEMENT_OF = """
MATCH (q:Quote {text: $text})-[:VARIANT_OF]->(st:Statement)<-[:MADE]-(sp:Speaker)
RETURN st.id AS id, sp.id AS speaker
"""


def doc(name: str, body: str, day: int) -> Document:
    return Document(text=body, source=f"{name}.txt", title=name, outlet=f"{name.title()} Times",
                    published=f"2022-03-{day:02d}")


def archive() -> list[Document]:
    return [doc("first", f'Ilse Marwick said: "{X1}" She spoke in Brussels.', 2),
            doc("third", f'Pavel Castell said: "{X2}" He spoke in Prague.', 3),
            doc("doors", f'Karin Dorn said: "{DOORS}" She spoke in Vilnius.', 4),
            doc("banks", f'Karin Dorn said: "{BANKS}" She spoke in Vilnius.', 4)]


def _statement(store, text: str) -> dict:
    rows = store.rows(STATEMENT_OF, text=text)
    assert len(rows) == 1, (text, rows)
    return rows[0]


def test_lucene_queries_quote_every_word_and_refuse_common_words():
    assert link_lookup.all_words("the spheres of influence") == (
        '+("spheres") +("influence")')
    assert link_lookup.all_words('the "of" and') is None
    # a printed form and its canonical spelling, both quoted (no operator, no field)
    assert link_lookup.all_words("Colour: AND") == '+("color" OR "colour")'



def test_said_keys_combine_the_speaker_with_each_content_word():
    """A splice's parts are looked up by (speaker, word) keys: one speaker's statements."""
    banks = said_tokens("sp-dorn", content_words("Banks AND the oligarchs"))
    assert len(banks) == 2 and all(t.isalpha() and t.startswith("s") for t in banks)
    assert said_tokens("sp-dorn", ["banks"])[0] in banks
    assert not set(banks) & set(said_tokens("sp-castell", ["banks", "oligarchs"]))
    assert said_tokens(None, ["banks"]) == []
    assert said("sp-dorn", ["The banks!", "Oligarchs and banks."]) == " ".join(banks)


def test_hosts_print_the_fragment_in_a_row_speakers_first(empty_store, monkeypatch):
    assert not load(empty_store, [*archive(), doc("apart", f'Pavel Castell said: "{APART}"'
                                                  " He spoke in Prague.", 5)]).failed
    x1, apart = _statement(empty_store, X1), _statement(empty_store, APART)
    marwick, castell = x1["speaker"], apart["speaker"]
    asked: list[dict] = []  # what the index is asked (f1 and f2 are the same words: once)
    rows = empty_store.rows
    monkeypatch.setattr(empty_store, "rows", lambda query, **params: (
        asked.extend(params.get("rows", [])), rows(query, **params))[1])
    every, own = link_lookup.hosts(empty_store, {"f1": (marwick, "spheres of influence"),
                                                 "f2": (castell, "spheres of influence"),
                                                 "f3": (None, "the of and")})
    monkeypatch.undo()
    assert [r["lucene"] for r in asked] == [link_lookup.all_words("spheres of influence")]
    # X1 and X2 (Castell's) print it in a row; APART prints both words, apart: not a host
    assert x1["id"] in every["f1"] and apart["id"] not in every["f1"]
    assert own["f1"] == {x1["id"]}
    assert x1["id"] not in own["f2"] and own["f2"]  # X2 is Castell's: his own host
    assert "f3" not in every
    clear(empty_store)


def test_a_splice_finds_its_parts_and_a_part_finds_its_splice(empty_store):
    assert not load(empty_store, [*archive(), doc("splice", f'Karin Dorn said: "{SPLICE}" '
                                                  "She spoke in Tallinn.", 6)]).failed
    doors, banks = _statement(empty_store, DOORS), _statement(empty_store, BANKS)
    dorn = doors["speaker"]
    lone = {"id": "new", "text": SPLICE, "speaker": dorn}
    found = link_lookup.parts_and_splices(empty_store, [lone], [])
    assert {doors["id"], banks["id"]} <= found
    # the splice was linked as one (its statements hold it as 'spliced'): a new print of
    # one part finds the splice's statements
    spliced = {r["id"] for r in empty_store.rows(
        "MATCH (:Quote {text: $t})-[:VARIANT_OF {mutation: 'spliced'}]->(st:Statement) "
        "RETURN st.id AS id", t=SPLICE)}
    assert spliced
    part = {"id": "part", "text": BANKS, "speaker": dorn}
    assert spliced <= link_lookup.parts_and_splices(empty_store, [], [part])
    # someone else's quote of the same words finds none of Dorn's statements
    assert not link_lookup.parts_and_splices(
        empty_store, [{**lone, "speaker": "sp-nobody-else"}], [])
    clear(empty_store)


def test_a_new_part_reads_an_old_quote_it_may_splice_only_when_it_is_alone(empty_store):
    """A new print of one part (DOORS) may make an old quote printing both (SPLICE) a splice,
    with the other part printed before (BANKS): that quote's statement and the other part
    are read. Not when the old quote's statement holds another wording linked to it (a unit
    is tested as a splice only alone in its statement, graph/link/splices.py)."""
    splice = doc("splice", f'Karin Dorn said: "{SPLICE}" She spoke in Tallinn.', 5)
    assert not load(empty_store, [doc("banks", f'Karin Dorn said: "{BANKS}" She spoke.', 4),
                                  splice]).failed
    alone, banks = _statement(empty_store, SPLICE), _statement(empty_store, BANKS)
    assert alone["id"] != banks["id"]
    new = {"id": "new", "text": DOORS, "speaker": banks["speaker"]}
    assert {alone["id"], banks["id"]} <= link_lookup.parts_and_splices(empty_store, [], [new])
    clear(empty_store)
    cut = "its doors open, and our sanctions will"
    assert not load(empty_store, [doc("banks", f'Karin Dorn said: "{BANKS}" She spoke.', 4),
                                  splice, doc("again", f'Karin Dorn said: "{cut}" '
                                              "She spoke in Tallinn.", 5)]).failed
    held = _statement(empty_store, SPLICE)
    assert held == _statement(empty_store, cut)
    found = link_lookup.parts_and_splices(empty_store, [], [new])
    assert held["id"] not in found and _statement(empty_store, BANKS)["id"] not in found
    clear(empty_store)
