"""Did this person say it? Compare who the source gives the words to with the quote's speaker.

Who the source gives the words to comes from the attribution engine
(:func:`qtapp.core.extract.attribute`), the same reading that extraction and Ctrl+L use: the
speaker with the mention that names them ("said Mayor Ana Ruiz", "she", "the treasurer",
``OKAFOR:``) and how it was resolved. :func:`judge` compares that speaker and mention with the
speaker's name, aliases, name parts (a surname alone) and role titles::

    phrase = attribution_phrase(text, start, end)      # Phrase('Ana Ruiz', (812, 815), 'pronoun', 'she')
    kept, phrase = stored_phrase(quote_evidence, text, (start, end), digest)   # or what was kept on accept
    verdict = judge(phrase, text, start, end, names, resolve)
    verdict.status   # 'attributed', 'other' (the source gives the words to someone else) or 'unknown'

Where no attribution stands next to the words, the judgement notes (``how='nearby'``) whether
the article's structure still points at the speaker: they are named in the quote's paragraph
or the one before (a partial quote woven into a sentence about them, a continuation
paragraph), or, for a quote in the headline, in the lede below it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field

from ..extract import attribute
from ..names import NEVER_ALONE
from ..text import QUOTE_MARKS

NAME_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:(?:" + "|".join(sorted(NEVER_ALONE)) + r")\s+)*[A-Z][\w'’-]*)*")
# Words that start a capitalised run without naming anyone, and words too common to be a name.
_NOT_NAMES = set("""the a an in on at of and or but for to from with by as it its this that these those
there here when while after before during since though although however mr mrs ms dr sir madam
i we you they he she his her our their my your said says
monday tuesday wednesday thursday friday saturday sunday january february april july september october
november december""".split())
# First words of a speaker the source describes without naming ("a reporter", "one resident").
_DESCRIBING = frozenset("a an one the some two three several".split())
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")


@dataclass
class Phrase:
    """Who the source gives the words to, where it names them, and how the name was found."""

    text: str                    # the speaker as resolved: "Ana Ruiz", "a senior official"
    span: tuple[int, int]        # the mention's place in the source (the quote's, without one)
    where: str                   # how it was resolved: name, surname, pronoun, label, continuation, …
    mention: str = ""            # the mention as written: "she", "the treasurer", "OKAFOR"
    cue: str = ""                # the verb or "label"
    provenance: str | None = None    # the outlet that relayed the words, if any


@dataclass
class SpeakerNames:
    """Everything a source may call a speaker."""

    id: int
    name: str
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    confidential: bool = False      # an anonymous source: the text describes, never names, them

    def full_names(self) -> list[str]:
        names = [self.name, *self.aliases]
        # A joint speaker ("Antony Blinken and Park Jin") answers to each person's name.
        for n in list(names):
            names.extend(p.strip() for p in re.split(r"\s+(?:and|&)\s+", n) if p.strip() != n)
        return [n for n in names if n]

    def name_parts(self) -> set[str]:
        parts = set()
        for n in self.full_names():
            for word in re.findall(r"[\w'’-]+", n):
                if len(word) > 1 and word[0].isupper() and word.lower() not in _NOT_NAMES:
                    parts.add(word.lower())
        return parts


@dataclass
class Judgement:
    status: str                      # 'attributed', 'other' or 'unknown'
    how: str = ""                    # 'name', 'surname', 'title', 'pronoun', 'label'
    phrase: Phrase | None = None
    other_name: str = ""             # who the source gives the words to, when 'other'
    other_id: int | None = None


Resolver = Callable[[str], "tuple[int, str] | None"]


def attribution_phrase(text: str, start: int, end: int) -> Phrase | None:
    """Who the source gives the words at ``text[start:end]`` to, or None if it does not say."""
    evidence = attribute(text, start, end)
    if evidence is None or not evidence.speaker:
        return None
    return Phrase(evidence.speaker, evidence.mention_span or (start, end), evidence.how, evidence.mention,
                  evidence.cue, evidence.provenance)


def stored_phrase(evidence: dict, text: str, span: tuple[int, int], digest: str) -> tuple[bool, Phrase | None]:
    """The phrase kept with a quote when it was accepted (``quotes.attribution_evidence``):
    ``(True, phrase)`` when it was read for these words of this very text (``digest``: its
    :func:`~qtapp.core.extract.accept.text_digest`), ``(True, None)`` when the source said
    nobody then, ``(False, None)`` when it must be read again."""
    kept_span = evidence.get("span") if evidence else None
    if not kept_span or evidence.get("text_sha1") != digest or not _same_words(text, tuple(kept_span), span):
        return False, None
    if not evidence.get("speaker"):
        return True, None
    mention_span = evidence.get("mention_span")
    return True, Phrase(evidence["speaker"], tuple(mention_span) if mention_span else span, evidence.get("how", ""),
                        evidence.get("mention", ""), evidence.get("cue", ""), evidence.get("provenance"))


_EDGES = string.punctuation + string.whitespace + QUOTE_MARKS + "…–—"


def _same_words(text: str, kept: tuple[int, int], span: tuple[int, int]) -> bool:
    """Whether two spans of ``text`` are one place and the same words, but for punctuation or
    spaces at their edges (a proposal keeps the final "?", the verbatim check leaves it out)."""
    return kept[0] <= span[1] and span[0] <= kept[1] and \
        text[kept[0]:kept[1]].strip(_EDGES) == text[span[0]:span[1]].strip(_EDGES)


def _is_name(run: str) -> bool:
    words = [w for w in re.findall(r"[\w'’-]+", run) if w.lower() not in _NOT_NAMES]
    return bool(words) and any(w[0].isupper() for w in words)


def _clean_run(run: str) -> str:
    words = run.split()
    while words and words[0].lower() in _NOT_NAMES:
        words.pop(0)
    return " ".join(words).rstrip(".")


def judge(phrase: Phrase | None, text: str, start: int, end: int, speaker: SpeakerNames,
          resolve: Resolver) -> Judgement:
    """Compare what the source says with the quote's speaker (see the module docstring)."""
    if phrase is None:
        return Judgement("unknown", "nearby" if named_nearby(text, start, speaker, resolve) else "")
    found = {matches(name, speaker) for name in (phrase.mention, phrase.text) if name}
    how = next((h for h in ("name", "title", "surname") if h in found), "")
    if how:
        return Judgement("attributed", "pronoun" if phrase.where == "pronoun" else how, phrase)
    if phrase.where == "lead" and not phrase.mention:
        # the person the sentence before the quote is about: a hint, not grounds to block
        return Judgement("unknown", "lead", phrase, phrase.text)
    if phrase.where == "description" or phrase.text.split()[0].lower() in _DESCRIBING:
        # "a reporter", "one resident", "a Dunmore mother": the source gives the words to an
        # unnamed speaker it describes; a confidential speaker may be that person, anyone else
        # named is not
        if speaker.confidential:
            return Judgement("unknown", "description", phrase)
        return Judgement("other", "description", phrase, phrase.text)
    if not _is_name(phrase.text):
        return Judgement("unknown", "description", phrase)
    if not resolve(_clean_run(phrase.text)):
        if not _reads_as_name(text, phrase):
            return Judgement("unknown", "description", phrase)   # "Residents were told": not a person's name
        if _described(speaker):
            # "People living on the hill say" and a speaker logged as "hill residents": a group the
            # article describes in its own words, which no name can confirm or contradict
            return Judgement("unknown", "described", phrase, phrase.text)
    return _other(phrase, phrase.text, resolve, phrase.where)


