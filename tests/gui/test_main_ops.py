"""Background ops and error display: results on the GUI thread, Cancel, delayed progress."""

import threading

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from qtapp.core.errors import Interrupted, InvalidInput
from qtapp.gui import ops
from qtapp.gui.errors import DetailsDialog, show_error


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_result_comes_back_on_the_gui_thread(qtbot, parent):
    seen = {}

    def work(progress):
        seen["worker"] = threading.current_thread()
        progress.update(1, 2, "half")
        return 42

    def done(result):
        seen["result"] = result
        seen["callback"] = threading.current_thread()

    op = ops.run_in_background(parent, work, label="Adding up", on_success=done)
    assert ops.is_busy()
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()
    assert not ops.is_busy()


def test_quick_op_never_shows_the_progress_dialog(qtbot, parent):
    op = ops.run_in_background(parent, lambda p: None, label="Quick", on_success=lambda r: None)
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert op.dialog is None


def test_slow_op_shows_progress_and_cancel_interrupts_silently(qtbot, parent, monkeypatch):
    monkeypatch.setattr(ops, "SHOW_AFTER_MS", 50)
    release = threading.Event()
    outcome = {}

    def work(progress):
        while True:
            progress.update(1, 10, "working")
            release.wait(0.01)

    op = ops.run_in_background(parent, work, label="Slow work", on_success=lambda r: outcome.setdefault("ok", r),
                               on_failure=lambda e: outcome.setdefault("error", e))
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.isVisible(), timeout=10_000)
    assert op.dialog.labelText() == "working"
    cancel = next(b for b in op.dialog.findChildren(QPushButton) if b.text() == "Cancel")
    with qtbot.waitSignal(op.finished, timeout=5000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert isinstance(outcome["error"], Interrupted)
    assert "ok" not in outcome


def test_failure_goes_to_show_error_by_default(qtbot, parent, monkeypatch):
    shown = []
    monkeypatch.setattr("qtapp.gui.errors.show_error", lambda p, e, **kw: shown.append((p, e)))

    def work(progress):
        raise InvalidInput("The date is empty.")

    op = ops.run_in_background(parent, work, label="Failing", on_success=lambda r: None)
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert len(shown) == 1 and shown[0][0] is parent and str(shown[0][1]) == "The date is empty."


def test_ops_run_one_at_a_time(qtbot, parent):
    active, overlaps = [], []
    lock = threading.Lock()

    def work(progress):
        with lock:
            active.append(1)
            overlaps.append(len(active))
        threading.Event().wait(0.02)
        with lock:
            active.pop()

    running = [ops.run_in_background(parent, work, label="x", on_success=lambda r: None) for _ in range(4)]
    qtbot.waitUntil(lambda: all(op.done for op in running), timeout=10_000)
    assert max(overlaps) == 1


def test_expected_error_shows_its_message(qtbot, parent):
    box = show_error(parent, InvalidInput("“Nov 31” is not a real date."))
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
    assert box.text() == "“Nov 31” is not a real date."


def test_expected_error_can_be_shown_inline(parent):
    lines = []
    assert show_error(parent, InvalidInput("Every quote needs a speaker."), inline=lines.append) is None
    assert lines == ["Every quote needs a speaker."]


def test_cancel_is_silent(parent):
    assert show_error(parent, Interrupted("Cancelled")) is None


def test_unexpected_error_offers_the_traceback_to_copy(qtbot, parent):
    try:
        {}["missing"]
    except KeyError as e:
        dialog = show_error(parent, e)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, DetailsDialog)
    assert "Traceback" in dialog.details.toPlainText()
    dialog.copy_details()
    assert "KeyError" in QApplication.clipboard().text()


def test_the_window_shows_the_sentence_the_command_line_prints(qtbot, tmp_path):
    """The same error reads the same in a dialog as after ``verbatim:`` on the terminal."""
    import sqlite3

    from qtapp.core import backup
    from qtapp.core.failures import user_message
    from qtapp.core.library import Library
    from qtapp.core.logfile import setup_logging, written_to

    window = QWidget()
    qtbot.addWidget(window)
    window.lib = Library(tmp_path / "work.verbatim")
    backup.backup_now(window.lib.path)
    damaged = sqlite3.DatabaseError("database disk image is malformed")
    box = show_error(window, damaged)
    qtbot.addWidget(box)
    assert box.text() == user_message(damaged, library=window.lib.path)
    assert "is damaged" in box.text() and "verbatim restore" in box.text()

    setup_logging()
    try:
        {}["missing"]
    except KeyError as e:
        error = e
    dialog = show_error(window, error)
    qtbot.addWidget(dialog)
    assert dialog.message.text() == user_message(error, library=window.lib.path, log_file=written_to())
    assert f"Details were written to {written_to()}" in dialog.message.text()
    window.lib.close()


def test_progress_arriving_with_the_result_queued_behind_it(qtbot, parent, monkeypatch):
    """A modal QProgressDialog.setValue() runs the event loop: the op must not finish under it."""
    monkeypatch.setattr(ops, "SHOW_AFTER_MS", 0)
    go, returned = threading.Event(), threading.Event()

    def work(progress):
        progress.update(0, 3, "first")
        go.wait(5)
        returned.set()
        return "done"

    outcome = []
    op = ops.run_in_background(parent, work, label="Two steps", on_success=outcome.append)
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.isVisible(), timeout=10_000)
    op._on_progress(1, 3, "first")   # progress shown as the worker's reports arrive
    go.set()
    returned.wait(5)
    threading.Event().wait(0.2)   # the worker has posted its result by now
    op._on_progress(2, 3, "second")
    assert outcome == [] and op.dialog.labelText() == "second"
    with qtbot.waitSignal(op.finished, timeout=5000):
        pass
    assert outcome == ["done"] and op.dialog is None
