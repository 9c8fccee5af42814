"""The file dialog shows whole names, sizes and dates on a 1024×700 laptop."""

import pytest

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QTreeView

from qtapp.gui import file_dialogs, fit
from qtapp.gui.file_dialogs import DATE_COLUMN, SIZE_COLUMN, TYPE_COLUMN


@pytest.fixture(autouse=True)
def qt_dialog_state(tmp_path):
    """Qt's dialogs keep their state (column widths, history) in the user's QtProject settings:
    here they read and write a file of this test instead."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))


def test_columns_show_their_whole_text_at_1024_by_700(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(fit, "available_geometry", lambda _widget=None: QRect(0, 0, 1024, 700))
    names = ["Quote sheet - tag “harbour-story” and the ferry contract.md", "refs-apa.txt"]
    for name in names:
        (tmp_path / name).write_text("words " * 200_000)
    dialog = file_dialogs.file_dialog(None, "Export to", tmp_path, "Markdown (*.md);;Text (*.txt)")
    qtbot.addWidget(dialog)
    dialog.setNameFilter("All files (*)")
    dialog.show()
    view = dialog.findChild(QTreeView, "treeView")
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == len(names), timeout=10_000)
    assert dialog.width() <= 1024 and dialog.height() <= 700
    header, metrics = view.header(), view.fontMetrics()
    assert header.isSectionHidden(TYPE_COLUMN)
    for row in range(len(names)):
        for column in (0, SIZE_COLUMN, DATE_COLUMN):
            text = view.model().index(row, column, view.rootIndex()).data()
            room = header.sectionSize(column) - (view.iconSize().width() + 12 if column == 0 else 8)
            assert metrics.horizontalAdvance(text) <= room, (text, header.sectionSize(column))
