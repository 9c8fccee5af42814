"""Reading the attribution around a quoted span: who the sentence says spoke the words.

Patterns, tried in this order:

- after the quote: ``“…,” Blinken said`` / ``“…,” said Blinken`` / ``“…”, he warns`` /
  ``“…,” according to the ministry``;
- before it: ``Blinken said: “…”`` / ``Park told reporters that “…”`` / ``said Park, “…”``;
- in the same sentence, for a partial quote: ``Blinken called the cooperation “dangerous”``.

Each returns the noun phrase as written (a name, a pronoun, "the ministry", "a senior
official") with its offset; :mod:`.people` resolves it to a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import DOUBLE_QUOTE_MARKS
from .lexicon import (
    AUXILIARIES,
    COGNITION_FORMS,
    DETERMINERS,
    PRONOUN_GENDER,
    ROLE_NOUNS,
    SPEECH_FORMS,
    STRONG_FORMS,
    TITLES,
    is_modifier,
)
from .people import Token, tokenize

_DOUBLE = re.escape(DOUBLE_QUOTE_MARKS)
# A clause ends at . ! ? ; before a space or the end, or at a line end or a quotation mark. Each
# pattern starts with the set of all those characters, so that a search skips to them.
_CLAUSE_END = re.compile(rf"[.!?;\n{_DOUBLE}](?:(?<=[\n{_DOUBLE}])|(?=\s|$))")
_SENTENCE_END = re.compile(r"[.!?;\n](?:(?<=\n)|(?=\s|$))")
_LEADING_PUNCT = re.compile(r"[\s,;:–—-]*")
_CLAUSE_SPAN = 600   # characters after a quote searched for the end of its clause
_CHUNK = re.compile(r"[^,]+")
_LAST_WORD = re.compile(r"([\w.]+)$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"”’)]*\s+(?=\S)")
_RELATIVE = frozenset("who which that whose whom".split())
_PASSIVE = frozenset("to was were been being is are get got".split())
_PREPOSITIONS = frozenset("in on at during after before from via through while when as by with to".split())
_MAX_SUBJECT_WORDS = 12
# Capitalised words that open a sentence without being its subject.
_OPENERS = frozenset("""
in on at after before during with by from for to as when while if although though despite asked speaking
yesterday today tonight tomorrow monday tuesday wednesday thursday friday saturday sunday meanwhile however
earlier later still also but and so then there here this that these those
""".split())
_QUOTED_AS = re.compile(rf"\b(?:quoted|cited)\s+(?:(\S[^,;:{_DOUBLE}]{{0,60}}?)\s+)?as\s+(?:saying|telling|stating)\b"
                        r"|\b(?:was|were)\s+quoted\s+as\s+saying\b")
_SOURCE_PHRASE = re.compile(
    r"(?:^|(?<=\s))(?:[Aa]ccording to|[Ff]or|[Ii]n the (?:words|opinion|view) of)"
    rf"\s+([^:;.{_DOUBLE}]{{2,80}}?)\s*[,:]\s*$")
# "As Ruiz put it, “…”", "In Ruiz's words: “…”"
_PUT_IT = re.compile(rf"(?:^|(?<=\s))(?:[Aa]s\s+([^,:;.{_DOUBLE}]{{2,80}}?)\s+(?:put|puts|has put|once put)\s+it"
                     rf"|[Ii]n\s+([^,:;.{_DOUBLE}]{{2,80}}?)['’]s?\s+(?:own\s+)?words)\s*[,:]\s*$")
# "According to Ruiz, the plan was “a mess”": the source named as the sentence opens
_SOURCE_LEAD = re.compile(rf"\s*(?:[Aa]ccording to|[Ii]n the (?:words|opinion|view) of)\s+([^,:;.{_DOUBLE}]{{2,80}}?),")
_GAP_STOPS = frozenset(DOUBLE_QUOTE_MARKS + ".;")
_LOOSE = frozenset(",–—-")      # punctuation after a quote that joins it to a looser attribution
_CHUNK_STOPS = _GAP_STOPS | {","}
_STOPS, _STOPS_COMMA = frozenset(".;:"), frozenset(",.;:")
_SUBJECT_OPENERS = frozenset({"and", "according"} | DETERMINERS)   # words before a subject's name
_CLOSERS = DOUBLE_QUOTE_MARKS + "’'"
_NP_PREPOSITIONS = frozenset("of in for at from with on".split())
_CLOSE_TO = frozenset("close closer closest loyal near allied".split())   # "a source close to Ruiz"
# Time phrases that stand between a subject and its verb (see _before_adverbials).
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DAY_PARTS = frozenset("morning afternoon evening night".split())
_DAY_PART_OPENERS = frozenset("yesterday this last".split())
_PERIODS = frozenset("week weekend month year".split())
_WHEN = frozenset("yesterday today tonight earlier later".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
# Channels the words came by, in the same place (see _channel_phrase_start).
_CHANNELS = frozenset("""statement interview letter post speech video tweet message email briefing conference
podcast broadcast op-ed column essay memo""".split())
_PLATFORMS = frozenset("""twitter x facebook instagram tiktok linkedin youtube threads bluesky telegram radio
television""".split())
_CHANNEL_PREPOSITIONS = frozenset("in at on during".split())
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen sen rep gov lt col sgt capt st jr sr no vs etc rev fr hon maj adm cmdr supt insp det
""".split())


