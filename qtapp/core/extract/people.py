"""Who is who in one text: people's names, the shorter forms and titles that refer to them,
their likely gender, and what a pronoun or a description points back to.

A name's full form is the longest one the text uses ("Antony Blinken"); a surname or a title
with a surname ("Secretary Blinken") refers to it wherever it stands, and an appositive
("The head of American diplomacy, Antony Blinken,") makes the description an alias.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from ..names import PARTICLES
from ..text import DOUBLE_QUOTE_MARKS
from .lexicon import AUXILIARIES, DETERMINERS, PRONOUN_GENDER, ROLE_NOUNS, TITLES

# A word: a letter, then letters, digits and inner apostrophes, full stops and hyphens ("O’Neil",
# "U.S", "rock'n'roll"). Possessive, so a stray mark after a word is not tried again.
TOKEN_RE = re.compile(r"[^\W\d_]\w*+(?:[’'.-]++\w++)*+")
# Capitalised words that begin sentences or phrases without being part of a name.
_FUNCTION_WORDS = frozenset("""
the a an in at on for after during with by from to of and but as when while if this that these those
there here it its his her their our we they he she i you regarding despite although though however
furthermore moreover meanwhile still yet so then thus also both neither either nor not no yes
according asked speaking since until before because what which who whom whose where why how
""".split())
_HONORIFIC_GENDER = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male",
                     "dame": "female", "lady": "female", "lord": "male", "king": "male", "queen": "female",
                     "prince": "male", "princess": "female", "chairman": "male", "chairwoman": "female",
                     "congressman": "male", "congresswoman": "female", "spokesman": "male",
                     "spokeswoman": "female", "father": "male", "mother": "female", "son": "male",
                     "daughter": "female", "wife": "female", "husband": "male", "brother": "male",
                     "sister": "female", "dad": "male", "mum": "female", "mom": "female", "widow": "female",
                     "uncle": "male", "aunt": "female", "niece": "female", "nephew": "male"}
# Last words that make a capitalised run a place or an organisation ("Kern County").
_PLACE_WORDS = frozenset("""
county city river street road avenue square university institute college school party council ministry
department court bank group company corp inc ltd association agency committee hospital center centre airport
island islands mountain mountains lake valley bay times post news declaration act plan fund foundation union
republic kingdom states province state region district church club stadium hall palace house office army
navy force forces police guard brigade review journal tribune herald gazette channel network radio tv
""".split())
# Role nouns that name a body, not a person.
_BODIES = frozenset("""company firm club team family party charity organisation organization government
department agency ministry police statement council board""".split())
_TITLE_ENDINGS = ("man", "woman", "person", "er", "or", "ist", "ent", "ant", "ian", "ee", "ary")
# "The head of American diplomacy, " just before a name
_DOUBLE = re.escape(DOUBLE_QUOTE_MARKS)
_DESCRIPTION_AFTER = re.compile(rf",\s((?:[Tt]he|[Aa]n?|[\w’']+['’]s)\s[^,.;:\n{_DOUBLE}]{{3,70}}),")
_AGE_DESCRIPTION = re.compile(r"the \d+-year-old(?: \w+)?")
_DESCRIPTION_BEFORE = re.compile(
    rf"(?:^|[.;:\n]\s*|,\s*)((?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]n?)\s[^,.;:\n{_DOUBLE}]{{3,70}}),\s$")
_CAPITAL = attrgetter("capital")
_OBJECT_PREPOSITIONS = frozenset("with to of by for from against between among and counterpart".split())


class Token:
    """A word and where it is; ``low`` is its lower case, ``capital`` whether it starts upper."""

    __slots__ = ("capital", "end", "low", "start", "text")

    def __init__(self, text: str, start: int, end: int, low: str, capital: bool):
        self.text, self.start, self.end, self.low, self.capital = text, start, end, low, capital

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Token:
        """The word ``text`` found at ``start``-``end``."""
        return cls(text, start, end, text.lower(), text[:1].isupper())

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


@dataclass
class Person:
    """One person (or body) the text names; ``name`` is the fullest form it uses."""

    name: str
    gender: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)

    @property
    def tokens(self) -> list[str]:
        return self.name.lower().split()

    alias_keys: set[str] = field(default_factory=set)   # the aliases in lower case, for lookups
    rank: int = 0                                         # order of first mention in the text

    def add_alias(self, alias: str) -> str | None:
        """Add ``alias``; returns its lookup key when it is new."""
        alias = " ".join(alias.split()).strip(" ,")
        if alias and alias.lower() != self.name.lower() and alias.lower() not in self.alias_keys:
            self.aliases.append(alias)
            self.alias_keys.add(alias.lower())
            return alias.lower()
        return None


_cache: tuple[str, list[Token], list[int]] | None = None


def words_of(text: str) -> tuple[list[Token], list[int]]:
    """Every word of ``text`` and the list of their starts, split once and kept for the last
    text seen, since attribution reads many small windows of the same article."""
    global _cache
    cached = _cache          # read once: another thread may replace it meanwhile
    if cached is None or cached[0] is not text:
        tokens, end, find = [], 0, text.find
        # A word met before shares its strings with the first meeting: the words of a long
        # transcript then take a fraction of the memory, and stay in the processor's cache.
        seen: dict[str, tuple[str, str, bool]] = {}
        for word in TOKEN_RE.findall(text):
            # No letter stands between two words and a word starts with one, so the word's first
            # place after the one before is its own (cheaper than a match object per word).
            start = find(word, end)
            end = start + len(word)
            facts = seen.get(word)
            if facts is None:
                facts = seen[word] = (word, word.lower(), word[:1].isupper())
            tokens.append(Token(facts[0], start, end, facts[1], facts[2]))
        cached = _cache = (text, tokens, [t.start for t in tokens])
    return cached[1], cached[2]


def forget_words(text: str) -> None:
    """Drop the words :func:`words_of` keeps for ``text``, when nothing will read them again."""
    global _cache
    cached = _cache
    if cached is not None and cached[0] is text:
        _cache = None


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words lying wholly within text[start:end] (see :func:`words_of`)."""
    cached = _cache
    tokens, starts = (cached[1], cached[2]) if cached is not None and cached[0] is text else words_of(text)
    if end is None:
        end = len(text)
    i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    while j > i and tokens[j - 1].end > end:
        j -= 1
    return tokens[i:j]


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector as detector
    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def given_name_gender(word: str) -> str | None:
    """'male', 'female', 'either' for a known given name, else None (not a given name)."""
    result = _gender_detector().get_gender(word)
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female",
            "andy": "either"}.get(result)


