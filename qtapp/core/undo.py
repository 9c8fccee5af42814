"""Undo and redo, kept in the core: every write is one named, reversible step.

A :class:`Step` records, row by row, what each write changed (the row before and after).
Undo writes the "before" rows back, redo the "after" rows, each in one transaction. The GUI
only asks for :meth:`UndoStack.status` labels and calls undo/redo.

Guarantees:

- a step is all or nothing: it runs inside the library's write transaction
  (:func:`qtapp.core.db.write_transaction`) and is recorded only if it commits;
- every text value written is checked to be storable text (:func:`qtapp.core.text.check_strings`),
  so a broken character is an :class:`~qtapp.core.errors.InvalidInput`, never a raw encoding error;
- undo refuses (:class:`UndoConflict`) when a row was changed again since, by this or another
  process, instead of silently overwriting that change;
- every change to a quote, speaker or source, undo and redo included, is appended to
  ``history``, which is never rewritten;
- every step, undo and redo marks, in its own transaction, the quotes whose check results it
  may alter (:mod:`qtapp.core.checks.stale`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from .dates import utc_now
from .encryption import integrity_errors
from .errors import UndoConflict, UndoEmpty
from .text import check_strings

MAX_STEPS = 30
# Tables whose changes are written to the history, and the entity name used there.
HISTORY_ENTITIES = {"quotes": "quote", "speakers": "speaker", "sources": "source"}
# Columns kept up to date by triggers or by the checks, not by the user's own edits: undo
# neither compares nor restores them. A recording's ``changed`` flag is read from its file.
DERIVED = {"all_names", "check_status", "checked_at", "changed"}
_NOT_HISTORY = {"updated_at", "created_at"} | DERIVED


@dataclass
class RowChange:
    table: str
    id: int
    before: dict | None
    after: dict | None


@dataclass
class BulkInsert:
    """Rows ``first_id``..``last_id`` added in bulk; undo sends them to the trash, redo brings them back.

    Keeping only the id range (not a million row copies) is what makes a bulk import undoable.
    """

    table: str
    first_id: int
    last_id: int
    trashed_at: str | None = None


@dataclass
class Step:
    """One named user action and the row changes it made."""

    name: str
    changes: list[RowChange] = field(default_factory=list)
    bulk: list[BulkInsert] = field(default_factory=list)


class Recorder:
    """Writes rows while recording each change for undo and history. Used by :meth:`Library.step`."""

    def __init__(self, db: Database, step: Step):
        self.db = db
        self.step = step

    def insert(self, table: str, row: dict) -> int:
        check_strings(row)
        self.db[table].insert(row)
        new_id = self.db.execute("SELECT last_insert_rowid()").fetchone()[0]
        after = self._row(table, new_id)
        self._record(RowChange(table, new_id, None, after))
        return new_id

    def update(self, table: str, row_id: int, changes: dict) -> None:
        check_strings(changes)
        before = self._row(table, row_id)
        if before is None:
            return
        if all(before.get(k) == v for k, v in changes.items()):
            return
        self.db[table].update(row_id, changes)
        self._record(RowChange(table, row_id, before, self._row(table, row_id)))

    def delete(self, table: str, row_id: int) -> None:
        before = self._row(table, row_id)
        if before is None:
            return
        self.db[table].delete(row_id)
        self._record(RowChange(table, row_id, before, None))

    def _row(self, table: str, row_id: int) -> dict | None:
        cursor = self.db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        values = cursor.fetchone()
        if values is None:
            return None
        return dict(zip([c[0] for c in cursor.description], values, strict=True))

    def _record(self, change: RowChange) -> None:
        self.step.changes.append(change)
        write_history(self.db, change, self.step.name)
        mark_stale_checks(self.db, [change])


def write_history(db: Database, change: RowChange, step_name: str) -> None:
    """Append one history row per changed field of a quote, speaker or source."""
    entity = HISTORY_ENTITIES.get(change.table)
    if entity is None:
        return
    before, after = change.before or {}, change.after or {}
    now = utc_now()
    rows = []
    if not before:
        rows.append(("created", None, after.get("uuid")))
    elif not after:
        rows.append(("purged", before.get("uuid"), None))
    else:
        for key in after:
            if key in _NOT_HISTORY or before.get(key) == after.get(key):
                continue
            rows.append((key, before.get(key), after.get(key)))
    db["history"].insert_all(
        {"entity": entity, "entity_id": change.id, "field": f, "old": _text(o), "new": _text(n),
         "at": now, "step": step_name}
        for f, o, n in rows
    )


def mark_stale_checks(db: Database, changes: list[RowChange], bulk: list[tuple[BulkInsert, bool]] = ()) -> None:
    """Mark the quotes whose check results the changes may alter, in the changes' transaction.

    In the same transaction, so stored findings are never out of date unmarked, whoever
    wrote (the window, a script, another process).
    """
    from .checks.affected import mark_changes  # the checks import this module

    mark_changes(db, changes, bulk)


def _touches(step: Step, gone: dict[str, set[int]]) -> bool:
    """Whether ``step`` changed one of the ``gone`` rows, or a row linked to a gone quote (its tags)."""
    quotes = gone.get("quotes", set())
    for change in step.changes:
        if change.id in gone.get(change.table, ()):
            return True
        if any(row and row.get("quote_id") in quotes for row in (change.before, change.after)):
            return True
    return any(bulk.first_id <= row_id <= bulk.last_id
               for bulk in step.bulk for row_id in gone.get(bulk.table, ()))


def _user_fields(row: dict | None) -> dict | None:
    return None if row is None else {k: v for k, v in row.items() if k not in DERIVED}


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


class UndoStack:
    """The last :data:`MAX_STEPS` steps, and the steps undone since the last new one."""

    def __init__(self, db: Database):
        self.db = db
        self._done: list[Step] = []
        self._undone: list[Step] = []

    def push(self, step: Step) -> None:
        if not step.changes and not step.bulk:
            return
        self._done.append(step)
        del self._done[:-MAX_STEPS]
        self._undone.clear()

    def status(self) -> tuple[str | None, str | None]:
        """The names of the step that undo and redo would reverse, or None."""
        return (self._done[-1].name if self._done else None,
                self._undone[-1].name if self._undone else None)

    def undo(self) -> str:
        """Reverse the last step; returns its name.

        :raises UndoEmpty: nothing to undo.
        :raises UndoConflict: its rows were changed since; nothing is changed.
        """
        if not self._done:
            raise UndoEmpty("There is nothing to undo.")
        step = self._done[-1]
        self._apply(step, reverse=True)
        self._undone.append(self._done.pop())
        return step.name

    def redo(self) -> str:
        """Apply the last undone step again; returns its name."""
        if not self._undone:
            raise UndoEmpty("There is nothing to redo.")
        step = self._undone[-1]
        self._apply(step, reverse=False)
        self._done.append(self._undone.pop())
        return step.name

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

    def forget(self, gone: dict[str, set[int]]) -> None:
        """Drop the steps that touch rows deleted for good (``{"quotes": {3, 8}, …}``).

        Every other step stays undoable: undo compares each row with what the step left, so a
        step that no longer fits is refused with UndoConflict, never applied half-way.
        """
        if any(gone.values()):
            self._done = [s for s in self._done if not _touches(s, gone)]
            self._undone = [s for s in self._undone if not _touches(s, gone)]

    def _apply(self, step: Step, *, reverse: bool) -> None:
        """Write a step's rows back (or again); the caller holds the write transaction."""
        changes = list(reversed(step.changes)) if reverse else step.changes
        label = ("Undo " if reverse else "Redo ") + step.name
        applied = []
        for bulk in step.bulk:
            self._apply_bulk(bulk, reverse=reverse)
        for change in changes:
            expected, target = (change.after, change.before) if reverse else (change.before, change.after)
            current = self._row(change.table, change.id)
            if _user_fields(current) != _user_fields(expected):
                raise UndoConflict(
                    f"Cannot {label.lower()}: it was changed again since "
                    "(perhaps in another window). Nothing was changed."
                )
            try:
                self._write_row(change.table, change.id, current, target)
            except integrity_errors():
                raise UndoConflict(
                    f"Cannot {label.lower()}: other records now depend on it "
                    "(perhaps added in another window). Nothing was changed."
                ) from None
            applied.append(RowChange(change.table, change.id, current, target))
            write_history(self.db, applied[-1], label)
        mark_stale_checks(self.db, applied, [(bulk, not reverse) for bulk in step.bulk])

    def _write_row(self, table: str, row_id: int, current: dict | None, target: dict | None) -> None:
        if target is None:
            self.db[table].delete(row_id)
        elif current is None:
            self.db[table].insert(target)
        else:
            self.db[table].update(row_id, _user_fields(target))

    def _apply_bulk(self, bulk: BulkInsert, *, reverse: bool) -> None:
        span = [bulk.first_id, bulk.last_id]
        if reverse:
            bulk.trashed_at = utc_now()
            self.db.execute(f"UPDATE [{bulk.table}] SET deleted_at = ? WHERE id BETWEEN ? AND ? "
                            "AND deleted_at IS NULL", [bulk.trashed_at, *span])
        else:
            self.db.execute(f"UPDATE [{bulk.table}] SET deleted_at = NULL WHERE id BETWEEN ? AND ? "
                            "AND deleted_at = ?", [*span, bulk.trashed_at])

    def _row(self, table: str, row_id: int) -> dict | None:
        cursor = self.db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        values = cursor.fetchone()
        return None if values is None else dict(zip([c[0] for c in cursor.description], values, strict=True))
