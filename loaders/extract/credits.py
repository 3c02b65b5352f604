"""Which agencies or outlets an article credits: "told Reuters", "according to AFP", "the
Russian state-run RIA news agency", a dateline "(Reuters) -", a sign-off "AMN/dpa/Reuters".

A pure function over the article text, run by `extract` (so in the extraction workers):
the writer turns each credit into (Article)-[:CREDITS]->(Outlet), and linking uses the
names as provenance evidence (a quote in an article that credits X likely came from X's
earlier copy).

A name counts as an outlet when it is a known agency or outlet (the table below, with its
aliases and domain, so the Outlet id matches the one an article of that outlet gets), or,
after a cue that only outlets take ("news agency", "told the ... newspaper"), when its own
words say so (News, Times, Post, Agency, Radio, TV...). A person or an institution after
"told" or "according to" ("told Biden", "according to NATO") is not credited.
"""

from __future__ import annotations

import re

from quotetrail.loaders.records import Credit

# canonical name -> (domain, aliases as printed). Domains are the outlets' own, so that
# ids.outlet_id(name, domain) gives the Outlet an article published by them gets.
KNOWN_OUTLETS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "Reuters": ("reuters.com", ("Reuters", "Thomson Reuters")),
    "AFP": ("afp.com", ("AFP", "Agence France-Presse", "Agence France Presse",
                        "France-Presse", "French news agency AFP")),
    "Associated Press": ("apnews.com", ("AP", "Associated Press", "The Associated Press")),
    "dpa": ("dpa.com", ("dpa", "DPA", "Deutsche Presse-Agentur")),
    "EFE": ("efe.com", ("EFE", "Agencia EFE")),
    "ANSA": ("ansa.it", ("ANSA",)),
    "Europa Press": ("europapress.es", ("Europa Press",)),
    "Bloomberg": ("bloomberg.com", ("Bloomberg", "Bloomberg News")),
    "RIA Novosti": ("ria.ru", ("RIA", "RIA Novosti", "RIA-Novosti")),
    "TASS": ("tass.com", ("TASS", "Tass", "ITAR-TASS")),
    "Interfax": ("interfax.com", ("Interfax", "Interfax-Ukraine")),
    "Sputnik": ("sputniknews.com", ("Sputnik",)),
    "RT": ("rt.com", ("RT", "Russia Today")),
    "Ukrinform": ("ukrinform.net", ("Ukrinform",)),
    "UNIAN": ("unian.info", ("UNIAN",)),
    "Xinhua": ("xinhuanet.com", ("Xinhua",)),
    "Kyodo": ("kyodonews.net", ("Kyodo", "Kyodo News")),
    "Yonhap": ("yna.co.kr", ("Yonhap",)),
    "Anadolu Agency": ("aa.com.tr", ("Anadolu", "Anadolu Agency")),
    "PAP": ("pap.pl", ("PAP",)),
    "BBC": ("bbc.com", ("BBC", "BBC News")),
    "CNN": ("cnn.com", ("CNN",)),
    "DW": ("dw.com", ("DW", "Deutsche Welle")),
    "Al Jazeera": ("aljazeera.com", ("Al Jazeera",)),
    "Sky News": ("news.sky.com", ("Sky News",)),
    "Fox News": ("foxnews.com", ("Fox News", "FOX News")),
    "CBS News": ("cbsnews.com", ("CBS", "CBS News")),
    "NBC News": ("nbcnews.com", ("NBC", "NBC News")),
    "ABC News": ("abcnews.go.com", ("ABC News",)),
    "NPR": ("npr.org", ("NPR",)),
    "Politico": ("politico.com", ("Politico", "POLITICO")),
    "Axios": ("axios.com", ("Axios",)),
    "The New York Times": ("nytimes.com", ("The New York Times", "New York Times")),
    "The Washington Post": ("washingtonpost.com", ("The Washington Post", "Washington Post")),
    "The Wall Street Journal": ("wsj.com", ("The Wall Street Journal", "Wall Street Journal",
                                            "WSJ")),
    "Financial Times": ("ft.com", ("Financial Times", "The Financial Times", "FT")),
    "The Guardian": ("theguardian.com", ("The Guardian", "Guardian")),
    "The Times": ("thetimes.co.uk", ("The Times",)),
    "Le Monde": ("lemonde.fr", ("Le Monde",)),
    "Der Spiegel": ("spiegel.de", ("Der Spiegel", "Spiegel")),
    "El País": ("elpais.com", ("El País", "El Pais")),
}
_ALIAS = {alias: name for name, (_, aliases) in KNOWN_OUTLETS.items() for alias in aliases}
_OUTLET_WORD = re.compile(
    r"\b(?:News|Times|Post|Journal|Herald|Tribune|Gazette|Telegraph|Guardian|Agency|Press|"
    r"Radio|TV|Television|Broadcasting|Daily|Magazine|Wire|Newspaper|Mail|Express|Observer|"
    r"Chronicle|Courier|Star|Sun|Mirror|Independent|Bulletin|Review|Weekly)\b"
)
_NAME = r"(?:[A-Z][\w&.'\u2019-]*|de|der|del|la|le|el|of|the)"
# A capitalised name of 1-5 words; lower-case joiners only inside. It never runs past a
# sentence end ("first reported by EFE. Mr Smith said", but "U.S. News" is one name) nor a
# blank line.
_JOIN = r"(?<![A-Za-z]{2}\.)(?:[ \t]+|[ \t]*\n[ \t]*)"
_PROPER = rf"[A-Z][\w&.'\u2019-]*(?:{_JOIN}{_NAME}){{0,4}}"
_ALIASES = "|".join(sorted((re.escape(a) for a in _ALIAS), key=len, reverse=True))

