"""Slow reads (counts, navigator totals) on a thread of their own, with their own connection.

::

    reader = BackgroundReader(lib.path)
    reader.submit("count", lambda r: r.quotes.count(query), on_done=model.set_count)

The window never waits for a count over a million quotes: it shows the first page at once
and the exact total when it arrives. Guarantees:

- the reads use a second connection to the library (WAL lets it read while the window
  writes), opened on the reader's thread, one read at a time;
- a newer request on the same channel supersedes an older one: a queued one is skipped, a
  running one is interrupted, and only the newest result is delivered;
- requests marked ``first`` (the rows on screen) run before the others waiting (counts,
  navigator totals), which a stream of changes (a long re-check) keeps asking for again;
  one arriving while another kind of read runs interrupts it, and the interrupted read runs
  again after it; they run as :func:`~qtapp.core.foreground.urgent` reads, which a
  re-check steps aside for;
- results come back on the GUI thread; a failed read is logged and ``on_failed`` (if given)
  is called instead, so the caller can fall back to reading on its own connection.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from ...core.encryption import operational_errors
from ...core.foreground import urgent
from ...core.library import Library

log = logging.getLogger(__name__)


class BackgroundReader(QObject):
    """Runs read-only functions of a :class:`Library` off the GUI thread."""

    _delivered = Signal(str, int, bool, object)

    def __init__(self, path: Path, parent: QObject | None = None, *, passphrase: str | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self._passphrase = passphrase
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="verbatim-reader")
        self._lib: Library | None = None
        self._latest: dict[str, int] = {}
        self._callbacks: dict[str, tuple[Callable[[Any], None], Callable[[], None] | None]] = {}
        self._running: str | None = None
        self._running_first = False
        self._preempted = False   # the running read was interrupted for a first one: run it again
        self._queue: list[tuple] = []          # (0 first / 1 others, order, channel, generation, fn)
        self._order = itertools.count()
        self._pending = 0   # submitted and not yet delivered (GUI thread only)
        self._closed = False
        self._lock = threading.Lock()
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, channel: str, fn: Callable[[Library], Any], on_done: Callable[[Any], None],
               on_failed: Callable[[], None] | None = None, *, first: bool = False) -> None:
        """Run ``fn(reader_library)`` soon (before the others waiting if ``first``); call
        ``on_done(result)`` unless superseded first."""
        if self._closed:
            return
        self._pending += 1
        with self._lock:
            generation = self._latest.get(channel, 0) + 1
            self._latest[channel] = generation
            self._callbacks[channel] = (on_done, on_failed)
            if self._running == channel and self._lib is not None:
                self._lib.db.conn.interrupt()   # its result would be thrown away anyway
            elif first and self._running is not None and not self._running_first and self._lib is not None:
                self._preempted = True
                self._lib.db.conn.interrupt()   # the rows on screen first; it runs again after them
            heapq.heappush(self._queue, (0 if first else 1, next(self._order), channel, generation, fn))
        self._executor.submit(self._run_next)   # one task per request: each runs the most urgent one waiting

    def cancel(self, channel: str) -> None:
        """Drop what was asked on ``channel``: the answer is no longer wanted."""
        with self._lock:
            self._latest[channel] = self._latest.get(channel, 0) + 1
            if self._running == channel and self._lib is not None:
                self._lib.db.conn.interrupt()

    def is_idle(self) -> bool:
        """True when every read submitted has been delivered (used by tests and benchmarks)."""
        return self._pending == 0

    def close(self) -> None:
        """Stop reading: pending reads are dropped and the connection is closed."""
        if self._closed:
            return
        self._closed = True
        with self._lock:
            self._latest = {k: v + 1 for k, v in self._latest.items()}
            if self._lib is not None and self._running:
                self._lib.db.conn.interrupt()
        self._executor.submit(self._close_connection)
        self._executor.shutdown(wait=True)

    def _current(self, channel: str, generation: int) -> bool:
        return self._latest.get(channel) == generation

    def _run_next(self) -> None:
        with self._lock:
            first, _order, channel, generation, fn = heapq.heappop(self._queue)
        if first == 0:
            with urgent():
                self._run(channel, generation, fn, True)
        else:
            self._run(channel, generation, fn, False)

    def _run(self, channel: str, generation: int, fn, first: bool) -> None:
        with self._lock:
            if not self._current(channel, generation):
                self._delivered.emit(channel, generation, False, None)
                return
            self._running, self._running_first, self._preempted = channel, first, False
        ok, result = False, None
        try:
            if self._lib is None:
                # the window's own open did the checks
                self._lib = Library(self.path, backups=False, passphrase=self._passphrase)
            result, ok = fn(self._lib), True
        except operational_errors() as e:
            if "interrupted" not in str(e):
                log.exception("background read failed")
            elif self._run_again(channel, generation, fn):
                return
        except Exception:  # the caller falls back to its own connection; the log keeps why
            log.exception("background read failed")
        finally:
            with self._lock:
                self._running = None
        self._delivered.emit(channel, generation, ok, result)

    def _run_again(self, channel: str, generation: int, fn) -> bool:
        """Queue a read interrupted for a first one again, if it is still wanted."""
        with self._lock:
            if not (self._preempted and self._current(channel, generation) and not self._closed):
                return False
            heapq.heappush(self._queue, (1, next(self._order), channel, generation, fn))
        self._executor.submit(self._run_next)
        return True

    def _deliver(self, channel: str, generation: int, ok: bool, result: Any) -> None:
        self._pending -= 1
        if not self._current(channel, generation):
            return
        on_done, on_failed = self._callbacks[channel]
        if ok:
            on_done(result)
        elif on_failed is not None:
            on_failed()

    def _close_connection(self) -> None:
        if self._lib is not None:
            self._lib.close()
            self._lib = None
