"""Starting the window: the QApplication, the library, and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QTableWidget, QTableWidgetItem

from .. import APP_NAME
from ..core.errors import VerbatimError
from ..core.library import Library
from ..core.paths import resolve_library_path


def run_app(library_path: str | None) -> int:
    """Open the window on ``library_path`` (or the default library) and run until it closes."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    try:
        lib = Library(resolve_library_path(library_path))
    except VerbatimError as e:
        QMessageBox.critical(None, APP_NAME, str(e))
        return 2
    window = QMainWindow()
    window.setWindowTitle(f"{APP_NAME} — {lib.path.name}")
    table = QTableWidget(0, 3)
    table.setHorizontalHeaderLabels(["Words", "Speaker", "Date said"])
    for row in lib.quotes.page(limit=200):
        r = table.rowCount()
        table.insertRow(r)
        for c, text in enumerate((row.words, row.speaker, row.said)):
            table.setItem(r, c, QTableWidgetItem(text))
    window.setCentralWidget(table)
    window.resize(1100, 700)
    window.show()
    return app.exec()
