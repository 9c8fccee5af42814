"""Re-checking what a change made stale, on a connection and a thread of its own, right after the change.

::

    rechecker = Rechecker(window, lib)
    window.refresh(change) → rechecker.schedule()
    rechecker.did_recheck.connect(window.show_rechecked)     # ids checked, ids that block
    rechecker.close()                                        # before the library closes

Guarantees:

- the quotes checked are exactly those the core marked stale (:mod:`qtapp.core.checks.stale`)
  and the partners their duplicate findings name; nothing is checked on the GUI thread;
- its one write, :func:`qtapp.gui.operations.checks.recheck_marked`, is by design never
  refused while busy; it never holds the window's connection: the window keeps reading and saving while it
  runs (no placeholders, no "still working" refusals); SQLite keeps the two writers apart,
  and a change saved during a run stays marked for the next one;
- changes in quick succession are coalesced into one run, started :data:`DELAY_MS` after the
  last; a change made while a run is going starts one more run after it;
- a large backlog (an import) is worked through in chunks of :data:`CHUNK` quotes;
- results that time alone changes (an embargo's end) are looked for when the library opens
  and every :data:`DUE_EVERY_S` seconds.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ...core.errors import LibraryBusy
from ...core.library import Library
from ..operations.checks import recheck_marked
from ..ops import run_aside, wait_for_all

DELAY_MS = 150
DUE_EVERY_S = 3600
CHUNK = 200
RETRY_MS = 2000


class Rechecker(QObject):
    """Keeps the stored checks of one library current; ``did_recheck(checked, blocking)`` after each run."""

    did_recheck = Signal(list, list)

    def __init__(self, parent: QWidget, lib: Library):
        super().__init__(parent)
        self.lib = lib
        self._parent = parent
        self._own: Library | None = None
        self._running = False
        self._again = False
        self._stopped = False
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS, timeout=self._start)
        self._due_at = 0.0   # when to look for results that time alone has changed (an embargo's end)
        self._hourly = QTimer(self, interval=DUE_EVERY_S * 1000, timeout=self.schedule)
        self._hourly.start()

    def schedule(self) -> None:
        """Check the stale quotes soon (called after every change)."""
        if not self._stopped:
            self._timer.start()

    @property
    def running(self) -> bool:
        return self._running or self._timer.isActive()

    def close(self) -> None:
        """Start no more runs, wait for the one going, and close the connection (the library is closing)."""
        self._stopped = True
        self._timer.stop()
        self._hourly.stop()
        wait_for_all()
        if self._own is not None:
            self._own.close()
            self._own = None

    def _start(self) -> None:
        if self._running:
            self._again = True
            return
        due = time.monotonic() >= self._due_at
        if due:
            self._due_at = time.monotonic() + DUE_EVERY_S
        path, passphrase = self.lib.path, self.lib.passphrase

        def work():
            if self._own is None:   # opened here: an encrypted library's key takes a tenth of a second
                self._own = Library(path, backups=False, passphrase=passphrase)
            return recheck_marked(self._own, due=due, limit=CHUNK)

        self._running, self._again = True, False
        run_aside(work, on_success=self._done, on_failure=self._failed)

    def _done(self, result) -> None:
        self._running = False
        if result is None:
            if self._again:
                self.schedule()
            return
        if result.remaining or self._again:
            self.schedule()
        if result.checked and not self._stopped:
            self.did_recheck.emit(result.checked, result.blocking)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        if self._stopped:
            return
        if isinstance(error, LibraryBusy):
            # Another program is writing; the marks wait in the library until it is done.
            QTimer.singleShot(RETRY_MS, self.schedule)
            return
        from ..errors import show_error
        show_error(self._parent, error)
