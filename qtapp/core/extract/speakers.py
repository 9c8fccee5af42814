"""Turning an attribution as written ("he", "Minister Nyberg", "the ministry", "a senior
official") into the speaker's name: the person the text names, the body it named earlier, or
the description itself when the speaker is not named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .attribution import Attribution, subject_before
from .lexicon import DETERMINERS, SPEECH_FORMS, TITLES
from .people import People, Person, tokenize

# Things that "say" on behalf of whoever issued them: "“…,” the statement said."
_DOCUMENTS = frozenset("statement report letter release post tweet filing document memo complaint ruling".split())
_POSSESSIVE_START = re.compile(r"^(?:his|her|its|their)\s", re.IGNORECASE)
_JOINT = re.compile(r"\s+(?:and|&)\s+")
_DOCUMENT_OF = re.compile(
    r"^([A-Z][\w&-]*(?: [A-Z][\w&-]*)*)[’']s (?:official )?(?:statement|post|tweet|letter|website)\b"
    r"|\b(?:statement|post|letter|tribute)\b.*?\bon behalf of ((?:the|his|her|its|their) [\w-]+)")
_LOOK_BACK_FIRST = 5000     # how far back a first mention ("a Dunmore mother") is looked for
_LOOK_BACK = 600    # characters read back for the body a statement or "it" stands for


class SpeakerResolver:
    """Resolves attributions in one text, remembering the last speaker and unnamed speakers."""

    def __init__(self, text: str, people: People, para: Callable[[int], tuple[int, int]]):
        self.text = text
        self.people = people
        self.para = para
        self.last_speaker: str | None = None
        self._descriptions: list[str] = []

    def resolve(self, attr: Attribution, last_person: Person | None) -> tuple[str | None, Person | None]:
        """The speaker an attribution names, and the person behind it when the text names one."""
        phrase = attr.phrase
        if attr.is_pronoun:
            if phrase.lower() not in ("he", "she"):
                # "it said", "they said": the body that spoke last in the paragraph, else the last speaker
                issuer = self._issuer_before(attr.start)
                if issuer is not None and not issuer.is_pronoun:
                    return self.resolve(issuer, last_person)
                if self.last_speaker:
                    return self.last_speaker, last_person
                issuer = self._issuer_before(attr.start, reach_back=True)
                if issuer is not None and not issuer.is_pronoun:
                    return self.resolve(issuer, last_person)
                return None, None
            person = self.people.antecedent(phrase, attr.start, prefer=last_person)
            if person is None and self.last_speaker in self._descriptions:
                return self.last_speaker, None      # "A mother … said … She said": the unnamed speaker
            return (person.name, person) if person else (None, None)
        document = _DOCUMENT_OF.search(phrase)
        if document is not None:
            # "Harbourline's statement", "A statement shared on behalf of his family": its author
            author = document.group(1) or document.group(2)
            author = _POSSESSIVE_START.sub("the ", author)
            return self.resolve(Attribution(author, attr.start, attr.how, attr.verb), last_person)
        first = _JOINT.split(phrase, maxsplit=1)[0]
        if first[:1].isupper() and first.split()[0].lower() not in DETERMINERS:
            person = self.people.find(first)
            if person is not None:
                return person.name, person
            return _strip_titles(first), None
        person = self.people.by_description(phrase, attr.start)
        if person is not None:
            return person.name, person
        owner = phrase.split()[0].lower()
        if owner in ("his", "her") and len(phrase.split()) > 1:
            # "Her office said": the office of the woman the text is about
            person = self.people.antecedent("he" if owner == "his" else "she", attr.start)
            if person is not None:
                return f"{person.name}’s {phrase.split(None, 1)[1]}", None
        if phrase.split()[-1].lower() in _DOCUMENTS:
            # "the statement said": whoever issued it, in this paragraph or the one before
            issuer = self._issuer_before(attr.start) or self._subject_of_paragraph_before(attr.start)
            if issuer is not None:
                return self.resolve(issuer, last_person)
            if phrase.lower().startswith("the ") and self.last_speaker:
                return self.last_speaker, last_person    # "the statement reads": the one just quoted
        return self._named_body(phrase, attr.start) or self._anonymous(phrase, attr.start), None

    def _issuer_before(self, pos: int, reach_back: bool = False) -> Attribution | None:
        """The subject of the last speech verb earlier in the paragraph ("The ministry said …"),
        or with ``reach_back`` in the paragraph before too ("People living in Kestrel Lane
        say …" then "They say …")."""
        ps, _ = self.para(pos)
        if reach_back and ps > 0:
            ps = self.para(ps - 1)[0]
        tokens = tokenize(self.text, max(ps, pos - _LOOK_BACK), pos)
        for i in range(len(tokens) - 1, 0, -1):
            if tokens[i].low in SPEECH_FORMS and not tokens[i].capital and not self.people.is_quoted(tokens[i].start):
                found = subject_before(self.text, tokens[:i], tokens[i])
                if found is not None and found[0].split()[-1].lower() not in _DOCUMENTS:
                    return Attribution(found[0], found[1], "before", tokens[i].low)
        return None

    def _subject_of_paragraph_before(self, pos: int) -> Attribution | None:
        """'His club Racing Vardel paid tribute.' before 'A statement said: “…”'."""
        ps, _ = self.para(pos)
        if ps == 0:
            return None
        s, e = self.para(ps - 1)
        named = self.people.mentions_between(s, e)
        if named and self.people.is_subject(named[0][0]) and len(tokenize(self.text, s, named[0][0])) <= 3:
            return Attribution(named[0][2].name, named[0][0], "before")
        return None

    def _named_body(self, phrase: str, before: int) -> str | None:
        """'the ministry' after 'the Ministry of Health' is that body, by its name; 'the
        company' after 'Harbourline, the company behind the ferry,' is Harbourline."""
        words = phrase.split()
        if len(words) > 3 or words[0].lower() != "the" or not words[-1].isalpha():
            return None
        window_start = max(0, before - 3000)
        description, appositive = _appositive_patterns(words[-1].lower())
        # Cheap tests first: every match holds the head word and the description after the comma.
        if self.text.find(words[-1].lower(), window_start, before) != -1 \
                and description.search(self.text, window_start, before) is not None:
            named = appositive.search(self.text, window_start, before)
            if named is not None:
                return named.group(1)
        head = words[-1].capitalize()
        if self.text.find(head, window_start, before) == -1:
            return None
        pattern = _body_pattern(head)
        named = [m for m in pattern.finditer(self.text, window_start, before) if len(m.group().split()) >= 2]
        if not named:
            return None
        name = named[-1].group()
        the = self.text[max(0, named[-1].start() - 4):named[-1].start()].lower() == "the "
        if name.startswith("The "):
            name, the = name[4:], True
        return ("the " if the else "") + name

    def _anonymous(self, phrase: str, before: int) -> str:
        """'the official' after 'a senior official …' is that same unnamed speaker."""
        words = phrase.split()
        if phrase.lower().startswith("one of them") and self._descriptions:
            return self._descriptions[-1]      # "two sources said …" then "one of them added"
        if words[0].lower() in ("the", "this", "that") and len(words) <= 3:
            head = words[-1].lower()
            for earlier in reversed(self._descriptions):
                if head in earlier.lower().split():
                    return earlier
            # "A Dunmore mother has described …" first, "the mother" after: the first mention
            lo, hi = max(0, before - _LOOK_BACK_FIRST), max(0, before)
            first = _first_mention_pattern(head).search(self.text, lo, hi) \
                if self.text.find(head, lo, hi) != -1 else None
            if first is not None and not self.people.is_quoted(first.start()):
                phrase = first.group()
                phrase = phrase[0].lower() + phrase[1:]
                self._descriptions.append(phrase)
                return phrase
        if words[0] in ("The", "A", "An", "One", "Some", "Several", "Two", "Three"):
            phrase = phrase[0].lower() + phrase[1:]
        self._descriptions.append(phrase)
        return phrase


@lru_cache(maxsize=256)
def _appositive_patterns(head: str) -> tuple[re.Pattern, re.Pattern]:
    r"""'Harbourline, the company behind …': a capitalised name, then a description ending in
    ``head``; and that description alone, which starts with a literal and so is found fast.

    In the name, ``[A-Z](?<!\w.)`` is ``\b[A-Z]`` written so that the search can skip to
    capitals, and a word (``*+``) is never given back: a space or a comma must follow it."""
    description = rf", (?:the|a|an) (?:[\w’'-]+ ){{0,3}}?{head}\b"
    return re.compile(description), re.compile(rf"([A-Z](?<!\w.)[\w’'&-]*+(?: [A-Z][\w’'&-]*+){{0,3}}){description}")


@lru_cache(maxsize=256)
def _first_mention_pattern(head: str) -> re.Pattern:
    r"""'a Dunmore mother': a or an, at most three words, then ``head`` (``[Aa](?<!\w.)`` is
    ``\b[Aa]``, written so that the search can skip to the letter)."""
    return re.compile(rf"[Aa](?<!\w.)n? (?:[\w’'-]+ ){{0,3}}?{re.escape(head)}\b")


@lru_cache(maxsize=256)
def _body_pattern(head: str) -> re.Pattern:
    """A capitalised name ending in ``head``: 'Federal Water Agency', 'Ministry of Public Health'."""
    return re.compile(rf"\b(?:[A-Z][\w’'.-]*\s+)*{re.escape(head)}\b(?:\s+(?:of|for|on)\s+(?:the\s+)?"
                      rf"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?")


def _strip_titles(name: str) -> str:
    words = name.split()
    last_title = max((k for k, w in enumerate(words[:-1]) if w.lower().rstrip(".") in TITLES), default=-1)
    return " ".join(words[last_title + 1:])
