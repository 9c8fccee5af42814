"""A whole Zotero library in one step: ``import_zotero(lib, "~/Zotero")``.

- ``zotero.sqlite`` is copied to a temporary folder and the copy is read, so a running Zotero
  (which may hold its database locked) is never disturbed and never written to.
- Every regular item becomes a source with all its fields (as CSL variables, mapped as Zotero
  maps them for citations; fields without a CSL variable kept under ``custom.zotero``) and its
  creators in their roles; its collections and tags become tags on the source; its child
  notes become the source's notes (as text); the full text Zotero indexed from its attachments
  (``storage/KEY/.zotero-ft-cache``) becomes the source's text.
- A source's uuid is derived from the Zotero library and item key, so importing again updates
  the sources instead of adding them twice. Items in Zotero's trash are left out.
"""

from __future__ import annotations

import html
import re
import shutil
import sqlite3
import tempfile
import uuid as uuidlib
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..cite.csl import csl_to_source
from ..errors import ImportFailed, VerbatimError
from ..formats.reports import ImportReport
from ..progress import Progress, report_progress
from . import zotero_map

if TYPE_CHECKING:
    from ..library import Library
    from ..undo import Recorder

_NAMESPACE = uuidlib.UUID("6f0d1f3e-6a53-4b55-9a8e-2f4f5b0c7a11")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|h\d|li|blockquote|pre)>|<br\s*/?>", re.I)


def zotero_database(path: str | Path) -> Path:
    """The ``zotero.sqlite`` of a Zotero data directory (or the file itself).

    :raises ImportFailed: there is no Zotero database there.
    """
    path = Path(path).expanduser()
    found = path / "zotero.sqlite" if path.is_dir() else path
    if found.name != "zotero.sqlite" or not found.is_file():
        raise ImportFailed(f"There is no zotero.sqlite in {path}. Choose Zotero's data directory "
                           "(Zotero: Settings, Advanced, Files and Folders, Data Directory Location).")
    return found


def read_zotero(data_dir: str | Path) -> list[dict]:
    """Source drafts (``lib.sources.add`` arguments plus ``tags``) for every item of a Zotero library."""
    database = zotero_database(data_dir)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "zotero.sqlite"
        shutil.copyfile(database, copy)
        journal = database.with_name("zotero.sqlite-wal")
        if journal.is_file():  # committed pages not yet in the main file
            shutil.copyfile(journal, copy.with_name("zotero.sqlite-wal"))
        try:
            con = sqlite3.connect(copy)
            try:
                return _Reader(con, database.parent).drafts()
            finally:
                con.close()
        except sqlite3.DatabaseError as e:
            raise ImportFailed(f"Zotero's database {database} cannot be read ({e}). Close Zotero and try "
                               "again, or check that the file is a Zotero library.") from None


def import_zotero(lib: Library, data_dir: str | Path, *, progress: Progress | None = None) -> ImportReport:
    """Add or update every item of a Zotero library as a source, as one undoable step.

    :raises ImportFailed: no readable Zotero database, or an item that cannot be stored (nothing is imported then).
    """
    drafts = read_zotero(data_dir)   # read first, so a bad database stops before any write
    with lib.step(f"Import {len(drafts)} Zotero items") as rec:
        return store_zotero_in_step(lib, rec, drafts, progress=progress)


def store_zotero_in_step(lib: Library, rec: Recorder, drafts: list[dict], *,
                         progress: Progress | None = None) -> ImportReport:
    """Store Zotero drafts inside the caller's step: new items are added, known ones (by uuid) updated.

    :raises ImportFailed: an item cannot be stored (the caller's step then keeps nothing).
    """
    report = ImportReport()
    for done, draft in enumerate(drafts, 1):
        draft = dict(draft)
        tags = draft.pop("tags")
        row = lib.db.execute("SELECT id, deleted_at FROM sources WHERE uuid = ?", [draft["uuid"]]).fetchone()
        if row is not None and row[1] is not None:
            report.count(report.unchanged, "source")  # put in the trash here: left there
            continue
        try:
            if row is None:
                source_id = lib.sources.add_in_step(rec, **draft)
                report.count(report.added, "source")
            else:
                source_id = row[0]
                changed = lib.sources.update_if_changed(rec, source_id, **draft)
                report.count(report.updated if changed else report.unchanged, "source")
            for tag in tags:
                lib.tags.attach_to_source(rec, source_id, tag)
        except VerbatimError as e:
            raise ImportFailed(f"Zotero item “{draft.get('title') or draft['uuid']}” cannot be imported: {e} "
                               "Nothing was imported.") from None
        if done % 200 == 0 or done == len(drafts):
            report_progress(progress, done, len(drafts))
    return report