@dataclass(slots=True)
class Attribution:
    """A speaker phrase as the text writes it, where it is, and how it was found."""

    phrase: str
    start: int
    how: str            # "after", "before", "sentence", "label"
    verb: str = ""

    @property
    def is_pronoun(self) -> bool:
        return self.phrase.lower() in PRONOUN_GENDER


def after_quote(text: str, end: int, limit: int) -> Attribution | None:
    """The attribution that follows a closing mark at ``end`` (the offset after the mark)."""
    m = _LEADING_PUNCT.match(text, end, max(end, limit))
    pos = m.end()
    # After a quote that ends its sentence ("… now.” Blinken said"), only a plain
    # "Name said" counts; anything looser belongs to the next sentence.
    tight = _LOOSE.isdisjoint(m.group()) and _ends_sentence(text, end)
    clause_end = _clause_end(text, pos, limit)
    tokens = tokenize(text, pos, clause_end)
    if not tokens or text[tokens[-1].end:clause_end].strip().startswith(":"):
        return None     # "… Jones said: “…”" introduces the next quote, not this one
    if len(tokens) >= 2 and tokens[0].low == "according" and tokens[1].low == "to":
        return _phrase_after(text, tokens[2:], "after", "according to")
    quoted = _quoted_as_saying(text, pos, clause_end, "after")
    if quoted is not None:
        return quoted
    speech = SPEECH_FORMS.frozen()
    for i, t in enumerate(tokens[:6 if tight else _MAX_SUBJECT_WORDS]):
        if t.low not in speech or not _verb_at(tokens, i):
            continue
        if tight and t.low not in STRONG_FORMS:
            return None
        if i == 0 or all(x.low in AUXILIARIES for x in tokens[:i]):
            return _phrase_after(text, tokens[i + 1:], "after", t.low)
        found = subject_before(text, tokens[:i], t)
        if found is not None:
            return Attribution(found[0], found[1], "after", t.low)
        if t.low in STRONG_FORMS:
            return None
    return None


