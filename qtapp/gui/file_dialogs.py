"""File dialogs whose columns show whole names, sizes and dates, at any screen size.

::

    path = save_file_name(window, "Export to", suggested, "Markdown (*.md)")   # "" if cancelled
    path = open_file_name(window, "Open library", folder, LIBRARY_FILTER)
    folder = existing_directory(window, "Zotero data directory", Path.home() / "Zotero")

Qt's own dialog, not the platform's: its list gives Size and Date Modified the width of their
longest text in the current font and the name the rest, where the platform's dialog (or Qt's
with its default widths) cut them at 1024×700. The Type column is hidden: its descriptions
("Markdown document") are long, and the file-type filter below the list says it already. It
opens at :data:`SIZE`, or at the room the screen has.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QFileDialog, QHeaderView, QSplitter, QTreeView, QWidget

from .fit import fit_to_screen

SIZE = (960, 600)
SIDEBAR_CHARS = 18
SIZE_COLUMN, TYPE_COLUMN, DATE_COLUMN = 1, 2, 3
LARGEST_SIZE = "1,023.99 KiB"   # the longest text the Size column shows
PADDING = 24


def file_dialog(parent: QWidget | None, caption: str, path: str | Path, filters: str = "") -> QFileDialog:
    """A Qt file dialog with readable columns, sized to fit the screen; set its modes, then ``exec()``."""
    dialog = QFileDialog(parent, caption, str(path), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    fit_to_screen(dialog, *SIZE)
    size_columns(dialog)
    return dialog


def size_columns(dialog: QFileDialog) -> None:
    """Size and date get the width of their longest text, the name what is left; no type."""
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:
        return
    header = view.header()
    metrics = view.fontMetrics()
    latest = QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59))
    samples = {SIZE_COLUMN: LARGEST_SIZE, DATE_COLUMN: QLocale().toString(latest, QLocale.FormatType.ShortFormat)}
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionHidden(TYPE_COLUMN, True)
    for column, sample in samples.items():
        label = str(view.model().headerData(column, header.orientation()) or "")
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(label))
                             + PADDING)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:
        sidebar = metrics.averageCharWidth() * SIDEBAR_CHARS
        splitter.setSizes([sidebar, max(0, dialog.width() - sidebar)])


def save_file_name(parent: QWidget | None, caption: str, path: str | Path, filters: str) -> str:
    """Ask where to save (``path`` suggested); "" when cancelled."""
    dialog = file_dialog(parent, caption, path, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return _chosen(dialog)


def open_file_name(parent: QWidget | None, caption: str, folder: str | Path, filters: str) -> str:
    """Ask for an existing file; "" when cancelled."""
    dialog = file_dialog(parent, caption, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _chosen(dialog)


def existing_directory(parent: QWidget | None, caption: str, folder: str | Path) -> str:
    """Ask for a folder; "" when cancelled."""
    dialog = file_dialog(parent, caption, folder)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    return _chosen(dialog)


def _chosen(dialog: QFileDialog) -> str:
    chosen = dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    dialog.deleteLater()
    return chosen[0] if chosen else ""
