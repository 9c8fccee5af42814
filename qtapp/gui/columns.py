"""Widths of the quotes list's columns, measured from the font rather than fixed in pixels.

::

    widths = column_widths(table)          # {"said": 118, "rule": 141, …} for this font and style
    fit_words(table)                       # Words gets the room the other columns leave

Fixed-format columns (a date, a ground rule, a check result) are as wide as their widest
possible text, so "Wed 30 Sep 2023" or "Deep background" is never cut. Free-text columns get
a width that shows a typical value and elide the rest. Words takes every pixel left over.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from ..core.quotes import RULE_LABELS
from .models.quotes_model import COLUMNS, STATUS_LABELS

# The widest text each column shows: whole for dates, rules and results, typical for free text.
SAMPLES = {
    "speaker": ("Peter van der Linden",),
    "said": tuple(f"Wed {day} {month} 2023" for day in ("30", "28") for month in ("Sep", "May", "Nov", "Mar")),
    "rule": tuple(RULE_LABELS.values()),
    "status": tuple(STATUS_LABELS.values()),
    "source": ("Interview with the mayor",),
    "title": ("Director, Water Authority",),
    "provenance": ("First-hand", "Second-hand, via Reuters"),
    "created": ("30 Sep 2024 23:59", "28 May 2024 00:00"),
}
WITH_ICON = frozenset({"rule", "status"})
MIN_WORDS_CHARS = 40   # Words never narrower than about this many characters
HIDDEN_BY_DEFAULT = ("title", "provenance")   # both shown in the detail pane beside the list


def column_index(key: str) -> int:
    return next(i for i, (k, _label) in enumerate(COLUMNS) if k == key)


def column_widths(table: QTableView) -> dict[str, int]:
    """Each column's width in pixels but Words: its widest sample text, icon and margins."""
    style = table.style()
    cell = table.fontMetrics()
    head = table.horizontalHeader().fontMetrics()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + 8
    icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, table) + 6
    header_room = (2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, table)
                   + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, table) + 8)
    widths = {}
    for key, label in COLUMNS:
        if key == "words":
            continue
        text = max(cell.horizontalAdvance(s) for s in SAMPLES[key]) + margin + (icon if key in WITH_ICON else 0)
        widths[key] = max(text, head.horizontalAdvance(label) + header_room)
    return widths


def min_words_width(table: QTableView) -> int:
    return table.fontMetrics().averageCharWidth() * MIN_WORDS_CHARS


def others_width(table: QTableView) -> int:
    """The width of every shown column but Words."""
    header = table.horizontalHeader()
    words = column_index("words")
    return sum(header.sectionSize(c) for c in range(header.count()) if c != words and not header.isSectionHidden(c))


def apply_widths(table: QTableView, *, hide_defaults: bool = True) -> None:
    """Size every column for the font; hide the columns shown elsewhere unless told not to."""
    header = table.horizontalHeader()
    for key, width in column_widths(table).items():
        header.resizeSection(column_index(key), width)
    if hide_defaults:
        for key in HIDDEN_BY_DEFAULT:
            header.hideSection(column_index(key))
    fit_words(table)


def fit_words(table: QTableView) -> None:
    """Give Words the viewport's width left by the other columns, never less than its minimum."""
    header: QHeaderView = table.horizontalHeader()
    room = table.viewport().width() - others_width(table)
    header.resizeSection(column_index("words"), max(min_words_width(table), room))
