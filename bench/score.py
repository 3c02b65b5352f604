"""Accuracy of a Linking against the generator's truth (truth.jsonl).

- Detection: a truth quote is found when an extracted quote of its article overlaps it by at
  least half of the longer span (one to one, largest overlap first). Only found quotes are
  scored below; detection recall is reported beside.
- Family F1 (pairwise): two found quotes are "same" in truth when they share their family,
  "same" in the prediction when they share a statement (a quote in two statements, a
  splice, counts in the one whose reference belongs to its family; a quote flagged
  `misattributed` counts in the statement it is flagged against, the linker's claim of
  whose words they are, rather than in the statement of the speaker it is printed under).
  A splice of two statements prints the words of both, and a reader may see it in either:
  its family is the one of its two that its statement's reference has (the generator's
  first family otherwise); `family_f1_first_family` always takes the first. Counted with a
  contingency table, so 400k quotes cost no pairs loop.
- Mutation accuracy: the found quote's VARIANT_OF mutation against what the generator did
  (fragment -> truncated; primary quotes are references and not scored). Also given only
  where the statement's reference is the original wording (a primary source was loaded),
  since a kind is relative to the reference and a medoid reference moves it.
- Speakers: of quotes printed with no name, the share whose statement has the speaker who
  said them (`unattributed_speaker_accuracy`); of quotes flagged `misattributed`, the share
  printed under a name that did not say them (`misattribution_precision`).
- Source accuracy: for copies, whether DERIVED_FROM points at a quote in an article a reader
  could tell to be the source: the article the copy was taken from, or any other article
  published before the copy that prints the same words, character for character, under the
  same speaker's name (under any name, for a copy printed with none; and, when the copy
  credits an outlet, published by that outlet). The text cannot tell such prints apart:
  the generator's pick among them is a coin toss no reader could repeat.
  `source_accuracy_strict` counts only the generator's own pick. Both also for
  "distinctive" copies (of a mutated print, which a reader could tell apart from the
  unmutated prints).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quotetrail.graph import ids
from quotetrail.graph.model import Linking
from quotetrail.loaders.records import ExtractedDocument

EXPECTED = {"fragment": "truncated", "primary": "verbatim"}
UNMUTATED = frozenset({"verbatim", "trivial", "primary"})


def read_truth(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _pairs(counter: Counter) -> int:
    return sum(k * (k - 1) // 2 for k in counter.values())


def _f1(cells: Counter, families: Counter, predicted: Counter) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 from the (family, statement) contingency table."""
    tp, same_truth, same_pred = _pairs(cells), _pairs(families), _pairs(predicted)
    precision = tp / same_pred if same_pred else 1.0
    recall = tp / same_truth if same_truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def match(truth: list[dict], extracted: list[ExtractedDocument]
          ) -> tuple[dict[int, str], dict[str, str]]:
    """truth row index -> predicted quote id; quote id -> article file name."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    file_of: dict[str, str] = {}
    for ex in extracted:
        file = Path(ex.document.source).name
        article = ids.article_id(ex.document.sha256)
        for q in ex.quotes:
            qid = ids.quote_id(article, q.start, q.end)
            spans[file].append((q.start, q.end, qid))
            file_of[qid] = file
    rows: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(truth):
        rows[r["article"]].append(i)
    found: dict[int, str] = {}
    for file, idx in rows.items():
        candidates = []
        for i in idx:
            a0, a1 = truth[i]["start"], truth[i]["end"]
            for b0, b1, qid in spans.get(file, ()):
                overlap = min(a1, b1) - max(a0, b0)
                if overlap > 0 and overlap >= 0.5 * max(a1 - a0, b1 - b0):
                    candidates.append((-overlap, i, qid))
        used: set[str] = set()
        for _, i, qid in sorted(candidates):
            if i not in found and qid not in used:
                found[i] = qid
                used.add(qid)
    return found, file_of


def _when(published: str | None) -> datetime | None:
    try:
        when = datetime.fromisoformat((published or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def indistinguishable_sources(truth: list[dict], extracted: list[ExtractedDocument]
                              ) -> dict[int, set[str]]:
    """copy row -> the articles a reader could take for its source (see the docstring)."""
    docs = {Path(ex.document.source).name: ex.document for ex in extracted}
    order = {f: (w is None, w or datetime.min.replace(tzinfo=UTC), f)
             for f, d in docs.items() for w in [_when(d.published)]}
    prints: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for r in truth:
        prints[(r["text"], r["printed_speaker"])].append(r["article"])
        if r["printed_speaker"] is not None:
            prints[(r["text"], None)].append(r["article"])
    out: dict[int, set[str]] = {}
    for i, r in enumerate(truth):
        if not r["copy"]:
            continue
        mine = order.get(r["article"])
        out[i] = {r["source_article"]} | {
            a for a in prints[(r["text"], r["printed_speaker"])]
            if a in order and mine is not None and order[a] < mine
            and (r.get("credits") is None or docs[a].outlet == r["credits"])}
    return out


@dataclass
class _Linked:
    """The linking as the scorer reads it, with the truth rows of references."""

    statements_of: dict[str, list[str]]
    mutation: dict[tuple[str, str], str]
    ref_row: dict[str, int | None]
    ref_family: dict[str, str | None]
    source: dict[str, str]
    speaker_of: dict[str, str | None]


def _linked(truth: list[dict], found: dict[int, str], linking: Linking) -> _Linked:
    statements_of: dict[str, list[str]] = defaultdict(list)
    mutation: dict[tuple[str, str], str] = {}
    for v in linking.variants:
        statements_of[v.quote_id].append(v.statement_id)
        mutation[(v.quote_id, v.statement_id)] = v.mutation
    row_of = {qid: i for i, qid in found.items()}
    ref_row = {s.id: row_of.get(s.reference_quote_id) for s in linking.statements}
    return _Linked(statements_of, mutation, ref_row,
                   {sid: truth[i]["family"] if i is not None else None
                    for sid, i in ref_row.items()},
                   {d.quote_id: d.source_quote_id for d in linking.derivations},
                   {s.id: s.speaker for s in linking.statements})


@dataclass
class _Tally:
    cells: Counter = field(default_factory=Counter)
    fams: Counter = field(default_factory=Counter)
    first_cells: Counter = field(default_factory=Counter)
    first_fams: Counter = field(default_factory=Counter)
    preds: Counter = field(default_factory=Counter)
    confusion: Counter = field(default_factory=Counter)
    mutations: list[int] = field(default_factory=lambda: [0, 0, 0, 0])  # ok, n, orig ok, n
    src: dict[str, list[int]] = field(default_factory=lambda: {
        "all": [0, 0, 0], "distinctive": [0, 0, 0]})  # hits, strict hits, copies
    inferred: list[int] = field(default_factory=lambda: [0, 0])  # right, scored
    flags: list[int] = field(default_factory=lambda: [0, 0])  # right, flagged

    def quote(self, truth: list[dict], row: dict, qid: str, sid: str, sids: list[str],
              linked: _Linked) -> None:
        # a splice of two statements is the words of both: it counts in the family of the
        # statement it was put in when that is one of its two
        family = linked.ref_family[sid] if linked.ref_family.get(sid) in row["families"] \
            else row["family"]
        self.cells[(family, sid)] += 1
        self.fams[family] += 1
        self.first_cells[(row["family"], sid)] += 1
        self.first_fams[row["family"]] += 1
        self.preds[sid] += 1
        if row["printed_speaker"] is None:
            self.inferred[0] += linked.speaker_of.get(sid) == ids.speaker_id(row["speaker"])
            self.inferred[1] += 1
        if any(linked.mutation[(qid, s)] == "misattributed" for s in sids):
            self.flags[0] += row["printed_speaker"] != row["speaker"]
            self.flags[1] += 1
        if row["mutation"] != "primary":
            self.mutation(truth, row, qid, sid, linked)

    def mutation(self, truth: list[dict], row: dict, qid: str, sid: str,
                 linked: _Linked) -> None:
        want = EXPECTED.get(row["mutation"], row["mutation"])
        got = linked.mutation[(qid, sid)]
        ok = got == want and linked.ref_family.get(sid) in row["families"]
        self.mutations[0] += ok
        self.mutations[1] += 1
        if not ok:
            other = linked.ref_family.get(sid) not in row["families"]
            self.confusion[f"{want}->{'other statement' if other else got}"] += 1
        ref = linked.ref_row.get(sid)
        if ref is not None and truth[ref]["mutation"] == "primary" \
                and truth[ref]["family"] in row["families"]:
            self.mutations[2] += ok
            self.mutations[3] += 1

    def copy(self, row: dict, got: str | None, readable: set[str]) -> None:
        for key in ("all", "distinctive") if row["mutation"] not in UNMUTATED else ("all",):
            self.src[key][0] += got in readable
            self.src[key][1] += got == row["source_article"]
            self.src[key][2] += 1


def _share(right: int, n: int) -> float | None:
    return round(right / n, 4) if n else None


def score(truth: list[dict], extracted: list[ExtractedDocument], linking: Linking
          ) -> dict[str, Any]:
    found, file_of = match(truth, extracted)
    readable = indistinguishable_sources(truth, extracted)
    linked = _linked(truth, found, linking)
    t = _Tally()
    for i, qid in found.items():
        row = truth[i]
        sids = sorted(linked.statements_of.get(qid, ()))
        if not sids:
            continue
        sid = min(sids, key=lambda s: (linked.ref_family.get(s) not in row["families"],
                                       linked.mutation[(qid, s)] != "misattributed", s))
        t.quote(truth, row, qid, sid, sids, linked)
        if row["copy"]:
            t.copy(row, file_of.get(linked.source.get(qid, ""), None), readable[i])
    precision, recall, f1 = _f1(t.cells, t.fams, t.preds)
    scored = [i for i in found if truth[i]["mutation"] != "primary"]
    return {
        "truth_quotes": len(truth), "found": len(found),
        "detection_recall": round(len(found) / len(truth), 4) if truth else 1.0,
        "family_precision": round(precision, 4), "family_recall": round(recall, 4),
        "family_f1": round(f1, 4),
        "family_f1_first_family": round(_f1(t.first_cells, t.first_fams, t.preds)[2], 4),
        "mutation_accuracy": _share(t.mutations[0], t.mutations[1]),
        "mutation_accuracy_original_reference": _share(t.mutations[2], t.mutations[3]),
        "mutations_scored": t.mutations[1],
        "mutation_errors_top": dict(t.confusion.most_common(8)),
        **{f"source_accuracy{part}{suffix}": _share(t.src[key][k], t.src[key][2])
           for key, part in (("all", ""), ("distinctive", "_distinctive"))
           for k, suffix in ((0, ""), (1, "_strict"))},
        "copies_scored": t.src["all"][2],
        "misattributed_found": sum(truth[i]["mutation"] == "misattributed" for i in scored),
        "unattributed_speaker_accuracy": _share(*t.inferred),
        "unattributed_scored": t.inferred[1],
        "misattribution_precision": _share(*t.flags),
        "misattribution_flags": t.flags[1],
    }
