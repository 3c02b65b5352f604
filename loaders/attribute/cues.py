"""The cue grammar of attribution: speech verbs, pronouns, titles, role and organisation
words, and the patterns built from them.

Only generic words are listed here, never names: attribution must work on people nobody
here has heard of. Word lists are kept as text so they read (and diff) as lists.
"""

from __future__ import annotations

import re

from quotetrail.loaders.extract.wordre import alternation, any_case


def wordset(words: str) -> frozenset[str]:
    """Word lists are kept as text so they read (and diff) as lists."""
    return frozenset(words.split())


CUE_WORDS = wordset(
    """said says told tells added adds warned warns continued continues explained explains
    declared declares insisted insists stressed stresses reiterated reiterates specified
    indicated indicates noted notes concurred hailed branded described describes called
    stated states announced announces claimed claims argued argues wrote writes tweeted
    asked asks replied replies answered admitted acknowledged confirmed confirms
    suggested urged cautioned emphasised emphasized underlined recalled revealed
    responded remarked commented affirmed conceded complained promised vowed pledged
    predicted reported observed maintained agreed preferred declined refused
    say fumed interjected advises advised quipped joked boasted bragged lamented mused
    shouted yelled posted recounted countered contended asserted asserts alleged alleges
    pressed concluded concludes chanted chanting demanded retorted scoffed snapped thundered
    wondered testified griped chimed cracked agrees
    proclaimed opined mentioned mentions texted emailed exclaimed explained raged barked
    ranted blasted slammed echoed cried reasoned recalls tweets posts insisted conceded
    concedes counters contends charges charged warns cautions laments jokes quips boasts
    predicts promises vows pledges urges admits acknowledges complains wonders recalls
    assured assures repeated retaliated surmised elaborated speculated clarified reflected
    pleaded marveled marvelled"""
)
PRONOUNS = frozenset({"he", "she"})
HONORIFICS = wordset(
    """mr mrs ms miss dr prof sir dame lord lady rep reps sen sens gov rev gen lt col sgt capt
    cpl adm maj supt insp det atty amb fr hon pres sec"""
)
# abbreviated titles written with a full stop ("Rep.", "Sen."): never a sentence end
TITLE_ABBR = (
    "Mr|Mrs|Ms|Dr|Prof|Rep|Sen|Gov|Rev|Gen|Lt|Col|Sgt|Capt|Cpl|Adm|Maj|Supt|Insp|Det|Atty|Amb"
    "|Fr|Hon|Pres|Sec"
)
ROLE_HEADS = wordset(
    """president minister secretary general secretary-general chancellor spokesperson
    spokesman spokeswoman director chief head leader ambassador senator governor mayor
    commissioner chairman chairwoman chair premier king queen prince princess pope
    admiral colonel commander envoy official adviser advisor ceo prosecutor judge
    representative boss politician diplomat congressman congresswoman candidate nominee
    hopeful strategist pollster aide attorney lawyer professor economist superintendent
    inspector sergeant lieutenant captain detective reverend tanaiste taoiseach
    republican republicans democrat democrats democratic gop consultant analyst expert
    historian researcher scientist activist organizer manager operative councillor councilor
    councilman councilwoman alderman sheriff trustee treasurer founder co-founder cofounder
    owner resident voter supporter delegate volunteer organiser columnist editor anchor
    moderator host co-host cohost author reporter journalist correspondent whip speaker
    justice assemblyman assemblywoman pastor rabbi bishop coach officer"""
)
ROLE_MODIFIERS = wordset(
    """prime foreign defence defense interior finance vice deputy state intelligence
    affairs national security executive chief acting former top senior majority minority"""
)
GENERIC_HEADS = frozenset({"chief", "leader", "head", "boss", "official", "politician",
                           "diplomat", "the", "a", "an", "top", "senior"})
