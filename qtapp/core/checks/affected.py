"""Which quotes' check results a change can alter: the checks' dependencies, written down once.

A quote's checks (:mod:`.runner`) read:

- its own row: words, speaker, source, date said, span, ground rule, provenance (second-hand
  and its outlet, translated and its language), stored attribution evidence, trash state;
- its speaker: name, description, confidentiality, aliases and roles (titles), trash state;
- its source: text, date, kind, outlet, place, title, language, trash state;
- the other quotes with the same or nearly the same words (duplicates), with their speaker's
  name and confidentiality, which the finding shows;
- every speaker a word of whose name or alias appears in its source's text: the speaker
  check reads a name near the quote as that speaker's ("said Park"), and names a
  confidential one only as such.

:func:`affected_quotes` maps a step's row changes onto those dependencies::

    affected_quotes(db, step.changes)      # {12, 40}: the quotes to check again

A quote sent to the trash is among them too, with the quotes whose duplicate findings name
it; :func:`mark_stale` marks only the live ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlite_utils import Database

from ..undo import BulkInsert, RowChange
from .duplicates import DuplicateFinder, similar_words

# The columns each check reads; a change elsewhere (a context note, tags, notes) alters nothing.
QUOTE_READS = frozenset({"words", "speaker_id", "source_id", "said", "span_start", "span_end", "rule",
                         "rule_description", "embargo_until", "second_hand", "via_outlet", "translated",
                         "language", "attribution_evidence", "deleted_at"})
# What the duplicates check of *other* quotes reads of a quote (the rule: for rule conflicts).
NEIGHBOUR_READS = frozenset({"words", "speaker_id", "source_id", "deleted_at", "rule", "embargo_until"})
SPEAKER_READS = frozenset({"name", "description", "confidential", "deleted_at", "merged_into"})
# What a duplicate's finding shows of another quote's speaker.
SHOWN_READS = frozenset({"name", "confidential"})
# What reading a name in a source's text uses of every speaker.
NAME_READS = frozenset({"name", "confidential", "deleted_at"})
SOURCE_READS = frozenset({"text", "date", "date_end", "kind", "outlet", "place", "title", "language", "deleted_at"})
_CHUNK = 200


def affected_quotes(db: Database, changes: Iterable[RowChange]) -> set[int]:
    """Ids of the quotes whose check results ``changes`` may alter, read against the current state.

    Call it after the changes were written (inside their transaction), so that similar
    quotes and sources are found as they now are; each change's ``before`` row tells what
    the quote or speaker was.
    """
    return Dependents(db).of(changes)


def affected_by_bulk(db: Database, bulk: BulkInsert, *, restored: bool) -> set[int]:
    """Quotes a bulk insert's undo (``restored=False``: sent to the trash) or redo alters.

    Brought back, the quotes themselves need checking again; trashed, the quotes whose
    duplicate findings named them do.
    """
    if bulk.table != "quotes":
        return set()
    span = [bulk.first_id, bulk.last_id]
    found = Dependents(db).references_between(*span)
    if restored:
        found |= {i for (i,) in db.execute("SELECT id FROM quotes WHERE id BETWEEN ? AND ? AND deleted_at IS NULL",
                                           span)}
    return found


def mark_changes(db: Database, changes: Iterable[RowChange] = (), bulk: Iterable[tuple[BulkInsert, bool]] = ()) -> None:
    """Mark the quotes that row ``changes`` (and bulk inserts trashed or restored) may alter.

    Called inside the transaction that made the changes, after them.

    :param bulk: ``(bulk_insert, restored)`` pairs.
    """
    ids = affected_quotes(db, changes)
    for item, restored in bulk:
        ids |= affected_by_bulk(db, item, restored=restored)
    mark_stale(db, ids)


def mark_stale(db: Database, quote_ids: Iterable[int]) -> None:
    """Mark live quotes as needing a new check (a later mark replaces an earlier one)."""
    ids = sorted(set(quote_ids))
    for at in range(0, len(ids), _CHUNK):
        part = ids[at:at + _CHUNK]
        # Trashed quotes are checked again when restored; purged ones (an undone "Log quote")
        # have no row left to mark.
        db.execute(f"INSERT OR REPLACE INTO stale_checks (quote_id) SELECT id FROM quotes "
                   f"WHERE id IN ({','.join('?' * len(part))}) AND deleted_at IS NULL", part)


def mark_range(db: Database, first_id: int, last_id: int) -> None:
    """Mark quotes ``first_id``..``last_id`` (quotes added in bulk) as needing a check."""
    db.execute("INSERT OR REPLACE INTO stale_checks (quote_id) SELECT id FROM quotes WHERE id BETWEEN ? AND ?",
               [first_id, last_id])


class Dependents:
    """The lookups behind :func:`affected_quotes`, one handler per table the checks read."""

    def __init__(self, db: Database):
        self.db = db
        self._finder: DuplicateFinder | None = None

    def of(self, changes: Iterable[RowChange]) -> set[int]:
        found: set[int] = set()
        for change in changes:
            handler = getattr(self, f"_{change.table}", None)
            if handler is not None:
                found |= handler(change, _changed(change))
        return found

    # -- one handler per table the checks read ---------------------------------------------

    def _quotes(self, change: RowChange, changed: set[str]) -> set[int]:
        found = {change.id} if changed & QUOTE_READS else set()
        if changed & NEIGHBOUR_READS:
            found |= self.references([change.id])
            for source_id, words in {(row.get("source_id"), row["words"]) for row in (change.before, change.after)
                                     if row and row.get("words")}:
                found |= self.similar(change.id, words) | self.same_source(change.id, source_id, words)
        return found

    def _speakers(self, change: RowChange, changed: set[str]) -> set[int]:
        found: set[int] = set()
        if changed & SPEAKER_READS:
            own = self.quotes_of("speaker_id", [change.id])
            found |= own
            if changed & SHOWN_READS:
                found |= self.references(own)
        if changed & NAME_READS == {"confidential"} and change.before and change.after:
            # The texts name the same speakers as before, only shown otherwise: the quotes
            # whose findings show this one are those to check again.
            found |= self.quotes_naming(change.id, [_shown(change.before), _shown(change.after)])
        elif changed & NAME_READS:
            names = [row["name"] for row in (change.before, change.after) if row]
            names += [a for (a,) in self.db.execute("SELECT alias FROM speaker_aliases WHERE speaker_id = ?",
                                                    [change.id])]
            found |= self.quotes_mentioning(names)
        return found

    def _speaker_aliases(self, change: RowChange, changed: set[str]) -> set[int]:
        rows = [row for row in (change.before, change.after) if row]
        return (self.quotes_of("speaker_id", {row["speaker_id"] for row in rows})
                | self.quotes_mentioning([row["alias"] for row in rows]))

    def _speaker_roles(self, change: RowChange, changed: set[str]) -> set[int]:
        return self.quotes_of("speaker_id", {row["speaker_id"] for row in (change.before, change.after) if row})

    def _sources(self, change: RowChange, changed: set[str]) -> set[int]:
        return self.quotes_of("source_id", [change.id]) if changed & SOURCE_READS else set()

    # -- lookups -------------------------------------------------------------------------

    def quotes_of(self, column: str, ids: Iterable[int]) -> set[int]:
        """Live quotes whose speaker or source (``column``) is one of ``ids``."""
        ids = list(ids)
        return {i for at in range(0, len(ids), _CHUNK) for (i,) in self.db.execute(
            f"SELECT id FROM quotes WHERE {column} IN ({','.join('?' * len(ids[at:at + _CHUNK]))}) "
            "AND deleted_at IS NULL", ids[at:at + _CHUNK])}

    def references(self, quote_ids: Iterable[int]) -> set[int]:
        """Quotes the stored duplicate findings of ``quote_ids`` name: their findings name these back."""
        ids = list(quote_ids)
        rows = [r for at in range(0, len(ids), _CHUNK) for r in self.db.execute(
            f"SELECT detail FROM findings WHERE check_name = 'duplicates' AND quote_id IN "
            f"({','.join('?' * len(ids[at:at + _CHUNK]))})", ids[at:at + _CHUNK])]
        return _named(rows)

    def references_between(self, first_id: int, last_id: int) -> set[int]:
        rows = self.db.execute("SELECT detail FROM findings WHERE check_name = 'duplicates' AND quote_id BETWEEN ? "
                               "AND ?", [first_id, last_id]).fetchall()
        return _named(rows)

    def similar(self, quote_id: int, words: str) -> set[int]:
        """Live quotes with the same or nearly the same words: every one, not only those reported."""
        if self._finder is None:
            self._finder = DuplicateFinder(self.db)
        return {s.quote_id for s in self._finder.similar(quote_id, words, limit=None)}

    def same_source(self, quote_id: int, source_id: int | None, words: str) -> set[int]:
        """Live quotes of ``source_id`` with the same or nearly the same words (rule conflicts)."""
        return {i for i, other in self.db.execute(
            "SELECT id, words FROM quotes WHERE source_id = ? AND id != ? AND deleted_at IS NULL",
            [source_id, quote_id]) if similar_words(words, other)}

    def quotes_naming(self, speaker_id: int, labels: list[str]) -> set[int]:
        """Quotes whose stored speaker findings give the words to ``speaker_id`` or hint at one of ``labels``.

        Stored findings of quotes not marked stale are current, so they tell who the check
        read from each text.
        """
        patterns = [f'%"other_id": {speaker_id},%', f'%"other_id": {speaker_id}}}%']
        patterns += [f'%"key": {_escaped(json.dumps(label, ensure_ascii=False))}%' for label in labels]
        likes = " OR ".join(["detail LIKE ? ESCAPE '\\'"] * len(patterns))
        return {i for (i,) in self.db.execute(
            f"SELECT quote_id FROM findings WHERE check_name = 'speaker' AND ({likes})", patterns)}

    def quotes_mentioning(self, names: Iterable[str]) -> set[int]:
        """Live quotes of the sources whose text holds a word of one of ``names``.

        Names are matched as the speaker check matches them: by whole name or by one of its
        words, ignoring case in ASCII letters (SQLite's LIKE), so every source where the check
        could read the name is found.
        """
        words = sorted({w for name in names if name for w in name.split()})
        found: set[int] = set()
        for at in range(0, len(words), 50):
            part = words[at:at + 50]
            likes = " OR ".join(["text LIKE ? ESCAPE '\\'"] * len(part))
            found |= {i for (i,) in self.db.execute(
                f"SELECT id FROM quotes WHERE deleted_at IS NULL AND source_id IN "
                f"(SELECT id FROM sources WHERE deleted_at IS NULL AND ({likes}))", [f"%{_escaped(w)}%" for w in part])}
        return found


def _changed(change: RowChange) -> set[str]:
    """The columns a change altered: every column when the row was added or removed."""
    if change.before is None or change.after is None:
        return set(change.before or change.after or {})
    return {k for k in change.after if change.before.get(k) != change.after.get(k)}


def _shown(speaker: dict) -> str:
    """How the speaker check names a speaker in another quote's finding."""
    return "a confidential speaker" if speaker.get("confidential") else speaker["name"]


def _named(rows) -> set[int]:
    found = set()
    for (detail,) in rows:
        other = json.loads(detail or "{}").get("other")
        if isinstance(other, int):
            found.add(other)
    return found


def _escaped(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