def before_quote(text: str, floor: int, start: int) -> Attribution | None:
    """The attribution that leads into an opening mark at ``start``: ``Park said: “``."""
    lead_start = sentence_start(text, floor, start)
    tokens = tokenize(text, lead_start, start)
    if not tokens:
        return None
    tail = text[tokens[-1].end:start]
    if ":" in tail and len(tokens) <= 4 and all(t.capital for t in tokens):
        return Attribution(text[tokens[0].start:tokens[-1].end], tokens[0].start, "label")
    quoted = _quoted_as_saying(text, lead_start, start, "before")
    if quoted is not None:
        return quoted
    # The phrase ends in a comma or a colon: the last character before the quote but spaces.
    m = _SOURCE_PHRASE.search(text, lead_start, start) if tail.rstrip()[-1:] in (",", ":") else None
    if m and m.group().startswith(("for", "For")) and m.start() != tokens[0].start:
        m = None    # "waiting for her daughter, told the paper:": "for" opens the phrase only at the start
    if m is None and tail.rstrip()[-1:] in (",", ":") and (put := _PUT_IT.search(text, lead_start, start)):
        at = put.start(1) if put.group(1) else put.start(2)
        if _names_someone(tokenize(text, at, put.end(1) if put.group(1) else put.end(2))):
            return Attribution(put.group(1) or put.group(2), at, "before", "put it" if put.group(1) else "words")
    if m:
        # "According to the analyst, “…”", "For Paredes, “…”", "In the words of the minister: “…”"
        chunks = [c for c in _CHUNK.finditer(m.group(1)) if c.group().strip()]
        named = [c for c in chunks if _name_like(tokenize(text, m.start(1) + c.start(), m.start(1) + c.end()))]
        chunk = (named or chunks)[0]
        begin = m.start(1) + chunk.start() + len(chunk.group()) - len(chunk.group().lstrip())
        if _names_someone(tokenize(text, begin, m.start(1) + chunk.end())):
            return Attribution(chunk.group().strip(), begin, "before", "according to")
    speech = SPEECH_FORMS.frozen()
    for i in range(len(tokens) - 1, max(-1, len(tokens) - 8), -1):
        t = tokens[i]
        if t.low not in speech or not _verb_at(tokens, i) or _participle_after_comma(text, tokens, i) \
                or _in_relative_clause(tokens, i):
            continue
        rest = tokens[i + 1:]
        # Only a short tail ("told reporters:", "said in a statement that") may follow the verb.
        if len(rest) > 6 or (rest and not (":" in tail or "," in tail or rest[-1].low == "that" or len(rest) <= 2)):
            continue
        found = _relative_subject(text, tokens, i) or _participle_subject(tokens, i) \
            or subject_before(text, tokens[:i], t)
        if found is not None:
            return Attribution(found[0], found[1], "before", t.low)
        if i == 0 or tokens[i - 1].low in ("as", "and"):
            inv = _phrase_after(text, rest, "before", t.low)
            if inv is not None:
                return inv
    return None


def in_sentence(text: str, floor: int, start: int, end: int, limit: int) -> Attribution | None:
    """The subject of a speech verb in the sentence around a partial quote [start, end)."""
    s = sentence_start(text, floor, start)
    e = _clause_end(text, end + 1, limit, stop_at_marks=False)
    before = tokenize(text, s, start)
    speech, cognition = SPEECH_FORMS.frozen(), COGNITION_FORMS.frozen()
    for i in range(len(before) - 1, -1, -1):
        low = before[i].low
        if (low in speech and _verb_at(before, i)) or low in cognition:
            if _participle_after_comma(text, before, i) or (i and _not_a_verb_after(before[i - 1])) \
                    or _in_relative_clause(before, i):
                continue
            found = subject_before(text, before[:i], before[i])
            if found is not None:
                return Attribution(found[0], found[1], "sentence", before[i].low)
    after = tokenize(text, end, e)
    for i, t in enumerate(after[:8]):
        if t.low in speech and _verb_at(after, i):
            found = subject_before(text, after[:i], t) if i else None
            if found is not None:
                return Attribution(found[0], found[1], "sentence", t.low)
            return _phrase_after(text, after[i + 1:], "sentence", t.low)
    lead = _SOURCE_LEAD.match(text, s, start)
    if lead is not None and _names_someone(tokenize(text, lead.start(1), lead.end(1))):
        return Attribution(lead.group(1), lead.start(1), "sentence", "according to")
    return None


