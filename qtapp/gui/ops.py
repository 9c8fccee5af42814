"""Long work off the GUI thread, with a delayed progress dialog and a Cancel button.

::

    def work(progress):
        for i, path in enumerate(paths):
            progress.update(i, len(paths), f"Reading {path.name}")   # raises Interrupted on Cancel
            ...
        return report

    run_in_background(window, work, label="Importing sources", on_success=window.show_report)

Guarantees:

- database work runs on one worker thread, one op at a time: SQLite allows one writer, and
  the library's connection (opened with ``check_same_thread=False``) is then never used by
  two ops at once;
- while an op runs, :func:`is_busy` is true and :data:`busy_state` says so by signal, so item
  models show placeholders instead of reading a connection that is inside a transaction;
- the progress dialog appears only after :data:`SHOW_AFTER_MS`, so quick ops do not flash it;
- the result, or the exception, comes back on the GUI thread; :class:`Interrupted` (Cancel)
  is silent, any other failure goes to ``on_failure`` or to :func:`qtapp.gui.errors.show_error`.

Never touch widgets inside ``fn``: it runs on another thread. Return what the GUI needs and
use it in ``on_success``. Heavy writers may open their own ``Library(lib.path)`` inside ``fn``
(WAL lets the window keep reading meanwhile); their steps then do not join the window's undo.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressBar, QProgressDialog, QWidget

from ..core.errors import Interrupted

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 600


class Progress:
    """Handed to the background function: reports progress and notices Cancel; it is the
    :class:`qtapp.core.progress.Progress` every long core function takes."""

    def __init__(self, emit: Callable[[int, int, str], None]):
        self._emit = emit
        self._cancelled = threading.Event()

    def update(self, done: int, total: int, text: str = "") -> None:
        """Report ``done`` of ``total`` steps. :raises Interrupted: the user pressed Cancel."""
        if self._cancelled.is_set():
            raise Interrupted("Cancelled; nothing partial was kept.")
        self._emit(int(done), int(total), text)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()


class BusyState(QObject):
    """Whether a background op holds the library; models listen to ``changed``."""

    changed = Signal(bool)

    def __init__(self):
        super().__init__()
        self._running = 0

    def is_busy(self) -> bool:
        return self._running > 0

    def enter(self) -> None:
        self._running += 1
        if self._running == 1:
            self.changed.emit(True)

    def leave(self) -> None:
        self._running = max(0, self._running - 1)
        if self._running == 0:
            self.changed.emit(False)


busy_state = BusyState()


def is_busy() -> bool:
    """True while a background op is running (call on the GUI thread)."""
    return busy_state.is_busy()


def when_idle(fn: Callable[[], None]) -> None:
    """Call ``fn`` now, or, while an op holds the library's connection, once no op does
    (GUI thread). For reads that news from elsewhere asks for, such as a re-check's result."""
    if not busy_state.is_busy():
        fn()
        return

    def call(busy: bool) -> None:
        if not busy:
            busy_state.changed.disconnect(call)
            fn()

    busy_state.changed.connect(call)


class _Task:
    """The work and its outcome. Plain Python: the worker thread never holds a Qt object."""

    def __init__(self, fn: Callable[[Progress], Any], progress: Progress):
        self.fn, self.progress = fn, progress
        self.result: Any = None
        self.error: BaseException | None = None
        self.details = ""

    def run(self) -> None:
        try:
            self.result = self.fn(self.progress)
        except BaseException as e:  # noqa: BLE001 - every failure must reach the GUI thread
            self.error, self.details = e, "".join(traceback.format_exception(e))


class _Relay(QObject):
    """Carries the worker's news to the GUI thread; one for the whole run, never deleted.

    The worker refers to an op only by its number: were it to hold the op, its relay or the
    work itself, its dropping the last reference would destroy Qt objects of the GUI thread on
    the worker thread, racing the GUI thread (a segfault, seen under load).
    """

    progressed = Signal(int, int, int, str)
    finished = Signal(int)
    aside_finished = Signal(int)

    def __init__(self):
        super().__init__()
        self.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.aside_finished.connect(self._aside_finished, Qt.ConnectionType.QueuedConnection)

    def _progressed(self, number: int, done: int, total: int, text: str) -> None:
        op = _RUNNING.get(number)
        if op is not None:
            op._on_progress(done, total, text)

    def _finished(self, number: int) -> None:
        op = _RUNNING.get(number)
        if op is not None:
            op._on_finished(_TASKS.pop(number))

    def _aside_finished(self, number: int) -> None:
        task = _ASIDE_TASKS.pop(number)
        on_success, on_failure, _future = _ASIDE.pop(number)
        if task.error is None:
            on_success(task.result)
        else:
            on_failure(task.error)


def _work(number: int) -> None:
    """The worker's side of an op: run it, drop every reference to it, then tell the GUI."""
    task = _TASKS[number]
    task.run()
    del task
    _RELAY.finished.emit(number)


