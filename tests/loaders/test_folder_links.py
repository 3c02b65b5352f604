"""Files stay in their folder: links out of a loaded folder and special files are refused,
each with one line naming it; `--follow-links` (ReadPolicy.follow_links) allows links."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from quotetrail.graph.local_server.manager import LocalServer
from quotetrail.loaders.read.inputs import ReadFailure, ReadPolicy, read_inputs
from quotetrail.loaders.records import Document

from helpers import is_local, run_cli

QUOTE = "“We will not back down,” the minister said on Tuesday.\n"


def split(items: list) -> tuple[dict[str, Document], dict[str, str]]:
    docs = {d.source: d for d in items if isinstance(d, Document)}
    fails = {f.input: f.reason for f in items if isinstance(f, ReadFailure)}
    assert len(docs) + len(fails) == len(items)
    return docs, fails


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The issue's folder: two real articles and links to the process environment, the
    local server's secrets and /etc/passwd."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "secrets.json").write_text('{"root_password": "s3cret-root"}')
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(QUOTE, encoding="utf-8")
    (folder / "b.txt").write_text("Title: B\n\n" + QUOTE.replace("Tuesday", "Friday"))
    (folder / "environ.txt").symlink_to("/proc/self/environ")
    (folder / "secrets.txt").symlink_to(home / "secrets.json")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "up.jsonl").symlink_to(tmp_path / "elsewhere.jsonl")
    (tmp_path / "elsewhere.jsonl").write_text('{"text": "outside the folder"}\n')
    return folder


def test_links_out_of_the_folder_are_refused(hostile: Path) -> None:
    docs, fails = split(list(read_inputs([str(hostile)])))
    assert sorted(docs) == [str(hostile / "a.txt"), str(hostile / "b.txt")]
    for name, target in (("environ.txt", os.path.realpath("/proc/self/environ")),
                         ("secrets.txt", str(hostile.parent / "home" / "secrets.json")),
                         ("passwd.txt", "/etc/passwd"),
                         ("up.jsonl", str(hostile.parent / "elsewhere.jsonl"))):
        reason = fails[str(hostile / name)]
        assert f"a link to {target}, outside the folder: refused" in reason
        assert "--follow-links" in reason and "\n" not in reason
    assert not any("s3cret" in d.text or "root:" in d.text for d in docs.values())


def test_follow_links_reads_them(hostile: Path) -> None:
    (hostile / "environ.txt").unlink()  # its text is the environment: no quote, no title
    docs, fails = split(list(read_inputs([str(hostile)], ReadPolicy(follow_links=True))))
    assert "s3cret-root" in docs[str(hostile / "secrets.txt")].text
    assert docs[str(hostile / "up.jsonl:1")].text == "outside the folder"
    assert str(hostile / "passwd.txt") in docs or str(hostile / "passwd.txt") in fails


def test_links_inside_the_folder_are_read(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "real.txt").write_text(QUOTE, encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to("sub/real.txt")
    docs, fails = split(list(read_inputs([str(tmp_path)])))
    assert fails == {} and docs[str(tmp_path / "alias.txt")].text == QUOTE


def test_a_manifest_linked_from_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "manifest-elsewhere.json"
    outside.write_text('{"documents": [{"file": "a.txt", "title": "From outside"}]}')
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(QUOTE, encoding="utf-8")
    (folder / "manifest.json").symlink_to(outside)
    docs, fails = split(list(read_inputs([str(folder)])))
    assert "outside the folder" in fails[str(folder / "manifest.json")]
    assert docs[str(folder / "a.txt")].title != "From outside"


def test_special_files_are_refused_anywhere(tmp_path: Path) -> None:
    """A FIFO would hang the load, a device flood it: refused in a folder, passed directly,
    or through a link, without waiting for a writer."""
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "ok.txt").write_text(QUOTE, encoding="utf-8")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "sock.jsonl"))
        docs, fails = split(list(read_inputs([str(tmp_path)], ReadPolicy(follow_links=True))))
        assert "not a regular file (a FIFO)" in fails[str(tmp_path / "pipe.txt")]
        assert "not a regular file (a character device)" in fails[str(tmp_path / "zero.txt")]
        assert "not a regular file (a socket)" in fails[str(tmp_path / "sock.jsonl")]
        assert list(docs) == [str(tmp_path / "ok.txt")]
    for path in (str(tmp_path / "pipe.txt"), "/dev/zero", "/dev/null"):
        (fail,) = list(read_inputs([path]))
        assert isinstance(fail, ReadFailure) and "not a regular file" in fail.reason


def test_a_file_named_on_the_command_line_may_be_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(QUOTE, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    (doc,) = list(read_inputs([str(tmp_path / "link.txt")]))
    assert isinstance(doc, Document) and doc.text == QUOTE


def test_the_load_command_refuses_links_out(tmp_path: Path, store, local_home) -> None:
    """`quotetrail load FOLDER` as the issue ran it: nothing from outside the folder loads,
    each link is one line of the failure table, and the exit code says so."""
    if not is_local(store):
        pytest.skip("the console script uses a local server")
    secrets = LocalServer(local_home, engine=store.backend).secrets_file
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "environ.txt").symlink_to("/proc/self/environ")
    (folder / "secrets.txt").symlink_to(secrets)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    done = run_cli("load", "--quiet", "--json", str(folder), home=local_home)
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout)
    assert summary["loaded"] == 0
    reasons = {f["input"]: f["reason"] for f in summary["failed"]}
    assert set(reasons) == {str(folder / n) for n in ("environ.txt", "secrets.txt",
                                                      "passwd.txt")}
    assert f"a link to {secrets}, outside the folder" in \
        reasons[str(folder / "secrets.txt")]
    assert "password" not in done.stdout + done.stderr
    help_text = run_cli("load", "--help", home=local_home).stdout
    assert "--follow-links" in help_text and "--allow-private-urls" in help_text
