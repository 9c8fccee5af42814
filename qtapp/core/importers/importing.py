"""Storing what was read: many files at once, duplicates detected, pasted text.

Reading (slow: disks, the network, PDF parsing) happens first and writes nothing; storing
then happens in one undoable step. So a cancelled import leaves the library untouched, and
one Undo removes a whole import.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import ImportFailed, Interrupted, InvalidInput, VerbatimError
from ..files import MAX_IMPORT_BYTES, input_name
from ..formats.reports import ImportOutcome, ImportReport
from ..plural import count_of
from ..progress import Progress
from ..sniffing import sniff
from ..sources import SourceId
from ..text import check_text
from ..transcripts import has_cues, save_cues
from .draft import SourceDraft
from .plain import read_plain
from .rawdata import tidy_text
from .reading import read_document
from .subtitles import read_srt, read_vtt
from .timed_text import read_timed

if TYPE_CHECKING:
    from ..library import Library

OnDuplicate = Literal["skip", "merge", "add"]
_MERGED_FIELDS = ("title", "outlet", "date", "url", "accessed", "language", "text")


def import_paths(lib: Library, paths_or_urls: Iterable[str | Path], *, progress: Progress | None = None,
                 on_duplicate: OnDuplicate = "skip", timeout: float = 10) -> ImportReport:
    """Read files and addresses and store each as a source, as one undoable step.

    ::

        report = import_paths(lib, ["notes.md", "https://example.org/story"], on_duplicate="merge")
        for o in report.outcomes:
            print(o.item, o.status, o.source_id, o.message)

    :param paths_or_urls: .txt, .md, .html, .docx, .pdf, .srt and .vtt files, and http(s) addresses.
    :param progress: told before each item (:mod:`qtapp.core.progress`); it may raise
        :class:`Interrupted` to cancel, and then nothing is imported.
    :param on_duplicate: for a source already in the library (same address or same text):
        ``"skip"`` it (the outcome keeps the draft for a later :func:`import_drafts`),
        ``"merge"`` (fill the existing source's empty fields) or ``"add"`` it anyway.
    :param timeout: seconds to wait for a server.
    :raises Interrupted: ``progress`` cancelled the import.
    :raises InvalidInput: an unknown ``on_duplicate``.
    """
    _check_choice(on_duplicate)
    items = [str(p) for p in paths_or_urls]
    total = len(items)
    results: list[ImportOutcome | SourceDraft] = []
    for done, item in enumerate(items):
        if progress:
            progress.update(done, total, f"Reading {input_name(item)}")
        try:
            results.append(read_document(item, timeout=timeout))
        except Interrupted:
            raise
        except VerbatimError as e:
            results.append(ImportOutcome(item, "error", message=str(e)))
        except MemoryError:
            results.append(ImportOutcome(item, "error", message=f"{input_name(item)} is too large to read on this "
                                         "computer. Split it into smaller files."))
    if progress:
        progress.update(total, total, "Saving")
    stored = iter(import_drafts(lib, [r for r in results if isinstance(r, SourceDraft)],
                                on_duplicate=on_duplicate).outcomes)
    report = ImportReport()
    for r in results:
        report.record(r if isinstance(r, ImportOutcome) else next(stored))
    return report


def import_drafts(lib: Library, drafts: Iterable[SourceDraft], *, on_duplicate: OnDuplicate = "skip") -> ImportReport:
    """Store drafts already read (by :func:`read_document`) as one undoable step.

    The import dialog calls this again for the duplicates a first import skipped, once the
    reporter has chosen to merge them or add them anyway.
    """
    _check_choice(on_duplicate)
    drafts = list(drafts)
    with lib.step(f"Import {count_of(len(drafts), 'source')}") as rec:
        return store_drafts(lib, rec, drafts, on_duplicate=on_duplicate)


def store_drafts(lib: Library, rec, drafts: list[SourceDraft], *, on_duplicate: OnDuplicate = "skip") -> ImportReport:
    """Like :func:`import_drafts`, inside a step the caller holds (several kinds of file as one step)."""
    _check_choice(on_duplicate)
    report = ImportReport()
    for draft in drafts:
        existing = lib.sources.find_duplicate(url=draft.url, text=draft.text)
        item, title = draft.origin or draft.title, draft.title
        if existing is not None and on_duplicate == "skip":
            report.record(ImportOutcome(item, "duplicate", existing, title=title, draft=draft))
        elif existing is not None and on_duplicate == "merge":
            _merge(lib, rec, existing, draft)
            report.record(ImportOutcome(item, "merged", existing, title=title))
        else:
            report.record(ImportOutcome(item, "added", _add(lib, rec, draft), title=title))
    return report


def source_from_text(lib: Library, text: str, title: str = "", kind: str = "article") -> SourceId:
    """Store pasted text (the clipboard, a dropped text file) as a source; returns its id.

    Pasted SRT, WebVTT or a timed transcript (Otter.ai, Trint, Descript, ``[hh:mm:ss]`` marks)
    keeps its timestamps. Text already in the library as a source is not
    stored twice: that source's id is returned.

    :raises InvalidInput: the text is empty or far too long.
    """
    check_text(text, "pasted text")
    check_text(title, "title")
    if len(text) > MAX_IMPORT_BYTES:
        raise InvalidInput(f"The pasted text is longer than {MAX_IMPORT_BYTES // 1024 // 1024} million characters. "
                           "Save it as a file, split it, and import the parts.")
    text = tidy_text(text).strip("\n")
    if not text.strip():
        raise InvalidInput("There is no text to import. Copy the article, notes or transcript first, then paste.")
    content = sniff(text[:2048].encode("utf-8"))
    try:
        draft = read_srt(text, name="The pasted text") if content == "srt" else \
            read_vtt(text, name="The pasted text") if content == "vtt" else \
            read_timed(text, name="The pasted text") or read_plain(text, kind=kind)
    except ImportFailed:
        draft = read_plain(text, kind=kind)
    if not draft.cues:
        draft.kind = kind
    draft.title = " ".join(title.split()) or draft.title
    existing = lib.sources.find_duplicate(text=draft.text)
    if existing is not None:
        return existing
    with lib.step(f"Add source {draft.title[:40] or 'from pasted text'}") as rec:
        return _add(lib, rec, draft)


def _add(lib: Library, rec, draft: SourceDraft) -> SourceId:
    source_id = lib.sources.add_in_step(rec, names=[("author", a) for a in draft.authors], **draft.source_fields())
    save_cues(rec, source_id, draft.cues)
    return source_id


def _merge(lib: Library, rec, source_id: SourceId, draft: SourceDraft) -> None:
    """Keep the existing source; fill only its empty fields (and its authors, if it has none) from the draft."""
    source = lib.sources.get(source_id)
    new = draft.source_fields()
    fill = {k: new[k] for k in _MERGED_FIELDS if k in new and not getattr(source, k)}
    names = None
    if draft.authors and not source.people("author"):
        names = [*source.names, *(("author", a) for a in draft.authors)]
    if fill or names is not None:
        lib.sources.update_in_step(rec, source_id, names=names, **fill)
    text_now = fill.get("text", source.text)
    if draft.cues and text_now == draft.text and not has_cues(lib, source_id):
        save_cues(rec, source_id, draft.cues)


def _check_choice(on_duplicate: str) -> None:
    if on_duplicate not in ("skip", "merge", "add"):
        raise InvalidInput(f"“{on_duplicate}” is not a way to handle duplicates. Use skip, merge or add.")