class BackgroundOp(QObject):
    """A running op: ``cancel()`` it, or wait for ``finished`` (emitted after the callbacks)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, fn, label: str, on_success, on_failure):
        super().__init__()
        self.label = label
        self.done = False
        self._parent, self._on_success, self._on_failure = parent, on_success, on_failure
        self.number = next(_NUMBERS)
        self.progress = Progress(functools.partial(_RELAY.progressed.emit, self.number))
        self._task = _Task(fn, self.progress)
        self._future: Future | None = None
        self._dialog: QProgressDialog | None = None
        self._bar: QProgressBar | None = None
        self._last = (0, 0, "")
        self._timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS, timeout=self._show_dialog)

    def start(self) -> None:
        busy_state.enter()
        _RUNNING[self.number] = self
        _TASKS[self.number] = self._task
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._timer.start()
        self._future = _WORKER.submit(_work, self.number)

    def cancel(self) -> None:
        """Ask the op to stop at its next ``progress.update``."""
        self.progress.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText("Cancelling…")

    @property
    def dialog(self) -> QProgressDialog | None:
        """The progress dialog, once it has been shown."""
        return self._dialog

    def _show_dialog(self) -> None:
        if self.done:
            return
        dialog = QProgressDialog(self.label, "Cancel", 0, 0, self._parent)
        # Progress goes to the bar itself: the dialog's own setValue() runs a nested event
        # loop when the dialog is modal, where the op could finish under this very call.
        self._bar = QProgressBar(dialog)
        dialog.setBar(self._bar)
        dialog.setWindowTitle(self.label)
        dialog.setAccessibleName(f"Progress: {self.label}")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._on_progress(*self._last)
        dialog.show()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        if self._dialog is None or self._bar is None:
            return
        self._bar.setMaximum(max(total, 0))
        self._bar.setValue(min(done, total) if total > 0 else 0)
        self._dialog.setLabelText(text or self.label)

    def _finish(self) -> None:
        self.done = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = self._bar = None
        QApplication.restoreOverrideCursor()
        busy_state.leave()
        del _RUNNING[self.number]

    def _on_finished(self, task: _Task) -> None:
        self._finish()
        try:
            if task.error is None:
                self._on_success(task.result)
            elif self._on_failure is not None:
                self._on_failure(task.error)
            elif not isinstance(task.error, Interrupted):
                from .errors import show_error
                show_error(self._parent, task.error, details=task.details)
        finally:
            self.finished.emit()


# Ops still running, by number (GUI thread), and their work (read by the worker).
_RUNNING: dict[int, BackgroundOp] = {}
_TASKS: dict[int, _Task] = {}
_NUMBERS = itertools.count(1)
# One worker thread for everything that touches the library: one writer at a time.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="verbatim-db")
# Work on connections of its own (run_aside): callbacks by number (GUI thread), and the work.
_ASIDE: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None], Future]] = {}
_ASIDE_TASKS: dict[int, _Task] = {}
_ASIDE_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="verbatim-aside")
_RELAY = _Relay()


def run_in_background(parent: QWidget | None, fn: Callable[[Progress], Any], *, label: str,
                      on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None] | None = None) -> BackgroundOp:
    """Run ``fn(progress)`` on the library's worker thread; deliver its result on the GUI thread.

    :param parent: the window the progress dialog and any error belong to.
    :param fn: the work; must not touch widgets. Call ``progress.update(done, total, text)``
        often: that is where Cancel takes effect (it raises :class:`Interrupted`).
    :param label: what the user sees while it runs ("Importing 12 sources").
    :param on_success: called with ``fn``'s return value, on the GUI thread.
    :param on_failure: called with the exception instead of the default display (an
        :class:`Interrupted` is passed too, so callers can tidy up after Cancel).
    :returns: the running op; ``op.finished`` fires after the callbacks ran.
    """
    op = BackgroundOp(parent, fn, label, on_success, on_failure)
    op.start()
    return op


def _work_aside(number: int) -> None:
    """The aside worker's side: like :func:`_work`, for :func:`run_aside`."""
    task = _ASIDE_TASKS[number]
    task.run()
    del task
    _RELAY.aside_finished.emit(number)


def run_aside(fn: Callable[[], Any], *, on_success: Callable[[Any], None],
              on_failure: Callable[[BaseException], None]) -> None:
    """Run ``fn()`` on a worker of its own, for work that opened its own connection to the library.

    Unlike :func:`run_in_background` it does not mark the library busy: the window keeps
    reading and writing through its connection, and SQLite (WAL) keeps the two apart. One
    such job runs at a time. ``on_success`` or ``on_failure`` is called on the GUI thread.
    """
    number = next(_NUMBERS)
    _ASIDE_TASKS[number] = _Task(lambda _progress: fn(), Progress(lambda *_: None))
    _ASIDE[number] = (on_success, on_failure, _ASIDE_WORKER.submit(_work_aside, number))


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until no op is running, aside or not (used when closing the window and in tests)."""
    pending = [op._future for op in _RUNNING.values() if op._future is not None]
    pending += [future for _s, _f, future in _ASIDE.values()]
    ok = not wait(pending, timeout=timeout_ms / 1000).not_done
    QApplication.processEvents()
    return ok and not _RUNNING and not _ASIDE
