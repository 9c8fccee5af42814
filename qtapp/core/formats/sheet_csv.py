"""The quote sheet as CSV, one quote a line, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import datetime as dt
from typing import TYPE_CHECKING, TextIO

from ..files import csv_safe
from ..progress import Progress
from .reports import ExportReport
from .selection import Selection
from .sheet_rows import SheetRow, SheetRows

if TYPE_CHECKING:
    from ..library import Library

COLUMNS = ("number", "quote_id", "words", "attributed_to", "title", "ground_rule", "said", "provenance",
           "original_words", "source", "source_date", "address", "position", "context", "tags",
           "check_status", "findings", "verified", "clip")


def write_sheet_csv(lib: Library, selection: Selection, out: TextIO, *, progress: Progress | None = None,
                    now: dt.datetime | None = None) -> ExportReport:
    """Write the quote sheet of ``selection`` to ``out`` as CSV (open ``out`` with newline='')."""
    sheet = SheetRows(lib, selection, now=now)
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for row in sheet.rows(progress):
        writer.writerow([csv_safe(v) if v else v for v in _cells(row)])
        count += 1
    return ExportReport(count, dict(sheet.withheld))


def _cells(row: SheetRow) -> tuple:
    return (row.number, row.quote_id, row.words, row.attribute_as, row.title, row.rule, row.said,
            row.provenance, row.original_words, row.source, row.source_date, row.address, row.position,
            row.context, "; ".join(row.tags), row.check_status, "; ".join(row.findings), row.verified, row.clip)
