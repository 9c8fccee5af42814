"""``verbatim import``: references (CSL-JSON, BibTeX, RIS), native library copies, documents and pages.

::

    verbatim import --library work.verbatim zotero-export.bib
    verbatim import --library work.verbatim colleague.json          # native or CSL-JSON, by content
    verbatim import --library work.verbatim briefing.pdf https://example.org/story
    verbatim import --library work.verbatim ~/Zotero                # a whole Zotero library

Reference files add the sources the library lacks; a native copy merges by uuid (importing it
twice adds nothing); documents, transcripts and web addresses become sources with their text; a Zotero data
directory (or its zotero.sqlite) brings every item, read from a copy (importing again updates).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ...core.formats.registry import IMPORT_FORMATS, apply_import, read_import_file
from ..library_arg import add_library_argument, open_library

DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".srt", ".vtt"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="import references, a library copy, documents or web pages",
        description="Import CSL-JSON, BibTeX or RIS references, a native Verbatim export, a Zotero data directory, "
                    f"or documents ({', '.join(sorted(DOCUMENT_SUFFIXES))}) and http(s) addresses as sources.")
    add_library_argument(parser)
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="a file, a Zotero data directory or a web address")
    parser.add_argument("--format", choices=IMPORT_FORMATS,
                        help="the format of a reference or native file (default: guessed from the name)")
    parser.set_defaults(func=run_import)


def is_document(item: str) -> bool:
    """True for what IMPORT's document readers take: web addresses and document files."""
    return item.lower().startswith(("http://", "https://")) or Path(item).suffix.lower() in DOCUMENT_SUFFIXES


def is_zotero(item: str) -> bool:
    """True for a Zotero data directory or its zotero.sqlite."""
    path = Path(item).expanduser()
    return (path / "zotero.sqlite").is_file() or path.name == "zotero.sqlite"


def run_import(args: argparse.Namespace) -> int:
    zotero = [i for i in args.inputs if is_zotero(i) and not args.format]
    documents = [i for i in args.inputs if is_document(i) and not args.format and i not in zotero]
    references = [i for i in args.inputs if i not in documents and i not in zotero]
    # Read every reference file before writing anything, so one bad file stops the import cleanly.
    plans = [read_import_file(path, args.format) for path in references]
    failed = 0
    if zotero:
        from ...core.importers.zotero import read_zotero
        zotero_drafts = [(path, read_zotero(path)) for path in zotero]
    with open_library(args) as lib:
        if zotero:
            from ...core.importers.zotero import import_zotero_drafts
            for path, drafts in zotero_drafts:
                print(f"{path}: {import_zotero_drafts(lib, drafts).summary()}")
        for plan in plans:
            print(f"{plan.path.name}: {apply_import(lib, plan).summary()}")
        if documents:
            # Only document imports need the readers (and their heavier dependencies).
            from ...core.importers import import_paths
            report = import_paths(lib, documents, on_duplicate="skip")
            for outcome in report.outcomes:
                detail = f" — {outcome.message}" if outcome.message else ""
                print(f"{outcome.item}: {outcome.status}{detail}")
            print(report.summary())
            failed = len(report.errors)
    return 2 if failed else 0
