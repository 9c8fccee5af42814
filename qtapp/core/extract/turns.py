"""Transcript turns: ``SMITH: …``, ``ANA LUZ, NEWS ANCHOR: …``, ``Q: …`` / ``A: …``.

A turn has no quotation marks: its words are the paragraph after the label. In a transcript
(two turns or more) a paragraph without label or marks carries the turn before it on, and
prose under a heading before the first question of a Q/A interview is the interviewee's
opening statement. ``Q:``/``QUESTION:`` is "a reporter"; ``A:`` is the person the
transcript's title names. All labels are found in one pass over the paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..text import DOUBLE_QUOTE_MARKS
from .lexicon import NOT_SPEAKER_LABELS, TITLES
from .people import given_name_gender

_LABEL = re.compile(r"[ \t]*([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3})((?:, [^:\n,]{2,60}){0,3}):[ \t]+(?=\S)")
# A double mark, or a single one opening: where a quotation may start.
QUOTE_OPENING = re.compile(f"[{re.escape(DOUBLE_QUOTE_MARKS)}‘]")
QUESTION_LABELS = frozenset({"q", "question"})
ANSWER_LABELS = frozenset({"a", "answer"})
REPORTER = "a reporter"
# A word written with a capital and then lower case: "Blinken" (``[A-Z](?<!\w.)`` is ``\b[A-Z]``,
# written so that the search skips to capitals).
_WRITTEN_NAME = re.compile(r"[A-Z](?<!\w.)[a-z][\w’'-]*")
_HEADING_WORDS = frozenset("transcript interview press conference remarks statement briefing q&a".split())


@dataclass
class Turn:
    """A turn's words start at ``start``; ``label`` is the speaker label as written (name part
    only: "MAJ. HOWARD SMITH"); ``continued`` marks a paragraph that carries a turn on."""

    start: int
    label: str
    continued: bool = False


class Turns:
    """The transcript turns of one text, by paragraph start, and who each label is."""

    def __init__(self, text: str, paras: list[tuple[int, int]]):
        self.text = text
        self.by_para: dict[int, Turn] = {}
        self.interviewee = _title_name(text, paras[0]) if paras else None
        self._full_names: dict[str, str] = {}       # surname → full name, from role-form labels
        self._repeated: set[str] = set()             # labels that take two turns or more
        self._speakers: dict[str, str | None] = {}   # label → speaker, once the people are known
        self._find(paras)

    def _find(self, paras: list[tuple[int, int]]) -> None:
        text = self.text
        found: list[tuple[int, re.Match]] = []
        for k, (ps, pe) in enumerate(paras):
            m = _LABEL.match(text, ps, pe)
            if m is not None and not QUOTE_OPENING.search(text, ps, pe):
                found.append((k, m))
        if not found:
            return
        questions = sum(m.group(1).lower() in QUESTION_LABELS for _, m in found)
        answers = sum(m.group(1).lower() in ANSWER_LABELS for _, m in found)
        for _, m in found:
            words = _name_words(m.group(1))
            if m.group(2) and len(words) >= 2:
                self._full_names[words[-1].lower()] = " ".join(_cased(w) for w in words)
        written = None
        accepted: list[int] = []
        self._repeated = {label for label, n in Counter(m.group(1) for _, m in found).items() if n >= 2}
        for k, m in found:
            label = m.group(1)
            low = label.lower()
            if low in QUESTION_LABELS or low in ANSWER_LABELS:
                ok = questions >= 1 and questions + answers >= 2
            else:
                if written is None:
                    written = frozenset(_WRITTEN_NAME.findall(text))
                ok = self._names_a_person(m, paras[k][1], written)
            if ok:
                self.by_para[paras[k][0]] = Turn(m.end(), label)
                accepted.append(k)
        if len(accepted) >= 2:
            self._carry_on(paras, accepted, questions > 0)

    def _names_a_person(self, m: re.Match, pe: int, written: frozenset[str]) -> bool:
        label, role = m.group(1), m.group(2)
        words = _name_words(label)
        if not words or label.split()[0].lower().strip(".") in NOT_SPEAKER_LABELS:
            return False
        if len(self.text[m.end():pe].split(maxsplit=2)) < 3:
            return False        # "Jane Roe: Reuters" is a photo credit, not a turn
        if label.isupper():
            # A name the text also writes normally ("BLINKEN" beside "Antony Blinken"), one a
            # "NAME, ROLE:" label gave in full, or a label that takes turn after turn.
            return (role and len(words) >= 2) or _cased(words[-1]) in written \
                or words[-1].lower() in self._full_names or label in self._repeated
        return len(words) >= 2 and given_name_gender(words[0]) is not None

    def _carry_on(self, paras: list[tuple[int, int]], accepted: list[int], interview: bool) -> None:
        """Paragraphs without a label or marks continue the turn before them."""
        text = self.text
        first = accepted[0]
        current: str | None = None
        for k, (ps, pe) in enumerate(paras):
            if ps in self.by_para:
                current = self.by_para[ps].label
                continue
            if not _is_prose(text, ps, pe):
                current = None if k > first else current
                continue
            if current is not None:
                self.by_para[ps] = Turn(ps, current, continued=True)
            elif interview and 0 < k < first and k >= 2 and not _is_prose(text, *paras[k - 1]) \
                    and self.interviewee:
                # an opening statement under a heading ("Opening Remarks") before the questions
                self.by_para[ps] = Turn(ps, "A", continued=True)
                current = "A"

    def speaker(self, label: str, find) -> str | None:
        """Who a label is: "a reporter", the interviewee, or the person named.

        :param find: looks a name up among the people the text names (None if unknown); the
            same for every call on one text, so each label is read once.
        """
        if label not in self._speakers:
            self._speakers[label] = self._speaker(label, find)
        return self._speakers[label]

    def _speaker(self, label: str, find) -> str | None:
        low = label.lower()
        if low in QUESTION_LABELS:
            return REPORTER
        if low in ANSWER_LABELS:
            return self.interviewee
        words = _name_words(label)
        if not words:
            return None
        if label.isupper():
            full = self._full_names.get(words[-1].lower()) if len(words) == 1 else None
            name = full or " ".join(_cased(w) for w in words)
        else:
            name = " ".join(words)
        person = find(name)
        return person.name if person is not None else name


def _name_words(label: str) -> list[str]:
    words = label.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words = words[1:]
    return words


def _cased(word: str) -> str:
    return "-".join(p[:1] + p[1:].lower() for p in word.split("-")) if word.isupper() else word


def _is_prose(text: str, ps: int, pe: int) -> bool:
    """A paragraph of speech: sentences, no quotation marks; not a heading or a dateline."""
    end = pe
    while end > ps and text[end - 1].isspace():
        end -= 1
    return text[end - 1:end] in (".", "!", "?", "…") and not QUOTE_OPENING.search(text, ps, end) \
        and text.count(" ", ps, end) >= 5


def _title_name(text: str, first: tuple[int, int]) -> str | None:
    """The person a transcript's title names: 'Tom Coughlin Post-Game Transcript'."""
    words = re.findall(r"[\w’'&.-]+", text[first[0]:first[1]])
    for i, w in enumerate(words[:-1]):
        if w[:1].isupper() and given_name_gender(w) is not None:
            name = [w]
            for nxt in words[i + 1:i + 3]:
                if not nxt[:1].isupper() or "-" in nxt or nxt.lower() in _HEADING_WORDS:
                    break
                name.append(nxt)
            if len(name) >= 2:
                return " ".join(name)
    return None
