"""Small coloured icons for ground rules and check results, drawn once and kept.

Colour alone never carries the meaning: every icon sits beside its text label.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap

RULE_COLOURS = {
    "on_record": "#2e8b57", "background": "#3b6fd8", "deep_background": "#7a4cc2",
    "off_record": "#c0392b", "embargoed": "#d98a00",
}
STATUS_COLOURS = {"ok": "#2e8b57", "info": "#3b6fd8", "warning": "#d98a00", "blocking": "#c0392b"}


def _disc(colour: str, *, square: bool = False) -> QIcon:
    icon = QIcon()
    for size in (16, 32):  # two sizes so high-DPI screens get a sharp one
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        rect = QRectF(size * 0.2, size * 0.2, size * 0.6, size * 0.6)
        if square:
            path = QPainterPath()
            path.addRoundedRect(rect, size * 0.1, size * 0.1)
            painter.drawPath(path)
        else:
            painter.drawEllipse(rect)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


@cache
def rule_icon(rule: str) -> QIcon:
    """A disc in the ground rule's colour (red for off the record)."""
    return _disc(RULE_COLOURS.get(rule, "#888888"))


@cache
def status_icon(status: str | None) -> QIcon | None:
    """A square in the check result's colour; none for quotes not yet checked."""
    return _disc(STATUS_COLOURS[status], square=True) if status in STATUS_COLOURS else None
