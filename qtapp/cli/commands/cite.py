"""``verbatim cite``: bibliography entries and in-text citations of sources, as JSON.

::

    verbatim cite --library work.verbatim --source 3 --style mla --locator 12
    verbatim cite --library work.verbatim --style chicago-note-bibliography --format html
    verbatim cite --library work.verbatim --style ~/styles/my-paper.csl

Prints a JSON list with one object per source: ``id``, ``bibliography``, ``citation`` and
``citation_locator`` (plus ``note`` and ``short_note`` for a note style). Ground rules apply
as in every reference export: a source that could identify a protected speaker is left out,
and what was left out, and why, is said on standard error.
"""

from __future__ import annotations

import argparse
import sys

from ...core.channels import citations_json, cite_publishable
from ...core.formats.reports import ExportReport
from ..library_arg import add_library_argument, open_library, record_id


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "cite", help="print bibliography entries and citations of sources as JSON",
        description="Render sources in a citation style with citeproc-js, the engine Zotero uses.")
    add_library_argument(parser)
    parser.add_argument("--source", metavar="ID", type=record_id, action="append", default=[],
                        help="a source id (repeatable; default: every source)")
    parser.add_argument("--style", metavar="STYLE",
                        help="apa, mla, chicago-author-date, chicago-note-bibliography, a CSL style id, "
                             "or a .csl file (default: the library's citation style)")
    parser.add_argument("--format", choices=("text", "html"), default="text", help="plain text or HTML")
    parser.add_argument("--locator", metavar="PAGE_OR_TIME", default="12",
                        help="the page (12) or recording time (14:32) for citation_locator (default: 12)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        ids = args.source or sorted(row["id"] for row in lib.sources.all(limit=-1))
        citations, withheld = cite_publishable(lib, ids, args.style, format=args.format, locator=args.locator)
    print(citations_json(citations))
    if withheld:
        print(f"verbatim: {ExportReport(len(citations), withheld, noun='source').withheld_text()}", file=sys.stderr)
    return 0
