"""Finding quoted passages by their quotation marks, including the broken marks of copied text.

Each mark is read as opening or closing from what touches it, not from its shape alone: copied
text often has a wrong-way mark (``capacity“Blinken said``) or a closing mark glued to the
next word (``outdated.”explains``). A closing mark with no opening before it in its paragraph
means the opening mark was lost; the quote then starts where a reader would put it: at the
paragraph start, or after the attribution of the previous quote in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import DOUBLE_QUOTE_MARKS, QUOTE_MARKS, SINGLE_QUOTE_MARKS
from .lexicon import NOT_SPEAKER_LABELS, SPEECH_FORMS
from .turns import QUOTE_OPENING, Turn, Turns

OPENING_SHAPES = "“„‟«"
CLOSING_SHAPES = "”»"
SINGLE_OPEN = "‘‹'"
SINGLE_CLOSE = "’›'"
_BEFORE_OPEN = "([{—–-/"          # what may touch an opening mark on its left
_AFTER_CLOSE = ",.;:!?)]}—–-…"     # what may touch a closing mark on its right
_DOUBLE_RE = re.compile(f"[{re.escape(DOUBLE_QUOTE_MARKS)}]")
_SINGLE_RE = re.compile(f"[{re.escape(SINGLE_QUOTE_MARKS)}]")
_CLAUSE_BREAK = re.compile(r"[,.!?]\s+")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|me)\b")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+")
_SINGLE_OPENING = re.compile(r"[\s(\[—–][‘'](?=[^\W\d_])")
_SINGLE_OPENING_FIRST = re.compile(r"[‘'](?=[^\W\d_])")


@dataclass(slots=True)
class QuotedSpan:
    """A passage between quotation marks (or where lost marks would be).

    ``start``/``end`` bound the words only; ``open_at``/``close_at`` are the mark offsets
    (None when that mark is missing). A quote over several paragraphs is one span.
    """

    start: int
    end: int
    open_at: int | None
    close_at: int | None
    paragraphs: int = 1
    attribution_at: int | None = None   # where the attribution starts when the closing mark is lost
    label: str | None = None            # the speaker label of a transcript line
    continued: bool = False             # a transcript paragraph carrying the turn before it on

    @property
    def outer_start(self) -> int:
        return self.open_at if self.open_at is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every non-blank line; a line is a paragraph in pasted text."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def find_quoted_spans(text: str, is_attribution_start=lambda pos: False,
                      turns: dict[int, Turn] | None = None,
                      paras: list[tuple[int, int]] | None = None) -> list[QuotedSpan]:
    """Every quoted passage in ``text``, in order.

    :param is_attribution_start: tells whether an attribution ("Blinken said") begins at an
        offset; used to read a mark glued on both sides as a closing one, and to end quotes
        that lost their closing mark (or both marks) where their attribution begins.
    :param turns: the transcript turns by paragraph start (see :mod:`.turns`); found here
        when not given.
    :param paras: the text's :func:`paragraphs`, when the caller has them.
    """
    if paras is None:
        paras = paragraphs(text)
    if turns is None:
        turns = Turns(text, paras).by_para
    doubles = _doubles_are_primary(text)
    spans: list[QuotedSpan] = []
    carry: QuotedSpan | None = None          # a quote still open at the end of the last paragraph
    for ps, pe in paras:
        first = _first_visible(text, ps, pe)
        if carry is not None and carry.paragraphs == 1:
            # “We will win, he said.   ← a lost closing mark, not a quote carried on
            _cut_at_attribution(text, carry, is_attribution_start)
        if carry is not None:
            if first < pe and _reads_as_opening(text, first, doubles) and carry.attribution_at is None:
                carry.paragraphs += 1      # carried on: only an opening mark starts the paragraph
                open_at, skip = carry.open_at, first
            else:
                spans.append(_cut_at_attribution(text, carry, is_attribution_start))
                carry, open_at, skip = None, None, -1
        else:
            open_at, skip = None, -1
        last_end = ps
        for found in (_DOUBLE_RE if doubles else _SINGLE_RE).finditer(text, ps, pe):
            i = found.start()
            if i == skip:
                continue
            role = _role(text, i, doubles, inside=open_at is not None or carry is not None)
            if role == "open" and open_at is None and carry is None and _touches_word_before(text, i) \
                    and is_attribution_start(i + 1):
                role = "close"     # a wrong-way mark glued to what follows: "capacity“Blinken said"
            if role == "open" and open_at is None and carry is None:
                open_at = i
            elif role == "close":
                if carry is not None:
                    carry.end, carry.close_at = _trim_end(text, carry.start, i), i
                    spans.append(carry)
                    carry, open_at = None, None
                elif open_at is not None:
                    start = _after_opening(text, open_at, i)
                    spans.append(QuotedSpan(start, _trim_end(text, start, i), open_at, i))
                    open_at = None
                elif doubles and (text[i] in CLOSING_SHAPES or is_attribution_start(i + 1)
                                  or text[i] == '"' or _touches_word_before(text, i)):
                    start = _lost_opening(text, last_end, i)
                    if start < i:
                        spans.append(QuotedSpan(start, _trim_end(text, start, i), None, i))
                else:
                    continue
                last_end = i + 1
        if open_at is not None:
            if carry is None:
                carry = QuotedSpan(_after_opening(text, open_at, pe), pe, open_at, None)
            carry.end = _trim_end(text, carry.start, pe)
        if last_end == ps and open_at is None and carry is None:
            singles = _other_pairs(text, ps, pe, doubles)
            unmarked = None if singles else (_turn_span(text, turns.get(ps), pe)
                                             or _unmarked_quote(text, ps, pe, is_attribution_start))
            spans.extend(singles or ([unmarked] if unmarked else []))
    if carry is not None:
        spans.append(_cut_at_attribution(text, carry, is_attribution_start))
    return [s for s in spans if s.end > s.start]


def _other_pairs(text: str, ps: int, pe: int, doubles: bool) -> list[QuotedSpan]:
    """Quotations in the other kind of marks, in a paragraph with none of the text's own: a
    headline such as ``Minister: ‘We will not resign’`` in a double-mark text, or a statement
    in double marks in a single-mark text."""
    if (_DOUBLE_RE if doubles else _SINGLE_RE).search(text, ps, pe):
        return []
    found, open_at = [], None
    for m in (_SINGLE_RE if doubles else _DOUBLE_RE).finditer(text, ps, pe):
        role = _role(text, m.start(), not doubles, inside=open_at is not None)
        if role == "open" and open_at is None:
            open_at = m.start()
        elif role == "close" and open_at is not None:
            if len(text[open_at + 1:m.start()].split()) >= 2:
                found.append(QuotedSpan(open_at + 1, _trim_end(text, open_at + 1, m.start()), open_at, m.start()))
            open_at = None
    return found


def _turn_span(text: str, turn: Turn | None, pe: int) -> QuotedSpan | None:
    """The words of a transcript turn: the paragraph after its label."""
    if turn is None:
        return None
    span = QuotedSpan(turn.start, _trim_end(text, turn.start, pe), None, None)
    span.label, span.continued = turn.label, turn.continued
    return span


def _cut_at_attribution(text: str, span: QuotedSpan, is_attribution_start) -> QuotedSpan:
    """A quote whose closing mark was lost ends where its attribution begins: “We won, he said."""
    if span.paragraphs > 1 or span.attribution_at is not None:
        return span
    for m in _CLAUSE_BREAK.finditer(text, span.start, span.end):
        if is_attribution_start(m.end()):
            span.end = _trim_end(text, span.start, m.start() + (text[m.start()] != ","))
            span.attribution_at = m.end()
            break
    return span


def _unmarked_quote(text: str, ps: int, pe: int, is_attribution_start) -> QuotedSpan | None:
    """A paragraph whose marks were both lost: first-person words, then ', Name said.' at its end."""
    if QUOTE_OPENING.search(text, ps, pe):
        return None
    for m in _CLAUSE_BREAK.finditer(text, ps, pe):
        first_person = _FIRST_PERSON.search(text, ps, m.start())
        if len(text[m.end():pe].split()) <= 16 and text[m.start()] == "," and is_attribution_start(m.end()) \
                and first_person and not _SENTENCE_END.search(text, m.end(), pe - 1):
            # The quotation starts with the sentence where the speaker's own voice begins.
            start = ps
            for end_of_sentence in _SENTENCE_END.finditer(text, ps, first_person.start()):
                start = end_of_sentence.end()
            span = QuotedSpan(start, _trim_end(text, start, m.start()), None, None)
            span.attribution_at = m.end()
            return span
    return None


def _doubles_are_primary(text: str) -> bool:
    """Whether quotations use double marks; British style uses single ones, doubles nested."""
    double = sum(map(text.count, DOUBLE_QUOTE_MARKS))
    if double == 0 or text.count("‘") + text.count("'") <= double:
        return double > 0       # not enough single marks to outnumber the doubles
    # A single mark opening a word, at the start or after a space, bracket or dash.
    single = len(_SINGLE_OPENING.findall(text)) + (_SINGLE_OPENING_FIRST.match(text) is not None)
    return double >= single


def _is_mark(c: str, doubles: bool) -> bool:
    return c in DOUBLE_QUOTE_MARKS if doubles else c in SINGLE_QUOTE_MARKS


def _first_visible(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i


def _reads_as_opening(text: str, i: int, doubles: bool) -> bool:
    return _is_mark(text[i], doubles) and _role(text, i, doubles, inside=False) == "open"


def _role(text: str, i: int, doubles: bool, inside: bool) -> str | None:
    """'open', 'close' or None (a stray mark or an apostrophe)."""
    c = text[i]
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    open_side = before.isspace() or before in _BEFORE_OPEN or before in QUOTE_MARKS
    close_side = after.isspace() or after in _AFTER_CLOSE or after in QUOTE_MARKS
    if c == '"' and before.isdigit() and not inside:
        return None          # inches or seconds: a 65" screen
    if not doubles:
        # Single marks double as apostrophes: only clear word boundaries count.
        if open_side and (after.isalpha() or after in "…"):      # not ‘90s
            return "open" if c in SINGLE_OPEN else None
        plural_possessive = c == "’" and before == "s" and not inside     # "the leaders’ plans"
        if close_side and (before.isalnum() or before in ".,!?…") and not plural_possessive:
            return "close" if c in SINGLE_CLOSE else None
        return None
    if open_side and not close_side:
        return "open"
    if close_side and not open_side:
        return "close"
    if open_side and close_side:       # stands alone: trust its shape, else the state
        if c in OPENING_SHAPES:
            return "open"
        if c in CLOSING_SHAPES:
            return "close"
        return "close" if inside else "open"
    # glued on both sides ("capacity“Blinken", "outdated.”explains", "tone”We", "said:“We")
    if inside:
        return "close"
    if before == ":" or (before == "," and after.isupper() and c not in CLOSING_SHAPES):
        return "open"
    if before in ".,!?…":
        return "close"
    if before.isalnum() and after.isupper():
        return "open"         # a lost space before a quote; the caller checks for attribution
    if c in CLOSING_SHAPES:
        return "close"
    return "open" if c in OPENING_SHAPES or c == '"' else "close"


def _touches_word_before(text: str, i: int) -> bool:
    return i > 0 and not text[i - 1].isspace()


def _lost_opening(text: str, floor: int, close: int) -> int:
    """Where a quote whose opening mark was lost begins: the start of the paragraph, or of
    the first sentence after an earlier quote's attribution, past any lead-in ending in ':'."""
    start = floor
    if floor > 0 and text[floor - 1] in DOUBLE_QUOTE_MARKS:
        m = _SENTENCE_END.search(text, floor, close)
        if m is None:
            return close
        start = m.end()
    colon = text.find(": ", start, close)
    if colon != -1 and colon - start < 120 and _introduces_speech(text[start:colon]):
        start = colon + 2
    while start < close and (text[start].isspace() or text[start] in "-–—•*"):
        start += 1
    return start


def _introduces_speech(lead: str) -> bool:
    """Whether the words before a colon name a speaker ("Blinken said", "PARK")."""
    words = re.findall(r"[\w'’-]+", lead)
    if any(w.lower() in SPEECH_FORMS for w in words):
        return True
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words) \
        and words[0].lower() not in NOT_SPEAKER_LABELS


def _after_opening(text: str, open_at: int, end: int) -> int:
    """Where the words after the opening mark at ``open_at`` begin: a doubled mark (""We …)
    is a slip of the keyboard, not part of the words."""
    start = open_at + 1
    while start < end and text[start] in DOUBLE_QUOTE_MARKS and text[open_at] in DOUBLE_QUOTE_MARKS:
        start += 1
    return start


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop the spaces and the comma that close a quote before its attribution."""
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return end
