"""Word lists the extractor reads text with: speech verbs, pronouns, titles and role nouns.

Titles come from ``nameparser`` (812 titles, kept up to date there; its name particles are
``qtapp.core.names.PARTICLES``); the
lists here are only what is specific to attributing quotes in news writing.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from functools import lru_cache

from nameparser.config import CONSTANTS

# Verbs that introduce reported speech, by their base form; every inflected form comes from
# lemminflect ("slammed", "regretted", "agreeing", "said", "pled").
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
celebrate request anticipate communicate point recognise recognize opine read disagree
""".split()


class InflectedForms(Set):
    """Every form of some base verbs, looked up on first use: lemminflect's tables take a
    moment to load, and importing the package should not."""

    def __init__(self, bases: list[str]):
        self._bases = bases
        self._forms: frozenset[str] | None = None

    def _all(self) -> frozenset[str]:
        if self._forms is None:
            self._forms = frozenset(f for b in self._bases for f in _forms(b))
        return self._forms

    def __contains__(self, word) -> bool:
        return word in (self._forms if self._forms is not None else self._all())

    def frozen(self) -> frozenset[str]:
        """Every form as a frozenset: looked up in a loop, it saves a method call per word."""
        return self._forms if self._forms is not None else self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _forms(base: str) -> set[str]:
    from lemminflect import getAllInflections, getAllInflectionsOOV
    found = getAllInflections(base, upos="VERB") or getAllInflectionsOOV(base, upos="VERB")
    return {base} | {form for forms in found.values() for form in forms}


@lru_cache(maxsize=4096)
def is_modifier(word: str) -> bool:
    """True for a word that can modify a noun but is never one ("repeated", "recent"), so the
    speech form after it is a plural noun: "the repeated comments" (not "the statement reads")."""
    from lemminflect import getAllLemmas
    kinds = getAllLemmas(word.lower())
    return bool(kinds) and "NOUN" not in kinds and ("ADJ" in kinds or "VERB" in kinds)


SPEECH_FORMS = InflectedForms(SPEECH_VERBS)
# Verbs of thinking that carry a partial quote in the same sentence ("She hopes the deal is
# “a turning point”"), but never an attribution after a quote.
COGNITION_FORMS = InflectedForms("hope fear expect feel see view regard find want hold".split())

# Forms that are nearly always attribution next to a quote; the others need a subject too.
STRONG_FORMS = InflectedForms(
    ["say", "tell", "add", "explain", "note", "warn", "insist", "ask", "write", "reply", "respond", "continue",
     "conclude", "state", "declare", "remark", "exclaim", "tweet", "recall", "argue", "claim", "answer", "quip",
     "joke", "retort", "stress", "observe"])

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
pastor rabbi imam bishop boss chancellor premier host presenter
son daughter wife husband brother sister dad mum mom partner widow widower grandmother grandfather
uncle aunt niece nephew cousin fiancé fiancée friend neighbour neighbor
company firm club team family party charity organisation organization
""".split())

TITLES: frozenset[str] = frozenset(CONSTANTS.titles) | frozenset("""
foreign defense defence interior finance justice state deputy vice prime minister secretary spokesperson
analyst international senior former acting general commander ambassador envoy coach chief
""".split())

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
