"""Capture operations: sources from files, addresses, pasted text and Zotero; quotes found in a source.

The imports are slow (files, the network): run them with
:func:`qtapp.gui.operations.in_background`, which hands them ``progress``.
"""

from __future__ import annotations

from pathlib import Path

from ...core.extract import Accepted, log_accepted
from ...core.import_batch import Inputs, store_inputs
from ...core.importers import ImportReport, SourceDraft, import_drafts, import_paths, source_from_text
from ...core.importers.zotero import import_zotero
from ...core.library import Library
from ...core.quotes import QuoteId
from ...core.sources import SourceId
from ..ops import Progress
from . import Change, operation


@operation(Change.SOURCES)
def import_files(lib: Library, items: list[str | Path], *, progress: Progress,
                 on_duplicate: str = "skip") -> ImportReport:
    """Store files and web addresses as sources, as one step; duplicates as ``on_duplicate`` says."""
    return import_paths(lib, items, progress=progress, on_duplicate=on_duplicate)


@operation(Change.RECORDS)
def import_read_file(lib: Library, inputs: Inputs, *, progress: Progress) -> ImportReport:
    """Store what the import dialog read and previewed (references, a document, a Zotero
    library or a Verbatim export with its quotes and speakers), as one step."""
    return store_inputs(lib, inputs, progress=progress)


@operation(Change.SOURCES)
def import_duplicates(lib: Library, chosen: dict[str, list[SourceDraft]], *, progress: Progress) -> ImportReport:
    """Store the drafts found to be duplicates as chosen: ``{"merge": […], "add": […]}``."""
    report = ImportReport()
    for choice, drafts in chosen.items():
        if drafts:
            report.extend(import_drafts(lib, drafts, on_duplicate=choice))
    return report


@operation(Change.SOURCES)
def import_pasted(lib: Library, text: str, title: str, *, progress: Progress) -> SourceId:
    """Store pasted text as a source, its kind read from the text."""
    return source_from_text(lib, text, title)


@operation(Change.SOURCES | Change.SPEAKERS)
def import_from_zotero(lib: Library, data_dir: str | Path, *, progress: Progress) -> ImportReport:
    """Add or update every item of a Zotero library as a source, as one step."""
    return import_zotero(lib, data_dir, progress=progress)


@operation(Change.QUOTES | Change.SPEAKERS)
def log_found_quotes(lib: Library, source_id: int, accepted: list[Accepted]) -> list[QuoteId]:
    """Log the quotes accepted from a source's proposals, with any new speakers, as one step."""
    return log_accepted(lib, source_id, accepted)
