"""What the extractor proposes, and the library speakers it can match against."""

from __future__ import annotations

from dataclasses import dataclass, field

from .evidence import Evidence


@dataclass
class Proposal:
    """A quotation found in a text, with who the text says spoke it.

    ``text[start:end] == quote``. ``speaker`` is the fullest name the text gives (or the
    library's name for that speaker, when ``speaker_id`` is set); ``aliases`` are the other
    forms the text uses for the same speaker ("Blinken", "the head of American diplomacy");
    ``evidence`` says how the speaker was found (its ``mention`` is the attribution as written).
    """

    quote: str
    start: int
    end: int
    speaker: str | None
    confidence: float
    kind: str = "direct"            # "direct" or "partial" (a fragment woven into a sentence)
    aliases: list[str] = field(default_factory=list)
    speaker_id: int | None = None   # the matching library speaker, if any
    evidence: Evidence | None = None
    logged_id: int | None = None    # the quote already logged from these words of the source, if any

    def to_json(self) -> dict:
        """The public contract of ``verbatim extract --json``: exactly these five keys."""
        return {"quote": self.quote, "start": self.start, "end": self.end,
                "speaker": self.speaker, "confidence": round(self.confidence, 2)}


@dataclass
class KnownSpeaker:
    """A speaker already in the library: its id, name and aliases."""

    name: str
    aliases: list[str] = field(default_factory=list)
    id: int | None = None
    roles: list[str] = field(default_factory=list)   # titles held on the day in question ("harbour master")

    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


def known_speakers_of(lib, on: str | None = None) -> list[KnownSpeaker]:
    """Every speaker of a library with its aliases, for :func:`extract_quotes`, and the role
    titles each held ``on`` that day (an ISO date, as partial as "2023-11"; None: roles not ended)."""
    aliases: dict[int, list[str]] = {}
    for sid, alias in lib.db.execute("SELECT speaker_id, alias FROM speaker_aliases ORDER BY id"):
        aliases.setdefault(sid, []).append(alias)
    roles: dict[int, list[str]] = {}
    for sid, title, start, end in lib.db.execute("SELECT speaker_id, title, start, end FROM speaker_roles "
                                                 "WHERE title != '' ORDER BY id"):
        if _held(start, end, on):
            roles.setdefault(sid, []).append(title)
    return [KnownSpeaker(name, aliases.get(sid, []), sid, roles.get(sid, []))
            for sid, name in lib.db.execute("SELECT id, name FROM speakers WHERE deleted_at IS NULL")]


def _held(start: str | None, end: str | None, on: str | None) -> bool:
    """Whether a role from ``start`` to ``end`` (partial ISO dates, None: open) covers ``on``."""
    if on is None:
        return end is None
    return (start is None or start <= on[:len(start)]) and (end is None or on[:len(end)] <= end)


def as_known(items) -> list[KnownSpeaker]:
    """Accept KnownSpeaker objects, plain names, or (id, name, aliases) tuples."""
    out = []
    for item in items or ():
        if isinstance(item, KnownSpeaker):
            out.append(item)
        elif isinstance(item, str):
            out.append(KnownSpeaker(item))
        else:
            sid, name, *rest = item
            out.append(KnownSpeaker(name, list(rest[0]) if rest else [], sid))
    return out


def match_known(known: list[KnownSpeaker], names: list[str]) -> KnownSpeaker | None:
    """The library speaker whose name or alias is one of ``names``; else the one whose name
    ends in the same surname, when only one does."""
    wanted = {" ".join(n.lower().split()) for n in names if n}
    for k in known:
        if wanted & {" ".join(f.lower().split()) for f in k.forms()}:
            return k
    surnames = {n.split()[-1].lower() for n in names if n and n[:1].isupper()}
    hits = [k for k in known if k.name.split() and k.name.split()[-1].lower() in surnames and len(k.name.split()) > 1]
    if len(hits) == 1:
        return hits[0]
    # "the harbour master said": the one library speaker holding that role then
    roles = {_role_words(n) for n in names if n and (not n[:1].isupper() or n.lower().startswith("the "))}
    holders = [k for k in known if roles & {_role_words(r) for r in k.roles}]
    return holders[0] if len(holders) == 1 else None


def _role_words(text: str) -> str:
    words = text.lower().replace("’", "'").split()
    while words and words[0] in ("the", "a", "an", "its", "their", "his", "her"):
        words = words[1:]
    return " ".join(words)
