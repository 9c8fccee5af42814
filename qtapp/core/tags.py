"""Tags: free labels on quotes ("ukraine-story", "needs-callback")."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from .errors import InvalidInput
from .plural import count_of
from .text import check_text

if TYPE_CHECKING:
    from .library import Library
    from .undo import Recorder


class Tags:
    """Tag operations of a library (``lib.tags``)."""

    def __init__(self, lib: Library):
        self.lib = lib
        self.db = lib.db

    def all(self) -> list[tuple[str, int]]:
        """Every tag with the number of live quotes carrying it, by name."""
        rows = self.db.execute(
            "SELECT t.name, (SELECT count(*) FROM quote_tags qt JOIN quotes q ON q.id = qt.quote_id "
            "WHERE qt.tag_id = t.id AND q.deleted_at IS NULL) FROM tags t ORDER BY t.name COLLATE NOCASE")
        return [(n, c) for n, c in rows]

    def add_to(self, quote_ids, tag: str) -> None:
        """Tag several quotes at once, as one step."""
        ids = list(quote_ids)
        with self.lib.step(f"Tag {count_of(len(ids), 'quote')} {tag.strip()}") as rec:
            for qid in ids:
                self.attach(rec, qid, tag)

    def attach(self, rec: Recorder, quote_id: int, tag: str) -> None:
        self._link(rec, "quote", quote_id, tag)

    def attach_to_source(self, rec: Recorder, source_id: int, tag: str) -> None:
        """Tag a source (a Zotero collection or tag it was filed under)."""
        self._link(rec, "source", source_id, tag)

    def of_source(self, source_id: int) -> list[str]:
        return [n for (n,) in self.db.execute("SELECT t.name FROM source_tags st JOIN tags t ON t.id = st.tag_id "
                                              "WHERE st.source_id = ? ORDER BY t.name COLLATE NOCASE", [source_id])]

    def _link(self, rec: Recorder, entity: str, entity_id: int, tag: str) -> None:
        name = check_text(" ".join((tag or "").replace("\x00", "").split()), "tag")
        if not name:
            raise InvalidInput("A tag cannot be empty.")
        row = self.db.execute("SELECT id FROM tags WHERE name = ?", [name]).fetchone()
        tag_id = row[0] if row else rec.insert("tags", {"uuid": str(uuid.uuid4()), "name": name})
        exists = self.db.execute(f"SELECT 1 FROM {entity}_tags WHERE {entity}_id = ? AND tag_id = ?",
                                 [entity_id, tag_id]).fetchone()
        if not exists:
            rec.insert(f"{entity}_tags", {f"{entity}_id": entity_id, "tag_id": tag_id})

    def replace(self, rec: Recorder, quote_id: int, tags) -> None:
        wanted = {" ".join(t.split()).lower() for t in tags if t.strip()}
        for link_id, name in self.db.execute(
                "SELECT qt.id, t.name FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id WHERE qt.quote_id = ?",
                [quote_id]).fetchall():
            if name.lower() not in wanted:
                rec.delete("quote_tags", link_id)
        for tag in tags:
            if tag.strip():
                self.attach(rec, quote_id, tag)
