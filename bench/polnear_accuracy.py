"""Attribution on PolNeAR's train split, offline: a fast tuning loop for loaders/attribute.

The official figures come from `../shared/eval/polnear-eval`, which loads through the CLI into
a local server. This script runs `extract` straight on the same prepared input and writes the
same JSON lines as `quotetrail quotes --json --all`, then calls the same scorer
(`polnear.py score`), so a tuning round takes seconds and needs no server. (Speaker names
skip the load's cross-document name book, so a figure may differ from the official one in
the last digit.)

The 840 articles are split by a hash of their file name into a tuning part (about 80%) and
a validation part (about 20%) that is never read while tuning.

    python bench/polnear_accuracy.py prepare            # once: gold for all, split in two
    python bench/polnear_accuracy.py score tune [--errors FILE]
    python bench/polnear_accuracy.py score val
    python bench/polnear_accuracy.py linkdir val DIR    # a POLNEAR_DIR of only that part

Data: POLNEAR_DIR (default ../shared/data/polnear-train); scorer: POLNEAR_EVAL (default
../shared/eval/polnear.py); work folder: POLNEAR_WORK (default /tmp/quotetrail-polnear).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from quotetrail.loaders.extract.document import extract
from quotetrail.loaders.records import Document

DATA = Path(os.environ.get("POLNEAR_DIR", "../shared/data/polnear-train"))
SCORER = Path(os.environ.get("POLNEAR_EVAL", "../shared/eval/polnear.py"))
WORK = Path(os.environ.get("POLNEAR_WORK", "/tmp/quotetrail-polnear"))
PARTS = ("tune", "val")


def part_of(filename: str) -> str:
    """Validation for one file name in five, by hash: stable, and blind to the content."""
    digest = hashlib.sha256(filename.encode("utf-8")).hexdigest()
    return "val" if int(digest[:8], 16) % 5 == 0 else "tune"


def prepare() -> int:
    """Gold for all 840 articles from the official scorer, then split into the two parts."""
    everything = WORK / "all"
    done = subprocess.run([sys.executable, str(SCORER), "prepare", str(everything),
                           "--polnear", str(DATA), "--splits", "train", "--n", "0",
                           "--show", "0"], check=False)
    if done.returncode:
        return done.returncode
    gold = json.loads((everything / "gold.json").read_text(encoding="utf-8"))
    for part in PARTS:
        docs = [d for d in gold["docs"] if part_of(d["key"].rsplit("/", 1)[-1]) == part]
        folder = WORK / part
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "gold.json").write_text(json.dumps({**gold, "docs": docs}, ensure_ascii=False),
                                          encoding="utf-8")
        with (folder / "input.jsonl").open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps({"text": d["text"], "title": d["key"]}, ensure_ascii=False)
                         + "\n")
        print(f"{part}: {len(docs)} articles")
    return 0


def predict(folder: Path) -> Path:
    """Every quote `extract` finds, as `quotetrail quotes --json --all` lists them."""
    out = folder / "quotes.jsonl"
    with (folder / "input.jsonl").open(encoding="utf-8") as src, out.open("w") as fh:
        for i, line in enumerate(src, 1):
            row = json.loads(line)
            doc = Document(text=row["text"], source=f"input.jsonl:{i}", title=row["title"])
            for q in extract(doc).quotes:
                fh.write(json.dumps({"article": {"title": row["title"]}, "start": q.start,
                                     "end": q.end, "text": q.text, "kind": q.kind,
                                     "speaker": q.speaker, "cue": q.cue, "method": q.method},
                                    ensure_ascii=False) + "\n")
    return out


def score(part: str, errors: str | None) -> int:
    folder = WORK / part
    quotes = predict(folder)
    cmd = [sys.executable, str(SCORER), "score", str(folder), str(quotes)]
    return subprocess.run(cmd + (["--errors", errors] if errors else []), check=False).returncode


def linkdir(part: str, target: Path) -> int:
    """A PolNeAR folder holding only one part (symlinks), for POLNEAR_DIR=... polnear-eval."""
    meta = (DATA / "data" / "metadata.tsv").read_text(encoding="utf-8").split("\n")
    keep = [meta[0]] + [r for r in meta[1:] if r.strip() and r.split("\t")[0] == "train"
                        and part_of(r.split("\t")[1]) == part]
    (target / "data").mkdir(parents=True, exist_ok=True)
    (target / "data" / "metadata.tsv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    names = {r.split("\t")[1] for r in keep[1:]}
    for sub in ("text", "attributions", "corenlp"):
        src = DATA / "data" / "train" / sub
        if not src.is_dir():
            continue
        (target / "data" / "train" / sub).mkdir(parents=True, exist_ok=True)
        for f in src.iterdir():
            if f.name.split(".")[0].rsplit("_", 1)[0] in names or f.name.split(".")[0] in names:
                link = target / "data" / "train" / sub / f.name
                if not link.exists():
                    link.symlink_to(f.resolve())
    print(f"{part}: {len(names)} articles linked under {target}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("prepare")
    s = sub.add_parser("score")
    s.add_argument("part", choices=PARTS)
    s.add_argument("--errors")
    link = sub.add_parser("linkdir")
    link.add_argument("part", choices=PARTS)
    link.add_argument("target", type=Path)
    args = ap.parse_args()
    if args.cmd == "prepare":
        return prepare()
    if args.cmd == "score":
        return score(args.part, args.errors)
    return linkdir(args.part, args.target)


if __name__ == "__main__":
    sys.exit(main())
