"""``verbatim quotes``: list the quotes a search finds, in the search box's language, for scripts.

::

    verbatim quotes --library work.verbatim sanctions                 # readable lines, newest first
    verbatim quotes --library work.verbatim Heimovits --json          # one JSON object per line
    verbatim quotes --library work.verbatim 'speaker:"Secretary Blinken" after:2023-11 tag:korea'

Each JSON line holds exactly ``id``, ``words``, ``speaker``, ``title``, ``said``, ``source_id``,
``rule`` and ``check_status``. A speaker the ground rules keep unnamed (confidential, on
background, off the record) is given by the agreed description or “[withheld]”, never by name.
"""

from __future__ import annotations

import re
import sys

from ...core.errors import InvalidInput
from ...core.listing import quote_records, record_json, record_line
from ...core.search import KEYS, parse_search, search_problems
from ..library_arg import add_library_argument, open_library

_KEYED = re.compile(rf"^({'|'.join(KEYS)}):(.*)$", re.IGNORECASE | re.DOTALL)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "quotes", help="list the quotes a search finds (as the search box does)",
        description="List the quotes matching QUERY, newest logged first: words (every form of a word "
                    "and a speaker's name or alias), \"exact phrases\", prefix*, and the filters speaker:, "
                    "source:, tag:, rule:, after: and before:. No QUERY lists every quote. Speakers the "
                    "ground rules keep unnamed are never named.")
    add_library_argument(parser)
    parser.add_argument("query", nargs="*", metavar="QUERY", help="what to search for, as typed in the search box")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object per quote and line: id, words, speaker, title, said, "
                             "source_id, rule, check_status")
    parser.set_defaults(func=run)


def query_text(parts: list[str]) -> str:
    """The search typed as shell words: a word the shell unquoted that holds a space is quoted
    again (``speaker:"Secretary Blinken"`` arrives as ``speaker:Secretary Blinken``)."""
    out = []
    for part in parts:
        if any(ch.isspace() for ch in part.strip()) and '"' not in part:
            keyed = _KEYED.match(part)
            part = f'{keyed.group(1)}:"{keyed.group(2)}"' if keyed else f'"{part}"'
        out.append(part)
    return " ".join(out)


def run(args) -> int:
    text = query_text(args.query)
    with open_library(args) as lib:
        order = lib.get_setting("date_order")
        problems = search_problems(text, order=order)
        if problems:
            raise InvalidInput(" ".join(problems))
        sys.stdout.reconfigure(encoding="utf-8")
        count = 0
        for record in quote_records(lib, parse_search(text, order=order)):
            sys.stdout.write((record_json(record) if args.json else record_line(record)) + "\n")
            count += 1
        sys.stdout.flush()
    if not args.json:
        print(f"{count:,} quote{'s' if count != 1 else ''} found.", file=sys.stderr)
    return 0
