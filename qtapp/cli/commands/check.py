"""``verbatim check``: run every check over a library (or one source), for newsroom scripts.

::

    verbatim check --library work.verbatim                 # what needs attention, then a summary
    verbatim check --library work.verbatim --source 12     # one source's quotes
    verbatim check --library work.verbatim --stale         # only what changed since it was checked
    verbatim check --library work.verbatim --json          # [{"id", "status", "verdicts", "findings"}]
    verbatim check --library work.verbatim --report checks.html   # also write a report (.md or .html)

Exit status: 1 when any quote blocks publication (an unacknowledged blocking finding), 0
otherwise, 2 when the command itself failed (no such library or source).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ...core.checks import iter_checks, iter_recheck, mark_due, quote_ids_of, stale_ids
from ...core.checks.report import redactor, result_json, result_lines, save_report
from ...core.errors import InvalidInput
from ...core.plural import count_of
from ..library_arg import add_library_argument, open_library, record_id


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="check quotes: verbatim, speaker, ground rules, dates, duplicates",
        description="Check every quote of the library (or of one source), store the findings, and print "
                    "them. Exits 1 when anything blocks publication, 0 otherwise.")
    add_library_argument(parser)
    parser.add_argument("--source", type=record_id, metavar="ID", help="check only the quotes of this source")
    parser.add_argument("--stale", action="store_true",
                        help="check only the quotes changed (or touched by a change) since they were last checked")
    parser.add_argument("--json", action="store_true",
                        help='print a JSON list with one object per quote: {"id", "status", "verdicts", "findings"}')
    parser.add_argument("--report", metavar="FILE", help="also write a report for editors (.md or .html)")
    parser.set_defaults(func=run)


def run(args) -> int:
    report = Path(args.report) if args.report else None
    if report is not None and report.suffix.lower() not in (".md", ".html", ".htm"):
        raise InvalidInput(f"Cannot write a report as {report.name}: name it .md (Markdown) or .html.")
    with open_library(args) as lib:
        if args.stale:
            mark_due(lib)
        ids = stale_ids(lib) if args.stale else quote_ids_of(lib, args.source)
        results = iter_recheck(lib) if args.stale else iter_checks(lib, ids)
        redact = redactor(lib)
        blocking = 0
        counts = dict.fromkeys(("ok", "info", "warning", "blocking"), 0)
        out = sys.stdout
        if args.json:
            out.write("[")
        for n, result in enumerate(results):
            counts[result.status] += 1
            blocking += result.blocks
            if args.json:
                out.write(("," if n else "") + "\n" + json.dumps(result_json(result, redact), ensure_ascii=False))
            elif result.status in ("warning", "blocking"):
                out.write(result_lines(lib.quotes.get(result.quote_id).words, result, redact))
        if args.json:
            out.write("\n]\n")
        else:
            total = sum(counts.values())
            out.write(f"Checked {count_of(total, 'quote')}: {counts['blocking']:,} blocking, "
                      f"{counts['warning']:,} to look at, {counts['info']:,} with notes, {counts['ok']:,} fine.\n")
        if report is not None:
            save_report(lib, report, ids if args.source is not None else None)
    return 1 if blocking else 0
