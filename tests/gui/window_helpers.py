"""Helpers for tests that drive the main window: wait for its background work, select rows."""

from qtapp.gui import ops


def settle(qtbot, window):
    """Wait for background ops (undo …), then the counts and navigator totals read after them."""
    qtbot.waitUntil(lambda: not ops.is_busy() and window.reader.is_idle() and not window.navigator.is_updating(),
                    timeout=10_000)


def select_ids(window, wanted):
    """Select the rows of the quotes whose ids are in ``wanted``, and no others."""
    window.table.clearSelection()
    for row in range(window.model.rowCount()):
        if window.model.quote_id(row) in wanted:
            window.table.selectionModel().select(
                window.model.index(row, 0),
                window.table.selectionModel().SelectionFlag.Select | window.table.selectionModel().SelectionFlag.Rows)


def open_window(qtbot, lib):
    """The main window on ``lib``, shown at 1280×800 with its background reads done."""
    from qtapp.gui.main_window import MainWindow
    window = MainWindow(lib)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window
