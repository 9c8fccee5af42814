"""Structured personal names for authors and hosts, as citation styles need them.

A :class:`Name` is either a person (family, given, particle, suffix) or a literal such as
"AFP" or "the White House". :func:`parse_name` reads what a person types using the
maintained ``nameparser`` package::

    parse_name("Ludwig van Beethoven")   # Name(family='Beethoven', given='Ludwig', particle='van')
    parse_name("Park, Jin")              # Name(family='Park', given='Jin')
    parse_name("{Associated Press}")     # Name(literal='Associated Press')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from nameparser import HumanName
from nameparser.config import CONSTANTS

# Particles that are never a name on their own ("van der Linden", "dos Santos"): read off a typed
# name here, allowed inside a name by the speaker check, and never hidden alone by the gate (a
# confidential "Ann van Dijk" hides "Ann", "Dijk" and the whole name, not every Dutch "van").
# "Al", "Le" or "Van" written as a given name or surname is hidden only within the whole name.
NEVER_ALONE = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ter",
                         "ten", "bin", "al", "el", "dos", "das"})
# Every word that may join a family name: nameparser's list (kept up to date there; "al-" read
# as "al") and the above. Some are also given names or surnames ("Ed", "Abu", "San", "Te"), so
# only NEVER_ALONE is ever taken for "not a name".
PARTICLES = frozenset(p.rstrip("-") for p in CONSTANTS.prefixes) | NEVER_ALONE
_ORG_WORDS = {"press", "news", "agency", "associated", "reuters", "afp", "ministry", "department",
              "office", "house", "times", "post", "journal", "bbc", "cnn", "staff", "editorial", "board"}


@dataclass(frozen=True)
class Name:
    """One author, host or interviewer: a person's name parts, or a literal name.

    ``particle`` is CSL's non-dropping particle ("van" in "van Gogh"), ``dropping_particle``
    the one a style may drop ("de" in "Jean de La Fontaine"); the three flags are CSL's
    ``comma-suffix``, ``static-ordering`` and ``parse-names`` (None: not said).
    """

    family: str = ""
    given: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""
    dropping_particle: str = ""
    comma_suffix: bool = False
    static_ordering: bool = False
    parse_names: bool | None = None

    def display(self) -> str:
        """The name as it is read aloud: 'Ludwig van Beethoven', 'AFP'."""
        if self.literal:
            return self.literal
        return " ".join(p for p in (self.given, self.dropping_particle, self.particle, self.family, self.suffix) if p)

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v or (k == "parse_names" and v is not None)}

    @classmethod
    def from_dict(cls, data: dict) -> Name:
        return cls(**{k: data.get(k) or "" for k in ("family", "given", "particle", "suffix", "literal",
                                                       "dropping_particle")},
                   comma_suffix=bool(data.get("comma_suffix")), static_ordering=bool(data.get("static_ordering")),
                   parse_names=data.get("parse_names"))


def parse_name(text: str) -> Name:
    """Read a typed name into parts; braces or organisation words make it a literal."""
    text = " ".join((text or "").split())
    if not text:
        return Name()
    if text.startswith("{") and text.endswith("}"):
        return Name(literal=text[1:-1].strip())
    words = text.replace(",", " ").split()
    if len(words) == 1 or text.isupper() or any(w.lower() in _ORG_WORDS for w in words):
        return Name(literal=text)
    parsed = HumanName(text)
    family_words = parsed.last.split()
    particle_words = []
    while len(family_words) > 1 and family_words[0].lower() in NEVER_ALONE:
        particle_words.append(family_words.pop(0))
    given = " ".join(p for p in (parsed.first, parsed.middle) if p)
    return Name(
        family=" ".join(family_words),
        given=given,
        particle=" ".join(particle_words),
        suffix=parsed.suffix,
    )


def parse_names(text: str) -> list[Name]:
    """Split a list typed as 'A; B' or 'A and B' into names."""
    parts: list[str] = []
    for chunk in (text or "").replace(" and ", ";").split(";"):
        if chunk.strip():
            parts.append(chunk.strip())
    return [parse_name(p) for p in parts]
