"""``verbatim extract FILE``: propose the quotations in a text file, each with its speaker.

::

    verbatim extract article.txt                        # one proposal a line, for reading
    verbatim extract article.txt --json                 # [{"quote", "start", "end", "speaker", "confidence"}]
    verbatim extract article.txt --library work.verbatim   # speakers matched against the library

``start``/``end`` are Python string offsets into the file's text, read as an import reads a
text file (UTF-8 or the encoding detected, line breaks unified): ``text[start:end] == quote``.
Nothing is written to any library.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ...core.errors import NotFound
from ...core.extract import extract_quotes, known_speakers_of
from ...core.text import one_line
from ..library_arg import add_library_argument, open_library


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract", help="propose the quotations in a text file, with their speakers",
        description="Find every direct quotation in a text file and say who the text "
                    "attributes it to. Nothing is logged: this only proposes.")
    parser.add_argument("file", metavar="FILE", help="a text file (an article, a transcript, notes)")
    parser.add_argument("--json", action="store_true",
                        help='print a JSON list of {"quote", "start", "end", "speaker", "confidence"}')
    add_library_argument(parser)
    parser.set_defaults(func=run)


def read_text_file(path: Path) -> str:
    """The file's text, read by the importers' own reader: refused past the import size limit,
    UTF-8 or else the encoding detected, mojibake repaired, line breaks unified.

    :raises NotFound: no such file.
    :raises ImportFailed: a folder, a device or a pipe, unreadable, too large, or not text.
    """
    if not path.exists():
        raise NotFound(f"There is no file {path}. Check the name and folder.")
    from ...core.importers.rawdata import decode_text, read_file  # loaded only for this command
    return decode_text(read_file(path), path.name)


def run(args: argparse.Namespace) -> int:
    text = read_text_file(Path(args.file).expanduser())
    known = None
    if getattr(args, "library", None):
        if not Path(args.library).expanduser().is_file():
            # Only reading speakers: never create a library as a side effect.
            raise NotFound(f"There is no library at {args.library}. Check the path, or leave out --library.")
        with open_library(args) as lib:
            known = known_speakers_of(lib)
    proposals = extract_quotes(text, known)
    if args.json:
        # ASCII escapes: the list reads the same through any terminal or pipe encoding.
        print(json.dumps([p.to_json() for p in proposals], indent=1))
        return 0
    for p in proposals:
        speaker = p.speaker or "(speaker unknown)"
        print(f"{p.start}-{p.end}\t{p.confidence:.2f}\t{speaker}\t“{one_line(p.quote, 100)}”")
    if not proposals:
        print("No quotations found.")
    return 0
