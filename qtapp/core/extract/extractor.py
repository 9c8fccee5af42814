"""Finding every direct quotation in a text and who said it.

::

    for p in extract_quotes(article_text):
        print(p.speaker, p.confidence, p.quote)

Quoted spans come from :mod:`.marks`, their attribution from :mod:`.attribution`, and the
names behind surnames, titles and pronouns from :mod:`.people`. Scare quotes ("the so-called
“reset”") and titles of works are left out: a short phrase in marks counts only when the
sentence gives it a speaker.
"""

from __future__ import annotations

import bisect
import gc
import re
from contextlib import contextmanager
from functools import lru_cache, partial

from .attribution import Attribution, after_quote, before_quote, in_sentence, sentence_start, subject_before
from .evidence import Evidence, attribute, provenance_in, resolution
from .lexicon import DETERMINERS, NAMING_VERBS, NAMING_WORDS, ROLE_NOUNS, SPEECH_FORMS, STRONG_FORMS
from .marks import QuotedSpan, find_quoted_spans, paragraphs
from .people import People, Person, forget_words, tokenize
from .proposal import Proposal, as_known, match_known
from .speakers import SpeakerResolver
from .turns import Turns

_BASE_CONFIDENCE = {"after": 0.92, "before": 0.9, "label": 0.85, "sentence": 0.72, "context": 0.6, "lead": 0.5,
                    "none": 0.35}
_REPEAT_CANDIDATES = 8     # earlier quotes compared with a headline or pull quote, at most
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s+[A-Z“‘\"])\s+")
_LOOK_BACK = 600    # characters read before a quote for its lead-in; bounds work in long paragraphs
_POSSESSIVE_PRONOUNS = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she"}
_MAX_INTRO_WORDS = 8   # how far into a sentence its speech verb may come ("Heimovits explains")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|us|[Mm]y|me)\b")
_ASKED = re.compile(r"(?:and |but )?(?:asked|pressed|questioned|when asked|in response to|responding to)\b")
_ASIDE = 160        # a paragraph of narration this short may stand inside one speaker's quotes
_SHORT = 3          # a quote of at most this many words needs a speaker in its sentence
_SMALL_WORDS = frozenset("of the a an and in on for to at by with".split())   # lower case in a title


