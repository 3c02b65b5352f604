"""A synthetic newsroom archive with its ground truth, deterministic for a seed.

Run: .venv/bin/python -m bench.generate N OUT [--seed S]

Writes OUT/articles/*.txt with OUT/articles/manifest.json (title, outlet, outlet_domain,
published, kind: read like examples/nato-2022) and OUT/truth.jsonl, one row per quote:
article, start/end (of the quoted words in the article text), text, family (statement id;
`families` lists two for a splice of two statements), mutation (what the writer did:
primary, verbatim, trivial, truncated, fragment, spliced, reworded, paraphrased,
misattributed; a copy keeps its source's), copy, source_article (the article a copy was
taken from), speaker (who said it) and printed_speaker (who the article names: None for a
copy printed with no name, another speaker for a wrongly credited copy; `credit` says which:
right, none or wrong).

Each news print is framed by a lead and a detail sentence (bench/framing.py); a copy
carries over its source's framing (both sentences, one, or none; lightly edited), as
outlets that reuse a story do, while independent prints are framed apart.

Statements: the seed transcript's sentences and the seed articles' quotes (real), then
bigram-chain sentences for fictional speakers (bench/statements.py). Some fictional
statements first appear in a generated press-conference transcript (a primary source).
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import framing, mutate
from bench.framing import Text
from bench.statements import REAL_SPEAKER, MadeUp, SeedCorpus, load_seed
from quotetrail.loaders.extract.document import extract

AGENCIES = (("Reuters", "reuters.com"), ("AFP", "afp.com"),
            ("Associated Press", "apnews.com"), ("dpa", "dpa.com"), ("EFE", "efe.com"))
TOWNS = ("Harwick", "Dunmore", "Castlebay", "Eastleigh", "Norwood", "Ashford", "Kilbride",
         "Marston", "Redcliff", "Stanmore", "Wexley", "Fairhaven", "Glenrock", "Hollins",
         "Larkfield", "Moorgate", "Pinecrest", "Rosedale", "Thornbury", "Westfold")
MASTHEADS = ("Courier", "Herald", "Gazette", "Chronicle", "Observer", "Tribune", "Post")
FIRST_F = ("Ilse", "Marta", "Noor", "Ines", "Karin", "Lucia", "Petra", "Sofia", "Hanna",
           "Agnes", "Greta", "Vera", "Lena", "Maja", "Rosa", "Elin", "Dora", "Alma", "Nina")
FIRST_M = ("Tomas", "Anders", "Milan", "Pavel", "Jonas", "Luca", "Henrik", "Felix", "Oskar",
           "Matteo", "Emil", "Viktor", "Bruno", "Karel", "Nils", "Aron", "Teo", "Ivo", "Leon")
SUR_HEAD = ("Mar", "Dell", "Wint", "Hal", "Brem", "Cors", "Fal", "Gar", "Hest", "Kel", "Lind",
            "Mor", "Nor", "Pell", "Ros", "Sand", "Tarr", "Vell", "Wes", "Yar", "Bran", "Crom",
            "Dorn", "Erl", "Fenn", "Gral", "Holm", "Ing", "Jost", "Karst", "Lorr", "Merr",
            "Nesb", "Orv", "Pern", "Quill", "Rath", "Stell", "Tov", "Ulm", "Varn", "Wyck")
SUR_TAIL = ("wick", "away", "ino", "ström", "berg", "ford", "icz", "ane", "eux", "ova", "sen",
            "ham", "ley", "ard", "ovic", "ello", "ier", "ach", "ton", "mund", "holt", "rey",
            "ssen", "aro", "endt", "ock", "ell", "uzzi", "ák", "ius")
TOPICS = ("ports", "energy prices", "the budget", "border security", "grain exports",
          "the alliance", "defence spending", "sanctions", "the election", "rail strikes",
          "cyber attacks", "the summit", "refugee support", "the peace talks", "fuel tax")
FILLERS = (
    "The meeting ran late into the evening.", "Officials in several capitals were briefed.",
    "The talks resume next week.", "Markets were little changed by the afternoon.",
    "Diplomats expect a decision before the end of the month.",
    "The session was held behind closed doors.", "Several delegations arrived late.",
    "A formal communique is expected on Friday.", "Security around the venue was tight.",
    "The figures will be published in the spring.", "Protesters gathered outside the hall.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# what the writer does to a statement, and how often
MUTATIONS = (("verbatim", 30), ("trivial", 14), ("truncated", 14), ("fragment", 12),
             ("spliced", 6), ("reworded", 12), ("paraphrased", 5), ("misattributed", 7))
COPY_SHARE = 0.2  # of quotes: reprinted from an earlier article, mutation and all
# of copies, as on real pages: printed with no name (a pull quote, a quote after other
# paragraphs), or credited to someone else
UNATTRIBUTED_COPY = 0.3
WRONG_CREDIT_COPY = 0.1
CREDIT_SHARE = 0.6  # of copies from an agency: the article credits it
NEW_STATEMENT = 0.35  # of fresh quotes: a statement not printed before
TRANSCRIPT_SHARE = 0.4  # of new fictional statements: first said in a loaded transcript
_AGENCY_NAMES = frozenset(name for name, _ in AGENCIES)
START = datetime(2022, 2, 17, 16, 0, tzinfo=UTC)  # just after the seed transcript


@dataclass
class Speaker:
    name: str
    short: str  # "Ms Marwick"
    statements: list[str] = field(default_factory=list)  # family ids, oldest first
    queue: list[str] = field(default_factory=list)  # said (in a transcript), not yet printed


@dataclass
class Quote:
    article: str
    start: int
    end: int
    text: str
    family: str
    families: list[str]
    mutation: str
    speaker: str
    printed_speaker: str | None
    copy: bool = False
    source_article: str | None = None
    credits: str | None = None
    credit: str = "right"  # right | none | wrong: the name the article prints
    frame: framing.Framing | None = None  # the text around a news print (not in the truth)


class Generator:
    def __init__(self, n: int, seed: int = 1, outlets: int | None = None,
                 corpus: SeedCorpus | None = None) -> None:
        self.n, self.rng = n, random.Random(seed)
        # framing draws from its own stream: the quotes, copies and dates stay those of a seed
        self.frame_rng, self.weekday = random.Random(f"framing-{seed}"), WEEKDAYS[0]
        self.seed = corpus or load_seed()
        self.made_up = MadeUp(self.seed, self.rng)
        self.texts: dict[str, str] = {}  # family -> the words as said
        self.speaker_of: dict[str, str] = {}
        self.primary: set[str] = set()  # families with a loaded primary source
        self.outlets = [(name, domain, True) for name, domain in AGENCIES]
        m = outlets or max(8, min(60, n // 100))
        for i in range(m - len(AGENCIES)):
            town, head = TOWNS[i % len(TOWNS)], MASTHEADS[(i // len(TOWNS)) % len(MASTHEADS)]
            suffix = f" {i // (len(TOWNS) * len(MASTHEADS)) + 2}" if i >= 140 else ""
            self.outlets.append((f"The {town} {head}{suffix}",
                                 f"{town.lower()}{head.lower()}{suffix.strip()}.example",
                                 False))
        self.speakers = self._speakers(max(12, min(1500, n // 40)))
        self.by_name = {s.name: s for s in self.speakers}
        self.docs: list[dict] = []  # manifest rows
        self.files: dict[str, str] = {}  # file -> text
        self.quotes: list[Quote] = []
        self.recent: list[Quote] = []  # printed news quotes a later article may copy
        self.recent_agency: list[Quote] = []

    def _speakers(self, count: int) -> list[Speaker]:
        real = [Speaker(REAL_SPEAKER, "Mr Stoltenberg")]
        for speaker, texts in self.seed.real.items():
            sp = real[0] if speaker == REAL_SPEAKER else Speaker(
                speaker, "Mr " + speaker.split()[-1])
            if sp is not real[0]:
                real.append(sp)
            for text in texts:
                fam = self._family(speaker, text)
                self.made_up.note(speaker, text)
                sp.queue.append(fam)
        transcript = set(self.seed.transcript_sentences)
        self.primary |= {f for f, t in self.texts.items() if t in transcript}
        names = [(h + t).capitalize() for h in SUR_HEAD for t in SUR_TAIL]
        self.rng.shuffle(names)
        out = list(real)
        for surname in names[:count]:
            female = self.rng.random() < 0.5
            first = self.rng.choice(FIRST_F if female else FIRST_M)
            out.append(Speaker(f"{first} {surname}", ("Ms " if female else "Mr ") + surname))
        return out

    def _family(self, speaker: str, text: str) -> str:
        fam = f"f{len(self.texts):06d}"
        self.texts[fam], self.speaker_of[fam] = text, speaker
        return fam

    # -- documents ------------------------------------------------------------------

    def run(self) -> None:
        t = self.seed.transcript
        self._emit(t.text, {"title": t.title, "outlet": t.outlet, "outlet_domain":
                            t.outlet_domain, "published": t.published, "kind": "transcript",
                            "speaker": REAL_SPEAKER, "language": "en"})
        file = self.docs[-1]["file"]
        by_text = {v: k for k, v in self.texts.items()}
        for q in extract(t).quotes:
            fam = by_text.get(q.text) or self._family(REAL_SPEAKER, q.text)
            self.quotes.append(Quote(file, q.start, q.end, q.text, fam, [fam], "primary",
                                     REAL_SPEAKER, REAL_SPEAKER))
        span = timedelta(days=max(10, self.n // 250))
        weights = [8.0] + [1.0 / (i + 1) ** 0.6 for i in range(len(self.speakers) - 1)]
        while len(self.docs) < self.n:
            when = START + span * len(self.docs) / self.n
            main = self.rng.choices(self.speakers, weights)[0]
            self._article(when, main)

    def _emit(self, text: str, meta: dict) -> str:
        file = f"{len(self.docs):06d}.txt"
        self.docs.append({"file": file, **meta})
        self.files[file] = text
        return file

    def _new_statement(self, sp: Speaker, when: datetime) -> str:
        if sp.queue:
            fam = sp.queue.pop(0)
        elif sp.name != REAL_SPEAKER and self.rng.random() < TRANSCRIPT_SHARE \
                and len(self.docs) < self.n - 1:
            fams = [self._family(sp.name, self.made_up.sentence(sp.name))
                    for _ in range(self.rng.randint(4, 7))]
            self._transcript(sp, fams, when - timedelta(hours=1))
            fam, sp.queue = fams[0], fams[1:]
        else:
            fam = self._family(sp.name, self.made_up.sentence(sp.name))
        sp.statements.append(fam)
        return fam

    def _transcript(self, sp: Speaker, fams: list[str], when: datetime) -> None:
        body = Text()
        body.add(f"Press conference by {sp.name}")
        body.add("(As delivered)")
        body.add(f"\x00{self.texts[fams[0]]}")
        for fam in fams[1:]:
            body.parts.append("\n")
            body.size += 1
            body.spans.append((body.size, body.size + len(self.texts[fam])))
            body.parts.append(self.texts[fam])
            body.size += len(self.texts[fam])
        file = self._emit(body.text(), {
            "title": f"Press conference by {sp.name}", "outlet": f"Office of {sp.name}",
            "outlet_domain": None, "published": when.isoformat(), "kind": "transcript",
            "speaker": sp.name, "language": "en"})
        self.primary |= set(fams)
        for fam, (a, b) in zip(fams, body.spans, strict=True):
            self.quotes.append(Quote(file, a, b, self.texts[fam], fam, [fam], "primary",
                                     sp.name, sp.name))

    def _article(self, when: datetime, main: Speaker) -> None:
        rng = self.rng
        self.weekday = WEEKDAYS[when.weekday()]
        outlet, domain, agency = rng.choice(self.outlets)
        body = Text()
        topic = rng.choice(TOPICS)
        body.add(f"{main.name.split()[-1]} on {topic}: {rng.choice(FILLERS)[:-1]}")
        body.add(f"{main.name} was in {rng.choice(TOWNS)} on {WEEKDAYS[when.weekday()]} "
                 f"for talks on {topic}.")
        named: set[str] = {main.name}
        pending: list[Quote] = []
        used: set[str] = set()  # families printed in this article: each once
        for _ in range(rng.randint(2, 5)):
            if rng.random() < 0.3:
                body.add(rng.choice(FILLERS))
            pool = self.recent_agency if rng.random() < 0.7 else self.recent
            src = rng.choice(pool) if pool and rng.random() < COPY_SHARE else None
            if src is not None and not used & set(src.families):
                pending.append(self._copy(body, src, named, agency))
            else:
                pending.append(self._fresh(body, main, named, when, used))
            used.update(pending[-1].families)
        body.add(f"Ref {domain.split('.')[0][:12].upper()}-{len(self.docs):06d}")
        file = self._emit(body.text(), {
            "title": f"{main.name.split()[-1]} on {topic}", "outlet": outlet,
            "outlet_domain": domain, "published": when.isoformat(timespec="seconds"),
            "kind": "news", "language": "en"})
        text = self.files[file]
        for q, (a, b) in zip(pending, body.spans, strict=True):
            q.article, q.start, q.end = file, a, b
            assert text[a:b] == q.text, (file, q.text)
            self.quotes.append(q)
            if q.mutation not in ("paraphrased",):
                (self.recent_agency if agency else self.recent).append(q)
        for lst in (self.recent, self.recent_agency):
            del lst[:-3000]

    def _say(self, body: Text, words: str, who: str | None, named: set[str], form: str,
             frame: framing.Framing, credit: str | None = None) -> framing.Framing:
        """The framing's lead, the quote in its form, then the framing's detail sentence;
        returns the framing with the cue verb used (a copy keeping the lead keeps it)."""
        if who is None:  # no name: a paragraph between it and any cue, then the bare quote
            body.add(self.rng.choice(FILLERS))
            body.add(framing.lead(frame, None))
            body.add("“", "\x00" + words, "”")
            body.add(framing.detail(frame))
            return frame
        body.add(framing.lead(frame, who if who not in named else self.by_name[who].short))
        named.add(who)
        cue = self._cue(body, words, self.by_name[who].short, form, credit, frame.cue)
        body.add(framing.detail(frame))
        return replace(frame, cue=cue)

    def _cue(self, body: Text, words: str, name: str, form: str, credit: str | None,
             kept: str | None) -> str:
        # the random draws happen whatever is kept: the seed's stream stays the same
        cue = self.rng.choice(("said", "added", "warned", "told reporters"))
        cue = kept or cue
        if form == "after":
            tail = f" {name} told {credit}." if credit else f" {name} {cue}."
            body.add("“", "\x00" + words, ",”" + tail)
        elif form == "fragment":
            body.add(f"{name} described it as “", "\x00" + words, "”.")
        elif form == "indirect":
            body.add(f"{name} said that ", "\x00" + words, ".")
        else:
            cue = self.rng.choice(("said", "added", "warned", "stressed"))
            cue = kept if kept in ("said", "added", "warned", "stressed") else cue
            body.add(f"{name} {cue}: “", "\x00" + words, "”")
            if credit:
                body.add(f"The remarks were first reported by {credit}.")
        return cue

    def _copy(self, body: Text, src: Quote, named: set[str], agency: bool) -> Quote:
        source = self._outlet_of(src.article)
        credited = source in _AGENCY_NAMES and not agency and self.rng.random() < CREDIT_SHARE
        credit = source if credited else None
        form = {"fragment": "fragment"}.get(src.mutation, "before")
        if src.mutation in ("trivial",) and not src.text.endswith((".", "!", "?")):
            form = "after"
        printed, how = src.printed_speaker, "right" if src.credit == "right" else src.credit
        roll = self.rng.random()
        if roll < UNATTRIBUTED_COPY and form != "fragment":
            printed, how, credit = None, "none", None
        elif roll < UNATTRIBUTED_COPY + WRONG_CREDIT_COPY:
            printed = self.rng.choice([s for s in self.speakers if s.name != src.speaker]).name
            how = "wrong"
        frame = framing.copied(src.frame, self.frame_rng, self.weekday) if src.frame \
            else framing.fresh(self.frame_rng, self.weekday)
        frame = self._say(body, src.text, printed, named, form, frame, credit)
        return Quote("", 0, 0, src.text, src.family, list(src.families), src.mutation,
                     src.speaker, printed, True, src.article, credit, how, frame)

    def _outlet_of(self, file: str) -> str:
        return self.docs[int(file.split(".")[0])]["outlet"]

    def _fresh(self, body: Text, main: Speaker, named: set[str], when: datetime,
               used: set[str]) -> Quote:
        rng = self.rng
        sp = main if rng.random() < 0.8 else rng.choice(self.speakers)
        recent = [f for f in sp.statements[-20:] if f not in used]
        if recent and rng.random() > NEW_STATEMENT:
            fam = rng.choice(recent)
        else:
            fam = self._new_statement(sp, when)
        said = self.texts[fam]
        kind = rng.choices([k for k, _ in MUTATIONS], [w for _, w in MUTATIONS])[0]
        families, printed, form, words = [fam], sp.name, "before", said
        if kind == "trivial":
            words = mutate.trivial(said, rng)
            form = "before" if words.endswith((".", "!", "?")) else "after"
        elif kind == "truncated":
            words, form = mutate.truncate(said, rng), "after"
        elif kind == "fragment":
            words, form = mutate.fragment(said, rng), "fragment"
        elif kind == "spliced":
            others = [f for f in sp.statements if f != fam]
            if others and rng.random() < 0.4:
                other = rng.choice(others[-20:])
                words, families = mutate.splice_two(said, self.texts[other], rng), [fam, other]
            else:
                words = mutate.splice_inside(said, rng) or said
        elif kind == "reworded":
            words = mutate.reword(said, rng)
        elif kind == "paraphrased":
            words, form = mutate.paraphrase(said, rng), "indirect"
        elif kind == "misattributed":
            printed = rng.choice([s for s in self.speakers if s.name != sp.name]).name
        if words == said and kind not in ("misattributed",):
            kind, form = "verbatim", "before"
        frame = self._say(body, words, printed, named, form,
                          framing.fresh(self.frame_rng, self.weekday))
        return Quote("", 0, 0, words, fam, families, kind, sp.name, printed,
                     credit="wrong" if printed != sp.name else "right", frame=frame)

    # -- output ---------------------------------------------------------------------

    def write(self, out: Path) -> None:
        articles = out / "articles"
        articles.mkdir(parents=True, exist_ok=True)
        for file, text in self.files.items():
            (articles / file).write_text(text, encoding="utf-8")
        (articles / "manifest.json").write_text(
            json.dumps({"documents": self.docs}, ensure_ascii=False, indent=0), encoding="utf-8")
        with (out / "truth.jsonl").open("w", encoding="utf-8") as f:
            for q in self.quotes:
                row = asdict(q)
                del row["frame"]
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        families = {fam: {"speaker": self.speaker_of[fam], "text": text,
                          "primary": fam in self.primary} for fam, text in self.texts.items()}
        (out / "families.json").write_text(json.dumps(families, ensure_ascii=False),
                                           encoding="utf-8")


def generate(out: Path, n: int, seed: int = 1, outlets: int | None = None) -> dict:
    """Write a corpus of `n` documents under `out`; returns a summary of what it holds."""
    gen = Generator(n, seed, outlets)
    gen.run()
    gen.write(out)
    return {"documents": len(gen.docs), "quotes": len(gen.quotes),
            "families": len({q.family for q in gen.quotes}),
            "speakers": len({q.speaker for q in gen.quotes}),
            "outlets": len({d["outlet"] for d in gen.docs}),
            "transcripts": sum(d["kind"] == "transcript" for d in gen.docs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(generate(args.out, args.n, args.seed)))


if __name__ == "__main__":
    main()
