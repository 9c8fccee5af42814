"""``verbatim import``: references (CSL-JSON, BibTeX, RIS), native library copies, documents and pages.

::

    verbatim import --library work.verbatim zotero-export.bib
    verbatim import --library work.verbatim colleague.json          # native or CSL-JSON, by content
    verbatim import --library work.verbatim briefing.pdf https://example.org/story
    verbatim import --library work.verbatim ~/Zotero                # a whole Zotero library

Reference files add the sources the library lacks; a native copy merges by uuid (importing it
twice adds nothing); documents, transcripts and web addresses become sources with their text; a
Zotero data directory (or its zotero.sqlite) brings every item, read from a copy (importing
again updates). One command is one undoable step, all or nothing: if any input cannot be read
or stored, nothing of the command is imported (see :mod:`qtapp.core.import_batch`).
"""

from __future__ import annotations

import argparse

from ...core.files import DOCUMENT_SUFFIXES
from ...core.formats.registry import IMPORT_FORMATS
from ...core.import_batch import read_inputs, store_inputs
from ..library_arg import add_library_argument, open_library


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="import references, a library copy, documents or web pages",
        description="Import CSL-JSON, BibTeX or RIS references, a native Verbatim export, a Zotero data "
                    f"directory, or documents ({', '.join(sorted(DOCUMENT_SUFFIXES))}) and http(s) addresses "
                    "as sources. All of them are imported, or, if one cannot be, none.")
    add_library_argument(parser)
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="a file, a Zotero data directory or a web address")
    parser.add_argument("--format", choices=IMPORT_FORMATS,
                        help="the format of a reference or native file (default: guessed from the name)")
    parser.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    # Everything is read before the library is opened: a bad file stops the import cleanly.
    inputs = read_inputs(args.inputs, args.format)
    with open_library(args) as lib:
        for line in store_inputs(lib, inputs).lines:
            print(line)
    return 0
