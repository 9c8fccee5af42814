"""The quote sheet as Markdown: one section per quote, ready to paste into a story file."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, TextIO

from ..progress import Progress
from .reports import ExportReport
from .selection import Selection
from .sheet_rows import SheetRow, SheetRows

if TYPE_CHECKING:
    from ..library import Library

# Characters that Markdown would read as markup or raw HTML inside a line. Library text
# never starts a line here (it always follows "> ", "- " or "## "), so list markers are safe.
_SPECIAL = re.compile(r"[\\`*_{}\[\]<>#|~&]")


def escape_markdown(text: str) -> str:
    """Text from the library shown literally: markup characters are backslash-escaped."""
    text = " ".join(text.split())
    # Most text has nothing to escape; searching first is several times cheaper than substituting.
    return _SPECIAL.sub(r"\\\g<0>", text) if _SPECIAL.search(text) else text


def write_sheet_markdown(lib: Library, selection: Selection, out: TextIO, *, progress: Progress | None = None,
                         now: dt.datetime | None = None) -> ExportReport:
    """Write the quote sheet of ``selection`` to ``out`` as Markdown; returns what was written."""
    sheet = SheetRows(lib, selection, now=now)
    out.write(f"# Quote sheet: {escape_markdown(sheet.heading())}\n\n")
    out.write(f"Exported {sheet.now:%Y-%m-%d %H:%M %Z}.\n\n")
    count = 0
    for row in sheet.rows(progress):
        out.write(_section(row))
        count += 1
    out.write(f"{escape_markdown(sheet.closing_text(count))}\n")
    return ExportReport(count, dict(sheet.withheld))


def _section(row: SheetRow) -> str:
    e = escape_markdown
    who = e(row.attribute_as) + (f", {e(row.title)}" if row.title else "")
    lines = [f"## {row.number}. {who}", "", f"> {e(row.words)}", ""]
    fields = [("Ground rule", row.rule), ("Said", row.said), ("Provenance", row.provenance),
              ("Original words", row.original_words),
              ("Source", ", ".join(p for p in (row.source, row.source_date) if p)),
              ("Address", row.address), ("Position", row.position), ("Context", row.context),
              ("Tags", ", ".join(row.tags)), ("Checks", row.check_status), ("Verified", row.verified)]
    lines += [f"- **{label}:** {e(value)}" for label, value in fields if value]
    if row.clip:
        lines.append(f"- **Clip:** [{e(row.clip)}](<{row.clip}>)")
    lines += [f"  - {e(finding)}" for finding in row.findings]
    lines += ["- **Signed off:** ☐", "", ""]
    return "\n".join(lines)