class _Extractor:
    def __init__(self, text: str, known_speakers=None):
        self.text = text
        self.known = as_known(known_speakers)
        self.paras = paragraphs(text)
        self._para_starts = [s for s, _ in self.paras]
        # Not a bound method: the resolver keeps it, and a cycle back to the extractor would
        # leave all it read for the cyclic collector to find.
        self._para = partial(_paragraph_at, text, self.paras, self._para_starts)
        self.turns = Turns(text, self.paras)
        self.spans = find_quoted_spans(text, self._attribution_starts, self.turns.by_para, self.paras)
        self.people = People(text, [(s.outer_start, s.outer_end) for s in self.spans])
        self.speakers = SpeakerResolver(text, self.people, self._para)

    def _attribution_starts(self, pos: int) -> bool:
        found = after_quote(self.text, pos, self._para(pos)[1])
        return found is not None and found.verb in STRONG_FORMS

    # -- the pass over all spans ----------------------------------------------------------

    def run(self) -> list[Proposal]:
        out: list[Proposal] = []
        last_person: Person | None = None
        last: tuple[Proposal, QuotedSpan] | None = None
        for k, span in enumerate(self.spans):
            ps, pe = self._para(span.outer_start)[0], self._para(max(span.outer_start, span.outer_end - 1))[1]
            prev_end = self.spans[k - 1].outer_end if k and self.spans[k - 1].outer_end > ps else ps
            attr = self._attribution(span, ps, pe, prev_end)
            words = len(tokenize(self.text, span.start, span.end))
            kind = "partial" if self._woven(span, ps) else "direct"
            if self._not_spoken(span, attr, words):
                continue
            how = attr.how if attr else "none"
            speaker, person, evidence = None, None, Evidence(None, "none")
            if span.label is not None:
                speaker = self.turns.speaker(span.label, self.people.find)
                person = self.people.find(speaker) if speaker else None
                evidence = self._label_evidence(span, speaker, ps)
            elif attr is not None:
                speaker, person = self.speakers.resolve(attr, last_person)
                evidence = Evidence(speaker, resolution(attr.phrase, speaker, attr.is_pronoun), attr.verb,
                                    attr.phrase, (attr.start, attr.start + len(attr.phrase)),
                                    self._provenance(span, ps, pe, speaker))
            elif last is not None and (self._continues(last[1], span) or self._same_paragraph(last[1], span)):
                speaker, person, how = last[0].speaker, last_person, "context"
                evidence = self._carried_on(last[0])
            elif (lead := self._sentence_before(span, ps, last_person)) is not None:
                person, how = lead, "lead"
                speaker = person.name
                evidence = Evidence(speaker, "lead")
            elif (said := self._said_in_previous_paragraph(span)) is not None:
                (speaker, person), how = self.speakers.resolve(said, last_person), "lead"
                evidence = Evidence(speaker, "lead", said.verb, said.phrase,
                                    (said.start, said.start + len(said.phrase)))
                if person is not None and last is not None and self._speaks_of(span, person):
                    # "She told him that …" then “Her words were …”: the words are not hers
                    speaker, person, how = last[0].speaker, last_person, "context"
                    evidence = self._carried_on(last[0])
            if span.open_at is None and person is not None:
                self._skip_narration(span, person)
            proposal = Proposal(self.text[span.start:span.end], span.start, span.end, speaker,
                                self._confidence(how, span, speaker, words), kind)
            proposal.evidence = evidence
            if person is not None:
                proposal.aliases = [a for a in person.aliases if a != speaker]
                last_person = person
            self._match_library(proposal, person)
            evidence.speaker = proposal.speaker
            out.append(proposal)
            last = (proposal, span)
            self.speakers.last_speaker = proposal.speaker
        _speakers_of_repeated_words(out, self.paras[0][1] if len(self.paras) > 1 else 0)
        return out

    def _label_evidence(self, span: QuotedSpan, speaker: str | None, ps: int) -> Evidence:
        if span.continued:
            return Evidence(speaker, "continuation", "label")
        at = self.text.find(span.label, ps, span.start)
        return Evidence(speaker, "label", "label", span.label, (at, at + len(span.label)) if at >= 0 else None)

    @staticmethod
    def _carried_on(before: Proposal) -> Evidence:
        """A quote that carries on the one before: its speaker, and the outlet it came through."""
        earlier = before.evidence
        return Evidence(before.speaker, "continuation", provenance=earlier.provenance if earlier else None)

    def _provenance(self, span: QuotedSpan, ps: int, pe: int, speaker: str | None) -> str | None:
        """'told BBC Radio Foyle', 'according to Reuters' in the quote's own sentence."""
        lead = sentence_start(self.text, ps, span.outer_start)
        after = _SENTENCE_END.search(self.text, span.outer_end, min(pe, span.outer_end + _LOOK_BACK))
        return provenance_in(self.text, lead, span.outer_start, speaker) or provenance_in(
            self.text, span.outer_end, after.start() if after else min(pe, span.outer_end + 300), speaker)

    def _attribution(self, span: QuotedSpan, ps: int, pe: int, prev_end: int) -> Attribution | None:
        text = self.text
        if span.label is not None:
            return Attribution(span.label, ps, "label")
        if span.close_at is not None or span.attribution_at is not None:
            found = after_quote(text, span.attribution_at or span.outer_end, pe)
            if found is not None and not (found.verb.endswith("ing") and found.how == "after"
                                          and text[span.outer_end:found.start].strip(" ,") == found.verb):
                return found
        found = before_quote(text, prev_end, span.outer_start)
        if found is not None:
            return found
        if span.outer_start == self._para(span.outer_start)[0]:
            found = self._lead_in_paragraph(span.outer_start)
            if found is not None:
                return found
        found = in_sentence(text, prev_end, span.outer_start, span.outer_end, pe)
        if found is None and span.open_at is None:
            found = self._speech_verb_in(span.start, min(span.end, _first_sentence_end(text, span.start, span.end)))
        return found

    def _speech_verb_in(self, start: int, end: int) -> Attribution | None:
        """'Heimovits explains that …' opening a passage that lost its opening mark, or ending
        the paragraph before a quote: the subject of its first speech verb, when it is a name."""
        tokens = tokenize(self.text, start, end)
        for i, t in enumerate(tokens[:_MAX_INTRO_WORDS]):
            if t.low in SPEECH_FORMS and not t.capital and i and tokens[i - 1].low not in DETERMINERS:
                found = subject_before(self.text, tokens[:i], t)
                if found is not None and found[0][:1].isupper() and found[0].split()[0].lower() != "the":
                    return Attribution(found[0], found[1], "sentence", t.low)
                return None
        return None

    def _said_in_previous_paragraph(self, span: QuotedSpan) -> Attribution | None:
        """A quote opening its paragraph after 'The analyst explained to this newspaper that …'."""
        ps, _ = self._para(span.outer_start)
        i = bisect.bisect_right(self._para_starts, ps) - 1
        if i <= 0 or self.text[ps:span.outer_start].strip():
            return None
        s, e = self.paras[i - 1]
        last = sentence_start(self.text, s, e - 1)
        if self.people.is_quoted(last) or self.people.is_quoted(e - 1):
            return None         # the paragraph before ends in a quotation, not in narration
        return self._speech_verb_in(last, e) or self._described_speaker(last, e)

    def _speaks_of(self, span: QuotedSpan, person: Person) -> bool:
        """Whether the quote's first sentence speaks of ``person`` in the third person."""
        pronouns = {"male": {"he", "his", "him"}, "female": {"she", "her", "hers"}}.get(person.gender or "", set())
        end = _first_sentence_end(self.text, span.start, span.end)
        return any(t.low in pronouns for t in tokenize(self.text, span.start, end))

    def _described_speaker(self, start: int, end: int) -> Attribution | None:
        """'The mother of a girl attacked on Monday … has spoken out.': a sentence whose
        subject is a description with a role noun, and whose verb is a speech verb."""
        tokens = tokenize(self.text, start, end)
        if len(tokens) < 3 or tokens[0].low not in DETERMINERS:
            return None
        head = 1
        while head < min(len(tokens), 5) and tokens[head].low not in ("of", "who", "whose") \
                and "," not in self.text[tokens[head - 1].end:tokens[head].start]:
            head += 1
        if tokens[head - 1].low not in ROLE_NOUNS:
            return None
        if not any(t.low in SPEECH_FORMS and not t.capital for t in tokens[head:40]):
            return None
        return Attribution(self.text[tokens[0].start:tokens[head - 1].end], tokens[0].start, "sentence", "")

    def _lead_in_paragraph(self, pos: int) -> Attribution | None:
        """A paragraph ending 'Blinken said:' or 'Bailleul notes,' introduces the quote that
        follows it."""
        i = bisect.bisect_right(self._para_starts, pos) - 1
        if i <= 0:
            return None
        s, e = self.paras[i - 1]
        ending = self.text[s:e].rstrip()[-1:]
        if ending == "," and not any(t.low in SPEECH_FORMS for t in tokenize(self.text, s, e)[-3:]):
            return None
        return before_quote(self.text, s, e) if ending in (":", ",") else None

    def _continues(self, prev: QuotedSpan, span: QuotedSpan) -> bool:
        """A quote at the start of the next paragraph carries on the last speaker; so does one
        after a short paragraph of narration that names nobody ("She was concussed.")."""
        ps, _ = self._para(span.outer_start)
        prev_para = bisect.bisect_right(self._para_starts, prev.outer_start) - 1
        this_para = bisect.bisect_right(self._para_starts, span.outer_start) - 1
        if self.text[ps:span.outer_start].strip():
            return False
        if this_para - prev_para <= 1:
            return True
        if this_para - prev_para > 2:
            return False
        gs, ge = self.paras[this_para - 1]
        return ge - gs < _ASIDE and not self.people.mentions_between(gs, ge) \
            and not any(t.low in SPEECH_FORMS for t in tokenize(self.text, gs, ge))

    def _sentence_before(self, span: QuotedSpan, ps: int, last_person: Person | None) -> Person | None:
        """The person the sentence just before a quote is about ("Eide was unmoved. “…”",
        "Her message was blunt: “…”"), when the quote has no attribution of its own; after
        "Asked about …:" or "In response to a question …:", the person answering questions."""
        lead = self.text[max(ps, span.outer_start - _LOOK_BACK):span.outer_start].rstrip()
        if not lead or lead[-1] not in ".:":
            return None
        start = sentence_start(self.text, max(ps, span.outer_start - _LOOK_BACK), span.outer_start - 1)
        tokens = tokenize(self.text, start, span.outer_start)
        opening = " ".join(t.low for t in tokens[:4])
        if lead[-1] == ":" and _ASKED.match(opening):
            return last_person
        named = self.people.mentions_between(start, span.outer_start)
        if named and self.people.is_subject(named[0][0]) \
                and sum(t.start < named[0][0] for t in tokens[:4]) <= 2:
            return named[0][2]      # the subject: "Eide was unmoved.", "Coach Eide was blunt:"
        first = tokens[:1]
        if first and first[0].low in _POSSESSIVE_PRONOUNS:
            return self.people.antecedent(_POSSESSIVE_PRONOUNS[first[0].low], start)
        return None

    def _skip_narration(self, span: QuotedSpan, person: Person) -> None:
        """A quote that lost its opening mark does not begin with sentences naming its own
        speaker ("For economist Ana Ruiz, the debate is misplaced. The problem is …”)."""
        names = {w for w in person.tokens if len(w) > 2}
        while True:
            m = _SENTENCE_BREAK.search(self.text, span.start, span.end)
            if m is None:
                return
            words = {t.low for t in tokenize(self.text, span.start, m.start())}
            if not words & names:
                return
            span.start = m.end()

    def _woven(self, span: QuotedSpan, ps: int) -> bool:
        """Whether the quote sits inside the reporter's sentence ("spoke about “…”"): a space
        before its opening, and a letter or digit before that space (``ps``: its paragraph's start)."""
        text, at = self.text, span.outer_start
        lo = max(ps, at - _LOOK_BACK)
        if at <= lo or text[at - 1] != " ":
            return False
        i = at - 2
        while i >= lo and text[i].isspace():
            i -= 1
        return i >= lo and text[i].isalnum()

    def _same_paragraph(self, prev: QuotedSpan, span: QuotedSpan) -> bool:
        """A second quote in the paragraph of an attributed one, with no other name between."""
        ps, _ = self._para(span.outer_start)
        if prev.outer_end < ps:
            return False
        between = self.text[prev.outer_end:span.outer_start]
        last_speaker = self.speakers.last_speaker
        speaker = self.people.find(last_speaker) if last_speaker else None
        return len(between) < 200 and not any(
            m[2] is not speaker for m in self.people.mentions_between(prev.outer_end, span.outer_start))

    def _not_spoken(self, span: QuotedSpan, attr: Attribution | None, words: int) -> bool:
        """Scare quotes, names and titles of works: marks that do not quote anyone."""
        before = tokenize(self.text, max(0, span.outer_start - 40), span.outer_start)[-2:]
        naming = before[-1:] if not before or before[-1].low != "as" else before[-2:-1]
        if any(t.low in NAMING_VERBS for t in naming):
            return attr is None or attr.how != "after"          # the so-called “reset”, dubbed “Blue Line”
        if any(t.low in NAMING_WORDS for t in before) or (before and before[-1].low == "called"
                and attr is not None and attr.how == "sentence"):
            # the film “Past Lives” is a title; called the show “the best we ever made” is a quote
            return attr is None or (attr.how != "after" and _is_title_case(self.text, span.start, span.end))
        if attr is None and span.open_at is None and span.label is None and words < 8 \
                and not _FIRST_PERSON.search(self.text, span.start, span.end):
            return True     # a stray closing mark after a few words of narration
        if attr is None:
            after_colon = self.text[max(0, span.outer_start - 3):span.outer_start].rstrip().endswith(":")
            return (words <= _SHORT and not after_colon) or _is_title_case(self.text, span.start, span.end)
        return attr.how == "sentence" and words <= 6 and _is_title_case(self.text, span.start, span.end)

    def _match_library(self, proposal: Proposal, person: Person | None) -> None:
        if not self.known or not proposal.speaker:
            return
        names = [proposal.speaker, *(person.aliases if person else ())]
        hit = match_known(self.known, names)
        if hit is not None:
            proposal.speaker, proposal.speaker_id = hit.name, hit.id
            proposal.aliases = [a for a in proposal.aliases
                                if a.lower() not in {f.lower() for f in hit.forms()}]

    @staticmethod
    def _confidence(how: str, span: QuotedSpan, speaker: str | None, words: int) -> float:
        c = _BASE_CONFIDENCE[how]
        if span.open_at is None and span.label is None:
            c *= 0.85
        if span.close_at is None and span.label is None:
            c *= 0.8
        if speaker is None:
            c *= 0.8
        if words <= _SHORT:
            c *= 0.85
        return round(min(c, 0.99), 2)