def subject_before(text: str, tokens: list[Token], verb: Token) -> tuple[str, int] | None:
    """The noun phrase that is the subject of ``verb``, from the tokens before it."""
    verb_at = _before_parenthesis(text, tokens, verb.start)
    if verb_at != verb.start:
        tokens = [t for t in tokens if t.end <= verb_at]
    j = len(tokens) - 1
    while j >= 0 and (tokens[j].low in AUXILIARIES or tokens[j].low.endswith("ly")) and not tokens[j].capital:
        j -= 1
    if j > 0:
        j = _before_adverbials(text, tokens, j)
    if j < 0 or not _GAP_STOPS.isdisjoint(text[tokens[j].end:verb_at]):
        return None
    gap = text[tokens[j].end:verb_at]
    if "," in gap:
        return _appositive_subject(text, tokens[:j + 1])
    t = tokens[j]
    if t.low in PRONOUN_GENDER:
        return t.text, t.start
    if t.capital:
        if t.low in _OPENERS or t.text.endswith(("'s", "’s")):
            return None         # "When questioned", "Vandeleur's question": no subject here
        i = j
        while i > 0 and _in_name(text, tokens[i - 1], tokens[i]):
            i -= 1
        while i < j and tokens[i].low in _SUBJECT_OPENERS:
            i += 1
        if i > 0 and tokens[i - 1].low == "the" and text[tokens[i - 1].end:tokens[i].start] == " ":
            i -= 1      # "the Pentagon", "the Foreign Ministry"
        if i > 1 and (tokens[i - 1].low in _NP_PREPOSITIONS or (tokens[i - 1].low == "to" and tokens[i - 2].low
                                                                   in _CLOSE_TO)) \
                and not (tokens[i - 1].low == "with" and verb.low.endswith("ing")):
            # "People living in Kestrel Lane say", "officials in Kyiv said", "a source close
            # to Ana Ruiz said": the name is inside the subject (but "with Ana Ruiz writing":
            # she writes); the subject starts where its clause does
            k = i - 1
            while k > 0 and i - k < 6 \
                    and _CHUNK_STOPS.isdisjoint(text[tokens[k - 1].end:tokens[k].start]):
                k -= 1
            if tokens[k].low not in _OPENERS:
                return text[tokens[k].start:t.end], tokens[k].start
        return text[tokens[i].start:t.end], tokens[i].start
    found = _description_ending(text, tokens[:j + 1])
    if found is None:
        # "Ilse Vantongeren, study author and geologist said": a bare appositive
        k = next((k for k in range(j, max(0, j - 6), -1) if "," in text[tokens[k - 1].end:tokens[k].start]), None)
        return _named_before(text, tokens, tokens[k].start) if k is not None else None
    return _named_before(text, tokens, found[1]) or found


def _before_parenthesis(text: str, tokens: list[Token], verb_start: int) -> int:
    """Where an aside in brackets right before the verb opens ('Ruiz (pictured) said', 'Sen.
    Ada Quint (D-Ohio) said'), or ``verb_start`` when there is none."""
    close = verb_start - 1
    while close >= 0 and text[close] == " ":
        close -= 1
    if close < 0 or text[close] != ")" or not tokens:
        return verb_start
    opening = text.rfind("(", tokens[0].end, close)
    if opening < 0 or close - opening > 40 or ")" in text[opening:close]:
        return verb_start
    return opening


def _before_adverbials(text: str, tokens: list[Token], j: int) -> int:
    """Where the subject ends when time and channel phrases stand between it and the verb that
    ends at ``tokens[j]`` (``j`` when none does). News writing puts them there: 'Quint on
    Tuesday said', 'the ministry last week said', 'Park in a statement said', 'Vale on X
    called it'."""
    while j > 0:
        k = _time_phrase_start(tokens, j)
        if k is None:
            k = _channel_phrase_start(tokens, j)
        if k is None or k == 0 or text[tokens[k - 1].end:tokens[k].start] not in (" ", ", ") \
                or any(text[a.end:b.start] != " " for a, b in zip(tokens[k:j], tokens[k + 1:j + 1], strict=True)):
            return j    # none, the sentence opens with it, or it is not one phrase
        j = k - 1
    return j


