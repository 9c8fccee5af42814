"""Turning an attribution as written ("he", "Minister Nyberg", "the ministry", "a senior
official") into the speaker's name: the person the text names, the body it named earlier, or
the description itself when the speaker is not named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .attribution import Attribution, subject_before
from .lexicon import SPEECH_FORMS, TITLES
from .people import People, Person, tokenize

# Things that "say" on behalf of whoever issued them: "“…,” the statement said."
_DOCUMENTS = frozenset("statement report letter release post tweet filing document memo complaint ruling".split())
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
                return (self.last_speaker, last_person) if self.last_speaker else (None, None)
            person = self.people.antecedent(phrase, attr.start, prefer=last_person)
            return (person.name, person) if person else (None, None)
        first = re.split(r"\s+(?:and|&)\s+", phrase)[0]
        if first[:1].isupper() and first.split()[0].lower() not in ("the", "a", "an", "his", "her", "its", "their"):
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
            issuer = self._issuer_before(attr.start)   # "the statement said": whoever issued it
            if issuer is not None:
                return self.resolve(issuer, last_person)
        return self._named_body(phrase, attr.start) or self._anonymous(phrase), None

    def _issuer_before(self, pos: int) -> Attribution | None:
        """The subject of the last speech verb earlier in the paragraph ("The ministry said …")."""
        ps, _ = self.para(pos)
        tokens = tokenize(self.text, max(ps, pos - _LOOK_BACK), pos)
        for i in range(len(tokens) - 1, 0, -1):
            if tokens[i].low in SPEECH_FORMS and not tokens[i].capital and not self.people.is_quoted(tokens[i].start):
                found = subject_before(self.text, tokens[:i], tokens[i])
                if found is not None and found[0].split()[-1].lower() not in _DOCUMENTS:
                    return Attribution(found[0], found[1], "before", tokens[i].low)
        return None

    def _named_body(self, phrase: str, before: int) -> str | None:
        """'the ministry' after 'the Ministry of Health' is that body, by its name."""
        words = phrase.split()
        if len(words) > 3 or words[0].lower() != "the" or not words[-1].isalpha():
            return None
        head = words[-1].capitalize()
        window_start = max(0, before - 3000)
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

    def _anonymous(self, phrase: str) -> str:
        """'the official' after 'a senior official …' is that same unnamed speaker."""
        words = phrase.split()
        if phrase.lower().startswith("one of them") and self._descriptions:
            return self._descriptions[-1]      # "two sources said …" then "one of them added"
        if words[0].lower() in ("the", "this", "that") and len(words) <= 3:
            head = words[-1].lower()
            for earlier in reversed(self._descriptions):
                if head in earlier.lower().split():
                    return earlier
        phrase = phrase[0].lower() + phrase[1:] if words[0] in ("The", "A", "An") else phrase
        self._descriptions.append(phrase)
        return phrase


@lru_cache(maxsize=256)
def _body_pattern(head: str) -> re.Pattern:
    """A capitalised name ending in ``head``: 'Federal Water Agency', 'Ministry of Public Health'."""
    return re.compile(rf"\b(?:[A-Z][\w’'.-]*\s+)*{re.escape(head)}\b(?:\s+(?:of|for|on)\s+(?:the\s+)?"
                      rf"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?")


def _strip_titles(name: str) -> str:
    words = name.split()
    last_title = max((k for k, w in enumerate(words[:-1]) if w.lower().rstrip(".") in TITLES), default=-1)
    return " ".join(words[last_title + 1:])
