"""Inputs read right: the encoding advice round-trips, binary is refused as such, outlet
names come from site metadata (never a title), and page furniture stays out of the text.

The boilerplate pages in tests/data/boilerplate were written for this test, each around one
article, with the furniture news pages carry (cookie and consent banners, newsletter boxes,
related and "Read more" lists whose headlines hold quotes, share bars, footers); the
`.expected.txt` beside each is the article text, paragraph by paragraph, decided by reading.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from quotetrail.errors import InputError
from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.read.html import html_document
from quotetrail.loaders.read.text import decode_utf8

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "boilerplate"

# Written for this test; the Latin-1 ones have no typographic quotes (Latin-1 has none).
SAMPLES = {
    ("fr", "latin-1"): "Le ministre a déclaré : « Nous sommes prêts à négocier, mais pas à "
                       "n'importe quel prix. » Il a ajouté que la sécurité des élèves passait "
                       "avant tout.",
    ("fr", "cp1252"): "« Nous sommes prêts », a-t-il dit… La grève coûtera 5 € par élève ; "
                      "l’œuvre des syndicats n’est pas terminée.",
    ("de", "latin-1"): "Die Ministerin sagte: \"Wir müssen die Grenzübergänge schließen, bevor "
                       "es zu spät ist.\" Die Bürger bräuchten größere Geduld.",
    ("de", "cp1252"): "Die Ministerin sagte: „Wir müssen die Grenzübergänge schließen.“ Die "
                      "Maßnahmen – so heißt es – kosten 30 € pro Bürger.",
    ("es", "latin-1"): "El alcalde afirmó: «No vamos a permitir que la situación empeore; la "
                       "señal es clara.» Añadió que los niños estarán seguros el año próximo.",
    ("es", "cp1252"): "«No vamos a permitir que la situación empeore», afirmó el alcalde — y "
                      "añadió: “los niños estarán seguros”.",
}


def _advised_encoding(message: str) -> str:
    assert "iconv -f " in message, message
    return message.split("iconv -f ", 1)[1].split()[0]


@pytest.mark.parametrize(("language", "encoding"), list(SAMPLES))
def test_the_encoding_advice_gives_back_the_right_characters(language: str,
                                                              encoding: str) -> None:
    text = SAMPLES[(language, encoding)]
    data = text.encode(encoding)
    with pytest.raises(InputError) as err:
        decode_utf8(data)
    advised = _advised_encoding(err.value.message)
    assert data.decode(advised) == text, err.value.message
    if shutil.which("iconv"):  # the very command the message gives
        converted = subprocess.run(["iconv", "-f", advised, "-t", "utf-8"], input=data,
                                   capture_output=True, check=True).stdout
        assert converted.decode("utf-8") == text


def test_random_bytes_are_not_a_text_file() -> None:
    data = random.Random(19).randbytes(4000)
    with pytest.raises(InputError) as err:
        decode_utf8(data)
    assert "not a text file" in err.value.message and "iconv" not in err.value.message
    with pytest.raises(InputError) as err:
        html_document(data, source="random.html")
    assert "not a text file" in err.value.message and "windows-1252" not in err.value.message


def test_an_undeclared_latin1_page_gets_advice_that_round_trips() -> None:
    text = "<html><body><p>" + SAMPLES[("fr", "latin-1")] + "</p></body></html>"
    with pytest.raises(InputError) as err:
        html_document(text.encode("latin-1"), source="fr.html")
    assert text.encode("latin-1").decode(_advised_encoding(err.value.message)) == text


def _page(name: str) -> tuple[list[str], list[str], str]:
    path = PAGES / f"{name}.html"
    doc = html_document(path.read_bytes(), source=str(path))
    expected = (PAGES / f"{name}.expected.txt").read_text(encoding="utf-8").strip()
    return doc.text.split("\n\n"), expected.split("\n\n"), doc.outlet or ""


@pytest.mark.parametrize(("name", "outlet"), [
    ("wsvn-noise", "WSVN 7News"),  # og:site_name is the whole banner: its first part
    ("student-halls", "The Student Times"),  # og:site_name is the headline: the publisher
    ("harbour-report", "harbourgazette.example"),  # no site name: the domain
    ("council-snoozeville", "Riverside Courier"),  # banner with a tagline
])
def test_outlet_names_come_from_site_metadata_never_the_title(name: str, outlet: str) -> None:
    assert _page(name)[2] == outlet


def test_a_title_posing_as_site_name_falls_back_to_the_domain() -> None:
    title = "UK university student halls too full to be safe, experts warn"
    body = "<p>" + "Students share rooms meant for one, the survey found this month. " * 4
    page = (f"<html><head><title>{title}</title><meta property='og:site_name' "
            f"content='{title}'></head><body><article>{body}</p></article></body></html>")
    doc = html_document(page, source="x.html", url="https://www.studenttimes.example/a")
    assert doc.outlet == "studenttimes.example"


def test_page_furniture_is_left_out_measured_on_the_saved_pages() -> None:
    kept = expected_total = extra = 0
    for path in sorted(PAGES.glob("*.html")):
        got, expected, _ = _page(path.stem)
        kept += sum(p in got for p in expected)
        expected_total += len(expected)
        extra += sum(p not in expected for p in got)
        assert got == expected, path.name
    print(f"\nboilerplate: {kept}/{expected_total} article paragraphs kept, {extra} furniture "
          "paragraphs kept")
    assert expected_total >= 16


def test_related_stories_headlines_give_no_quotes() -> None:
    for name in ("wsvn-noise", "council-snoozeville", "harbour-report"):
        path = PAGES / f"{name}.html"
        quotes = [q.text for q in extract(html_document(path.read_bytes(),
                                                        source=str(path))).quotes]
        assert quotes, name  # the article's own quotes are found
        assert not [q for q in quotes if "Snoozeville" in q or "chaos" in q or "crow" in q]
