"""The phrases a news writer credits quotes with: speaker phrases, cues, appositions.

Regular-expression parts shared by news.py's rules (quotes with a cue before or after them,
fragments, reported speech); kept apart so the rules read as rules. Names keep their leading
underscore: they are this package's internals, not an API.
"""

from __future__ import annotations

import re

from quotetrail.loaders.attribute.cues import (
    CUE_WORDS,
    HEAD_WORDS,
    INITIAL,
    LOWER_ROLE_WORDS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    TITLE_ABBR,
    wordset,
)
from quotetrail.loaders.attribute.result import Attribution
from quotetrail.loaders.extract.wordre import alternation, any_case

_CUE = alternation(CUE_WORDS)
_HEADS = alternation(HEAD_WORDS)
_ROLE_WORD = alternation(LOWER_ROLE_WORDS)
_CAP = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
_NAME_WORD = rf"(?:{INITIAL}|(?!(?:{TITLE_ABBR})\.){_CAP})"  # "Capt." is never a name's word
_DESCRIBED_ONLY = r"(?:[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome)"
# people no role word names: "a person close to", "some protesters", "one user"
_PEOPLE = "person|people|man|men|woman|women|protesters?|users?|callers?|crowd|audience"
# people only an indefinite phrase leaves unnamed: "a friend said", "one former staffer"
_SOMEONE = (f"{_PEOPLE}|friends?|relatives?|neighbou?rs?|staffers?|employees?|workers?"
            "|witness(?:es)?|investors?|donors?|students?|veterans?|sources?")
# a word of a description: "a former U.S. law enforcement official"
_DWORD = r"(?:(?:[A-Z]\.)+|[\w’'-]+)"
# what an unnamed source is close to: "a person close to the Clintons"
_CLOSE_TO = r"(?:\s+(?:close\s+to|familiar\s+with)(?:\s+[\w’'-]+){1,4}?(?=[,.;:]|\s+said\b|$))?"
# an unnamed source: "a former senior law enforcement official", "one party activist"
_DESCRIBED = re.compile(
    rf"(?:[Aa]n?|{_DESCRIBED_ONLY})\s+(?:{_DWORD}\s+){{0,5}}?(?:{_HEADS}s?|{_SOMEONE}){_CLOSE_TO}"
)
# what a definite description may name when the article names nobody for it: a document
# ("the report stated", "the ad says") or a role ("the moderator said")
_DOCUMENTS = (
    "report|ad|advert|email|e-mail|statement|poll|survey|website|letter|memo|study|video"
    "|release|source|sources|tweet|post|filing|complaint|lawsuit|indictment|transcript"
    "|document|documents|analysis|editorial|op-ed|narrator|announcer|voice-over|voter"
    "|newspaper|paper|board|group|members?|insiders?|investors?|designer|actor|mogul"
    f"|{_PEOPLE}"
)
_DEFINITE = re.compile(rf"[Tt]he\s+(?:[\w’'-]+\s+){{0,4}}?(?:{_HEADS}s?|{_DOCUMENTS})")
_WHO = (
    rf"(?:{_DESCRIBED_ONLY}\s+(?:{_DWORD}\s+){{0,5}}?(?:{_HEADS}s?|{_SOMEONE})(?![\w’'-])"
    rf"{_CLOSE_TO}"
    rf"|[Aa]n?\s+(?:{_DWORD}\s+){{0,3}}?(?:{_SOMEONE})(?![\w’'-]){_CLOSE_TO}"
    rf"|[Tt]he\s+(?:[\w’'-]+\s+){{0,3}}?(?:{_DOCUMENTS})(?![\w’'-])"
    # "the party's nominee, Donald Trump," : a role, then the name in apposition
    rf"|(?:[Tt]he|[Aa]n?|{_CAP}[’']s?)\s+(?:[\w’'-]+\s+){{0,4}}?{_HEADS},\s+{_NAME_WORD}"
    rf"(?:\s+{_NAME_WORD}){{0,3}}(?=,)"
    rf"|(?:[Tt]he|[Aa]n?)\s+(?:{_DWORD}\s+){{0,4}}?{_HEADS}s?"
    rf"|[Hh]e|[Ss]he"
    rf"|(?:(?:the|his|her|their|its)\s+)?(?:\d{{1,3}}-year-old\s+)?"  # "17-year-old Jared Potts"
    rf"(?:(?:(?:{TITLE_ABBR})\.?|(?:[a-z][\w’'-]*\s+){{0,2}}?{_ROLE_WORD}|{_CAP}[’']s?|{_CAP})"
    rf"(?:\s+|-(?!\s))){{0,5}}?"  # "Korean-born", not the dash of "TIME - Jeffrey M. Jones"
    rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}})"
)
_STATE = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z][a-z]{1,4}\.(?:[A-Z]\.)?"
_ADVERBS = (
    "also|later|then|has|had|have|again|previously|earlier|further|once|recently|reportedly"
    "|publicly|repeatedly|privately|initially|first|quickly|often|never|always|still|even|just"
    "|now|flatly|simply|openly|bluntly|famously|frequently|subsequently|separately|finally"
)
# "The email went on to say, “...”": the cue is the infinitive after "went on to"
_AUX = rf"(?:(?:{_ADVERBS}|(?:went|goes|go)\s+on\s+to)\s+)*"
# a sentence adverb or a reflexive between commas: "Sanders, meanwhile,", "Tester, himself ...,"
_ASIDE_WORDS = ("meanwhile|however|too|though|instead|likewise|nonetheless|nevertheless|himself"
                r"|herself|for\s+(?:his|her|its|their)\s+part|in\s+turn|in\s+response|of\s+course")