class _Reader:
    """Reads a (copied) Zotero database with a few whole-table queries, not one per item."""

    def __init__(self, con: sqlite3.Connection, data_dir: Path):
        self.con, self.data_dir = con, data_dir
        tables = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        self.types = self._lookup("itemTypesCombined" if "itemTypesCombined" in tables else "itemTypes",
                                  "itemTypeID", "typeName")
        self.fields = self._lookup("fieldsCombined" if "fieldsCombined" in tables else "fields", "fieldID", "fieldName")
        self.roles = self._lookup("creatorTypes", "creatorTypeID", "creatorType")
        self.feeds = "feedItems" in tables

    def _lookup(self, table: str, key: str, value: str) -> dict:
        return dict(self.con.execute(f"SELECT {key}, {value} FROM {table}"))

    def drafts(self) -> list[dict]:
        skip = "SELECT itemID FROM deletedItems" + (" UNION SELECT itemID FROM feedItems" if self.feeds else "")
        items = [(i, lib_id, key, self.types.get(t, "")) for i, t, lib_id, key in self.con.execute(
            f"SELECT itemID, itemTypeID, libraryID, key FROM items WHERE itemID NOT IN ({skip}) ORDER BY itemID")]
        items = [i for i in items if i[3] not in zotero_map.NOT_REFERENCES]
        data, names, tags = self._fields(), self._creators(), self._tags()
        notes, texts = self._notes(), self._texts()
        _parse_particles(names)
        drafts = []
        for item_id, library_id, key, type_name in items:
            item = self._csl(type_name, data.get(item_id, {}), names.get(item_id, []), key)
            draft = csl_to_source(item)
            draft["uuid"] = str(uuidlib.uuid5(_NAMESPACE, f"{library_id}/{key}"))
            draft["notes"] = "\n\n".join(notes.get(item_id, []))
            draft["text"] = "\n\n".join(texts.get(item_id, []))
            draft["tags"] = sorted(set(tags.get(item_id, [])))
            drafts.append(draft)
        return drafts

    def _csl(self, type_name: str, fields: dict, names: list, key: str) -> dict:
        item: dict = {"id": key, "type": zotero_map.TYPES.get(type_name, "document")}
        unmapped = {}
        for name, value in fields.items():
            variable = zotero_map.FIELDS.get(name)
            if name == "place":
                continue  # below
            if variable is None:
                unmapped[name] = value
            elif variable in zotero_map.DATE_FIELDS:
                if zotero_map.date(str(value)):
                    item[variable] = zotero_map.date(str(value))
            elif variable not in item:
                item[variable] = value
        if fields.get("place"):  # Zotero gives a place to both the publisher and the event
            item["publisher-place"] = item["event-place"] = fields["place"]
        for role, name in names:
            item.setdefault(zotero_map.CREATORS.get(role, "contributor"), []).append(name)
        item["custom"] = {"zotero": {"key": key, "itemType": type_name, **({"fields": unmapped} if unmapped else {})}}
        return item

    def _fields(self) -> dict[int, dict]:
        out: dict[int, dict] = defaultdict(dict)
        for item_id, field_id, value in self.con.execute(
                "SELECT d.itemID, d.fieldID, v.value FROM itemData d JOIN itemDataValues v ON v.valueID = d.valueID"):
            out[item_id][self.fields.get(field_id, str(field_id))] = value
        return out

    def _creators(self) -> dict[int, list]:
        out: dict[int, list] = defaultdict(list)
        for item_id, role_id, first, last, mode in self.con.execute(
                "SELECT ic.itemID, ic.creatorTypeID, c.firstName, c.lastName, c.fieldMode FROM itemCreators ic "
                "JOIN creators c ON c.creatorID = ic.creatorID ORDER BY ic.itemID, ic.orderIndex"):
            out[item_id].append((self.roles.get(role_id, "contributor"), zotero_map.creator(first, last, mode)))
        return out

    def _tags(self) -> dict[int, list]:
        out: dict[int, list] = defaultdict(list)
        for item_id, name in self.con.execute(
                "SELECT ci.itemID, c.collectionName FROM collectionItems ci JOIN collections c "
                "ON c.collectionID = ci.collectionID UNION ALL SELECT it.itemID, t.name FROM itemTags it "
                "JOIN tags t ON t.tagID = it.tagID"):
            out[item_id].append(name)
        return out

    def _notes(self) -> dict[int, list]:
        out: dict[int, list] = defaultdict(list)
        for parent, note in self.con.execute("SELECT parentItemID, note FROM itemNotes WHERE parentItemID IS NOT NULL "
                                             "AND itemID NOT IN (SELECT itemID FROM deletedItems) ORDER BY itemID"):
            text = note_text(note or "")
            if text:
                out[parent].append(text)
        return out

    def _texts(self) -> dict[int, list]:
        out: dict[int, list] = defaultdict(list)
        for parent, key in self.con.execute(
                "SELECT a.parentItemID, i.key FROM itemAttachments a JOIN items i ON i.itemID = a.itemID "
                "WHERE a.parentItemID IS NOT NULL ORDER BY a.itemID"):
            cache = self.data_dir / "storage" / key / ".zotero-ft-cache"
            if cache.is_file():
                out[parent].append(cache.read_text(encoding="utf-8", errors="replace").strip())
        return out


def _parse_particles(names: dict[int, list]) -> None:
    """Names as Zotero cites them: particles split by citeproc-js, as Zotero does (as typed without the engine)."""
    from ..cite.engine import CitationEngineMissing, CiteprocJS
    people = [name for pairs in names.values() for _, name in pairs if name.get("family") and name.get("given")]
    if not people:
        return
    try:
        parsed = CiteprocJS.shared().parse_particles(people)
    except CitationEngineMissing:
        return
    for name, split in zip(people, parsed, strict=True):
        name.clear()
        name.update({k: v for k, v in split.items() if v not in ("", None, False)})


def note_text(note: str) -> str:
    """A Zotero note (HTML) as plain text, one paragraph a line."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", note))
    return "\n".join(" ".join(line.split()) for line in html.unescape(text).splitlines() if line.strip())