# a name after an outlet's cue: capitalised, or a known alias printed lower-case ("dpa")
_CUED = rf"(?:{_PROPER}|(?:{_ALIASES})\b)"

_PATTERNS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    # cue, pattern with group "name", whether an outlet-word name suffices (else known only)
    ("told", re.compile(rf"\b(?:told|tells|telling|said to|speaking to|in an interview with"
                        rf"|interviewed by)\s+(?:the\s+)?(?P<name>{_CUED})"), True),
    ("according to", re.compile(rf"\baccording to\s+(?:the\s+)?(?P<name>{_CUED})"), True),
    ("reported by", re.compile(rf"\b(?:reported|quoted|cited)\s+by\s+(?:the\s+)?"
                               rf"(?P<name>{_CUED})"), True),
    ("reported", re.compile(rf"(?P<name>\b(?:{_ALIASES}))\s+(?:reported|reports|quoted|"
                            rf"cited|said)\b"), False),
    ("news agency", re.compile(rf"(?P<name>\b(?:{_ALIASES})|\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)"
                               rf"{{0,2}})\s+(?:news\s+agency|wire\s+service|agency)\b"), True),
    ("news agency", re.compile(rf"\b(?:news\s+agency|wire\s+service|newspaper|broadcaster)"
                               rf"\s+(?P<name>{_PROPER})"), True),
    ("reported", re.compile(rf"\b(?:said|reported|reports)\s+(?:the\s+)?"
                            rf"(?P<name>(?:{_ALIASES}))\b"), False),
    # "KYIV (Reuters) -" or "(AFP)" closing a line; not "Dan Michaels (Reuters):" in a
    # transcript, where the parentheses name a journalist's employer
    ("dateline", re.compile(rf"\((?P<name>{_ALIASES})\)(?=\s*[-\u2013\u2014]|[ \t.]*$)",
                            re.MULTILINE), False),
)
_SIGN_OFF = re.compile(r"^[\w .&'\u2019()-]{1,40}(?:\s*[/,;]\s*[\w .&'\u2019()-]{1,40})+\.?$")
_AFTER_CUE_ONLY = frozenset({"news agency"})


def _outlet(name: str, *, loose: bool) -> str | None:
    """The canonical outlet a printed name stands for, None when it is not an outlet."""
    name = re.split(r"['\u2019]s\b", name)[0].strip(" .,;:'\u2019")  # "the BBC's Today"
    words = name.split()
    for n in range(len(words), 0, -1):  # the longest known alias at the start of the name
        head = " ".join(words[:n])
        if head in _ALIAS:
            return _ALIAS[head]
    if loose and _OUTLET_WORD.search(name):
        # "the Kyiv Independent", "Radio Liberty": keep the name up to its outlet word
        last = max(m.end() for m in _OUTLET_WORD.finditer(name))
        return name[:last].strip()
    return None


def _sign_off(text: str) -> list[Credit]:
    """Credits in the last non-empty line when it is a list of short names ("AMN/dpa/Reuters",
    "jsi/rt (AFP, Reuters)"); only known outlets count (the rest are authors' initials)."""
    stripped = text.rstrip()
    line_start = stripped.rfind("\n") + 1
    line = stripped[line_start:]
    if not _SIGN_OFF.match(line.strip()):
        return []
    found = []
    for m in re.finditer(r"[^/,;()]+", line):
        part = m.group().strip(" .")
        name = _ALIAS.get(part)
        if name:
            start = line_start + m.start() + m.group().index(part)
            found.append(Credit(name, KNOWN_OUTLETS[name][0], start, start + len(part),
                                "sign-off"))
    return found


def credited_outlets(text: str, own: str | None = None) -> list[Credit]:
    """Every outlet the text credits, in text order; `own` (the article's outlet) excluded.

    One Credit per mention; callers wanting names use {c.outlet for c in ...}.
    """
    found: list[Credit] = []
    for cue, pattern, loose in _PATTERNS:
        for m in pattern.finditer(text):
            raw = m.group("name")
            name = _outlet(raw, loose=loose or cue in _AFTER_CUE_ONLY)
            if name is None:
                continue
            domain = KNOWN_OUTLETS[name][0] if name in KNOWN_OUTLETS else None
            printed = re.split(r"['\u2019]s\b", raw)[0].rstrip(" .,;:'\u2019")
            start = m.start("name") + (len(printed) - len(printed.lstrip()))
            found.append(Credit(name, domain, start, start + len(printed.strip()), cue))
    found.extend(_sign_off(text))
    own_name = _outlet(own, loose=True) or own if own else None
    seen: set[tuple[str, int]] = set()
    result = []
    for c in sorted(found, key=lambda c: (c.start, c.end, c.outlet)):
        if c.outlet in (own, own_name) or (c.outlet, c.start) in seen:
            continue
        seen.add((c.outlet, c.start))
        result.append(c)
    return result
