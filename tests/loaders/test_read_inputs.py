"""read_inputs on real files in tmp_path: good files load, each bad one is a clear failure."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quotetrail.loaders.read.inputs import ReadFailure, read_inputs
from quotetrail.loaders.records import Document

SEED = Path(__file__).resolve().parents[2] / "examples" / "nato-2022"


def split(paths: list[str]) -> tuple[list[Document], list[ReadFailure]]:
    out = list(read_inputs(paths))
    docs = [d for d in out if isinstance(d, Document)]
    fails = [f for f in out if isinstance(f, ReadFailure)]
    assert len(docs) + len(fails) == len(out)
    return docs, fails


def write_manifest(folder: Path, rows: list[dict[str, object]]) -> None:
    (folder / "manifest.json").write_text(json.dumps({"documents": rows}), encoding="utf-8")


def test_seed_folder_with_manifest_metadata() -> None:
    docs, fails = split([str(SEED)])
    assert fails == []
    assert [Path(d.source).name[:3] for d in docs] == ["000", "001", "002", "003", "004"]
    assert docs[0].source == os.path.join(str(SEED), "000_99fd4522f5dd8861.txt")
    transcript = docs[3]
    assert transcript.kind == "transcript" and transcript.speaker == "Jens Stoltenberg"
    assert transcript.outlet == "NATO" and transcript.published == "2022-02-17T15:23:00+01:00"
    assert docs[2].outlet_domain is None and docs[2].language == "en"
    assert docs[4].title.startswith("NATO Secretary-General Jens Stoltenberg said")


def test_source_keeps_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Title line\n\nBody.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    docs, _ = split(["docs"])
    assert docs[0].source == os.path.join("docs", "a.txt")
    assert docs[0].title == "Title line"


def test_text_verbatim_except_bom_and_crlf(tmp_path: Path) -> None:
    raw = "\ufeffHeadline\r\n\r\n  “Quoted,”  he said.\u00a0Done.\r\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    (doc,), _ = split([str(tmp_path / "a.txt")])
    assert doc.text == "Headline\n\n  “Quoted,”  he said.\u00a0Done.\n"


def test_bad_inputs_fail_one_by_one_and_good_ones_load(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "ok.txt").write_text("A fine article.", encoding="utf-8")
    (good / "empty.txt").write_text("   \n\t\n", encoding="utf-8")
    (good / "latin.txt").write_bytes("Le café “déjà vu” était fermé.".encode("cp1252"))
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    (empty_folder / "notes.md").write_text("not a txt", encoding="utf-8")
    docs, fails = split([str(tmp_path / "missing"), str(good), str(empty_folder)])
    assert [Path(d.source).name for d in docs] == ["ok.txt"]
    reasons = {Path(f.input).name: f.reason for f in fails}
    assert "no such file or folder" in reasons["missing"]
    assert "empty" in reasons["empty.txt"]
    assert "not UTF-8" in reasons["latin.txt"] and "convert" in reasons["latin.txt"]
    assert "no .txt files" in reasons["nothing"]
    assert all("\n" not in f.reason for f in fails)


def test_manifest_not_json_still_loads_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha text.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text('{"documents": [', encoding="utf-8")
    docs, fails = split([str(tmp_path)])
    assert [d.text for d in docs] == ["Alpha text."]
    (fail,) = fails
    assert fail.input.endswith("manifest.json") and "not valid JSON" in fail.reason


def test_a_manifest_larger_than_a_document_is_read_whole(tmp_path: Path) -> None:
    """A 100,000-document archive's manifest is over 20 MB: every row still applies (a
    manifest cut at a document's 10 MiB cap read as invalid JSON, and every date was lost)."""
    (tmp_path / "a.txt").write_text("Alpha text.", encoding="utf-8")
    filler = [{"file": f"missing-{i:06d}.txt", "title": "x" * 200} for i in range(60_000)]
    rows = [{"file": "a.txt", "title": "Alpha", "published": "2022-02-16"}, *filler]
    write_manifest(tmp_path, rows)
    assert (tmp_path / "manifest.json").stat().st_size > 11 * 1024 * 1024
    docs, fails = split([str(tmp_path)])
    assert [(d.title, d.published) for d in docs] == [("Alpha", "2022-02-16")]
    assert len(fails) == len(filler)  # each listed file that is not there, by name
    assert all("listed in manifest.json but not found" in f.reason for f in fails)


def test_manifest_rows_missing_file_bad_kind_bad_date(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    write_manifest(tmp_path, [
        {"file": "a.txt", "title": "Alpha", "outlet": "Daily", "outlet_domain": "daily.example",
         "published": "2022-02-16", "published_note": "stated", "kind": "news",
         "language": "en", "title_note": "ignored"},
        {"file": "b.txt", "kind": "blog"},
        {"file": "c.txt", "published": "16/02/2022"},
        {"file": "gone.txt", "title": "Gone"},
    ])
    docs, fails = split([str(tmp_path)])
    by_name = {Path(d.source).name: d for d in docs}
    assert sorted(by_name) == ["a.txt", "d.txt"]
    alpha = by_name["a.txt"]
    assert (alpha.title, alpha.outlet, alpha.outlet_domain) == ("Alpha", "Daily", "daily.example")
    assert (alpha.published, alpha.published_note, alpha.language) == ("2022-02-16", "stated", "en")
    assert by_name["d.txt"].title == "Text of d.txt."  # no row: first line is the title
    reasons = {Path(f.input).name: f.reason for f in fails}
    assert "kind" in reasons["b.txt"] and "blog" in reasons["b.txt"]
    assert "ISO-8601" in reasons["c.txt"]
    assert "not found" in reasons["gone.txt"]


def test_single_file_uses_manifest_row_beside_it(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("Speaker: words.", encoding="utf-8")
    (tmp_path / "u.txt").write_text("Other words.", encoding="utf-8")
    write_manifest(tmp_path, [{"file": "t.txt", "kind": "transcript", "speaker": "Ada Lee"}])
    docs, fails = split([str(tmp_path / "t.txt"), str(tmp_path / "u.txt")])
    assert fails == []
    assert (docs[0].kind, docs[0].speaker) == ("transcript", "Ada Lee")
    assert (docs[1].kind, docs[1].speaker, docs[1].title) == ("news", None, "Other words.")


def test_long_first_line_title_is_trimmed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n\n" + "x" * 500 + "\nrest", encoding="utf-8")
    (doc,), _ = split([str(tmp_path / "a.txt")])
    assert doc.title == "x" * 200


def test_dangling_link_is_a_read_failure(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    docs, fails = split([str(tmp_path)])
    assert [Path(d.source).name for d in docs] == ["ok.txt"]
    assert Path(fails[0].input).name == "broken.txt" and "cannot read" in fails[0].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("hidden", encoding="utf-8")
    path.chmod(0)
    _, (fail,) = split([str(path)])
    assert "permission denied" in fail.reason