def _time_phrase_start(tokens: list[Token], j: int) -> int | None:
    """The first word of a time phrase ending at ``tokens[j]``: 'on Tuesday night', 'last
    week', 'earlier this month', 'in January', 'yesterday'."""
    k = j
    if tokens[k].low in _DAY_PARTS and k > 0 and tokens[k - 1].low in _WEEKDAYS | _DAY_PART_OPENERS:
        k -= 1          # 'Tuesday night', 'yesterday afternoon', 'last night', 'this morning'
    elif tokens[k].low in _PERIODS and k > 0 and tokens[k - 1].low in ("this", "last"):
        k -= 1          # 'last week', 'this month'
    elif tokens[k].low in _MONTHS and tokens[k].capital and k > 0 and tokens[k - 1].low == "in":
        return k - 1    # 'in January'
    elif tokens[k].low not in _WEEKDAYS and tokens[k].low not in _WHEN:
        return None
    if tokens[k].low in ("this", "last") and k > 0 and tokens[k - 1].low == "earlier":
        k -= 1          # 'earlier this month'
    elif tokens[k].low in _WEEKDAYS and k > 0 and tokens[k - 1].low == "on":
        k -= 1          # 'on Tuesday'
    return k


def _channel_phrase_start(tokens: list[Token], j: int) -> int | None:
    """The first word of the channel the words came by, ending at ``tokens[j]``: 'in a
    statement', 'at a news conference', 'on X', 'on social media'."""
    low = tokens[j].low
    if low in _PLATFORMS or (low == "media" and j > 0 and tokens[j - 1].low == "social"):
        k = j - 1 if low == "media" else j
        return k - 1 if k > 0 and tokens[k - 1].low == "on" else None
    if low not in _CHANNELS:
        return None
    k = j
    while k > 0 and j - k < 3 and tokens[k - 1].low not in DETERMINERS and not tokens[k - 1].capital \
            and tokens[k - 1].low not in _CHANNEL_PREPOSITIONS:
        k -= 1          # 'a joint statement', 'a news conference'
    if k > 0 and tokens[k - 1].low in DETERMINERS:
        k -= 1
    return k - 1 if k > 0 and tokens[k - 1].low in _CHANNEL_PREPOSITIONS else None


def _named_before(text: str, tokens: list[Token], start: int) -> tuple[str, int] | None:
    """'Isabel Hodgins, an actress who had been at the concert told Sky News': the name
    before the appositive description is the subject."""
    k = next((k for k, t in enumerate(tokens) if t.start == start), 0)
    if k == 0 or "," not in text[tokens[k - 1].end:start]:
        return None
    first = k - 1
    while first > 0 and _CHUNK_STOPS.isdisjoint(text[tokens[first - 1].end:tokens[first].start]):
        first -= 1
    chunk = tokens[first:k]
    return _plain_subject(text, chunk) if _name_like(chunk) else None


def _appositive_subject(text: str, tokens: list[Token]) -> tuple[str, int] | None:
    """The subject of a clause broken by commas.

    'Park Jin, South Korea's foreign minister, said' and 'Sen. Ada Quint, R-Ohio, who …, said'
    → the name first; 'The head of diplomacy, Antony Blinken, said' → the name after the
    description; 'In a statement, the ministry said' → past the opening phrase.
    """
    chunks: list[list[Token]] = [[]]
    for k, t in enumerate(tokens):
        if k and "," in text[tokens[k - 1].end:t.start]:
            chunks.append([])
        chunks[-1].append(t)
    while chunks:
        first = chunks[0]
        if _name_like(first):
            return _plain_subject(text, first)
        if len(chunks) > 1 and (first[0].low in DETERMINERS or first[0].text.endswith(("'s", "’s"))) \
                and _name_like(chunks[1]):
            return _plain_subject(text, chunks[1])
        if first[0].low in DETERMINERS and len(first) > 2 and first[-1].capital and first[-2].low in _PREPOSITIONS:
            # "A statement shared on behalf of his family with a broadcaster, read": not the broadcaster
            return text[first[0].start:first[-1].end], first[0].start
        if len(chunks) == 1 or first[0].low in DETERMINERS or first[0].text.endswith(("'s", "’s")):
            return _plain_subject(text, first)
        chunks = chunks[1:]          # an opening phrase: "In a statement,", "Speaking to reporters,"
    return None


