"""Corrections over HTTP: the same core functions as the CLI, one JSON shape."""

from __future__ import annotations

import pytest

from helpers import clear

TEXT = ("Harbour council votes on ferry fares\n\n"
        "“Nobody will pay more than two euros for a crossing this year,” Ana Duarte said.\n\n"
        "“The numbers do not add up for the islands at all,” said Tomas Berg.\n")


@pytest.fixture
def fresh(make_client, empty_store):
    yield make_client()
    clear(empty_store)


def test_merge_and_set_speaker(fresh):
    created = fresh.post("/api/documents", json={"text": TEXT, "source": "fares.txt"})
    assert created.status_code == 201, created.text
    quotes = created.json()["article"]["quotes"]
    berg = next(q for q in quotes if "numbers" in q["text"])
    body = {"speaker": "Ana Duarte", "who": "ed", "why": "on the recording"}
    r = fresh.put(f"/api/quotes/{berg['id']}/speaker", json=body)
    assert r.status_code == 201, r.text
    assert (r.json()["kind"], r.json()["subject"], r.json()["who"]) == (
        "set_speaker", berg["id"], "ed")
    missing = fresh.put("/api/quotes/no-such-quote/speaker", json=body)
    assert missing.status_code == 404 and "no-such-quote" in missing.text
    merged = fresh.post("/api/speakers/merge", json={"merged": "Tomas Berg",
                                                     "into": "Ana Duarte", "who": "ed"})
    assert merged.status_code == 201 and merged.json()["kind"] == "merge_speakers"
    same = fresh.post("/api/speakers/merge", json={"merged": "Ana Duarte",
                                                   "into": "Ana Duarte", "who": "ed"})
    assert same.status_code == 400
