"""Did this person say it? Read who the source gives the words to, and compare.

News style names the speaker next to the quote: ``“…,” Blinken said``, ``said the minister``,
``Park said``, ``he warns``, ``Vidal disagreed: “…”``, or a transcript's ``KIM:`` label.
:func:`attribution_phrase` finds that phrase; :func:`judge` compares it with the speaker's
name, aliases, name parts (a surname alone) and role titles, and follows a pronoun back to
the person last named before the quote::

    phrase = attribution_phrase(text, start, end)      # Phrase('Park', (812, 816), 'after')
    verdict = judge(phrase, text, start, end, names, resolve)
    verdict.status   # 'attributed', 'other' (the source gives the words to someone else) or 'unknown'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_VERBS = r"""said|says|say|told|tells|tell|explained|explains|added|adds|warned|warns|stated|states|
declared|declares|noted|notes|insisted|insists|argued|argues|asked|asks|replied|replies|answered|answers|
continued|continues|wrote|writes|recalled|recalls|acknowledged|acknowledges|admitted|admits|claimed|claims|
denounced|denounces|announced|announces|stressed|stresses|emphasized|emphasizes|emphasised|emphasises|
commented|comments|observed|observes|remarked|remarks|confirmed|confirms|denied|denies|urged|urges|
spoke|speaks|called|calls|described|describes|tweeted|tweets|posted|posts|disagreed|disagrees|agreed|agrees|
responded|responds|conceded|concedes|predicted|predicts|suggested|suggests|believes|believed|thinks|thought|
considers|considered|estimated|estimates|assured|assures|promised|promises|cautioned|cautions|pointed\s+out|
points\s+out|went\s+on|according\s+to"""
VERB = re.compile(rf"\b(?:{_VERBS.replace(chr(10), '')})\b", re.IGNORECASE)
_PARTICLE = r"(?:de|del|da|van|von|der|den|bin|al|el|la|le|di|du|dos|das)"
NAME_RUN = re.compile(rf"[A-Z][\w'’.-]*(?:\s+(?:{_PARTICLE}\s+)*[A-Z][\w'’-]*)*")
PRONOUNS = {"he", "she", "they", "him", "her", "his"}
_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
# Words that start a capitalised run without naming anyone, and words too common to be a name.
_NOT_NAMES = set("""the a an in on at of and or but for to from with by as it its this that these those
there here when while after before during since though although however mr mrs ms dr sir madam
i we you they he she his her our their my your said says
monday tuesday wednesday thursday friday saturday sunday january february april july september october
november december""".split())
_LABEL = re.compile(r"^[ \t]*([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})[ \t]*:[ \t]", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?](?=[\"'”’)]*(?:\s|$))|\n")
_CLOSE = " \t\"'“”‘’«»,;—–-"


@dataclass
class Phrase:
    """The words that attribute the quote, where they stand, and how they were found."""

    text: str
    span: tuple[int, int]
    where: str   # 'after', 'before', 'label', 'continued', 'sentence' or 'extract' (the extraction module's)


@dataclass
class SpeakerNames:
    """Everything a source may call a speaker."""

    id: int
    name: str
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

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
    """The phrase that says who spoke the words at ``text[start:end]``, or None."""
    return _after(text, end) or _before(text, start) or _label(text, start) or _continued(text, start)


def _continued(text: str, start: int) -> Phrase | None:
    """A quote that goes on after its attribution: “We will fight,” she said. “And we will win.”"""
    paragraph = text.rfind("\n", 0, start) + 1
    j = start
    while j > paragraph and text[j - 1] in " \t\"'“”‘’«»":
        j -= 1
    between = text[paragraph:j]
    # The nearest closing mark before this quote ends the previous quote of the paragraph.
    close = max(between.rfind("”"), between.rfind('"'), between.rfind("»"))
    if close < 0:
        return None
    phrase = _after(text, paragraph + close)
    if phrase is None or phrase.span[1] > j:
        return None
    # Only when nothing but the attribution stands between the two quotes.
    rest = text[phrase.span[1]:j]
    if len(rest.split()) > 8:
        return None
    return Phrase(phrase.text, phrase.span, "continued")


def _after(text: str, end: int) -> Phrase | None:
    i = end
    while i < len(text) and text[i] in _CLOSE:
        i += 1
    stop = _SENTENCE_END.search(text, i)
    clause_end = stop.start() if stop else len(text)
    clause_end = min(clause_end, i + 300)
    clause = text[i:clause_end]
    verb = VERB.search(clause)
    if verb is None or len(clause[:verb.start()].split()) > 6:
        return None
    if clause[:verb.start()].strip():
        return _subject_before(clause, verb, i, "after")
    return _subject_after(clause, verb, i, "after")


def _before(text: str, start: int) -> Phrase | None:
    j = start
    while j > 0 and text[j - 1] in " \t\"'“”‘’«»":
        j -= 1
    stops = list(_SENTENCE_END.finditer(text, max(0, j - 400), j))
    begin = stops[-1].end() if stops else max(0, j - 400)
    fragment = text[begin:j]
    verbs = list(VERB.finditer(fragment))
    if not verbs:
        return None
    verb = verbs[-1]
    return _subject_before(fragment, verb, begin, "before") or _subject_after(fragment, verb, begin, "before")


def _subject_before(clause: str, verb: re.Match, offset: int, where: str) -> Phrase | None:
    """The speaker named just before the verb: "Blinken said", "he warns", "Blinken and Park spoke"."""
    head = clause[:verb.start()]
    words = list(re.finditer(r"\S+", head))[-8:]
    if not words:
        return None
    window_start = words[0].start()
    window = head[window_start:]
    pronoun = list(_PRONOUN.finditer(window))
    runs = [m for m in NAME_RUN.finditer(window) if _is_name(m.group())]
    if runs:
        # Join "Blinken and Park" into one phrase: both are the subject.
        lo, hi = runs[0].span()
        for m in runs[1:]:
            if re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", window[hi:m.start()]):
                hi = m.end()
            else:
                lo, hi = m.span()
        if not pronoun or pronoun[-1].start() < lo:
            s = offset + window_start
            return Phrase(window[lo:hi], (s + lo, s + hi), where)
    if pronoun:
        p = pronoun[-1]
        s = offset + window_start + p.start()
        return Phrase(p.group(), (s, s + len(p.group())), where)
    described = re.search(r"\b(?:the|a|an)\s+[\w\s'’-]+$", window, re.IGNORECASE)
    if described:
        s = offset + window_start + described.start()
        return Phrase(described.group().strip(), (s, s + len(described.group().strip())), where)
    return None


def _subject_after(clause: str, verb: re.Match, offset: int, where: str) -> Phrase | None:
    """The speaker named after the verb: "said Blinken", "explains analyst Roberto Vidal"."""
    tail_end = len(clause)
    comma = re.search(r"[,;:(]", clause[verb.end():])
    if comma:
        tail_end = verb.end() + comma.start()
    tail = clause[verb.end():tail_end]
    runs = [m for m in NAME_RUN.finditer(tail) if _is_name(m.group())]
    # "told Trade analyst Roberto Vidal on Tuesday": a run after a preposition is whom the words
    # were said to, or when or where; the speaker is the first run that is not.
    subjects = [m for m in runs if not re.search(r"\b(?:to|on|in|at|for|from|with|by|during|of)\s+$",
                                                tail[:m.start()], re.IGNORECASE)]
    if runs:
        m = (subjects or runs)[0]
        s = offset + verb.end() + m.start()
        return Phrase(m.group(), (s, s + len(m.group())), where)
    pronoun = _PRONOUN.search(tail)
    if pronoun:
        s = offset + verb.end() + pronoun.start()
        return Phrase(pronoun.group(), (s, s + len(pronoun.group())), where)
    described = re.match(r"\s*((?:the|a|an)\s+[\w\s'’-]+)", tail, re.IGNORECASE)
    if described:
        # "said the ministry's spokeswoman, Jane Doe": the name in apposition is the speaker.
        apposition = re.match(r",\s*([^,;:.]+)", clause[tail_end:])
        named = [m for m in NAME_RUN.finditer(apposition.group(1)) if _is_name(m.group())] if apposition else []
        if named:
            s = offset + tail_end + apposition.start(1) + named[0].start()
            return Phrase(named[0].group(), (s, s + len(named[0].group())), where)
        s = offset + verb.end() + described.start(1)
        return Phrase(described.group(1).strip(), (s, s + len(described.group(1).strip())), where)
    return None


def _label(text: str, start: int) -> Phrase | None:
    """A transcript's speaker label ("KIM:") at the start of the quote's line."""
    line_start = text.rfind("\n", 0, start) + 1
    m = _LABEL.match(text, line_start)
    if m and m.end() <= start + 1 and _is_name(m.group(1)):
        return Phrase(m.group(1), m.span(1), "label")
    return None


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
        return _from_sentence(text, start, end, speaker, resolve)
    how = matches(phrase.text, speaker)
    if how:
        return Judgement("attributed", how, phrase)
    if phrase.text.lower() in PRONOUNS:
        person = _person_before(text, phrase.span[0] if phrase.where == "before" else start, speaker, resolve)
        if person is None:
            return Judgement("unknown", "pronoun", phrase)
        if matches(person, speaker):
            return Judgement("attributed", "pronoun", phrase)
        return _other(phrase, person, resolve, "pronoun")
    if not any(w[:1].isupper() for w in phrase.text.split() if w.lower() not in _NOT_NAMES):
        return Judgement("unknown", "description", phrase)   # "a senior official": cannot tell who
    if not resolve(_clean_run(phrase.text)) and not _reads_as_name(text, phrase):
        return Judgement("unknown", "description", phrase)   # "Residents were told": not a person's name
    return _other(phrase, phrase.text, resolve, "name")


def _reads_as_name(text: str, phrase: Phrase) -> bool:
    """False for one capitalised word opening a sentence ("Residents"), unless it is capitalised
    mid-sentence elsewhere in the text too, as names are."""
    words = _clean_run(phrase.text).split()
    if len(words) != 1:
        return True
    before = text[:phrase.span[0]].rstrip(" \t\"'“”‘’«»")
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


def _person_before(text: str, start: int, speaker: SpeakerNames, resolve: Resolver) -> str | None:
    """The person named last before ``start``: the one a pronoun refers back to."""
    window_start = max(0, start - 2000)
    for m in reversed(list(NAME_RUN.finditer(text, window_start, start))):
        run = _clean_run(m.group())
        if not run or not _is_name(run):
            continue
        if matches(run, speaker) or resolve(run) or _speaks_in(text, run):
            return run
    return None


def _speaks_in(text: str, name: str) -> bool:
    """True when the text has ``name`` as the subject of a verb of saying ("Vidal said")."""
    pattern = rf"\b{re.escape(name)}\s+(?:{_VERBS.replace(chr(10), '')})\b|\b(?:said|says|explains|warns|told)\s+{re.escape(name)}\b"
    return re.search(pattern, text) is not None


def _from_sentence(text: str, start: int, end: int, speaker: SpeakerNames, resolve: Resolver) -> Judgement:
    """No attribution next to the quote: look for people named in the quote's sentence."""
    stops_before = list(_SENTENCE_END.finditer(text, max(0, start - 400), start))
    begin = stops_before[-1].end() if stops_before else max(0, start - 400)
    after = _SENTENCE_END.search(text, end)
    finish = after.start() if after else len(text)
    others = []
    for lo, hi in ((begin, start), (end, finish)):
        for m in NAME_RUN.finditer(text, lo, hi):
            run = _clean_run(m.group())
            if not run or not _is_name(run):
                continue
            phrase = Phrase(run, (m.start(), m.end()), "sentence")
            if matches(run, speaker):
                return Judgement("attributed", matches(run, speaker), phrase)
            found = resolve(run)
            if found and found[0] != speaker.id:
                others.append(Judgement("other", "name", phrase, found[1], found[0]))
    return others[0] if others else Judgement("unknown")