def _paragraph_at(text: str, paras: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int]:
    """The (start, end) of the paragraph holding ``pos``."""
    i = max(0, bisect.bisect_right(starts, pos) - 1)
    return paras[i] if paras else (0, len(text))


def _words(quote: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(quote.lower()))


def _speakers_of_repeated_words(proposals: list[Proposal], headline_end: int) -> None:
    """A pull quote without attribution, or a quote in the headline (before ``headline_end``),
    repeats words quoted elsewhere with a speaker ("It’s ‘one for the history books’"): it
    takes that speaker. Candidates are found by their first three words, so the pass stays
    linear."""
    needy = [(p, _words(p.quote)) for p in proposals if not p.speaker or p.start < headline_end]
    needy = [(p, words) for p, words in needy if len(words) >= 3]
    if not needy:
        return
    wanted = {words[:3] for _, words in needy}
    by_trigram: dict[tuple[str, ...], list[tuple[Proposal, str]]] = {}
    for p in proposals:
        if p.speaker:
            words = _words(p.quote)
            for i in range(len(words) - 2):
                hits = by_trigram.setdefault(words[i:i + 3], []) if words[i:i + 3] in wanted else None
                if hits is not None and len(hits) < _REPEAT_CANDIDATES:
                    hits.append((p, " ".join(words)))
    for p, words in needy:
        joined = " ".join(words)
        source = next((q for q, text in by_trigram.get(words[:3], ()) if joined in text and q is not p), None)
        if source is not None:
            p.speaker, p.speaker_id, p.aliases = source.speaker, source.speaker_id, source.aliases
            earlier = source.evidence
            p.evidence = Evidence(source.speaker, "repeat", earlier.cue, earlier.mention, earlier.mention_span,
                                  earlier.provenance) if earlier else Evidence(source.speaker, "repeat")


