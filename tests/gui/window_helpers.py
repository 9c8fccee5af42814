"""Helpers for tests that drive the main window: wait for its background reads, select rows."""


def settle(qtbot, window):
    """Wait for the counts and navigator totals read in the background."""
    qtbot.waitUntil(window.reader.is_idle, timeout=10_000)


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