# "Quina Jones, 25, said", "Rep. Gwen Moore (D-Wis.) said": an age or a party between
# or a description between commas ("Sam Solovey, a contestant on the show, said")
_APPOSITION = (
    rf"(?:,\s+\d{{1,3}},|\s+\([^()\n]{{1,30}}\)|,\s+[RDI]-[A-Z][\w.]*,"
    rf"|\s+who(?:\s+[\w’'-]+){{1,12}}?(?=\s+(?:(?:{_ADVERBS})\s+)*{_CUE}\b)"
    rf"|,\s+(?:a\b|an\b|who\b|whose\b|\d{{1,3}}|the\s+(?:[\w’'-]+\s+){{0,4}}?{_HEADS}s?\b"
    rf"|(?:{_CAP}[’']s?\s+)?(?:[a-z][\w-]*\s+){{0,3}}?{_ROLE_WORD}\b)[^.;:“”\"\n]{{0,200}}?,?"
    # "Sanders, meanwhile, who ...", "Tester, himself up for reelection in 2018,": an aside
    rf"|,\s+(?:{_ASIDE_WORDS})\b[^.;:“”\"\n,]{{0,80}},"
    rf"|,\s+(?:(?:also|still|then|now|once)\s+)?"
    rf"(?:the|its|his|her|their|now|[a-z]+ing|in|at|on|from|during|after|before|like"
    rf"|while|when|as|despite|though|although)\s"
    rf"[^.;:“”\"\n,]{{1,160}}?(?:,\s+{_STATE})?,)?"  # "in Columbus, Ohio,": a place's state
)
# `said Smith`: only verbs whose object is never the listener ("told Bill O'Reilly",
# "called Obama a ...") invert, and the name ends the clause ("said FBI agents would" does not)
_INVERTED_WORDS = (wordset(
    """said says added adds continued explained declared insisted noted stated replied
    responded answered wrote writes remarked recalled concluded argued admitted acknowledged
    tweeted quipped joked countered observed cautioned conceded predicted recounted fumed
    interjected snapped retorted shouted yelled exclaimed mused boasted complained lamented
    asked wondered pressed agrees agreed"""))
_INVERTED = alternation(_INVERTED_WORDS)
_INVERTED_END = (
    r"(?=\s*(?:[,.;:!?()\-–—“”\"]|$|\s(?:of|in|on|at|who|whose|from|during|before|after|when"
    r"|while|as|to|about|recently|last|this|earlier|later|told|according|referring|adding|with"
    r"|via|but|and|because|if|that|in)\b))"
)
_PAIR = re.compile(
    rf"\b(?P<who>{_WHO}){_APPOSITION}{_APPOSITION},?\s+{_AUX}(?P<cue>{_CUE})\b"
    rf"|\b(?P<cue2>{_INVERTED})\s+(?P<who2>{_WHO})\b{_INVERTED_END}"
    rf"|\b(?P<cue3>[Aa]ccording to)\s+(?P<who3>{_WHO})\b"
)
# "The paradox of Nancy, says Carl Anthony, historian ..., is that": a cue after a comma with a
# name after it is inverted; the name before the comma is no speaker
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December)")
_INVERTED_NAME = re.compile(rf",\s+(?P<cue>{_INVERTED})\s+(?!(?:{_DAY}|{_MONTH})\b)"
                            rf"(?P<who>{_WHO})\b{_INVERTED_END}")
