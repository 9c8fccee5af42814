"""Reading a native export into a library, merging by uuid.

::

    data = read_native(Path("harbour.verbatim.json").read_text(encoding="utf-8"))
    merge_native(lib, data, dry_run=True).summary()   # what would change, for a preview
    merge_native(lib, data).summary()                 # 'Added 3 sources and 12 quotes.'

Guarantees:

- an item whose uuid the library lacks is added; one it has is updated only when the
  incoming copy is newer (by ``updated_at``), otherwise left alone, so importing the same
  file twice adds and changes nothing;
- the whole import is one undoable step in one transaction: a failure or a cancel keeps
  nothing;
- a quote's history is appended to, never rewritten;
- a quote from an export older than the two provenance flags keeps its one provenance as the
  matching flag.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import ImportFailed
from ..plural import count_of
from ..progress import Progress, report_progress
from ..text import one_line
from .json_input import read_json
from .native import FORMAT_NAME, FORMAT_VERSION
from .reports import ImportReport

if TYPE_CHECKING:
    from ..library import Library
    from ..undo import Recorder

_CHILDREN = {"names", "aliases", "roles", "tags", "history", "findings", "speaker", "source", "merged_into"}


def read_native(text: str) -> dict:
    """The parsed native export. :raises ImportFailed: not a native export, or from a newer Verbatim."""
    data = read_json(text, "This is not a Verbatim export: {reason}. Export it again from Verbatim.")
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ImportFailed("This JSON file is not a Verbatim library export. "
                           "For citations from Zotero, import them as CSL-JSON instead.")
    if not isinstance(data.get("version"), int) or data["version"] > FORMAT_VERSION:
        raise ImportFailed("This export was written by a newer Verbatim. Update Verbatim, then import it again.")
    for key in ("sources", "speakers", "quotes"):
        items = data.get(key, [])
        if not isinstance(items, list) or not all(_well_formed(key, i) for i in items):
            raise ImportFailed(f"The export's “{key}” list is damaged: an item lacks its uuid or has a field of "
                               "the wrong shape. Export it again.")
    return data


# What each kind of item holds besides plain values: child lists, and the keys each child needs.
_CHILD_LISTS = {"sources": {"names": ("uuid",)}, "speakers": {"aliases": ("uuid", "alias"), "roles": ("uuid",)},
                "quotes": {"history": (), "findings": ("check_name", "severity", "message")}}


def _well_formed(key: str, item) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("uuid"), str) or not item["uuid"]:
        return False
    children = _CHILD_LISTS[key]
    for name, value in item.items():
        if name in children:
            if not isinstance(value, list) or not all(isinstance(c, dict) and all(k in c for k in children[name])
                                                      for c in value):
                return False
        elif name == "tags":
            if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
                return False
        elif not isinstance(value, (str, int, float, type(None))):
            return False
    return True


def merge_native(lib: Library, data: dict, *, dry_run: bool = False, progress: Progress | None = None) -> ImportReport:
    """Merge the parsed export ``data`` into ``lib``; with ``dry_run`` only count what would change.

    :raises ImportFailed: a quote names a speaker that neither the file nor the library has,
        or a row breaks the library's rules (the message says which item).
    :raises Interrupted: ``progress`` asked to stop; nothing was kept.
    """
    if dry_run:
        merger = _Merger(lib, data, True)
        merger.run(None, progress)
        return merger.report
    total = len(data.get("quotes", []))
    noun = f"{count_of(total, 'quote')}" if total else "library items"
    with lib.step(f"Import {noun}") as rec:
        return merge_native_in_step(lib, rec, data, progress=progress)


def merge_native_in_step(lib: Library, rec: Recorder, data: dict, *, progress: Progress | None = None) -> ImportReport:
    """Like :func:`merge_native`, inside a step the caller holds (several files as one step)."""
    merger = _Merger(lib, data, False)
    try:
        merger.run(rec, progress)
    except sqlite3.Error as e:
        raise ImportFailed(f"The export holds an item this library cannot store ({e}); nothing was imported.") from None
    return merger.report


class _Merger:
    def __init__(self, lib: Library, data: dict, dry_run: bool):
        self.lib, self.db, self.data, self.dry_run = lib, lib.db, data, dry_run
        self.report = ImportReport()
        self.file_speakers = {i.get("uuid") for i in data.get("speakers", [])}
        self.columns = {t: set(lib.db[t].columns_dict) - {"id", "all_names"}
                        for t in ("sources", "speakers", "quotes", "findings")}

    def run(self, rec: Recorder | None, progress: Progress | None) -> None:
        self.rec = rec
        quotes = self.data.get("quotes", [])
        for item in self.data.get("sources", []):
            self._merge("sources", "source", item, self._source_children)
        for item in self.data.get("speakers", []):
            self._merge("speakers", "speaker", item, self._speaker_children)
        for item in self.data.get("speakers", []):
            self._link_merged(item)
        report_progress(progress, 0, len(quotes))
        for done, item in enumerate(quotes, 1):
            self._merge("quotes", "quote", _with_flags(item), self._quote_children, self._quote_links(item))
            if done % 500 == 0 or done == len(quotes):
                report_progress(progress, done, len(quotes))

    def _merge(self, table: str, noun: str, item: dict, children: Callable, links: dict | None = None) -> None:
        row = {k: v for k, v in item.items() if k in self.columns[table] and k not in _CHILDREN}
        row.update(links or {})
        local = self.db.execute(f"SELECT id, updated_at FROM [{table}] WHERE uuid = ?", [item["uuid"]]).fetchone()
        if local is None:
            self.report.count(self.report.added, noun)
            if not self.dry_run:
                children(self.rec.insert(table, row), item, new=True)
        elif _newer(item.get("updated_at"), local[1]):
            self.report.count(self.report.updated, noun)
            if not self.dry_run:
                self.rec.update(table, local[0], {k: v for k, v in row.items() if k != "uuid"})
                children(local[0], item, new=False)
        else:
            self.report.count(self.report.unchanged, noun)

    def _source_children(self, source_id: int, item: dict, *, new: bool) -> None:
        self._replace(new, "source_names", "source_id", source_id, [
            {**{k: n.get(k, "") for k in ("uuid", "role", "family", "given", "particle", "suffix", "literal",
                                          "dropping_particle")},
             **{k: n.get(k, 0) for k in ("position", "comma_suffix", "static_ordering")},
             "parse_names": n.get("parse_names")} for n in item.get("names", [])])

    def _speaker_children(self, speaker_id: int, item: dict, *, new: bool) -> None:
        self._replace(new, "speaker_aliases", "speaker_id", speaker_id,
                      [{"uuid": a["uuid"], "alias": a["alias"]} for a in item.get("aliases", [])])
        self._replace(new, "speaker_roles", "speaker_id", speaker_id, [
            {k: r.get(k) for k in ("uuid", "title", "organization", "start", "end")} for r in item.get("roles", [])])

    def _replace(self, new: bool, table: str, parent: str, parent_id: int, rows: list[dict]) -> None:
        """Make the parent's child rows exactly ``rows``, keeping those whose uuid is already there."""
        wanted = {r["uuid"] for r in rows}
        if not new:
            for row_id, uuid in self.db.execute(f"SELECT id, uuid FROM [{table}] WHERE {parent} = ?",
                                                [parent_id]).fetchall():
                if uuid not in wanted:
                    self.rec.delete(table, row_id)
        for row in rows:
            local = self.db.execute(f"SELECT id FROM [{table}] WHERE uuid = ?", [row["uuid"]]).fetchone()
            if local is None:
                self.rec.insert(table, {**row, parent: parent_id})
            else:
                self.rec.update(table, local[0], {**row, parent: parent_id})

    def _link_merged(self, item: dict) -> None:
        if self.dry_run or not item.get("merged_into"):
            return
        target = self._local_id("speakers", item["merged_into"])
        own = self._local_id("speakers", item["uuid"])
        if target is not None and own is not None:
            self.rec.update("speakers", own, {"merged_into": target})

    def _quote_links(self, item: dict) -> dict:
        speaker = self._local_id("speakers", item.get("speaker"))
        if speaker is None and not (self.dry_run and item.get("speaker") in self.file_speakers):
            raise ImportFailed(f"The quote “{one_line(item.get('words'), 40)}” names a speaker missing from the export "
                               "and from this library. Export it again with its speaker.")
        source = self._local_id("sources", item.get("source")) if item.get("source") else None
        return {"speaker_id": speaker, "source_id": source}

    def _quote_children(self, quote_id: int, item: dict, *, new: bool) -> None:
        tags = [t for t in item.get("tags", []) if isinstance(t, str) and t.strip()]
        if new:
            for tag in tags:
                self.lib.tags.attach(self.rec, quote_id, tag)
        else:
            self.lib.tags.replace(self.rec, quote_id, tags)
            for (finding_id,) in self.db.execute("SELECT id FROM findings WHERE quote_id = ?", [quote_id]).fetchall():
                self.rec.delete("findings", finding_id)
        for finding in item.get("findings", []):
            self.rec.insert("findings", {**{k: v for k, v in finding.items() if k in self.columns["findings"]},
                                         "quote_id": quote_id})
        known = {tuple(r) for r in self.db.execute(
            "SELECT field, old, new, at FROM history WHERE entity = 'quote' AND entity_id = ?", [quote_id])}
        incoming = [h for h in item.get("history", []) if (h.get("field"), h.get("old"), h.get("new"), h.get("at"))
                    not in known]
        # History is append-only and not part of undo: the import's own "created" row records it.
        self.db["history"].insert_all({"entity": "quote", "entity_id": quote_id, "field": h.get("field", ""),
                                       "old": h.get("old"), "new": h.get("new"), "at": h.get("at", ""),
                                       "step": h.get("step", "")} for h in incoming)

    def _local_id(self, table: str, uuid: str | None) -> int | None:
        if not uuid:
            return None
        row = self.db.execute(f"SELECT id FROM [{table}] WHERE uuid = ?", [uuid]).fetchone()
        return row[0] if row else None


def _with_flags(item: dict) -> dict:
    """A quote of an export written before provenance had two flags: its one ``provenance`` as flags."""
    if "second_hand" in item or "translated" in item or "provenance" not in item:
        return item
    return {**item, "second_hand": int(item["provenance"] == "second_hand"),
            "translated": int(item["provenance"] == "translated")}


def item_status(lib: Library, table: str, item: dict) -> str:
    """What importing ``item`` into ``table`` would do: "add", "update" (incoming is newer) or "same"."""
    local = lib.db.execute(f"SELECT updated_at FROM [{table}] WHERE uuid = ?", [item.get("uuid")]).fetchone()
    if local is None:
        return "add"
    return "update" if _newer(item.get("updated_at"), local[0]) else "same"


def _newer(incoming: str | None, local: str | None) -> bool:
    try:
        return bool(incoming) and (not local or dt.datetime.fromisoformat(incoming) > dt.datetime.fromisoformat(local))
    except ValueError:
        return False  # an unreadable time never overwrites what the library has