def _first_sentence_end(text: str, start: int, end: int) -> int:
    m = _SENTENCE_BREAK.search(text, start, end)
    return m.start() if m else end


def _is_title_case(text: str, start: int, end: int) -> bool:
    """'The Art of the Deal', 'Washington Declaration' at text[start:end]: a name of at most
    ten words, not a sentence."""
    last = end - 1
    while last >= start and text[last].isspace():
        last -= 1
    if last < start or text[last] in ".!?":
        return False    # the cheap test first: most quotes are sentences
    count = 0
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        if count == 10 or not (word[0].isupper() or (count and word.lower() in _SMALL_WORDS)):
            return False
        count += 1
    return count > 0


def extract_quotes(text: str, known_speakers=None) -> list[Proposal]:
    """Propose every direct quotation in ``text`` with its speaker and a confidence (0–1).

    :param text: an article, transcript or notes, as plain text.
    :param known_speakers: speakers already in the library, matched by name and alias:
        :class:`KnownSpeaker` objects (see :func:`known_speakers_of`), plain names, or
        ``(id, name, aliases)`` tuples.
    :returns: proposals in text order; ``text[p.start:p.end] == p.quote``.
    """
    if not text or not text.strip():
        return []
    with _collector_paused():
        try:
            return _Extractor(text, known_speakers).run()
        finally:
            # Freed now, the words are not scanned by the collector's first pass after the
            # pause, which scans every object made meanwhile that is still alive.
            forget_words(text)