class People:
    """The people a text names, with every place it mentions them outside quotations."""

    def __init__(self, text: str, quoted: list[tuple[int, int]] = ()):
        self.text = text
        self.tokens, self._starts = words_of(text)
        self.people: list[Person] = []
        # Lookups by name or alias and by name word, so that finding a name costs the same
        # however many people the text names.
        self._by_key: dict[str, list[int]] = {}
        self._by_word: dict[str, set[int]] = {}
        self._quoted = sorted(quoted)
        # Lookups by (name, gender); while the people are being found, emptied whenever the
        # index or a gender changes, so that a name repeated many times is looked up once.
        self._found: dict[tuple[str, str | None], Person | None] = {}
        self.mentions: list[tuple[int, int, Person]] = []   # (start, end, person), outside quotes
        self._find_people()

    # -- building -------------------------------------------------------------------------

    def _find_people(self) -> None:
        runs = list(self._name_runs())
        # Full names first, so surnames and titled surnames can find them wherever they stand.
        titled = {t.low for titles, core in runs if titles for t in core}
        for titles, core in runs:
            if len(core) >= 2 and (titles or self._starts_with_given_name(core)
                                   or any(t.low in titled for t in core)):
                self._person_for(core, titles, create=True)
        for titles, core in runs:
            person = self._person_for(core, titles, create=bool(titles))
            if person is None:
                continue
            shown = [t for t in titles if t.capital] + core
            written = self.text[shown[0].start:core[-1].end]
            self._add_alias(person, written)
            if not self.is_quoted(core[0].start):
                self.mentions.append((core[0].start, core[-1].end, person))
        self.mentions.sort(key=lambda m: m[0])
        self._mention_starts = [m[0] for m in self.mentions]
        self._find_appositives()

    def _name_runs(self):
        """(title tokens, name tokens) for each run of capitalised words."""
        toks, text, i = self.tokens, self.text, 0
        last = len(toks) - 1
        for start in compress(range(len(toks)), map(_CAPITAL, toks)):
            if start < i:
                continue     # already inside the run before
            j = start
            while j < last:
                a, b = toks[j], toks[j + 1]
                if b.start - a.end == 1 and text[a.end] == " " and not a.text.endswith("."):   # the usual case
                    if not (b.capital or (b.low in PARTICLES and b.low != "of")):
                        break
                elif not self._joins(a, b):
                    break
                j += 1
            i = j + 1
            first = start
            while first <= j and toks[first].low in _FUNCTION_WORDS:
                first += 1
            run = toks[first:j + 1]
            # "London Gatwick-bound", "Sky-backed": a compound adjective ends any name before it
            for k, t in enumerate(run):
                if "-" in t.text and any(part[:1].islower() for part in t.text.split("-")[1:]):
                    run = run[:k]
                    break
            if run and run[-1].text.endswith(("’s", "'s")) and len(run[-1].text) > 3:
                run = [*run[:-1], Token.of(run[-1].text[:-2], run[-1].start, run[-1].end - 2)]   # "Wenger’s men"
            # Everything up to the last title word is title: "Trade Minister Lucia Rivera".
            last_title = max(len(run) - 2, -1)
            while last_title >= 0 and run[last_title].low not in TITLES and run[last_title].low not in ROLE_NOUNS:
                last_title -= 1
            titles, run = run[:last_title + 1], run[last_title + 1:]
            if run:
                titles = self._lowercase_titles_before(first + last_title + 1) + titles
            while run and not run[-1].capital:
                run = run[:-1]
            # An unlisted title before a full name: "Assemblywoman Nia Brooks".
            while len(run) >= 3 and run[0].low.endswith(_TITLE_ENDINGS) and given_name_gender(run[0].text) is None \
                    and given_name_gender(run[1].text) is not None:
                titles, run = [*titles, run[0]], run[1:]
            if run and not (len(run) == 1 and run[0].text.isupper() and len(run[0].text) > 1 and not titles):
                yield titles, run

    def _joins(self, a: Token, b: Token) -> bool:
        gap = self.text[a.end:b.start]
        if len(a.text) == 1 and a.capital and gap == ". ":
            return b.capital                 # an initial: "Patrick H. Nettles"
        if gap != " " or a.text.endswith("."):
            return gap == " " and len(a.text) == 2 and a.text[0].isupper()   # an initial: "J. Smith"
        return b.capital or (b.low in PARTICLES and b.low != "of")

    def _lowercase_titles_before(self, first: int) -> list[Token]:
        """The lower-case titles and roles just before the word at index ``first``: "shop steward"."""
        i = first - 1
        found = []
        while i >= 0 and len(found) < 3:
            t = self.tokens[i]
            if t.capital or (t.low not in TITLES and t.low not in ROLE_NOUNS) \
                    or self.text[t.end:self.tokens[i + 1].start] != " ":
                break
            found.insert(0, t)
            i -= 1
        return found

    @staticmethod
    def _starts_with_given_name(core: list[Token]) -> bool:
        return given_name_gender(core[0].text) is not None and core[-1].low not in _PLACE_WORDS \
            and not core[-1].text.isupper()

    def _person_for(self, core: list[Token], titles: list[Token], create: bool) -> Person | None:
        words = [t.low for t in core if t.low != "and"]
        honorific = None
        for t in titles:
            honorific = _HONORIFIC_GENDER.get(t.low.rstrip("."))
            if honorific is not None:
                break
        person = self.find(" ".join(words), honorific)
        if person is None and create:
            name = " ".join(self.text[core[0].start:core[-1].end].split())      # "Patrick H. Nettles"
            person = Person(name, self._gender(core, titles), rank=len(self.people))
            self.people.append(person)
            self._index_name(person)
        elif person is not None and len(words) > len(person.tokens) and set(person.tokens) <= set(words):
            self._add_alias(person, person.name)
            person.name = " ".join(self.text[core[0].start:core[-1].end].split())
            self._index_name(person)
        if person is not None:
            for t in titles:
                person.roles.add(t.low)
                if person.gender is None and t.low in _HONORIFIC_GENDER:
                    person.gender = _HONORIFIC_GENDER[t.low]
                    self._found.clear()
        return person

    def _gender(self, core: list[Token], titles: list[Token]) -> str | None:
        for t in titles:
            if t.low in _HONORIFIC_GENDER:
                return _HONORIFIC_GENDER[t.low]
            if t.low.endswith(("woman", "women")):
                return "female"
        if len(core) >= 2:
            g = given_name_gender(core[0].text)
            return g if g in ("male", "female") else None
        return None

    def _find_appositives(self) -> None:
        """'DESCRIPTION, Name,' and 'Name, DESCRIPTION,' make the description an alias."""
        text = self.text
        for start, end, person in self.mentions:
            # Both patterns need a comma next to the name: tested first, as most names have none.
            m = _DESCRIPTION_BEFORE.search(text[max(0, start - 80):start]) if "," in text[max(0, start - 3):start] \
                else None
            if m and _has_role(m.group(1)):
                self._add_alias(person, m.group(1))
                person.roles.update(_role_words(m.group(1)))
            m = _DESCRIPTION_AFTER.match(text, end, end + 90) if text.startswith(",", end) else None
            if m and _has_role(m.group(1)):
                self._add_alias(person, m.group(1))
                person.roles.update(_role_words(m.group(1)))

    def _index_name(self, person: Person) -> None:
        self._found.clear()
        self._by_key.setdefault(person.name.lower(), []).append(person.rank)
        for w in person.tokens:
            self._by_word.setdefault(w, set()).add(person.rank)

    def _add_alias(self, person: Person, alias: str) -> None:
        key = person.add_alias(alias)
        if key is not None:
            self._by_key.setdefault(key, []).append(person.rank)
            self._found.clear()

    # -- looking up -----------------------------------------------------------------------

    def find(self, name: str, gender: str | None = None) -> Person | None:
        """The person a name or surname refers to ("Blinken" → Antony Blinken), if any.
        An honorific in ``name`` ("Mr Patel") or ``gender`` tells apart people who share a
        surname."""
        key = (name, gender)
        if key not in self._found:
            self._found[key] = self._find(name, gender)
        return self._found[key]

    def _find(self, name: str, gender: str | None) -> Person | None:
        parts = name.split()
        words = name.lower().replace("’", "'").split()
        if len(parts) > 1:
            words = [w for w in words if w not in TITLES]
        if parts:
            gender = gender or _HONORIFIC_GENDER.get(parts[0].lower().rstrip("."))
        if not words:
            return None
        joined = " ".join(words)
        exact = self._by_key.get(joined)
        if exact:
            return self.people[min(exact)]
        ranks: set[int] | None = None
        for w in set(words):
            ranks = self._by_word.get(w, set()) if ranks is None else ranks & self._by_word.get(w, set())
            if not ranks:
                return None
        contains = [self.people[r] for r in sorted(ranks or ())]
        if gender is not None and len(contains) > 1:
            # "Mr Patel" beside "Ms Patel": the one whose gender fits, known before unknown
            fits = [p for p in contains if p.gender in (None, "either", gender)]
            contains = [p for p in fits if p.gender == gender] or fits or contains
        if len(contains) == 1:
            return contains[0]
        by_last = [p for p in contains if p.tokens[-1] == words[-1]]
        return by_last[0] if by_last else (contains[0] if contains else None)

    def by_description(self, description: str, before: int) -> Person | None:
        """The person an alias or a definite description ("the minister") refers to."""
        desc = " ".join(description.split())
        known = self._by_key.get(desc.lower())
        if known:
            return self.people[min(known)]
        words = desc.lower().split()
        if not words or words[0] not in ("the", "this", "that"):
            return None
        if _AGE_DESCRIPTION.fullmatch(desc.lower()):
            # "the 61-year-old said": the person the sentence before was about
            subjects = [m for m in self.recent(before) if self.is_subject(m[0])]
            return subjects[-1][2] if subjects else None
        heads = [w for w in words[1:] if w in ROLE_NOUNS or w in TITLES]
        if not heads:
            return None
        for _, _, p in reversed(self.recent(before)):
            if heads[-1] in p.roles:
                return p
        # "Tomas Erdal was among those …, with the Evening Sport host tweeting": an epithet
        # for the person the same sentence is about
        if words[-1] not in ROLE_NOUNS or words[-1] in _BODIES:
            return None
        floor = max(0, before - 400)
        stop = max(self.text.rfind(". ", floor, before), self.text.rfind("\n", floor, before), floor - 1)
        here = [m for m in self.mentions_between(stop + 1, before) if self.is_subject(m[0])]
        return here[0][2] if here and len(here[0][2].tokens) >= 2 else None

    def antecedent(self, pronoun: str, before: int, prefer: Person | None = None) -> Person | None:
        """Who 'he' or 'she' at ``before`` refers to: the latest person of that gender named
        before it outside quotations, preferring one in subject position."""
        gender = PRONOUN_GENDER.get(pronoun.lower())
        if pronoun.lower() not in ("he", "she"):
            return prefer
        candidates = [m for m in self.recent(before) if m[2].gender in (None, "either", gender)]
        subjects = [m for m in candidates if self.is_subject(m[0])]
        if prefer is not None and prefer.gender in (None, "either", gender) \
                and (not subjects or subjects[-1][2] is prefer):
            # "He said" refers back to the last speaker unless someone else was named since
            # in subject position.
            return prefer
        pool = subjects or candidates
        # Prefer people with a known gender that matches over people of unknown gender.
        for _, _, p in reversed(pool[-4:]):
            if p.gender == gender:
                return p
        compatible = prefer if prefer is not None and prefer.gender in (None, "either", gender) else None
        found = pool[-1][2] if pool else compatible
        if found is not None and found.gender is None:
            found.gender = gender      # learnt from the text: "Park … he said"
        return found

    def recent(self, before: int, limit: int = 40) -> list[tuple[int, int, Person]]:
        """The last ``limit`` mentions before offset ``before``, oldest first."""
        i = bisect.bisect_left(self._mention_starts, before)
        return self.mentions[max(0, i - limit):i]

    def mentions_between(self, start: int, end: int) -> list[tuple[int, int, Person]]:
        i, j = bisect.bisect_left(self._mention_starts, start), bisect.bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[i:j] if m[1] <= end]

    def is_subject(self, start: int) -> bool:
        """Whether the mention at ``start`` is not the object of a preposition ("met with X")."""
        i = bisect.bisect_left(self._starts, start) - 1
        while i >= 0 and self.tokens[i].low in TITLES and not self.tokens[i].capital:
            i -= 1
        if i < 0:
            return True
        prev = self.tokens[i]
        gap = self.text[prev.end:start]
        return prev.low not in _OBJECT_PREPOSITIONS or any(c in gap for c in ".,;:")

    def is_quoted(self, pos: int) -> bool:
        i = bisect.bisect_right(self._quoted, (pos, float("inf"))) - 1
        return i >= 0 and self._quoted[i][0] <= pos < self._quoted[i][1]


def _has_role(description: str) -> bool:
    return any(w in ROLE_NOUNS or w in TITLES for w in _role_words(description)) \
        and not any(w in AUXILIARIES for w in description.lower().split()[1:])


def _role_words(description: str) -> set[str]:
    return {w.strip("’'s") for w in description.lower().split()} - DETERMINERS
