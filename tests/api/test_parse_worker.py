"""Posted pages are read in a worker with a CPU limit: hostile markup is refused at once, a
slow page is stopped at its limit, and the API answers other requests meanwhile."""

from __future__ import annotations

import statistics
import threading
import time

from quotetrail.graph.store import queries

from helpers import clear


def _heavy_page(elements: int) -> str:
    """Legal markup that costs seconds to parse: many attributes on each of a few elements."""
    attributes = " ".join(f'data-a{i}="1"' for i in range(999))
    body = "".join(f"<p {attributes}>Paragraph {j} of words that a reader could read.</p>"
                   for j in range(elements))
    return f"<html><body>{body}</body></html>"


def test_hostile_markup_is_refused_before_parsing(client, seeded_store):
    before = queries.counts(seeded_store)
    many_attributes = "<html><body><p " + " ".join(
        f'a{i}="1"' for i in range(300_000)) + ">word</p></body></html>"
    many_elements = "<html><body>" + "<p>word</p>" * 300_000 + "</body></html>"
    for page, reason in ((many_attributes, "attributes"), (many_elements, "elements")):
        response = client.post("/api/documents", json={"html": page, "source": "hostile.html"})
        assert response.status_code == 400, response.text
        assert reason in response.json()["detail"]
    assert queries.counts(seeded_store) == before


def test_a_page_past_its_cpu_limit_is_stopped_and_the_worker_replaced(make_client,
                                                                       seeded_store):
    client = make_client(QUOTETRAIL_API_PARSE_SECONDS=0.5)
    before = queries.counts(seeded_store)
    response = client.post("/api/documents", json={"html": _heavy_page(190), "source": "s.html"})
    assert response.status_code == 400, response.text
    assert "CPU" in response.json()["detail"]
    assert queries.counts(seeded_store) == before
    ok = client.post("/api/documents", json={
        "text": 'Ann Bee said: "The worker came back after it was stopped." She left.',
        "source": "after.txt"})
    assert ok.status_code == 201, ok.text
    clear(seeded_store)


def test_other_requests_answer_while_a_slow_page_is_read(client, seeded_store):
    def timed_get() -> float:
        start = time.perf_counter()
        assert client.get("/api/counts").status_code == 200
        return time.perf_counter() - start

    usual = statistics.median(timed_get() for _ in range(5))
    done = threading.Event()
    posted: list[int] = []

    def post() -> None:
        posted.append(client.post("/api/documents", json={
            "html": _heavy_page(190), "source": "slow.html"}).status_code)
        done.set()

    thread = threading.Thread(target=post)
    thread.start()
    during = []
    while not done.is_set() and len(during) < 50:
        during.append(timed_get())
        time.sleep(0.05)
    thread.join(timeout=300)
    assert posted and posted[0] in (201, 400)
    assert len(during) >= 3  # the slow page took a while, and other requests got answers
    assert statistics.median(during) < max(1.0, 20 * usual)
    clear(seeded_store)