_AFTER = re.compile(rf"[,;]?[’'”\"]*\s*[,;]?\s*(?:{_PAIR.pattern})")  # '' closes NYT quotes
# a quote paragraph signed in the next one: "—Michelle Marks, Philadelphia."
_DASH_SIGNED = re.compile(rf"\s*\n\s*[-–—]\s*(?P<who>{_WHO})(?:[,.]|\s*$)", re.M)
_TO_LISTENER = re.compile(
    r"\b(?:(?:told|tells|tell|asked|asks|ask|urged|thanked)|to(?:\s+the)?(?:\s+[\w’'-]+){0,3})\s+$"
)
# "..., said Nora Kessel, an expert at the university in Fresno.": an apposition may end it
_TRAILING = re.compile(rf",\s*(?:{_PAIR.pattern})[^,;:“”\"]{{0,40}}"
                       rf"(?:,\s+[^;:“”\"]{{1,200}}?"
                       # "..., Hollande said Tuesday, noting the nominee “makes you retch.”"
                       rf"|,\s+[a-z]+ing\s[^;:\n]{{1,200}}?)?[.!?]?[”\"’']?\s*$")
# `But, said Solovey, “...”`, `Said Comey, “...”`: an inverted cue and its speaker open the
# quote, ending the writer's words before it
_SAID_FIRST = re.compile(rf"(?:^|[,;—–]\s*)\s*(?:{alternation(any_case(_INVERTED_WORDS))})\s+"
                         rf"(?P<who>{_WHO}),\s*$")
# `As The Hill pointed out, “...”`, `as prosecutor Marc Trevidic put it, “`: a leading `as`
# clause of speech credits the quote after it
_AS_PUT = re.compile(
    rf"(?:^|[,;]\s*|\s)[Aa]s\s+(?P<who>{_WHO})(?:{_APPOSITION}|,\s+[^,;:“”\"\n]{{1,80}},)"
    rf"\s+(?:put\s+it|puts\s+it"
    rf"|pointed\s+out|points\s+out|{_CUE})\s*[,:]\s*$"
)
# `– Ryan saying he was “`, `with Donald Trump tweeting that ... and asking, “`: a name right
# before a participle of speech, in a clause of its own
_NAME_PARTICIPLE = re.compile(
    rf"(?:^|[–—,;]\s*|\b(?:with|and)\s+)(?P<who>{_WHO})\s+(?:[a-z]{{3,}}ly\s+)?"  # "reportedly"
    rf"(?P<cue>saying|calling|telling|tweeting|writing|adding|asking|declaring|insisting|arguing"
    rf"|warning|describing|labell?ing|yelling|shouting)\b"
    rf"[^“”\"]*$"
)
# a headline that credits its quote with a name and a colon: "Issa: Clinton’s ‘Honesty Is In
# Question.’" (a short paragraph, no sentence in it before the quote)
_HEADLINE = re.compile(rf"(?P<who>{_WHO}):\s+[^.!?:\n]*$")
HEADLINE_CHARS = 160
# `Trump, who he blasted as “a bully”`, `Bannon, who Beck on Wednesday called`: the relative
# is the cue's object; its subject is the pronoun or name after "who"
_OBJECT_WHO = re.compile(
    r",?\s+whom?\s+(?P<who>[Hh]e|[Ss]he|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\b"
)
_NAME_COLON = re.compile(rf"(?P<who>{_WHO})(?:\s*\([^()\n]{{1,30}}\))?\s*:\s*$")
_SUBJ_AUX = rf"(?:(?:{_ADVERBS}|would|will|did|had\s+to|has\s+to|have\s+to|not|[a-z]{{3,}}ly)\s+)*"
# "Jeb Bush in a Medium post said", "Graham, R-S.C., a presidential candidate, said"
_ASIDE = r"(?:\s+(?:in|on|at|during|via|over)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)?"
_SUBJECT_BEFORE = (
    re.compile(rf"(?P<who>{_WHO})\s+{_SUBJ_AUX}$"),  # the name right before its cue first
    re.compile(rf"(?P<who>{_WHO}){_APPOSITION}{_ASIDE}\s+{_SUBJ_AUX}$"),
    # "Norma Samour, the owner of a shop, said": any description, for a sentence's first name
    re.compile(rf"^\s*(?P<who>{_WHO}),\s+(?:the|a|an)\s[^.;:“”\"\n]{{1,120}}?,\s+{_SUBJ_AUX}$"),
)
_TITLE_SMALL = wordset("a an the and or of in on at to for with by from vs")
_NOT_VERBS = wordset("""of and or in on at for to with from by as is was are were be inside
    outside within near behind against among across""")  # "One operative inside Trump Tower"
