"""Who said the words at a span, with the evidence a reporter can be shown.

This is the one attribution engine: extraction (:func:`.extract_quotes`), Ctrl+L's speaker
guess (:func:`.guess_speaker`) and the speaker check (:mod:`qtapp.core.checks.speaker`) all
read attribution through it::

    ev = attribute(text, start, end)
    ev.speaker      # 'Antony Blinken'
    ev.mention      # 'he' — the words that name the speaker, at ev.mention_span
    ev.cue          # 'said' — the verb, 'label' or 'according to'
    ev.how          # 'pronoun' — how the mention was resolved
    ev.provenance   # 'El Comercio' — the outlet that relayed the words, if any

``how`` is one of: name, surname, title, role, pronoun, description (an unnamed speaker kept
as described), label (a transcript turn), continuation (a quote that carries on the one
before), repeat (a headline or pull quote repeating attributed words), lead (the sentence or
paragraph before the quote). Only a window of text around the span is read (a whole article,
a part of a long transcript), and each window is read once for all the quotes in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..languages import NAMES, same_language
from .attribution import sentence_start

# Characters read around a span: a whole article, so the people, the last speaker and the lede
# are known as extraction knows them; a bounded part of a book-length transcript.
_WINDOW_BEFORE = 48_000
_WINDOW_AFTER = 8_000
_NEAR_BEFORE, _NEAR_AFTER = 600, 300      # the quote's own paragraph and its neighbours
_OUTLET = r"((?:the\s+)?[A-Z][\w&.’'-]*(?:\s+(?:[A-Z][\w&.’'-]*|of|de|del|la|el|and(?=\s+[A-Z])))*)"
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_PROVENANCE = re.compile(
    rf"\b(?:told|tells|telling|speaking\s+to|spoke\s+to|said\s+to|explained\s+to|explains\s+to|"
    rf"in\s+an\s+interview\s+with|(?:as\s+)?quoted\s+by|according\s+to|wrote\s+in|writing\s+in|"
    rf"interviewed\s+by)\s+{_OUTLET}")
_LANGUAGE = "|".join(sorted(NAMES))
_TRANSLATION = re.compile(
    rf"\b(?:in|from(?:\s+the)?)\s+({_LANGUAGE})\b(?!-)|\b({_LANGUAGE})-language\b|"
    r"\b(?:through|via|with|using)\s+an?\s+(?:interpreter|translator)\b|\(translated\)|\btranslated\s+by\b")
_PERSON_WORDS = frozenset("mr mrs ms miss dr sir dame lady lord reporters journalists him her them".split())
# Bodies words are told to as an audience (testimony, a meeting), not outlets that relay them.
_AUDIENCES = frozenset("""council councils committee subcommittee court parliament assembly senate congress
hearing inquiry meeting board commission jury police cabinet tribunal ministry department""".split())


@dataclass(slots=True)
class Evidence:
    """Who the text gives the words to, and why (see the module docstring)."""

    speaker: str | None
    how: str
    cue: str = ""
    mention: str = ""
    mention_span: tuple[int, int] | None = None
    provenance: str | None = None


def resolution(mention: str, speaker: str | None, pronoun: bool) -> str:
    """How a mention names its speaker: name, surname, title, role, pronoun or description."""
    if pronoun:
        return "pronoun"
    if not speaker:
        return "description"
    first = mention.split()[0].lower() if mention.split() else ""
    if first in ("the", "a", "an", "his", "her", "its", "their", "one") or not mention[:1].isupper():
        return "role" if speaker.lower() != mention.lower() and speaker[:1].isupper() else "description"
    words, named = mention.lower().split(), speaker.lower().split()
    if words == named:
        return "name"
    if len(words) == 1:
        return "surname"
    return "title" if words[-1] in named else "name"


def provenance_in(text: str, start: int, end: int, speaker: str | None = None) -> str | None:
    """The outlet that relayed the words, named in ``text[start:end]``: 'told El Comercio',
    'according to Reuters', 'in an interview with the BBC'. The speaker ('according to Ana
    Ruiz'), people addressed with an honorific ('told Mr Park') and bodies told as an audience
    ('told the city council', 'told the Senate committee') are not outlets."""
    for m in _PROVENANCE.finditer(text, start, end):
        outlet = m.group(1)
        if not _AUDIENCES.isdisjoint(outlet.lower().split()):
            continue    # "told Brighton and Hove City Council": an audience
        if outlet.split()[0].lower() in _PERSON_WORDS or (speaker and (
                outlet.lower() in speaker.lower() or speaker.lower() in outlet.lower())):
            continue
        return outlet
    return None


def translation_in(text: str, start: int, end: int, own_language: str = "") -> str | None:
    """The language a translation cue in the sentences around ``text[start:end]`` names
    ('said in Spanish', 'in a French-language interview', 'translated from the Arabic'), '' for
    a cue that names none ('through an interpreter', '(translated)'), or None when there is no
    cue. A cue naming ``own_language`` (the text's; English when not given) is not one."""
    lo = sentence_start(text, text.rfind("\n", 0, start) + 1, start)
    stop = _SENTENCE_END.search(text, end, min(len(text), end + 300))
    hi = stop.start() if stop else min(len(text), end + 300)
    for window in ((lo, start), (end, hi)):
        for m in _TRANSLATION.finditer(text, *window):
            language = m.group(1) or m.group(2) or ""
            if not same_language(language, own_language or "English"):
                return language
    return None


def attribute(text: str, start: int, end: int) -> Evidence | None:
    """Who ``text`` gives the words at [start, end) to, with the evidence; None when it does
    not say, or the span is not inside the text.

    The paragraphs around the span are read first: a full name written next to the quote
    ("said Mayor Ana Ruiz") is the answer the whole article would give. Anything that needs
    more context (a surname, a pronoun, a role, a quote carried on) is read in the wide window.
    """
    if not 0 <= start < end <= len(text):
        return None
    near = _read_window(text, start, end, _NEAR_BEFORE, _NEAR_AFTER)
    if near is not None and near.how in ("name", "title", "label") and len(near.mention.split()) >= 2:
        return near
    return _read_window(text, start, end, _WINDOW_BEFORE, _WINDOW_AFTER)


def _read_window(text: str, start: int, end: int, before: int, after: int) -> Evidence | None:
    """The evidence read from the paragraphs within ``before``/``after`` characters of the span."""
    from .extractor import read_span  # the extractor reads the window; imported late (cycle)

    lo = text.rfind("\n\n", 0, max(0, start - before)) + 1 if start > before else 0
    hi = text.find("\n\n", min(len(text), end + after))
    hi = len(text) if hi == -1 else hi
    evidence = read_span(text[lo:hi], start - lo, end - lo)
    if evidence is not None and evidence.mention_span is not None:
        s, e = evidence.mention_span
        evidence = replace(evidence, mention_span=(s + lo, e + lo))
    return evidence