def _participle_after_comma(text: str, tokens: list[Token], i: int) -> bool:
    """'…, calling it “…”': the speaker is the main verb's subject, further back."""
    return tokens[i].low.endswith("ing") and i > 0 and "," in text[tokens[i - 1].end:tokens[i].start]


def _quoted_as_saying(text: str, start: int, end: int, how: str) -> Attribution | None:
    """'Reuters quoted Ana Ruiz as saying' → Ana Ruiz; 'Ruiz was quoted (by Reuters) as saying' → Ruiz."""
    if text.find("quoted", start, end) == -1 and text.find("cited", start, end) == -1:
        return None     # the cheap test first: every match holds one of these words
    m = _QUOTED_AS.search(text, start, end)
    if m is None:
        return None
    if m.group(1) and not m.group(1).startswith("by "):   # "was quoted by Reuters as saying": the subject
        return Attribution(m.group(1), m.start(1), how, "quoted")
    tokens = tokenize(text, start, m.start())
    found = subject_before(text, tokens, Token.of("", m.start(), m.start())) if tokens else None
    return Attribution(found[0], found[1], how, "quoted") if found else None


def _names_someone(tokens: list[Token]) -> bool:
    """A name, or a description of someone by role ("the analyst"), not "years" or "now"."""
    return bool(tokens) and len(tokens) <= 8 and (
        (tokens[-1].capital and tokens[-1].low not in _OPENERS) or any(t.low in ROLE_NOUNS for t in tokens))


def _name_like(chunk: list[Token]) -> bool:
    """A name with its titles: 'Dr. Amara Okafor', 'Foreign Minister Park Jin'."""
    return 0 < len(chunk) <= 6 and chunk[0].capital and chunk[-1].capital and chunk[0].low not in _OPENERS \
        and not chunk[0].text.endswith(("'s", "’s")) \
        and all(t.capital or t.low in TITLES or t.low == "and" for t in chunk)


def _plain_subject(text: str, chunk: list[Token]) -> tuple[str, int] | None:
    return subject_before(text, chunk, Token.of("", chunk[-1].end, chunk[-1].end))


def _description_ending(text: str, tokens: list[Token]) -> tuple[str, int] | None:
    """'a senior official (who was in the room)' or 'the ministry': back to a determiner."""
    rel = [i for i in range(max(0, len(tokens) - _MAX_SUBJECT_WORDS), len(tokens)) if tokens[i].low in _RELATIVE]
    head_end = rel[0] if rel else len(tokens)
    for i in range(head_end - 1, max(-1, head_end - 8), -1):
        t = tokens[i]
        if t.low in DETERMINERS or (t.text.endswith(("'s", "’s")) and i < head_end - 1):
            if not _STOPS.isdisjoint(text[t.start:tokens[head_end - 1].end]):
                return None
            if t.text.endswith(("'s", "’s")) and i > 0 and tokens[i - 1].low == "the":
                i -= 1
            elif t.text.endswith(("'s", "’s")) and t.capital:      # "Ruth Hale's spokesman"
                while i > 0 and tokens[i - 1].capital and text[tokens[i - 1].end:tokens[i].start] == " " \
                        and tokens[i - 1].low not in _OPENERS:
                    i -= 1
            # "a spokesperson for Hamas", "a senior official in the mayor's office"
            while i >= 2 and tokens[i - 1].low in _NP_PREPOSITIONS:
                k = next((k for k in range(i - 2, max(-1, i - 6), -1) if tokens[k].low in DETERMINERS), None)
                if k is None or not _STOPS_COMMA.isdisjoint(text[tokens[k].start:tokens[i].start]):
                    break
                i = k
            return text[tokens[i].start:tokens[head_end - 1].end], tokens[i].start
    last = tokens[head_end - 1] if head_end else None
    if last is not None and last.low in ROLE_NOUNS and last.low.endswith("s"):
        return last.text, last.start        # a bare plural: "residents complain", "officials said"
    return None