def _described(speaker: SpeakerNames) -> bool:
    """True for a speaker logged as a description ("the defendant", "harbour residents"), not a name."""
    words = re.findall(r"[\w'’-]+", speaker.name)
    return bool(words) and words[-1][0].islower()


def named_nearby(text: str, start: int, speaker: SpeakerNames, resolve: Resolver) -> bool:
    """True when the speaker is the last library speaker named before the words, in their
    paragraph or the one before it, or, for words in the first paragraph (a headline) that
    name nobody before them, is named in the paragraph after it."""
    lines = _PARAGRAPH.finditer(text)
    before = here = None
    for m in lines:
        if start < m.end():
            here = m
            break
        before = m
    if here is None:
        return False
    named_at = _last_mention(text, (before or here).start(), start, speaker)
    if named_at is None:
        if before is not None or _other_named(text, here.start(), start, speaker, resolve):
            return False
        lede = next(lines, None)
        return lede is not None and _last_mention(text, lede.start(), lede.end(), speaker) is not None
    return not _other_named(text, named_at, start, speaker, resolve)


def _other_named(text: str, lo: int, hi: int, speaker: SpeakerNames, resolve: Resolver) -> bool:
    """Whether ``text[lo:hi]`` names a library speaker other than ``speaker``."""
    for m in NAME_RUN.finditer(text, lo, hi):
        words = _clean_run(m.group()).split() if _is_name(m.group()) else []
        # "Senator Ana Ruiz": the name may follow a title
        found = next((f for i in range(len(words)) if (f := resolve(" ".join(words[i:])))), None)
        if found and found[0] != speaker.id:
            return True
    return False


