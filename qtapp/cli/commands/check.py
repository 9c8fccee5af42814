"""``verbatim check``: run every check over a library (or one source), for newsroom scripts.

::

    verbatim check --library work.verbatim                 # what needs attention, then a summary
    verbatim check --library work.verbatim --source 12     # one source's quotes
    verbatim check --library work.verbatim --json          # [{"id", "status", "verdicts", "findings"}]
    verbatim check --library work.verbatim --report checks.html   # also write a report (.md or .html)

Exit status: 1 when any quote blocks publication (an unacknowledged blocking finding), 0
otherwise, 2 when the command itself failed (no such library or source).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ...core.checks import iter_checks, quote_ids_of
from ...core.checks.report import redactor, report_html, report_markdown
from ...core.errors import InvalidInput
from ...core.files import replacing
from ..library_arg import add_library_argument, open_library, record_id


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="check quotes: verbatim, speaker, ground rules, dates, duplicates",
        description="Check every quote of the library (or of one source), store the findings, and print "
                    "them. Exits 1 when anything blocks publication, 0 otherwise.")
    add_library_argument(parser)
    parser.add_argument("--source", type=record_id, metavar="ID", help="check only the quotes of this source")
    parser.add_argument("--json", action="store_true",
                        help='print a JSON list with one object per quote: {"id", "status", "verdicts", "findings"}')
    parser.add_argument("--report", metavar="FILE", help="also write a report for editors (.md or .html)")
    parser.set_defaults(func=run)


def run(args) -> int:
    report = Path(args.report) if args.report else None
    if report is not None and report.suffix.lower() not in (".md", ".html", ".htm"):
        raise InvalidInput(f"Cannot write a report as {report.name}: name it .md (Markdown) or .html.")
    with open_library(args) as lib:
        ids = quote_ids_of(lib, args.source)
        redact = redactor(lib)
        blocking = 0
        counts = dict.fromkeys(("ok", "info", "warning", "blocking"), 0)
        out = sys.stdout
        if args.json:
            out.write("[")
        for n, result in enumerate(iter_checks(lib, ids)):
            counts[result.status] += 1
            blocking += result.blocks
            if args.json:
                out.write(("," if n else "") + "\n" + json.dumps(_as_json(result, redact), ensure_ascii=False))
            elif result.status in ("warning", "blocking"):
                words = lib.quotes.get(result.quote_id).words
                out.write(f"quote {result.quote_id} [{result.status}] “{_short(words)}”\n")
                for f in result.findings:
                    if f.severity != "info" and f.counts:
                        out.write(f"  {f.severity}: {f.check}: {redact(f.message)}\n")
        if args.json:
            out.write("\n]\n")
        else:
            out.write(f"Checked {len(ids):,} quote{'s' if len(ids) != 1 else ''}: {counts['blocking']:,} blocking, "
                      f"{counts['warning']:,} to look at, {counts['info']:,} with notes, {counts['ok']:,} fine.\n")
        if report is not None:
            selection = ids if args.source is not None else None
            text = report_markdown(lib, selection) if report.suffix.lower() == ".md" else report_html(lib, selection)
            with replacing(report) as f:
                f.write(text)
    return 1 if blocking else 0


def _as_json(result, redact) -> dict:
    return {"id": result.quote_id, "status": result.status, "verdicts": result.verdicts,
            "findings": [{"id": f.id, "check": f.check, "severity": f.severity, "code": f.code,
                          "message": redact(f.message), "span": list(f.span) if f.span else None,
                          "acknowledged": f.acknowledged_at is not None,
                          "acknowledged_reason": f.acknowledged_reason} for f in result.findings]}


def _short(words: str, limit: int = 70) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[:limit - 1] + "…"