def _phrase_after(text: str, tokens: list[Token], how: str, verb: str) -> Attribution | None:
    """The speaker written after an inverted verb: 'said Blinken', 'explains analyst X'."""
    while tokens and tokens[0].low in ("out", "up", "on", "back"):
        tokens = tokens[1:]         # the rest of a phrasal verb: "points out Paredes"
    if not tokens:
        return None
    chunk = tokens[:_MAX_SUBJECT_WORDS]
    for i in range(1, len(chunk)):
        if "," in text[chunk[i - 1].end:chunk[i].start]:
            rest = chunk[i:]
            for k in range(1, len(rest)):
                if "," in text[rest[k - 1].end:rest[k].start]:
                    rest = rest[:k]
                    break
            chunk = chunk[:i]
            # "said the mayor, Jane Doe" / "said Smith's lawyer, Tom Brown": the name is the speaker
            if (chunk[0].low in DETERMINERS or chunk[0].text.endswith(("'s", "’s"))) and _name_like(rest):
                chunk = rest
            break
    if chunk[0].text.endswith(("'s", "’s")):
        return Attribution(text[chunk[0].start:chunk[-1].end], chunk[0].start, how, verb)
    i = 0
    if chunk[0].low in ("to",) and len(chunk) > 1:
        # "told Reuters" or "explains to Trade analyst Roberto Heimovits": the speaker is a
        # name further on; the outlet right after "to" is not.
        i = 1
        while i < len(chunk) and chunk[i].capital:
            i += 1
        while i < len(chunk) and not chunk[i].capital and chunk[i].low not in DETERMINERS:
            i += 1
        if i >= len(chunk):
            return None
    k = i
    while k < min(len(chunk), i + 3) and not chunk[k].capital and chunk[k].low not in DETERMINERS \
            and chunk[k].low not in _PREPOSITIONS and chunk[k].low not in PRONOUN_GENDER:
        k += 1
    if i < k < len(chunk) and chunk[k].capital and chunk[k].low not in _OPENERS:
        i = k       # "said shop steward Rosa Lind": a role in lower case before the name
    first = chunk[i]
    if first.low in PRONOUN_GENDER:
        return Attribution(first.text, first.start, how, verb)
    if first.low in DETERMINERS:
        end = i
        while end + 1 < len(chunk) and chunk[end + 1].low not in _PREPOSITIONS | _RELATIVE:
            end += 1
        return Attribution(text[first.start:chunk[end].end], first.start, how, verb)
    while i < len(chunk) and not chunk[i].capital and chunk[i].low in TITLES:
        i += 1
    if i < len(chunk) and chunk[i].capital:
        end = i
        while end + 1 < len(chunk) and _in_name(text, chunk[end], chunk[end + 1]):
            end += 1
        if chunk[end].text.endswith(("'s", "’s")):    # "said Ruth Hale's spokesman"
            while end + 1 < len(chunk) and chunk[end + 1].low not in _PREPOSITIONS | _RELATIVE:
                end += 1
            return Attribution(text[chunk[i].start:chunk[end].end], chunk[i].start, how, verb)
        k = end + 1
        while k < len(chunk) and not chunk[k].capital and (chunk[k].low in TITLES or chunk[k].low in ROLE_NOUNS):
            k += 1
        if k > end + 1 and k < len(chunk) and chunk[k].capital:
            # "said Pentagon spokesman John Kirby": the body, its role word, then the person
            i = end = k
            while end + 1 < len(chunk) and _in_name(text, chunk[end], chunk[end + 1]):
                end += 1
        return Attribution(text[chunk[i].start:chunk[end].end], chunk[i].start, how, verb)
    return None