def guess_speaker(text: str, start: int, end: int) -> str | None:
    """Who ``text`` attributes the words at [start, end) to, or None if it does not say."""
    evidence = attribute(text, start, end)
    return evidence.speaker if evidence is not None else None


def read_span(text: str, start: int, end: int) -> Evidence | None:
    """The evidence for the words at [start, end) of ``text`` (see :func:`.evidence.attribute`,
    which calls this on a window of a longer text)."""
    ex, proposals = _read(text)
    best, best_overlap = None, 0
    for p in proposals[bisect.bisect_left([p.end for p in proposals], start):]:
        if p.start >= end:
            break
        overlap = min(end, p.end) - max(start, p.start)
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    if best is not None and best_overlap * 2 >= min(end - start, best.end - best.start):
        return best.evidence
    # Not a span the extractor found (unmarked, or only part of one): read its sentence.
    ps, pe = ex._para(start)
    while end < pe and ex.text[end] in "\"”’»,":
        end += 1
    attr = after_quote(text, end, pe) or before_quote(text, ps, start) or in_sentence(text, ps, start, end, pe)
    if attr is None:
        return None
    speaker = ex.speakers.resolve(attr, None)[0]
    return Evidence(speaker, resolution(attr.phrase, speaker, attr.is_pronoun), attr.verb, attr.phrase,
                    (attr.start, attr.start + len(attr.phrase)),
                    provenance_in(text, sentence_start(text, ps, start), min(pe, end + 300), speaker))


@lru_cache(maxsize=32)
def _read(text: str) -> tuple[_Extractor, list[Proposal]]:
    """One reading per text: checking many quotes of one source reads it once."""
    with _collector_paused():
        ex = _Extractor(text)
        return ex, ex.run()


@contextmanager
def _collector_paused():
    """Extraction makes tens of thousands of small objects (a token per word; a span, a
    proposal and its evidence per quote) that live until it returns and that no reference
    cycle needs the cyclic collector to free. Left running, the collector scans them again
    as they pile up: a fifth of the time on a 1 MB transcript, and a share that grows faster
    than the text. It is paused while one extraction runs and restored as it was; anything it
    would have freed meanwhile is freed at its next run."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
