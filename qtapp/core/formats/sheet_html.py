"""The quote sheet as a standalone HTML page; everything from the library is escaped."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from ..progress import Progress
from .reports import ExportReport
from .selection import Selection
from .sheet_rows import SheetRow, SheetRows

if TYPE_CHECKING:
    from ..library import Library

_STYLE = ("body{font-family:system-ui,sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
          "blockquote{font-size:1.1em;border-left:3px solid #888;margin:0;padding-left:1em}"
          "dt{font-weight:bold;float:left;clear:left;width:9em}dd{margin-left:10em}"
          "section{border-bottom:1px solid #ccc;padding:1em 0}")


def write_sheet_html(lib: Library, selection: Selection, out: TextIO, *, progress: Progress | None = None,
                     now: dt.datetime | None = None) -> ExportReport:
    """Write the quote sheet of ``selection`` to ``out`` as one HTML page; returns what was written."""
    sheet = SheetRows(lib, selection, now=now)
    title = f"Quote sheet: {escape(sheet.heading())}"
    out.write(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
              f"<style>{_STYLE}</style></head>\n<body>\n<h1>{title}</h1>\n"
              f"<p>Exported {escape(f'{sheet.now:%Y-%m-%d %H:%M %Z}')}.</p>\n")
    count = 0
    for row in sheet.rows(progress):
        out.write(_section(row))
        count += 1
    out.write(f"<p>{escape(sheet.closing_text(count))}</p>\n"
              "</body></html>\n")
    return ExportReport(count, dict(sheet.withheld))


def _section(row: SheetRow) -> str:
    who = escape(row.attribute_as) + (f", {escape(row.title)}" if row.title else "")
    fields = [("Ground rule", escape(row.rule)), ("Said", escape(row.said)), ("Provenance", escape(row.provenance)),
              ("Original words", escape(row.original_words)),
              ("Source", escape(", ".join(p for p in (row.source, row.source_date) if p))),
              ("Address", _link(row.address)), ("Position", escape(row.position)), ("Context", escape(row.context)),
              ("Tags", escape(", ".join(row.tags))), ("Checks", escape(row.check_status)),
              ("Verified", escape(row.verified)),
              ("Clip", f'<a href="{escape(quote(row.clip))}">{escape(row.clip)}</a>' if row.clip else ""),
              ("Findings", "<br>".join(escape(f) for f in row.findings)), ("Signed off", "☐")]
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in fields if value)
    return (f'<section id="q{row.number}"><h2>{row.number}. {who}</h2>\n'
            f"<blockquote>{escape(row.words)}</blockquote>\n<dl>{items}</dl></section>\n")


def _link(address: str) -> str:
    # Only web addresses become links: a javascript: or file: address stays inert text.
    if address.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(address)}">{escape(address)}</a>'
    return escape(address)
