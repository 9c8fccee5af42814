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
import re

from .attribution import Attribution, after_quote, before_quote, in_sentence, sentence_start, subject_before
from .lexicon import DETERMINERS, NAMING_VERBS, NAMING_WORDS, SPEECH_FORMS, STRONG_FORMS
from .marks import QuotedSpan, find_quoted_spans, paragraphs
from .people import People, Person, tokenize
from .proposal import Proposal, as_known, match_known
from .speakers import SpeakerResolver

_BASE_CONFIDENCE = {"after": 0.92, "before": 0.9, "label": 0.85, "sentence": 0.72, "context": 0.6, "lead": 0.5,
                    "none": 0.35}
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s+[A-Z“‘\"])\s+")
_LOOK_BACK = 600    # characters read before a quote for its lead-in; bounds work in long paragraphs
_POSSESSIVE_PRONOUNS = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she"}
_MAX_INTRO_WORDS = 8   # how far into a sentence its speech verb may come ("Heimovits explains")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|us|[Mm]y|me)\b")
_SHORT = 3          # a quote of at most this many words needs a speaker in its sentence


class _Extractor:
    def __init__(self, text: str, known_speakers=None):
        self.text = text
        self.known = as_known(known_speakers)
        self.paras = paragraphs(text)
        self._para_starts = [s for s, _ in self.paras]
        self.spans = find_quoted_spans(text, self._attribution_starts)
        self.people = People(text, [(s.outer_start, s.outer_end) for s in self.spans])
        self.speakers = SpeakerResolver(text, self.people, self._para)

    def _para(self, pos: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self._para_starts, pos) - 1)
        return self.paras[i] if self.paras else (0, len(self.text))

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
            kind = "partial" if self._woven(span) else "direct"
            if self._not_spoken(span, attr, words):
                continue
            how = attr.how if attr else "none"
            speaker, person, phrase = None, None, ""
            if attr is not None:
                speaker, person = self.speakers.resolve(attr, last_person)
                phrase = attr.phrase
            elif last is not None and (self._continues(last[1], span) or self._same_paragraph(last[1], span)):
                speaker, person, how = last[0].speaker, last_person, "context"
            elif (lead := self._sentence_before(span, ps)) is not None:
                person, how = lead, "lead"
                speaker = person.name
            elif (said := self._said_in_previous_paragraph(span)) is not None:
                (speaker, person), how = self.speakers.resolve(said, last_person), "lead"
            if span.open_at is None and person is not None:
                self._skip_narration(span, person)
            proposal = Proposal(self.text[span.start:span.end], span.start, span.end, speaker,
                                self._confidence(how, span, speaker, words), kind, phrase)
            if person is not None:
                proposal.aliases = [a for a in person.aliases if a != speaker]
                last_person = person
            self._match_library(proposal, person)
            out.append(proposal)
            last = (proposal, span)
            self.speakers.last_speaker = proposal.speaker
        return out

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
        if span.open_at is None and span.start == self._para(span.start)[0]:
            found = self._lead_in_paragraph(span.start)
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
        return self._speech_verb_in(last, e)

    def _lead_in_paragraph(self, pos: int) -> Attribution | None:
        """A paragraph ending 'Blinken said:' introduces the quote that follows it."""
        i = bisect.bisect_right(self._para_starts, pos) - 1
        if i <= 0:
            return None
        s, e = self.paras[i - 1]
        return before_quote(self.text, s, e) if self.text[s:e].rstrip().endswith(":") else None

    def _continues(self, prev: QuotedSpan, span: QuotedSpan) -> bool:
        """A quote alone at the start of the next paragraph carries on the last speaker."""
        ps, _ = self._para(span.outer_start)
        prev_para = bisect.bisect_right(self._para_starts, prev.outer_start) - 1
        this_para = bisect.bisect_right(self._para_starts, span.outer_start) - 1
        return this_para - prev_para <= 1 and not self.text[ps:span.outer_start].strip()

    def _sentence_before(self, span: QuotedSpan, ps: int) -> Person | None:
        """The person the sentence just before a quote is about ("Eide was unmoved. “…”",
        "Her message was blunt: “…”"), when the quote has no attribution of its own."""
        lead = self.text[max(ps, span.outer_start - _LOOK_BACK):span.outer_start].rstrip()
        if not lead or lead[-1] not in ".:":
            return None
        start = sentence_start(self.text, max(ps, span.outer_start - _LOOK_BACK), span.outer_start - 1)
        named = self.people.mentions_between(start, span.outer_start)
        if named and self.people.is_subject(named[0][0]):
            return named[0][2]
        first = tokenize(self.text, start, span.outer_start)[:1]
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

    def _woven(self, span: QuotedSpan) -> bool:
        """Whether the quote sits inside the reporter's sentence ("spoke about “…”")."""
        lead = self.text[max(self._para(span.outer_start)[0], span.outer_start - _LOOK_BACK):span.outer_start]
        return bool(lead.strip()) and lead[-1] == " " and lead.rstrip()[-1].isalnum()

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
        title_case = _is_title_case(self.text[span.start:span.end])
        if any(t.low in NAMING_VERBS for t in before):
            return attr is None or attr.how != "after"          # the so-called “reset”, dubbed “Blue Line”
        if any(t.low in NAMING_WORDS for t in before) or before and before[-1].low == "called" \
                and attr is not None and attr.how == "sentence":
            # the film “Past Lives” is a title; called the show “the best we ever made” is a quote
            return attr is None or title_case and attr.how != "after"
        if attr is None and span.open_at is None and span.label is None and words < 8 \
                and not _FIRST_PERSON.search(self.text, span.start, span.end):
            return True     # a stray closing mark after a few words of narration
        if attr is None:
            after_colon = self.text[max(0, span.outer_start - 3):span.outer_start].rstrip().endswith(":")
            return words <= _SHORT and not after_colon or title_case
        if attr.how == "sentence" and title_case and words <= 6:
            return True
        return False

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


def _first_sentence_end(text: str, start: int, end: int) -> int:
    m = _SENTENCE_BREAK.search(text, start, end)
    return m.start() if m else end


def _is_title_case(quote: str) -> bool:
    """'The Art of the Deal', 'Washington Declaration': a name, not a sentence."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", quote)]
    if not words or len(words) > 10 or quote.rstrip()[-1:] in ".!?":
        return False
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with"}
    return words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in small for w in words)


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
    return _Extractor(text, known_speakers).run()


def guess_speaker(text: str, start: int, end: int) -> str | None:
    """Who ``text`` attributes the words at [start, end) to, or None if it does not say."""
    if not 0 <= start < end <= len(text):
        return None
    ex = _Extractor(text)
    best, best_overlap = None, 0
    for p in ex.run():
        overlap = min(end, p.end) - max(start, p.start)
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    if best is not None and best_overlap * 2 >= min(end - start, best.end - best.start):
        return best.speaker
    # Not a span the extractor found (unmarked, or only part of one): read its sentence.
    ps, pe = ex._para(start)
    while end < pe and ex.text[end] in "\"”’»,":
        end += 1
    attr = after_quote(text, end, pe) or before_quote(text, ps, start) or in_sentence(text, ps, start, end, pe)
    if attr is None:
        return None
    return ex.speakers.resolve(attr, None)[0]



