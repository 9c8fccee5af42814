"""One import of several files and addresses: all of them, as one undoable step, or none.

::

    batch = read_inputs(["zotero.bib", "colleague.json", "briefing.pdf"])   # reads; writes nothing
    preview_inputs(lib, batch)                # what storing would do, item by item; writes nothing
    report = store_inputs(lib, batch)         # one step, one transaction
    report.lines                              # ['zotero.bib: Added 12 sources; 3 already there.', …]
    lib.undo()                                # removes all of it

The command line (``verbatim import``) and the window's Import dialog both read and store
through these functions, so they take the same files, with the same limits, all or nothing.

Guarantees:

- every input is read before anything is written, so one that cannot be read stops the import
  with nothing written (:class:`~qtapp.core.errors.ImportFailed` names it);
- everything read is written in one transaction: a failure while storing, or the program
  being killed, keeps nothing of the import;
- one Undo removes the whole import.

Reference files (CSL-JSON, BibTeX, RIS) and native library copies go through
:mod:`qtapp.core.formats.registry`; documents and web addresses through
:mod:`qtapp.core.importers` (loaded only when there are some: its readers are heavier); a
Zotero data directory through :mod:`qtapp.core.importers.zotero`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ImportFailed, Interrupted, VerbatimError
from .files import DOCUMENT_SUFFIXES, input_name
from .formats.registry import (
    ImportPlan,
    PreviewItem,
    apply_import_in_step,
    preview_import,
    preview_items,
    read_import_file,
)
from .formats.reports import ImportReport
from .progress import Progress, report_progress

if TYPE_CHECKING:
    from .importers import SourceDraft
    from .library import Library



@dataclass
class Inputs:
    """Everything an import read, ready to store."""

    plans: list[ImportPlan] = field(default_factory=list)
    drafts: list[SourceDraft] = field(default_factory=list)
    zotero: list[tuple[str, list[dict]]] = field(default_factory=list)   # (data directory, its items)

    def __len__(self) -> int:
        return len(self.plans) + len(self.drafts) + len(self.zotero)


def is_document(item: str, format: str | None = None) -> bool:
    """True for what the document readers take: web addresses and document files (unless a
    reference ``format`` is named)."""
    if format:
        return False
    return item.lower().startswith(("http://", "https://")) or Path(item).suffix.lower() in DOCUMENT_SUFFIXES


def is_zotero(item: str, format: str | None = None) -> bool:
    """True for a Zotero data directory or its zotero.sqlite (unless a reference ``format`` is named)."""
    if format:
        return False
    path = Path(item).expanduser()
    return path.name == "zotero.sqlite" or (path / "zotero.sqlite").is_file()


def read_inputs(items: Iterable[str], format: str | None = None, *, timeout: float = 10,
                progress: Progress | None = None) -> Inputs:
    """Read every file and address; nothing is written.

    :param format: the format of every reference file (default: from each file's name).
    :param timeout: seconds to wait for a server.
    :raises ImportFailed: an input cannot be read (the message names it); nothing was read further.
    :raises Interrupted: ``progress`` cancelled the reading.
    """
    inputs = Inputs()
    items = list(items)
    for done, item in enumerate(items):
        report_progress(progress, done, len(items), f"Reading {input_name(item)}")
        try:
            if is_zotero(item, format):
                from .importers.zotero import read_zotero
                inputs.zotero.append((item, read_zotero(item)))
            elif is_document(item, format):
                from .importers import read_document
                inputs.drafts.append(read_document(item, timeout=timeout))
            else:
                inputs.plans.append(read_import_file(item, format))
        except Interrupted:
            raise
        except VerbatimError as e:
            raise ImportFailed(_nothing_imported(_naming(item, str(e)))) from None
        except MemoryError:
            raise ImportFailed(f"{input_name(item)} is too large to read on this computer. Split it into smaller "
                               "files; nothing was imported.") from None
    return inputs


def preview_inputs(lib: Library, inputs: Inputs, *, limit: int = 500) -> tuple[ImportReport, list[PreviewItem]]:
    """What :func:`store_inputs` would add, update or leave alone, in total and for the first
    ``limit`` items; changes nothing."""
    report, items = ImportReport(), []
    for _data_dir, drafts in inputs.zotero:
        for draft in drafts:
            known = lib.db.execute("SELECT 1 FROM sources WHERE uuid = ?", [draft["uuid"]]).fetchone()
            report.count(report.updated if known else report.added, "source")
            items.append(PreviewItem("source", draft.get("title") or "(untitled)", "update" if known else "add"))
    for plan in inputs.plans:
        report.extend(preview_import(lib, plan))
        items += preview_items(lib, plan, limit=limit)
    for draft in inputs.drafts:
        known = lib.sources.find_duplicate(url=draft.url, text=draft.text)
        report.count(report.unchanged if known else report.added, "source")
        items.append(PreviewItem("source", draft.title or draft.origin, "same" if known else "add"))
    return report, items[:limit]


def store_inputs(lib: Library, inputs: Inputs, *, progress: Progress | None = None) -> ImportReport:
    """Store what :func:`read_inputs` read as one undoable step; the report has a line per input.

    :raises ImportFailed: an item cannot be stored (which one is said); nothing was imported.
    :raises Interrupted: ``progress`` cancelled the import; nothing was imported.
    """
    total = ImportReport()
    count = len(inputs)
    name = f"Import {count} files" if count != 1 else f"Import {input_name(_first(inputs))}"
    with lib.step(name[:80]) as rec:
        try:
            for item, drafts in inputs.zotero:
                from .importers.zotero import store_zotero_in_step
                _add(total, item, store_zotero_in_step(lib, rec, drafts, progress=progress))
            for plan in inputs.plans:
                _add(total, plan.path.name, apply_import_in_step(lib, rec, plan, progress=progress))
            if inputs.drafts:
                from .importers.importing import store_drafts
                report = store_drafts(lib, rec, inputs.drafts, on_duplicate="skip")
                report.lines = [f"{outcome.item}: {outcome.status}" for outcome in report.outcomes]
                report.lines.append(report.summary())
                total.extend(report)
        except ImportFailed as e:
            raise ImportFailed(_nothing_imported(str(e))) from None
    return total


def _add(total: ImportReport, item: str, report: ImportReport) -> None:
    report.lines = [f"{item}: {report.summary()}"]
    total.extend(report)


def _first(inputs: Inputs) -> str:
    if inputs.zotero:
        return inputs.zotero[0][0]
    if inputs.plans:
        return str(inputs.plans[0].path)
    return inputs.drafts[0].origin or inputs.drafts[0].title


def _naming(item: str, message: str) -> str:
    """``message`` starting with the input's name, unless it already names it."""
    return message if input_name(item) in message else f"{input_name(item)}: {message}"


def _nothing_imported(message: str) -> str:
    return message if "nothing was imported" in message.lower() else f"{message.rstrip('.')}; nothing was imported."