# the subject's verb: a lower-case word that is no function word ("Yang Shu, director of
# ...": not "of", the description runs on to "calls"); "is telling" counts as "telling"
_ROLE_ADJECTIVES = wordset("""presidential gubernatorial congressional mayoral former longtime
    current incoming outgoing retired""")
# a role word is no verb: "Republican presidential nominee Donald Trump issued", "the
# Republican attorney general under ... criticized"
_ROLE_NOUNS = ROLE_HEADS | ROLE_MODIFIERS | wordset("""wife husband son daughter brother sister
    mother father nephew niece cousin uncle aunt grandson granddaughter member""")  # "Band member"
_VERB = (rf"(?:(?:is|was|are|were)\s+(?=[a-z]+ing\b))?"
         rf"(?!(?:{alternation(_NOT_VERBS | _ROLE_ADJECTIVES | _ROLE_NOUNS)})\b)[a-z]+")
_VERB_FORM = re.compile(r"(?:ed|[^s]s|ing)$")
_IRREGULAR = wordset("""said told wrote spoke took gave made put got went came saw thought
    knew felt kept left held brought found sent stood meant led won lost ran began sought
    taught built spent paid sold set cut hit let read quit""")
# "Donald Trump on Thursday ratcheted up ...": a time phrase between a subject and its verb
_WHEN = (rf"(?:\s+(?:(?:on|last|this|early|late|earlier|later)\s+)?(?:{_DAY}|week|weekend|month"
         rf"|year)(?:\s+(?:morning|afternoon|evening|night))?,?)?")
_SUBJECT_VERB = re.compile(
    rf"\s*(?:[^,“”\"\n]{{0,60}},\s+){{0,2}}(?P<who>{_WHO}){_APPOSITION}{_WHEN}\s+{_SUBJ_AUX}"
    rf"(?P<verb>{_VERB})\b"
)
# "..., while Mike Huckabee, the former governor, proposed we “...”", "when many commentators
# called him “...”": a later clause with a subject of its own, between a sentence's subject
# and the quote
_LATER_SUBJECT = re.compile(
    rf"(?:[,;—–]\s*(?:but|and)|(?:[,;—–]\s*|\s)(?:while|when|whereas|where|which|because"
    rf"|though|although))\s+(?P<who>(?:(?:[Mm]any|[Ss]ome|[Ss]everal|[Mm]ost|[Oo]ther|about\s+\d+)\s+"
    rf"[a-z]+s|{_WHO})){_APPOSITION}{_WHEN}\s+{_SUBJ_AUX}(?P<verb>{_VERB})\b"
)
# "security specialists say", "a campaign source told": a source no name stands for
_NOMINAL_BEFORE = re.compile(
    rf"(?:^|[\s,])(?:(?:[Tt]he|[Aa]n?|[Ss]ome|[Mm]any|[Mm]ost|[Oo]ther|[Ss]everal|[Tt]wo|[Tt]hree"
    rf"|\d[\d,.]*)\s+(?:[\w’'-]+\s+){{0,4}}?(?:[a-z][\w’'-]+|[A-Z][a-z]+s)|[a-z][\w’'-]+s)"
    rf"\s+{_SUBJ_AUX}$"
)
_CONJUNCTION = re.compile(r"\s*(?:But|And|Yet|Still|So|Now|Meanwhile|However|Instead|Also"
                          r"|Indeed),?\s+")  # "And he accused the moderators of “...”"