def _verb_at(tokens: list[Token], i: int) -> bool:
    """A speech verb used as a verb: not "to explain", "the answer", "Vandeleur's question"."""
    t = tokens[i]
    if t.capital or t.low not in SPEECH_FORMS:
        return False        # not a speech verb; capitalised, the same word is a name ("the Nordic Post")
    return not (i and _not_a_verb_after(tokens[i - 1])) \
        and not (i > 1 and _plural_noun_after(tokens[i - 2], tokens[i - 1], t))


def _plural_noun_after(before: Token, prev: Token, word: Token) -> bool:
    """A form in -s that is a plural noun here: "Trump's repeated comments", "the many
    statements" (a possessive or determiner, then a modifier) or "leaders of US states"
    (a preposition, then a name)."""
    if not word.low.endswith("s") or word.low.endswith("ss"):
        return False
    if not prev.capital:
        return _not_a_verb_after(before) and before.low not in _PASSIVE and is_modifier(prev.low)
    return before.low in _NP_PREPOSITIONS


def _not_a_verb_after(prev: Token) -> bool:
    """'to explain', 'the answer', 'Vandeleur's question', 'Residents were told': no speaker
    before the verb."""
    return prev.low in DETERMINERS or prev.low in _PASSIVE or prev.text.endswith(("'s", "’s"))


def _in_relative_clause(tokens: list[Token], i: int) -> bool:
    """'the photo-op, which Mayor Bloomberg said made him furious: “…”': not who speaks next."""
    for k in range(i - 1, max(-1, i - 9), -1):
        if tokens[k].low == "which" and k + 1 < i and tokens[k + 1].capital:
            return True
    return False


def _relative_subject(text: str, tokens: list[Token], i: int) -> tuple[str, int] | None:
    """'… get back to Brannock, who noted, “…”': the person before "who"."""
    if i < 2 or tokens[i - 1].low != "who" or "," not in text[tokens[i - 2].end:tokens[i - 1].start]:
        return None
    k = i - 2
    if not tokens[k].capital:
        return None
    while k > 0 and _in_name(text, tokens[k - 1], tokens[k]) and tokens[k - 1].low not in _OPENERS:
        k -= 1
    return text[tokens[k].start:tokens[i - 2].end], tokens[k].start


def _participle_subject(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """'… he bristled before replying: “…”': the pronoun that is the main clause's subject."""
    if not (tokens[i].low.endswith("ing") and i and tokens[i - 1].low in ("before", "after", "while", "when")):
        return None
    for k in range(i - 2, max(-1, i - 12), -1):
        if tokens[k].low in ("he", "she", "they"):
            return tokens[k].text, tokens[k].start
    return None


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the quote closing just before ``end`` ends with . ! or ?"""
    i = end - 1
    while i > 0 and (text[i] in _CLOSERS or text[i].isspace()):
        i -= 1
    return text[i] in ".!?…"


def _in_name(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return gap == " " and (a.capital or a.low == "and") and (b.capital or b.low == "and")


def _clause_end(text: str, pos: int, limit: int, stop_at_marks: bool = True) -> int:
    pattern = _CLAUSE_END if stop_at_marks else _SENTENCE_END
    # Bounded like sentence_start: a text without full stops (a hostile file, a transcript
    # without punctuation) would otherwise be scanned to its end once per quote.
    limit = min(limit, pos + _CLAUSE_SPAN)
    for m in pattern.finditer(text, pos, limit):
        if not (m.group() == "." and _is_abbreviation(text, m.start())):
            return m.start()
    return limit


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial ("Dr.", "J.")."""
    word = _LAST_WORD.search(text, max(0, dot - 12), dot)
    return bool(word) and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1
                           or "." in word.group(1))


def sentence_start(text: str, floor: int, pos: int) -> int:
    """Start of the sentence holding ``pos``, not before ``floor``."""
    floor = best = max(floor, pos - 600)    # a sentence longer than this is not a lead-in
    for m in _SENTENCE_BREAK.finditer(text, floor, pos):
        if m.group()[0] == "." and _is_abbreviation(text, m.start()):
            continue
        best = m.end()
    return best