def _last_mention(text: str, lo: int, hi: int, speaker: SpeakerNames) -> int | None:
    """Where the last mention of ``speaker`` in ``text[lo:hi]`` ends: a name, alias or surname."""
    ends = []
    for n in speaker.full_names():
        words = re.findall(r"[\w'’-]+", n)
        if words:
            pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)
            ends += [m.end() for m in pattern.finditer(text, lo, hi)]
    surname = speaker.name.split()[-1] if len(speaker.name.split()) > 1 else ""
    if len(surname) > 2 and surname[0].isupper():
        ends += [m.end() for m in re.compile(rf"\b{re.escape(surname)}\b").finditer(text, lo, hi)]
    return max(ends, default=None)


def _reads_as_name(text: str, phrase: Phrase) -> bool:
    """False for one capitalised word opening a sentence ("Residents"), unless it is capitalised
    mid-sentence elsewhere in the text too, as names are."""
    words = _clean_run(phrase.text).split()
    if len(words) != 1:
        return True
    before = text[max(0, phrase.span[0] - 20):phrase.span[0]].rstrip(" \t" + QUOTE_MARKS)
    if before and before[-1] not in ".!?:\n":
        return True
    return re.search(rf"[^.!?:\n\s][ \t]+{re.escape(words[0])}\b", text) is not None


def matches(phrase: str, speaker: SpeakerNames) -> str:
    """How ``phrase`` names ``speaker`` ('name', 'surname', 'title'), or '' if it does not."""
    folded = " ".join(re.findall(r"[\w'’-]+", phrase.lower()))
    for n in speaker.full_names():
        n_folded = " ".join(re.findall(r"[\w'’-]+", n.lower()))
        if n_folded and re.search(rf"\b{re.escape(n_folded)}\b", folded):
            return "name"
    parts = speaker.name_parts()
    # Each person named ("Blinken and Park") is known by the last word of their name: "Ana Ruiz"
    # is not Ana Vos, though both are Ana; "Minister Park" and "Park" are Park Jin.
    for person in re.split(r"\s*(?:,|&|\band\b)\s*", phrase):
        caps = [w for w in re.findall(r"[\w'’-]+", person) if w[:1].isupper() and w.lower() not in _NOT_NAMES]
        if caps and caps[-1].lower().removesuffix("'s").removesuffix("’s") in parts:
            return "surname"
    phrase_words = set(re.findall(r"[\w'’-]+", phrase))
    content = {w.lower() for w in phrase_words if w.lower() not in _NOT_NAMES}
    for title in speaker.titles:
        title_words = {w.lower() for w in re.findall(r"[\w'’-]+", title) if w.lower() not in _NOT_NAMES}
        if content and title_words and (content <= title_words or title_words <= content):
            return "title"
    return ""


def _other(phrase: Phrase, person: str, resolve: Resolver, how: str) -> Judgement:
    for run in [person, *(m.group() for m in NAME_RUN.finditer(person) if _is_name(m.group()))]:
        found = resolve(_clean_run(run))
        if found:
            return Judgement("other", how, phrase, found[1], found[0])
    return Judgement("other", how, phrase, _clean_run(person))
