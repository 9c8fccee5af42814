"""The lossless native export: a JSON copy of a selection or a whole library.

It carries everything another library needs to hold the same items: sources with their
people, speakers with aliases and roles, quotes with tags, history and check findings, each
identified by its uuid. A quote carries both provenance flags (``second_hand``,
``translated``) and, for older readers, the single ``provenance`` they know (see
:mod:`.native_import` for the merge). It is a private copy for moving work between
libraries, not a publication format: it keeps off-the-record material and real names, and
says so in its ``private`` field. Quotes are written a page at a time::

    with open("harbour.verbatim.json", "w", encoding="utf-8") as out:
        write_native(lib, Selection(tag="harbour-story"), out)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from ..dates import utc_now
from ..progress import Progress, report_progress
from .reports import ExportReport
from .selection import Selection

if TYPE_CHECKING:
    from ..library import Library

FORMAT_NAME = "verbatim-library"
FORMAT_VERSION = 1
PRIVATE_NOTE = ("A complete copy, including off-the-record material and the names of protected speakers. "
                "Not for publication.")
PAGE_SIZE = 1000
# Columns that are local to one file: row ids and what triggers derive.
_LOCAL = {"id", "all_names", "speaker_id", "source_id", "merged_into"}


def write_native(lib: Library, selection: Selection, out: TextIO, *, progress: Progress | None = None,
                 now: dt.datetime | None = None) -> ExportReport:
    """Write ``selection`` (the whole library, trash included, when empty) to ``out`` as native JSON."""
    header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "exported_at": utc_now(), "private": True,
              "note": PRIVATE_NOTE, "selection": selection.describe()}
    # The whole library includes the trash; a selection holds live quotes only.
    where, params = ("1", []) if selection.whole_library else selection.where()
    total = lib.db.execute(f"SELECT count(*) FROM quotes q WHERE {where}", params).fetchone()[0]
    speaker_ids, source_ids = _referenced(lib, selection, where, params)
    out.write(json.dumps(header, ensure_ascii=False)[:-1])
    out.write(',\n"sources": [')
    _write_items(out, (_source(lib, i) for i in source_ids))
    out.write('],\n"speakers": [')
    _write_items(out, (_speaker(lib, i) for i in speaker_ids))
    out.write('],\n"quotes": [')
    done = 0
    report_progress(progress, 0, total)
    first = True
    for page in _quote_id_pages(lib, where, params):
        for item in _quotes(lib, page):
            out.write(("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False))
            first = False
        done += len(page)
        report_progress(progress, done, total)
    out.write("]}\n")
    return ExportReport(total, {})


def _write_items(out: TextIO, items: Iterator[dict]) -> None:
    for n, item in enumerate(items):
        out.write(("\n" if n == 0 else ",\n") + json.dumps(item, ensure_ascii=False))


def _quote_id_pages(lib: Library, where: str, params: list) -> Iterator[list[int]]:
    """Ids of the quotes to write, a page at a time, in id order."""
    last = 0
    while ids := [i for (i,) in lib.db.execute(f"SELECT q.id FROM quotes q WHERE {where} AND q.id > ? "
                                               "ORDER BY q.id LIMIT ?", [*params, last, PAGE_SIZE])]:
        yield ids
        last = ids[-1]


def _referenced(lib: Library, selection: Selection, where: str, params: list) -> tuple[list[int], list[int]]:
    """The speakers and sources to write: all of them for the whole library, else those the quotes need."""
    if selection.whole_library:
        return ([i for (i,) in lib.db.execute("SELECT id FROM speakers ORDER BY id")],
                [i for (i,) in lib.db.execute("SELECT id FROM sources ORDER BY id")])
    speakers = [i for (i,) in lib.db.execute(
        f"SELECT DISTINCT q.speaker_id FROM quotes q WHERE {where} ORDER BY 1", params)]
    sources = [i for (i,) in lib.db.execute(
        f"SELECT DISTINCT q.source_id FROM quotes q WHERE {where} AND q.source_id IS NOT NULL ORDER BY 1", params)]
    return speakers, sources


def _row(lib: Library, table: str, row_id: int) -> dict:
    cursor = lib.db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
    return dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))


def _uuid_of(lib: Library, table: str, row_id: int | None) -> str | None:
    if row_id is None:
        return None
    row = lib.db.execute(f"SELECT uuid FROM [{table}] WHERE id = ?", [row_id]).fetchone()
    return row[0] if row else None


def _source(lib: Library, source_id: int) -> dict:
    item = {k: v for k, v in _row(lib, "sources", source_id).items() if k not in _LOCAL}
    cursor = lib.db.execute("SELECT uuid, role, position, family, given, particle, suffix, literal, dropping_particle, "
                            "comma_suffix, static_ordering, parse_names FROM source_names "
                            "WHERE source_id = ? ORDER BY role, position", [source_id])
    item["names"] = [dict(zip([c[0] for c in cursor.description], r, strict=True)) for r in cursor]
    return item


def _speaker(lib: Library, speaker_id: int) -> dict:
    row = _row(lib, "speakers", speaker_id)
    item = {k: v for k, v in row.items() if k not in _LOCAL}
    item["merged_into"] = _uuid_of(lib, "speakers", row["merged_into"])
    item["aliases"] = [{"uuid": u, "alias": a} for u, a in lib.db.execute(
        "SELECT uuid, alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY id", [speaker_id])]
    cursor = lib.db.execute("SELECT uuid, title, organization, start, end FROM speaker_roles WHERE speaker_id = ? "
                            "ORDER BY id", [speaker_id])
    item["roles"] = [dict(zip([c[0] for c in cursor.description], r, strict=True)) for r in cursor]
    return item


def _quotes(lib: Library, ids: list[int]) -> Iterator[dict]:
    marks = ",".join("?" * len(ids))
    cursor = lib.db.execute(
        f"SELECT q.*, sp.uuid AS speaker, so.uuid AS source FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id "
        f"LEFT JOIN sources so ON so.id = q.source_id WHERE q.id IN ({marks}) ORDER BY q.id", ids)
    columns = [c[0] for c in cursor.description]
    rows = [dict(zip(columns, r, strict=True)) for r in cursor]
    extras: dict[int, dict[str, list]] = {i: {"tags": [], "history": [], "findings": []} for i in ids}
    for quote_id, name in lib.db.execute(
            f"SELECT qt.quote_id, t.name FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id "
            f"WHERE qt.quote_id IN ({marks}) ORDER BY t.name", ids):
        extras[quote_id]["tags"].append(name)
    for entity_id, *values in lib.db.execute(
            f"SELECT entity_id, field, old, new, at, step FROM history WHERE entity = 'quote' "
            f"AND entity_id IN ({marks}) ORDER BY id", ids):
        extras[entity_id]["history"].append(dict(zip(("field", "old", "new", "at", "step"), values, strict=True)))
    cursor = lib.db.execute(f"SELECT * FROM findings WHERE quote_id IN ({marks}) ORDER BY id", ids)
    columns = [c[0] for c in cursor.description]
    for values in cursor:
        finding = dict(zip(columns, values, strict=True))
        extras[finding.pop("quote_id")]["findings"].append({k: v for k, v in finding.items() if k != "id"})
    for row in rows:
        item = {k: v for k, v in row.items() if k not in _LOCAL}
        yield {**item, "provenance": legacy_provenance(row), **extras[row["id"]]}


def legacy_provenance(row: dict) -> str:
    """The single provenance a Verbatim older than both flags reads (schema m008): the outlet wins."""
    return "second_hand" if row["second_hand"] else "translated" if row["translated"] else "first_hand"
