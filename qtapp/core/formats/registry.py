"""Every export and import format by name, and the file-level entry points that use them.

::

    export_to_path(lib, "sheet-md", Selection(tag="harbour-story"), Path("sheet.md"))
    plan = read_import_file(Path("zotero.bib"))          # format guessed from the extension
    preview_import(lib, plan).summary()                  # 'Added 12 sources; 3 already there.'
    apply_import(lib, plan).summary()
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import ImportFailed, InvalidInput
from ..files import MAX_IMPORT_BYTES, check_size, replacing, safe_filename
from ..progress import Progress
from ..sniffing import head_of, is_binary, text_start
from . import native, native_import
from .references import existing_source, import_source_drafts, store_source_drafts
from .reports import ExportReport, ImportReport
from .selection import Selection

if TYPE_CHECKING:
    from ..library import Library
    from ..undo import Recorder

# A native export of a large library is far bigger than any document worth importing.
MAX_NATIVE_BYTES = 2 * 1024 ** 3


@dataclass(frozen=True)
class Format:
    """One export format: its command-line name, a label for menus, the file suffix, and where
    its writer (and reader) live, as ``"module:function"`` in this package.

    Writers are imported on first use, so listing formats (the command line's help, a menu)
    does not load python-docx, bibtexparser or the citation engine.
    """

    name: str
    label: str
    suffix: str
    writer: str
    binary: bool = False
    reader: str | None = None   # text → what :func:`apply_import` needs
    styled: bool = False        # takes a citation style

    @property
    def is_sheet(self) -> bool:
        return self.name.startswith("sheet-")

    @property
    def write(self) -> Callable[..., ExportReport]:
        return _load(self.writer)

    @property
    def read(self) -> Callable[[str], Any] | None:
        return _load(self.reader) if self.reader else None


def _load(target: str) -> Callable:
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), function)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("csl-json", "CSL-JSON (Zotero, citation processors)", ".json", "csl_json:write_csl_json",
           reader="csl_json:read_csl_json"),
    Format("bibtex", "BibTeX", ".bib", "bibtex:write_bibtex", reader="bibtex:read_bibtex"),
    Format("ris", "RIS (EndNote, Zotero, Mendeley)", ".ris", "ris:write_ris", reader="ris:read_ris"),
    Format("bibliography", "Reference list in a citation style", ".txt", "bibliography:write_bibliography",
           styled=True),
    Format("native", "Verbatim library copy (complete, private)", ".json", "native:write_native",
           reader="native_import:read_native"),
    Format("sheet-md", "Quote sheet — Markdown", ".md", "sheet_markdown:write_sheet_markdown"),
    Format("sheet-html", "Quote sheet — HTML", ".html", "sheet_html:write_sheet_html"),
    Format("sheet-docx", "Quote sheet — Word (.docx)", ".docx", "sheet_docx:write_sheet_docx", binary=True),
    Format("sheet-csv", "Quote sheet — CSV", ".csv", "sheet_csv:write_sheet_csv"),
)}
IMPORT_FORMATS = ("csl-json", "bibtex", "ris", "native")
_BY_SUFFIX = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".json": "json", ".csljson": "csl-json"}
IMPORT_SUFFIXES = tuple(_BY_SUFFIX)   # the endings of reference files and library copies


def get_format(name: str) -> Format:
    """:raises InvalidInput: no format has that name (the message lists the ones that exist)."""
    try:
        return FORMATS[name]
    except KeyError:
        raise InvalidInput(f"“{name}” is not an export format. Use one of: {', '.join(FORMATS)}.") from None


def export_to_stream(lib: Library, name: str, selection: Selection, out: TextIO | io.BufferedIOBase, *,
                     progress: Progress | None = None, now: dt.datetime | None = None,
                     style: str | None = None) -> ExportReport:
    """Write ``selection`` in format ``name`` to an open stream (binary for DOCX, text otherwise).

    :param style: the citation style of a styled format (``bibliography``); ignored by the others.
    """
    fmt = get_format(name)
    extra = {"style": style} if fmt.styled else {}
    return fmt.write(lib, selection, out, progress=progress, now=now, **extra)


def export_to_path(lib: Library, name: str, selection: Selection, path: str | os.PathLike, *,
                   progress: Progress | None = None, now: dt.datetime | None = None,
                   style: str | None = None) -> ExportReport:
    """Write ``selection`` to the file ``path``; an export that fails or is cancelled leaves no file.

    :raises InvalidInput: the folder does not exist, something other than a file is at
        ``path`` (a device, a pipe, a folder), or the file cannot be written there.
    """
    fmt = get_format(name)
    with replacing(path, binary=fmt.binary) as out:
        return export_to_stream(lib, name, selection, out, progress=progress, now=now, style=style)


def suggested_path(folder: str | os.PathLike, name: str, selection: Selection) -> Path:
    """Where to save an export: a file named after what it holds, always inside ``folder``."""
    fmt = get_format(name)
    what = ("Quote sheet" if fmt.is_sheet else "Library copy" if name == "native" else
            "Reference list" if fmt.styled else "References")
    return safe_filename(f"{what} - {selection.describe()}", folder, fmt.suffix)


@dataclass
class ImportPlan:
    """A file read and understood, ready to preview or apply."""

    format: str
    payload: Any          # source drafts (reference formats) or the parsed native export
    path: Path | None = None


def guess_import_format(path: str | os.PathLike, text: str) -> str:
    """The import format of a file from its suffix; a .json file is native or CSL-JSON by content."""
    suffix = Path(path).suffix.lower()
    guess = _BY_SUFFIX.get(suffix)
    if guess is None:
        raise ImportFailed(f"Verbatim cannot tell what kind of file {Path(path).name} is. "
                           f"Name the format with --format ({', '.join(IMPORT_FORMATS)}).")
    if guess == "json":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return "csl-json"  # reading it as CSL-JSON gives the precise error
        return "native" if isinstance(data, dict) and data.get("format") == native.FORMAT_NAME else "csl-json"
    return guess


def read_import_text(text: str, name: str, path: Path | None = None) -> ImportPlan:
    if name not in IMPORT_FORMATS:
        raise InvalidInput(f"“{name}” cannot be imported. Use one of: {', '.join(IMPORT_FORMATS)}.")
    try:
        payload = FORMATS[name].read(text)
    except ImportFailed as e:
        if path is None or path.name in str(e):
            raise
        raise ImportFailed(f"{path.name}: {e}") from None
    return ImportPlan(name, payload, path)


def read_import_file(path: str | os.PathLike, name: str | None = None) -> ImportPlan:
    """Read and parse ``path`` (format guessed from its suffix when ``name`` is None).

    :raises ImportFailed: missing, too large, not UTF-8, or not in the format.
    """
    path = Path(path).expanduser()
    json_like = name in ("native", "csl-json") or (name is None and path.suffix.lower() == ".json")
    check_size(path, MAX_NATIVE_BYTES if json_like else MAX_IMPORT_BYTES)
    _sniff(path, json_like)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(f"{path.name} is not UTF-8 text. Export it again as UTF-8.") from None
    except OSError as e:
        raise ImportFailed(f"Cannot read {path}: {e.strerror}.") from None
    return read_import_text(text, name or guess_import_format(path, text), path)


def _sniff(path: Path, json_like: bool) -> None:
    """Refuse a file whose first bytes already show it is not what its name says, before
    reading it whole: a large .json file may be a native copy, so only its start is judged."""
    head = head_of(path)
    if is_binary(head):
        raise ImportFailed(f"{path.name} is a binary file, not a reference or library file. Choose another file.")
    start = text_start(head)[:1]
    if json_like and start and start not in (b"{", b"["):
        raise ImportFailed(f"{path.name} is not JSON (it does not start with {{ or [). "
                           "Choose a CSL-JSON file or a Verbatim library copy.")


def preview_import(lib: Library, plan: ImportPlan) -> ImportReport:
    """What :func:`apply_import` would add, update or leave alone; changes nothing."""
    if plan.format == "native":
        return native_import.merge_native(lib, plan.payload, dry_run=True)
    return import_source_drafts(lib, plan.payload, dry_run=True)


@dataclass
class PreviewItem:
    """One item of an import preview: what it is, its label, and what importing would do to it."""

    kind: str      # "source", "speaker" or "quote"
    label: str
    action: str    # "add", "update" or "same"


def preview_items(lib: Library, plan: ImportPlan, *, limit: int = 500) -> list[PreviewItem]:
    """The first ``limit`` items of the file with what importing would do to each; changes nothing."""
    items: list[PreviewItem] = []
    if plan.format != "native":
        for draft in plan.payload[:limit]:
            date = draft.get("date")
            label = " — ".join(p for p in (draft.get("title") or "(untitled)", draft.get("outlet", ""),
                                           date.display() if date else "") if p)
            items.append(PreviewItem("source", label, "same" if existing_source(lib, draft) is not None else "add"))
        return items
    for key, table, noun, field in (("sources", "sources", "source", "title"),
                                    ("speakers", "speakers", "speaker", "name"),
                                    ("quotes", "quotes", "quote", "words")):
        for item in plan.payload.get(key, [])[:limit - len(items)]:
            items.append(PreviewItem(noun, str(item.get(field) or "(untitled)"),
                                     native_import.item_status(lib, table, item)))
    return items


def apply_import(lib: Library, plan: ImportPlan, *, progress: Progress | None = None) -> ImportReport:
    """Add what the library lacks and update what the file holds newer; returns what changed."""
    if plan.format == "native":
        return native_import.merge_native(lib, plan.payload, progress=progress)
    return import_source_drafts(lib, plan.payload, progress=progress)


def apply_import_in_step(lib: Library, rec: Recorder, plan: ImportPlan, *,
                         progress: Progress | None = None) -> ImportReport:
    """Like :func:`apply_import`, inside a step the caller holds (several files as one step)."""
    if plan.format == "native":
        return native_import.merge_native_in_step(lib, rec, plan.payload, progress=progress)
    return store_source_drafts(lib, rec, plan.payload, progress=progress)


class _PreviewFull(Exception):
    """Raised by the preview stream once it holds enough text: the writer stops there."""


class _BoundedText(io.StringIO):
    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def write(self, text: str) -> int:
        written = super().write(text)
        if self.tell() >= self.limit:
            raise _PreviewFull
        return written


def preview_text(lib: Library, name: str, selection: Selection, *, limit: int = 20_000,
                 now: dt.datetime | None = None, style: str | None = None,
                 progress: Progress | None = None) -> str:
    """The first ``limit`` characters of an export, for a live preview; a Word sheet previews as Markdown.

    The writer is stopped as soon as the preview is full, so a preview of the whole library
    costs about what a preview of one page does. What the ground rules kept out is said at
    the end, so an empty preview is never left unexplained.
    """
    fmt = get_format(name)
    shown = "sheet-md" if fmt.binary else name
    out = _BoundedText(limit)
    try:
        report = export_to_stream(lib, shown, selection, out, now=now, style=style, progress=progress)
    except _PreviewFull:
        return out.getvalue()[:limit] + "\n…"
    # A sheet says what it left out in its last line; a reference list would say nothing.
    note = "" if FORMATS[shown].is_sheet or not report.withheld else f"\n[Not shown: {report.withheld_text()}]\n"
    return out.getvalue() + note
