"""The quote sheet as a Word document (python-docx), for editors who sign off on paper."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, BinaryIO

from docx import Document

from ..progress import Progress
from .reports import ExportReport
from .selection import Selection
from .sheet_rows import SheetRow, SheetRows

if TYPE_CHECKING:
    from ..library import Library

# Control characters XML cannot hold; python-docx refuses a document containing them.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_sheet_docx(lib: Library, selection: Selection, out: BinaryIO, *, progress: Progress | None = None,
                     now: dt.datetime | None = None) -> ExportReport:
    """Write the quote sheet of ``selection`` to the binary stream ``out`` as a .docx file."""
    sheet = SheetRows(lib, selection, now=now)
    doc = Document()
    doc.add_heading(_xml(f"Quote sheet: {sheet.heading()}"), level=1)
    doc.add_paragraph(f"Exported {sheet.now:%Y-%m-%d %H:%M %Z}.")
    count = 0
    for row in sheet.rows(progress):
        _add_quote(doc, row)
        count += 1
    doc.add_paragraph(_xml(sheet.closing_text(count)))
    doc.save(out)
    return ExportReport(count, dict(sheet.withheld))


def _add_quote(doc, row: SheetRow) -> None:
    who = row.attribute_as + (f", {row.title}" if row.title else "")
    doc.add_heading(_xml(f"{row.number}. {who}"), level=2)
    doc.add_paragraph(_xml(row.words), style="Intense Quote")
    fields = [("Ground rule", row.rule), ("Said", row.said), ("Provenance", row.provenance),
              ("Original words", row.original_words),
              ("Source", ", ".join(p for p in (row.source, row.source_date) if p)),
              ("Address", row.address), ("Position", row.position), ("Context", row.context),
              ("Tags", ", ".join(row.tags)), ("Checks", row.check_status), ("Verified", row.verified),
              ("Clip", row.clip)]
    for label, value in fields:
        if value:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(_xml(value))
    for finding in row.findings:
        doc.add_paragraph(_xml(finding), style="List Bullet")
    doc.add_paragraph("Signed off: ☐")


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)
