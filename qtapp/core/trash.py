"""The trash: deleted quotes, speakers and sources wait here until it is emptied."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .plural import count_of

if TYPE_CHECKING:
    from .library import Library

_TABLES = {"quote": "quotes", "speaker": "speakers", "source": "sources"}


class Trash:
    """Trash operations of a library (``lib.trash``)."""

    def __init__(self, lib: Library):
        self.lib = lib
        self.db = lib.db

    def count(self) -> int:
        return sum(self.db.execute(f"SELECT count(*) FROM {t} WHERE deleted_at IS NOT NULL AND "
                                   f"{'merged_into IS NULL' if t == 'speakers' else '1'}").fetchone()[0]
                   for t in _TABLES.values())

    def delete(self, kind: str, ids) -> None:
        """Move speakers or sources to the trash (quotes: ``lib.quotes.delete``).

        A speaker's or source's quotes go to the trash with it, and come back with it.
        """
        table = _TABLES[kind]
        ids = list(ids)
        from .dates import utc_now
        now = utc_now()
        column = "speaker_id" if kind == "speaker" else "source_id"
        with self.lib.step(f"Delete {count_of(len(ids), kind)}") as rec:
            for row_id in ids:
                rec.update(table, row_id, {"deleted_at": now})
                if kind != "quote":
                    for (qid,) in self.db.execute(f"SELECT id FROM quotes WHERE {column} = ? AND deleted_at IS NULL",
                                                  [row_id]).fetchall():
                        rec.update("quotes", qid, {"deleted_at": now})

    def restore(self, kind: str, ids) -> None:
        """Bring items back whole from the trash, with the quotes that went with them."""
        table = _TABLES[kind]
        ids = list(ids)
        column = {"speaker": "speaker_id", "source": "source_id"}.get(kind)
        with self.lib.step(f"Restore {count_of(len(ids), kind)}") as rec:
            for row_id in ids:
                row = self.db.execute(f"SELECT deleted_at FROM {table} WHERE id = ?", [row_id]).fetchone()
                if not row or row[0] is None:
                    continue
                rec.update(table, row_id, {"deleted_at": None})
                if column:
                    for (qid,) in self.db.execute(f"SELECT id FROM quotes WHERE {column} = ? AND deleted_at = ?",
                                                  [row_id, row[0]]).fetchall():
                        rec.update("quotes", qid, {"deleted_at": None})
                elif kind == "quote":
                    self._restore_parents(rec, row_id)

    def empty(self) -> int:
        """Delete everything in the trash for good; returns how many items went.

        Not undoable; the undo history loses only the steps that touched what went.
        """
        gone: dict[str, set[int]] = {}
        with self.lib.write():
            for table, sql in (("quotes", "DELETE FROM quotes WHERE deleted_at IS NOT NULL"),
                               ("speakers", "DELETE FROM speakers WHERE deleted_at IS NOT NULL AND merged_into IS NULL "
                                "AND id NOT IN (SELECT speaker_id FROM quotes) AND id NOT IN (SELECT merged_into "
                                "FROM speakers WHERE merged_into IS NOT NULL)"),
                               ("sources", "DELETE FROM sources WHERE deleted_at IS NOT NULL AND id NOT IN "
                                "(SELECT source_id FROM quotes WHERE source_id IS NOT NULL)")):
                gone[table] = {row_id for (row_id,) in self.db.execute(sql + " RETURNING id").fetchall()}
        self.lib._undo.forget(gone)
        return sum(len(ids) for ids in gone.values())

    def _restore_parents(self, rec, quote_id: int) -> None:
        """A restored quote brings back its speaker and source if they were trashed."""
        speaker_id, source_id = self.db.execute("SELECT speaker_id, source_id FROM quotes WHERE id = ?",
                                                [quote_id]).fetchone()
        for table, row_id in (("speakers", speaker_id), ("sources", source_id)):
            if row_id is not None:
                deleted = self.db.execute(f"SELECT deleted_at FROM {table} WHERE id = ?", [row_id]).fetchone()
                if deleted and deleted[0] is not None:
                    rec.update(table, row_id, {"deleted_at": None})
