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

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ..core.errors import Interrupted

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 600


class Progress:
    """Handed to the background function: reports progress and notices Cancel."""

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


class _Relay(QObject):
    """Carries the worker's news to the GUI thread (queued connections, by thread affinity)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._progress, self._relay = fn, progress, relay

    def run(self) -> None:
        try:
            result = self._fn(self._progress)
        except BaseException as e:  # every failure must reach the GUI thread, never vanish
            self._relay.failed.emit(e, "".join(traceback.format_exception(e)))
        else:
            self._relay.succeeded.emit(result)


class BackgroundOp(QObject):
    """A running op: ``cancel()`` it, or wait for ``finished`` (emitted after the callbacks)."""

    finished = Signal()

    def __init__(self, parent: QWidget | None, fn, label: str, on_success, on_failure):
        super().__init__()
        self.label = label
        self.done = False
        self._parent, self._on_success, self._on_failure = parent, on_success, on_failure
        self._relay = _Relay()
        self.progress = Progress(self._relay.progressed.emit)
        self._dialog: QProgressDialog | None = None
        self._last = (0, 0, "")
        self._relay.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._relay.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS, timeout=self._show_dialog)
        self._job = _Job(fn, self.progress, self._relay)

    def start(self) -> None:
        busy_state.enter()
        _RUNNING.add(self)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._timer.start()
        _db_pool().start(self._job)

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
        if self._dialog is None:
            return
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(min(done, total) if total > 0 else 0)
        self._dialog.setLabelText(text or self.label)

    def _finish(self) -> None:
        self.done = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        QApplication.restoreOverrideCursor()
        busy_state.leave()
        _RUNNING.discard(self)

    def _on_succeeded(self, result: Any) -> None:
        self._finish()
        try:
            self._on_success(result)
        finally:
            self.finished.emit()

    def _on_failed(self, error: BaseException, details: str) -> None:
        self._finish()
        try:
            if self._on_failure is not None:
                self._on_failure(error)
            elif not isinstance(error, Interrupted):
                from .errors import show_error
                show_error(self._parent, error, details=details)
        finally:
            self.finished.emit()


# Ops still running are kept alive here; Qt would otherwise lose the Python side of the relay.
_RUNNING: set[BackgroundOp] = set()
_POOL: QThreadPool | None = None


def _db_pool() -> QThreadPool:
    """One worker thread for everything that touches the library: one writer at a time."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


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


class _AsideJob(QObject):
    """Work on its own connection: result or failure back on the GUI thread, nothing marked busy."""

    def __init__(self, fn: Callable[[], Any], on_success, on_failure):
        super().__init__()
        self._relay = _Relay()
        self._relay.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._on_success, self._on_failure = on_success, on_failure
        self._job = _Job(lambda _progress: fn(), Progress(lambda *_: None), self._relay)

    def _succeeded(self, result: Any) -> None:
        _ASIDE.discard(self)
        self._on_success(result)

    def _failed(self, error: BaseException, _details: str) -> None:
        _ASIDE.discard(self)
        self._on_failure(error)


_ASIDE: set[_AsideJob] = set()
_ASIDE_POOL: QThreadPool | None = None


def run_aside(fn: Callable[[], Any], *, on_success: Callable[[Any], None],
              on_failure: Callable[[BaseException], None]) -> None:
    """Run ``fn()`` on a worker of its own, for work that opened its own connection to the library.

    Unlike :func:`run_in_background` it does not mark the library busy: the window keeps
    reading and writing through its connection, and SQLite (WAL) keeps the two apart. One
    such job runs at a time. ``on_success`` or ``on_failure`` is called on the GUI thread.
    """
    global _ASIDE_POOL
    if _ASIDE_POOL is None:
        _ASIDE_POOL = QThreadPool()
        _ASIDE_POOL.setMaxThreadCount(1)
    job = _AsideJob(fn, on_success, on_failure)
    _ASIDE.add(job)
    _ASIDE_POOL.start(job._job)


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until no op is running, aside or not (used when closing the window and in tests)."""
    ok = all(pool.waitForDone(timeout_ms) for pool in (_db_pool(), _ASIDE_POOL) if pool is not None)
    QApplication.processEvents()
    return ok and not _RUNNING and not _ASIDE
