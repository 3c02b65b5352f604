"""PolNeAR's CoreNLP annotations, regenerated locally, for one part of the offline bench.

The scorer (`../shared/eval/polnear.py`) resolves a pronoun source through the CoreNLP
coreference files PolNeAR ships (`data/<split>/corenlp/<fn>.txt.xml`); our copy of the data
has none, so every pronoun gold falls back to the gender-blind nearest earlier named source.
This script builds an overlay PolNeAR folder outside the repo: the part's text, attributions
and metadata by symlink (`polnear_accuracy.py linkdir`), plus `data/train/corenlp/` made by one
CoreNLP run over the part's texts with the recipe of PolNeAR's README (tokenize, ssplit, pos,
lemma, ner with the CoNLL 4-class model, parse, dcoref; xml output), except that the parser is
the shift-reduce one by default (`--parser pcfg` for PolNeAR's, about 4x slower). Then:

    python bench/polnear_corenlp.py val [--out DIR]     # default /tmp/polnear-corenlp-val
    POLNEAR_DIR=DIR POLNEAR_WORK=/tmp/corenlp-work-val python bench/polnear_accuracy.py prepare
    POLNEAR_DIR=DIR POLNEAR_WORK=/tmp/corenlp-work-val python bench/polnear_accuracy.py score val

CoreNLP (GPL-3) is a bench tool fetched on demand by Maven into ~/.m2 (bench/corenlp/pom.xml);
it is no dependency of quotetrail and no jar is committed. A rerun skips the texts whose xml
exists (-noClobber), so an interrupted run resumes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
POM = BENCH / "corenlp" / "pom.xml"
SOURCE = Path(os.environ.get("POLNEAR_SOURCE", "../shared/data/polnear-train"))

# PolNeAR's README, "Automated Annotation by CoreNLP". Then: no fine-grained NER relabelling
# (PolNeAR's CoreNLP 3.x tokens carry the four CoNLL classes), and no SUTime or numeric
# classes (the scorer reads only PERSON / ORGANIZATION; they cost a fifth of the time).
PROPERTIES = {
    "annotators": "tokenize,ssplit,pos,lemma,ner,parse,dcoref",
    "outputFormat": "xml",
    "ner.model": "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz",
    "ner.applyFineGrained": "false",
    "ner.buildEntityMentions": "false",
    "ner.useSUTime": "false",
    "ner.applyNumericClassifiers": "false",
}
# `pcfg` is CoreNLP's default parser, the one PolNeAR used; `sr` (shift-reduce) gives the
# same kind of trees for dcoref about four times faster (16 against 57 tokens a second here).
PARSERS = {"pcfg": "edu/stanford/nlp/models/lexparser/englishPCFG.ser.gz",
           "sr": "edu/stanford/nlp/models/srparser/englishSR.ser.gz"}


def classpath(out: Path) -> str:
    """CoreNLP and its models jar from ~/.m2 (Maven downloads them on the first run)."""
    cp_file = out / "classpath.txt"
    subprocess.run(["mvn", "-q", "-B", "-f", str(POM), "dependency:build-classpath",
                    f"-Dmdep.outputFile={cp_file}"], check=True)
    return cp_file.read_text(encoding="utf-8").strip()


def overlay(part: str, out: Path) -> list[Path]:
    """The part's files linked under `out` (never written into the source); its texts."""
    env = {**os.environ, "POLNEAR_DIR": str(SOURCE)}
    subprocess.run([sys.executable, str(BENCH / "polnear_accuracy.py"), "linkdir", part,
                    str(out)], check=True, env=env)
    return sorted((out / "data" / "train" / "text").glob("*.txt"))


def run_corenlp(texts: list[Path], target: Path, cp: str, parser: str, threads: int,
                memory: str, maxlen: int) -> None:
    """One JVM over every text still without its `<fn>.txt.xml`, under nice."""
    target.mkdir(parents=True, exist_ok=True)
    todo = [t for t in texts if not (target / f"{t.name}.xml").exists()]
    print(f"CoreNLP: {len(texts) - len(todo)} of {len(texts)} already annotated, "
          f"{len(todo)} to do", flush=True)
    if not todo:
        return
    props = {**PROPERTIES, "parse.model": PARSERS[parser],
             **({"parse.maxlen": str(maxlen)} if maxlen else {})}
    root = target.parents[2]
    props_file = root / "corenlp.properties"
    props_file.write_text("".join(f"{k} = {v}\n" for k, v in props.items()), encoding="utf-8")
    filelist = root / "corenlp-filelist.txt"
    filelist.write_text("".join(f"{t}\n" for t in todo), encoding="utf-8")
    started = time.monotonic()
    subprocess.run(["nice", "-n", "19", "java", f"-Xmx{memory}", "-cp", cp,
                    "edu.stanford.nlp.pipeline.StanfordCoreNLP", "-props", str(props_file),
                    "-filelist", str(filelist), "-outputDirectory", str(target),
                    "-threads", str(threads), "-noClobber"], check=True)
    print(f"CoreNLP: {len(todo)} texts in {time.monotonic() - started:.0f} s", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("part", choices=("tune", "val"))
    ap.add_argument("--out", type=Path, help="overlay folder (default /tmp/polnear-corenlp-PART)")
    ap.add_argument("--parser", choices=sorted(PARSERS), default="sr")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory", default="6g", help="JVM heap")
    ap.add_argument("--maxlen", type=int, default=0,
                    help="parse.maxlen: longer sentences get no parse (0: parse all)")
    args = ap.parse_args()
    out = (args.out or Path(f"/tmp/polnear-corenlp-{args.part}")).resolve()
    if out.resolve().is_relative_to(SOURCE.resolve()):
        ap.error("the overlay must lie outside the source data")
    out.mkdir(parents=True, exist_ok=True)
    texts = overlay(args.part, out)
    target = out / "data" / "train" / "corenlp"
    run_corenlp(texts, target, classpath(out), args.parser, args.threads, args.memory,
                args.maxlen)
    done = sum(1 for t in texts if (target / f"{t.name}.xml").exists())
    print(f"{args.part}: {done} of {len(texts)} texts have CoreNLP xml under {target}")
    return 0 if done == len(texts) else 1


if __name__ == "__main__":
    sys.exit(main())
