"""What the words typed in a search match: quote words (stemmed), and speakers they name.

A plain surname finds that speaker's quotes as well as the quotes that mention it::

    s = text_search(db, "Heimovits sanctions")
    s.speakers   # (7,): "Heimovits" names Roberto Heimovits
    s.match      # '"heimovits" "sanctions"': quotes holding both words
    s.rest       # '"sanctions"': his quotes need only this

A run of words at either end of the text names a speaker when it is a name or an alias
("Minister Heimovits"), or when each word is a word of the speaker's name (or a capitalised
word of an alias); the last word, while it is typed, may be the start of one. The longest
such run wins; other words must be in the quote.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlite_utils import Database

from .fts import MIN_PREFIX, fts_query
from .gate import _fold, name_terms
from .text import QUOTE_MARKS

_BARE = re.compile(r'"[^"]*"?|(\S+)')
_PUNCTUATION = ".,;:!?()*" + QUOTE_MARKS
# A search of more words than this is a phrase someone remembers, not a name.
_MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class TextSearch:
    """The full-text part of a search."""

    match: str                          # FTS5 expression over quote words and context ('' : none)
    speakers: tuple[int, ...] = ()      # speakers named by a run of the words
    rest: str = ""                      # what a named speaker's quote must also hold ('' : nothing)
    name_words: str = ""                # the words that named them, as typed
    waiting: bool = False               # the only word is too short yet to filter anything

    def clause(self) -> tuple[str, list]:
        """A WHERE clause on ``quotes q`` and its parameters."""
        text = "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
        if not self.speakers:
            return text, [self.match]
        by, params = self.by_clause()
        return f"({text} OR ({by}))", [self.match, *params]

    def by_clause(self) -> tuple[str, list]:
        """The clause of the named speakers' quotes alone (with the other words), and its parameters."""
        by = f"q.speaker_id IN ({','.join('?' * len(self.speakers))})"
        if not self.rest:
            return by, list(self.speakers)
        return by + " AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", [*self.speakers, self.rest]


def text_search(db: Database, text: str, *, typing: bool = False) -> TextSearch:
    """How ``text`` is searched; ``typing``: its last word is still being typed."""
    match = fts_query(text, prefix_last=typing, stemmed=True)
    if not match:
        return TextSearch("", waiting=typing and bool(fts_query(text)))
    tokens = list(_BARE.finditer(text))
    bare = [i for i, m in enumerate(tokens) if m.group(1) and re.search(r"\w", m.group(1))]
    if not bare or len(bare) > _MAX_NAME_WORDS or bare != list(range(bare[0], bare[0] + len(bare))):
        return TextSearch(match)
    ends_typing = typing and not text[-1:].isspace() and bare[-1] == len(tokens) - 1
    for size in range(len(bare), 0, -1):
        starts = [bare[0], bare[-1] - size + 1] if size < len(bare) else [bare[0]]
        for start in dict.fromkeys(starts):
            run = [tokens[i].group(1) for i in range(start, start + size)]
            at_end = start + size - 1 == bare[-1]
            speakers = speakers_named(db, run, prefix_last=ends_typing and at_end)
            if speakers:
                others = " ".join(m.group(0) for i, m in enumerate(tokens) if not start <= i < start + size)
                rest = fts_query(others, prefix_last=ends_typing and not at_end, stemmed=True)
                return TextSearch(match, tuple(speakers), rest, " ".join(run))
    return TextSearch(match)


def speakers_named(db: Database, words: list[str], *, prefix_last: bool = False) -> list[int]:
    """Ids of the live speakers that ``words`` name: a name or alias, or words of one.

    :param prefix_last: the last word may be the start of a name word (it is being typed).
    """
    typed = " ".join(words)
    exact = [i for (i,) in db.conn.execute(
        "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL UNION "
        "SELECT a.speaker_id FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
        "WHERE a.alias = ? COLLATE NOCASE AND s.deleted_at IS NULL", [typed, typed])]
    if exact:
        return exact
    folded = [_fold(w.strip(_PUNCTUATION)) for w in words]
    prefix = prefix_last and len(folded[-1]) >= MIN_PREFIX
    match = fts_query(typed, prefix_last=prefix)
    if not match:
        return []
    found = []
    rows = db.conn.execute(
        "SELECT s.id, s.name, (SELECT json_group_array(alias) FROM speaker_aliases WHERE speaker_id = s.id) "
        "FROM speakers_fts f JOIN speakers s ON s.id = f.rowid "
        "WHERE speakers_fts MATCH ? AND s.deleted_at IS NULL LIMIT 200", [match])
    for speaker_id, name, aliases in rows:
        terms = {_fold(t) for t in name_terms(name) if " " not in t}
        for alias in json.loads(aliases or "[]"):
            terms |= {_fold(t) for t in name_terms(alias, all_words=False) if " " not in t}
        last_ok = any(t.startswith(folded[-1]) for t in terms) if prefix else folded[-1] in terms
        if last_ok and all(w in terms for w in folded[:-1]):
            found.append(speaker_id)
    return found