_LEAD_IN = re.compile(
    r"\s*(?:(?:But|And|Yet|Still|So|Now|Meanwhile|However|Instead|Also|Indeed),?\s+)?"
    r"(?:(?:In|On|At|By|For|After|Before|Since|During|As|Of|Among)\s[^,]{1,60},\s+)?"
)
_DETERMINERS = wordset("a an the some many most few several both all each other others one two"
                       " three four half about nearly")
_CLAUSE_WORDS = wordset(
    """and or but that which is are was were be been has have had will would could can should
    did does do not said says told if when while because although though he she they it we i
    you this these there"""
)
NOMINAL_WORDS = 9
UNNAMED_CUES = wordset(
    """said says told tells added adds explained argued argues insisted insists stressed warned
    acknowledged admitted wrote writes tweeted saying adding telling announced urged asked
    suggested predicted promised vowed pledged denied claimed recalled noted"""
)
_UNNAMED = Attribution(None, None, None, "indirect-unnamed", 0.3)
_TITLE_BEFORE = re.compile(
    r"(?:[’']s|\b(?:show|program|programme|book|memoir|film|movie|documentary|song|album"
    r"|column|op-ed|essay|titled|entitled|series|podcast|novel|play|musical|slogan"
    r"|on|in|of|from))\s*,?\s*$"  # "he said on “Meet the Press.”", "in “The Revenant.”"
)
# what may follow `Smith said` when it attributes the quote before it
_CUE_ENDS = re.compile(
    r"\s*(?:[.,;:!?)\n]|$|(?:on|in|at|during|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|yesterday|today|last|this|earlier|later|after|before|from|via|while"
    r"|as|when|of|with|about|recently|afterward|afterwards)\b)"
)
# `"Denver," he answered.`: a pronoun and a cue ending the sentence
_ANSWERED = re.compile(rf"[,?!]?[”\"’']\s*(?:[Hh]e|[Ss]he|[Tt]hey)\s+{_CUE}\s*[.,]"
                       rf"|[,?!][”\"’']\s*{_INVERTED}\s+[A-Z]")  # `"Safety," said Grimm`
_SPLIT = re.compile(rf",?[”\"’']\s*(?:[\w’'.-]+\s+){{1,4}}?{_CUE},?\s*[“\"‘']")
_REPORTING = re.compile(r"\b(?:saying|said|says|calling|called|calls|describing|described|describes"
                        r"|telling|told|tells|labeled|labelled|dubbed|branded|referred|refers"
                        r"|referring)\b")
_NOMINAL = Attribution(None, None, None, "indirect-nominal", 0.5)
_SENTENCE_SUBJECT = re.compile(rf"(?:[^,]{{0,60}},\s+)?(?P<who>{_WHO})\b")
# "Putin’s demand that ... “security threats”": a possessive speaker and a speech noun
_SPEECH_NOUNS = (
    "demand|demands|call|calls|warning|warnings|claim|claims|remark|remarks|comment|comments"
    "|words|statement|statements|message|pledge|promise|threat|threats|argument|view|insistence"
    "|assertion|assertions|accusation|accusations|allegation|allegations|suggestion|description"
    "|criticism|charge|charges|complaint|complaints|boast|response|reply|declaration|slogan"
    "|vow|promises|pledges|characterization|rhetoric"
)
_CHARACTERISED = re.compile(
    r"(?:\s+(?:about|on|of|toward|towards|against)\s+[\w’'-]+)?\s+(?:as|are|is|was|were|be|been"
    r"|being)\b"
)
# a clause of its own between a possessive's noun and the quote: `Ryan’s comments, telling
# reporters, “...”`, `Trump's comments in Maine, Andanar released`: the words are not his
_OWN_CLAUSE = re.compile(r",\s+(?:[A-Z]|(?:saying|telling|noting|adding|calling|arguing|writing"
                         r"|claiming|insisting|explaining)\b)")
_POSSESSIVE = re.compile(
    rf"(?P<who>{_WHO})[’']s\s+(?:[a-z]+\s+)?(?P<cue>{_SPEECH_NOUNS})\b"
)
# speakers that pass on other people's words: "the RIA news agency said that the ministry was"
_RELAY_WORDS = frozenset({
    "agency", "agencies", "newspaper", "broadcaster", "outlet", "media", "wire", "television",
    "radio",
})
_RELAYED = re.compile(
    rf"\s+that\s+(?P<who>{_WHO})\s+(?:(?:was|is|were|are|had|has|have|been|would|will|be"
    rf"|not|still)\s+)*$"
)
