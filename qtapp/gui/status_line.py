"""The window's status line: a message too long for it ends at a whole word, never mid-word.

::

    window.setStatusBar(StatusLine(window))
    window.statusBar().showMessage("3 changed quotes now block publication: see Needs attention")

The whole message stays in the tooltip.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStatusBar

MARGIN = 24   # the status line's own padding and size grip


def elide_to_width(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text``, or as many of its first words as fit in ``width`` pixels followed by '…'."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split()
    while words:
        shorter = " ".join(words).rstrip(" ,;:.") + "…"
        if metrics.horizontalAdvance(shorter) <= width:
            return shorter
        words.pop()
    return "…"


class StatusLine(QStatusBar):
    """A status bar whose messages are cut at a word boundary to fit its width."""

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 - Qt override
        self.setToolTip(text)
        super().showMessage(elide_to_width(self.fontMetrics(), text, self.width() - MARGIN), timeout)
