"""The app's pages link vis-network at a same-origin URL named by its content, instead of
inlining 688 KB of it in every statement page; downloads keep it inline (one file, offline)."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import pyvis

VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
LIBRARY = {"vis-network.min.js": "text/javascript", "vis-network.css": "text/css"}


def _linked(html: str) -> list[str]:
    return re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="(/assets/[^"]+)"', html)


def test_served_pages_link_the_library_once_and_browsers_keep_it(client) -> None:
    statement = client.get("/api/statements", params={"limit": 1}).json()["items"][0]["id"]
    library = {name: (VIS / name).read_text(encoding="utf-8").encode() for name in LIBRARY}
    for path in (f"/statements/{statement}", "/cypher"):
        page = client.get(path)
        assert page.status_code == 200
        links = _linked(page.text)
        assert len(links) == 2, links
        # none of the library is in the page: its longest line would be
        assert not any(max(body.splitlines(), key=len).decode() in page.text
                       for body in library.values())
        served = {}
        for url in links:
            answer = client.get(url)
            assert answer.status_code == 200
            assert "immutable" in answer.headers["cache-control"]
            served[answer.headers["content-type"].split(";")[0]] = answer.content
        assert served == {kind: library[name] for name, kind in LIBRARY.items()}
    page = client.get(f"/statements/{statement}").text
    assert len(page.encode()) < len(library["vis-network.min.js"]) // 2


def test_the_download_keeps_the_library_inline(client) -> None:
    statement = client.get("/api/statements", params={"limit": 1}).json()["items"][0]["id"]
    download = client.get(f"/statements/{statement}/trace.html")
    assert download.status_code == 200, download.text[:200]
    assert not _linked(download.text)
    assert (VIS / "vis-network.min.js").read_text(encoding="utf-8") in download.text


def test_an_unknown_asset_is_not_found(client) -> None:
    for name in ("vis-network.min.js", "..%2Fsettings.py", "x" * 150):
        answer = client.get(f"/assets/{name}")
        assert answer.status_code == 404
        assert "function" not in answer.text  # no script either
        assert "immutable" not in answer.headers.get("cache-control", "")


def test_a_started_app_has_frozen_what_it_holds_out_of_the_collectors_reach(client) -> None:
    """A full collection walked the ~120,000 objects held from the start for ~90 ms in
    whichever request set it off (api/app.py: freeze_startup_objects)."""
    assert client.get("/api/counts").status_code == 200
    assert gc.get_freeze_count() > 10_000
