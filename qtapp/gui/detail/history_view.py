"""The history tab: every recorded change to the selected quote, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from ...core.library import Library
from ...core.text import one_line

MAX_SHOWN = 500


class HistoryView(QTreeWidget):
    """When, which step, which field, and the value before and after."""

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.setAccessibleName("History of this quote")
        self.setHeaderLabels(["When (UTC)", "Step", "Field", "Before", "After"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def show_quote(self, quote_id: int | None) -> None:
        self.clear()
        if quote_id is None:
            return
        rows = self.lib.quotes.history(quote_id)[-MAX_SHOWN:]
        for change in reversed(rows):
            item = QTreeWidgetItem([change["at"][:16].replace("T", " "), change["step"], change["field"],
                                    one_line(change["old"], 80), one_line(change["new"], 80)])
            item.setToolTip(3, change["old"] or "")
            item.setToolTip(4, change["new"] or "")
            self.addTopLevelItem(item)
        for column in range(3):
            self.resizeColumnToContents(column)
