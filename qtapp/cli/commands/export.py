"""``verbatim export``: sources as CSL-JSON, BibTeX or RIS, a native library copy, or a quote sheet.

::

    verbatim export --library work.verbatim --format sheet-md --tag harbour-story
    verbatim export --library work.verbatim --format bibtex --source 7 -o refs.bib
    verbatim export --library work.verbatim --format sheet-docx --tag harbour-story -o ~/sheets/
    verbatim export --library work.verbatim --format bibliography --style mla --tag harbour-story

Ground rules are applied to every publication format; what they keep back is counted on
standard error. ``native`` is a complete private copy for another library, not for publication.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...core.errors import InvalidInput
from ...core.formats.native import PRIVATE_NOTE
from ...core.formats.registry import (
    FORMATS,
    export_to_path,
    export_to_stream,
    get_format,
    suggested_path,
)
from ...core.formats.selection import Selection
from ..library_arg import add_library_argument, open_library, record_id


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="export sources, a reference list, a library copy or a quote sheet",
        description="Export the quotes chosen by --source, --tag and --quote (all of them by default) "
                    "or their sources. Off-the-record, deep-background and embargoed quotes never appear "
                    "in a publication format; background and confidential speakers are never named.")
    add_library_argument(parser)
    parser.add_argument("--format", required=True, choices=list(FORMATS), help="what to write")
    parser.add_argument("--source", type=record_id, metavar="ID", help="only quotes from this source")
    parser.add_argument("--tag", default="", help="only quotes with this tag (a story)")
    parser.add_argument("--quote", type=record_id, nargs="+", metavar="ID", dest="quotes", help="only these quotes")
    parser.add_argument("--style", help="citation style of a bibliography: apa, mla, chicago-author-date, "
                                         "chicago-note-bibliography, a CSL style id or a .csl file "
                                         "(default: the library's citation style)")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="file to write, or a folder to write a file named after the selection in "
                             "(default: standard output; required for sheet-docx)")
    parser.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    fmt = get_format(args.format)
    selection = Selection(quote_ids=tuple(args.quotes) if args.quotes else None, source_id=args.source, tag=args.tag)
    if fmt.binary and not args.output:
        raise InvalidInput(f"{fmt.label} is a binary file: name where to save it with -o FILE.")
    with open_library(args) as lib:
        _check_selection(lib, selection)
        if args.output:
            out = Path(args.output).expanduser()
            if out.is_dir():
                out = suggested_path(out, fmt.name, selection)
            report = export_to_path(lib, fmt.name, selection, out, style=args.style)
            print(f"{report.summary()} Written to {out}", file=sys.stderr)
        else:
            # Exports are UTF-8 whatever the terminal's encoding, as they are in files.
            sys.stdout.reconfigure(encoding="utf-8")
            report = export_to_stream(lib, fmt.name, selection, sys.stdout, style=args.style)
            sys.stdout.flush()
            print(report.summary(), file=sys.stderr)
    if fmt.name == "native":
        print(f"Note: {PRIVATE_NOTE}", file=sys.stderr)
    return 0


def _check_selection(lib, selection: Selection) -> None:
    """Refuse a selection naming what does not exist, rather than write an empty export."""
    if selection.source_id is not None:
        lib.sources.get(selection.source_id)
    for quote_id in selection.quote_ids or ():
        lib.quotes.get(quote_id)
    if selection.tag.strip():
        tags = [name for name, _ in lib.tags.all()]
        if selection.tag.strip().casefold() not in {t.casefold() for t in tags}:
            known = ", ".join(tags[:10]) + ("…" if len(tags) > 10 else "") if tags else "none yet"
            raise InvalidInput(f"No quote is tagged “{selection.tag.strip()}”. Tags in this library: {known}.")
