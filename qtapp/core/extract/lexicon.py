"""Word lists the extractor reads text with: speech verbs, pronouns, titles and role nouns.

Titles and name particles come from ``nameparser`` (812 titles, kept up to date there); the
lists here are only what is specific to attributing quotes in news writing.
"""

from __future__ import annotations

import re

from nameparser.config import CONSTANTS

# Verbs that introduce reported speech, by their base form. Irregular forms are listed in
# _IRREGULAR; regular ones are inflected by rule.
SPEECH_VERBS = """
say tell add note explain warn insist ask write claim argue state declare announce reply respond
answer continue conclude acknowledge admit recall observe remark comment suggest predict complain
urge stress emphasise emphasize tweet post confirm deny assert contend maintain report reckon
believe think joke quip laugh shout yell cry whisper mutter murmur concede counter retort agree boast
vow promise pledge caution describe call allege testify recount lament sigh exclaim interject
demand plead reiterate repeat highlight underline underscore summarise summarize indicate affirm
assure inform wonder muse hint denounce charge accuse criticise criticize slam blast praise hail
dismiss reject consider speak put recommend propose protest threaten welcome condemn describe
estimate forecast signal tout question challenge lash brand label characterise characterize
express specify mention detail clarify reaffirm remind reveal disclose confess confide regret
celebrate request anticipate communicate point recognise recognize opine
""".split()

_IRREGULAR = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
    "think": ["think", "thinks", "thought", "thinking"],
    "speak": ["speak", "speaks", "spoke", "spoken", "speaking"],
    "put": ["put", "puts", "putting"],
    "admit": ["admit", "admits", "admitted", "admitting"],
    "quip": ["quip", "quips", "quipped", "quipping"],
    "cry": ["cry", "cries", "cried", "crying"],
    "reply": ["reply", "replies", "replied", "replying"],
    "deny": ["deny", "denies", "denied", "denying"],
    "testify": ["testify", "testifies", "testified", "testifying"],
    "signal": ["signal", "signals", "signaled", "signalled", "signaling", "signalling"],
    "label": ["label", "labels", "labeled", "labelled", "labeling", "labelling"],
    "forecast": ["forecast", "forecasts", "forecasting"],
    "lash": ["lash", "lashes", "lashed", "lashing"],
    "specify": ["specify", "specifies", "specified", "specifying"],
    "clarify": ["clarify", "clarifies", "clarified", "clarifying"],
}


def _forms(base: str) -> list[str]:
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base.endswith("e"):
        return [base, base + "s", base + "d", base[:-1] + "ing"]
    if base.endswith(("sh", "ch", "ss", "x")):
        return [base, base + "es", base + "ed", base + "ing"]
    return [base, base + "s", base + "ed", base + "ing"]


SPEECH_FORMS: frozenset[str] = frozenset(f for b in SPEECH_VERBS for f in _forms(b))
# Verbs of thinking that carry a partial quote in the same sentence ("She hopes the deal is
# “a turning point”"), but never an attribution after a quote.
COGNITION_FORMS: frozenset[str] = frozenset(f for b in "hope fear expect feel see view regard find want".split()
                                            for f in _forms(b)) | {"felt", "saw", "seen", "found", "held"}

# Forms that are nearly always attribution next to a quote; the others need a subject too.
STRONG_FORMS: frozenset[str] = frozenset(
    f for b in ("say", "tell", "add", "explain", "note", "warn", "insist", "ask", "write", "reply",
                "respond", "continue", "conclude", "state", "declare", "remark", "exclaim", "tweet",
                "recall", "argue", "claim", "answer", "quip", "joke", "retort", "stress", "observe")
    for f in _forms(b))

# Words that may stand between a subject and its verb ("Heimovits does not consider").
AUXILIARIES = frozenset("""
does did do has have had would will could can may might should shall must is was were are be been
also not n't never later then once again further still even previously earlier recently repeatedly
already just only himself herself themselves itself simply reportedly allegedly
""".split())

PRONOUN_GENDER = {"he": "male", "she": "female", "they": None, "it": None, "we": None, "i": None}
DETERMINERS = frozenset("""
the a an his her their its our one another this that these those some several two three four five six
many few multiple numerous dozens other
""".split())

# Nouns naming a role; with a determiner they make an anonymous or descriptive speaker.
ROLE_NOUNS = frozenset("""
official officials spokesperson spokesman spokeswoman spokespeople minister ministry secretary president
analyst analysts expert experts diplomat diplomats source sources officer officers lawyer attorney
adviser advisor aide aides director head chief leader leaders counterpart negotiator envoy ambassador
researcher professor economist scientist doctor witness resident residents worker workers commander
general spokesman government department agency statement police prosecutor prosecutors judge senator
lawmaker lawmakers representative chairman chairwoman chair ceo executive founder manager coach
activist activists member members woman man mother father campaigner organiser organizer
striker midfielder defender goalkeeper captain player forward winger manager prosecutor driver pilot
singer actor actress author writer artist producer reporter journalist editor teacher student nurse
farmer owner victim survivor mayor governor councillor councilor candidate nominee strategist historian
commissioner inspector detective sergeant constable sheriff colonel admiral soldier protester priest
pastor rabbi imam bishop boss chancellor premier
""".split())

TITLES: frozenset[str] = frozenset(CONSTANTS.titles) | frozenset("""
foreign defense defence interior finance justice state deputy vice prime minister secretary spokesperson
analyst international senior former acting general commander ambassador envoy coach chief
""".split())
NAME_PARTICLES: frozenset[str] = frozenset(p.rstrip("-") for p in CONSTANTS.prefixes)

# Words before a quoted phrase that make it a name or a title, whatever follows.
NAMING_VERBS = frozenset("so-called dubbed nicknamed titled entitled named known reading".split())
# Nouns before a quoted phrase that name a work or a label: a title unless someone is quoted.
NAMING_WORDS = frozenset("""
book film movie song album novel series show
play poem report article documentary programme program operation campaign slogan hashtag headline
column essay podcast episode magazine newspaper word term phrase reading read sign signs banner banners
placard placards captioned motto
""".split())

# Labels that sit before a colon at the start of a paragraph without being a speaker.
NOT_SPEAKER_LABELS = frozenset("""
look watch read update updated breaking exclusive photo photos video analysis opinion editor note
editor's source sources related more see also listen warning q a correction credit caption
""".split())

WORD_RE = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][\w'’.-]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]")


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()