# roles that name the one person at the top, so "the secretary general" can only mean them
LEADER_ROLES = wordset(
    """secretary general president prime minister chancellor premier director chairman
    chairwoman chair ceo governor mayor"""
)
ORG_HEADS = wordset(
    """agency ministry government office department embassy administration council
    commission committee kremlin police army military spokespeople company campaign firm
    organization organisation union court"""
)
STOP = wordset(
    """the a an and but or so if as at on in of for from to by with without despite after
    before when while what why how who where which here here’s there this that these
    those it its we i you they he she his her our their my your speaking asked initially
    finally therefore meanwhile however also then thank thanks even since until unlike
    like although though because under over during yes no not source read
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december today tomorrow
    yesterday sign already amid among another anyone based both do does did each former
    having hastily holding just maybe moreover nevertheless now once other others perhaps
    previously still were well yet some several many nobody someone one two three four five
    six seven eight nine ten thirty senior presidential local multiple acknowledging every
    either neither all most few instead indeed given is are was were"""
)
_CAP = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
PARTICLE = r"(?:von|van|der|den|de|da|di|du|bin|ibn|al|la|le)"
# an initial ("L.", "G.K.") inside a name, never its last word
INITIAL = r"(?:[A-Z]\.){1,3}(?=[ \t]+[A-Z])"
NAME_RUN = re.compile(
    rf"(?=[A-ZÀ-ÖØ-Þ])(?<![\w’'-])(?:(?:{TITLE_ABBR})\.?[ \t]+)?(?:{INITIAL}|{_CAP})"
    rf"(?:[ \t]+(?:{PARTICLE}[ \t]+)?(?:(?:{TITLE_ABBR})\.(?=[ \t]+[A-Z])|{INITIAL}|{_CAP}))*"
)  # "Committee Chairman Rep. Jason Chaffetz": a title inside the run
NAME_TOKEN = re.compile(rf"(?:{TITLE_ABBR})\.|{INITIAL}|{_CAP}|{PARTICLE}")
# a full stop after a title, an initial or inside "U.S."/"p.m." ends no sentence
# the look-behinds run only once a full stop matched: before it, they would run everywhere
SENTENCE_STOP = (
    r"(?:[!?]|\.(?<!\b[A-Z]\.)(?<!\.[A-Za-z]\.)(?<!\b(?:Mr|Ms|Dr|Lt|Fr|St|Jr|Sr|No|vs)\.)"
    r"(?<!\b(?:Mrs|Rep|Sen|Gov|Rev|Gen|Col|Sgt|Cpl|Adm|Maj|Det|Amb|Hon|Sec|Inc|Jan|Feb|Aug|Sep"
    r"|Oct|Nov|Dec)\.)(?<!\b(?:Prof|Capt|Supt|Insp|Atty|Pres|Corp|Sept|Reps|Sens|Govs)\.))"
)
SENTENCE_BREAK = re.compile(rf"{SENTENCE_STOP}[”\"’]?\s+")
# `When Trump suggested that ..., Rubio fired back`: the first clause is not the main one
SUBORDINATE = re.compile(r"\s*(?:When|After|As|Although|Though|If|While|Before|Since|Because"
                         r"|Once|Until|Unless|Whether)\b")
# "Cruz openly admitted": an adverb in -ly between a name and its verb
_AUX = r"(?:also|later|then|has|had|have|again|previously|earlier|further|once|[a-z]{3,}ly)"
_CUE_ALT = alternation(CUE_WORDS)
_PAST = (
    "spoke|took|met|went|came|gave|made|wrote|left|sent|held|led|began|saw|thought|won|lost"
    "|brought|kept|stood|sat|chose|flew|drove|[a-z]{3,}ed"
)
CUED = re.compile(rf"\s+(?:{_AUX}\s+)*(?:{_CUE_ALT})\b")
# `“...,” one P&G employee told`, `“...,” opined Cleveland's Plain Dealer`: a cue right after
# a quote's close names its speaker, even one the rules cannot resolve
TRAILING_CUE = re.compile(
    rf"(?<![.])[,?!]?[”\"’']+[ \t]*(?:[^\s.!?;:“”\"]+[ \t]+){{0,8}}?(?:{_AUX}[ \t]+)*"
    rf"(?:{_CUE_ALT})\b"
)
# "said Jillian Soto": a cue right before a name (searched up to the name)
CUE_BEFORE = re.compile(rf"\b(?:{_CUE_ALT})\s+(?:the\s+)?$")
# a run of capitalised words acting as the subject of a verb reads as a person's name
QUALIFIES = re.compile(
    rf"\s+(?:{_AUX}\s+)*(?:{_CUE_ALT})\b|\s+(?:has|had|have|will|would)\s"
    rf"|\s+(?:{_AUX}\s+)*(?:{_PAST})\b"  # "Brenda Johnson also railed"
)
_MULTI_HEADS = [f"{a}{sep}{b}" for a, b in (("secretary", "general"), ("prime", "minister"),
                                            ("foreign", "minister")) for sep in " -"]
# every case variant spelled out: a case-insensitive alternation is five times slower
HEAD_WORDS = (
    any_case((ROLE_HEADS | ORG_HEADS | set(_MULTI_HEADS)) - {"secretary-general", "general"})
    | {h.title() for h in _MULTI_HEADS}
)
_HEAD_ALT = alternation(HEAD_WORDS)
ROLE_PHRASE = re.compile(
    rf"(?<!\w)(?=[TtAa])(?:[Tt]he|[Aa]n?)\s+(?:[\w’'-]+\s+){{0,4}}?{_HEAD_ALT}s?\b"
)
# lower-case words of a role written before a name ("digital consultant Phil Musser")
LOWER_ROLE_WORDS = ROLE_HEADS | ROLE_MODIFIERS | wordset(
    """former political campaign press communications media senior longtime election policy
    digital veteran retired incoming outgoing then current presidential front-runner
    frontrunner gubernatorial congressional wife husband son daughter brother sister mother
    father nephew niece cousin uncle aunt grandson granddaughter ally constituent friend
    fan neighbor neighbour agent""")
CATAPHORA_CHARS = 400  # how far ahead a role phrase may look for the person it names
HEAD_RE = re.compile(rf"{_HEAD_ALT}s?\b")
BEFORE_NAME = re.compile(r"(?:\s+of(?:\s+[a-z]+){1,3})?\s+[A-Z][a-z]")
DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|ch|i)$")


def normalise_role(role: str) -> str:
    """'NATO Secretary-general' -> 'NATO Secretary General' (display form of a role)."""
    parts = role.replace("-", " ").split()
    if parts and parts[0][0].isupper():
        parts = [p.capitalize() if p.lower() in ROLE_HEADS | ROLE_MODIFIERS else p for p in parts]
    return " ".join(parts)
