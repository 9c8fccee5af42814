"""The GUI-thread watchdog counts the app's handlers, never the test's own code."""

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from .watchdog import LIMIT_MS, WAIT_LIMIT_MS


def _busy(ms: float) -> None:
    """Spend ``ms`` of this thread's CPU time (however long the machine makes that take)."""
    end = time.thread_time() + ms / 1000
    while time.thread_time() < end:
        pass


def test_a_handler_busy_too_long_is_reported_with_where_it_was(qtbot, gui_watchdog):
    fired = []
    # Four times the limit: the sampler thread that takes the stack wakes every LIMIT_MS / 2 and,
    # on a loaded machine, may be scheduled late; a handler just over the limit could end first.
    QTimer.singleShot(0, lambda: (_busy(LIMIT_MS * 4), fired.append(True)))
    qtbot.waitUntil(lambda: bool(fired), timeout=10_000)
    blocks = gui_watchdog.stop()
    assert len(blocks) == 1 and blocks[0].ms >= LIMIT_MS
    assert not blocks[0].what.endswith("(waiting)")
    assert "_busy" in blocks[0].stack


def test_a_handler_waiting_too_long_is_reported(qtbot, gui_watchdog):
    button = QPushButton("Wait")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: time.sleep(WAIT_LIMIT_MS * 1.1 / 1000))   # a lock, a disk, a thread
    QTimer.singleShot(0, button.click)
    qtbot.waitUntil(lambda: bool(gui_watchdog.blocks), timeout=10_000)
    blocks = gui_watchdog.stop()
    assert len(blocks) == 1 and blocks[0].what.endswith("(waiting)") and blocks[0].ms >= WAIT_LIMIT_MS


def test_the_tests_own_code_and_quick_handlers_are_not(qtbot, gui_watchdog):
    button = QPushButton("Busy")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: _busy(LIMIT_MS * 1.5))
    ticks = []
    timer = QTimer(interval=5, timeout=lambda: ticks.append(1))
    timer.start()
    time.sleep(LIMIT_MS * 2 / 1000)            # the test itself, outside the event loop
    button.click()                             # a handler the test calls directly
    qtbot.waitUntil(lambda: len(ticks) > 20, timeout=10_000)
    timer.stop()
    assert gui_watchdog.stop() == []
