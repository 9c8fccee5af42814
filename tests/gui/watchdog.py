"""A watchdog on the GUI thread: which of the app's event handlers blocked it for too long.

The rule, as :class:`WatchedApplication` applies it:

- One *handler run* is one outermost event that an event loop (``QEventLoop.exec``: the
  application's, a dialog's, ``qtbot.wait`` and ``waitUntil``) delivers on the GUI thread
  through ``QApplication.notify``: a key press, a timer, a queued signal from a worker, a
  paint. Events sent from inside it (a ``setText`` that repaints …) belong to it.
- It *blocks* when it spends over :data:`LIMIT_MS` of the GUI thread's own CPU time
  (``time.thread_time``): a machine busy with other work, which delays the thread without
  its doing more, does not fail a test. A handler that *waits* (on a lock, the disk, another
  thread) uses no CPU; it blocks when its wall time, less the time the thread was ready
  but waited for a CPU (``run_delay`` in ``/proc/self/task/TID/schedstat``), passes
  :data:`WAIT_LIMIT_MS`, a bound high enough that waiting for the GIL behind the
  application's other threads on a loaded machine does not reach it.
- Not counted: the test's own code, which runs outside any event loop (building a library,
  calling a method or sending a key directly, a ``waitUntil`` condition), and a handler that
  ran an event loop of its own (a modal ``exec``): the events of that inner loop are judged
  one by one instead.

A block is recorded with the Python stack the GUI thread had when the handler had run for
:data:`LIMIT_MS`, so the report names the code that blocked.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication

LIMIT_MS = 100.0
WAIT_LIMIT_MS = 2000.0


@dataclass
class Block:
    """One handler run that blocked the GUI thread too long."""

    ms: float
    what: str
    stack: str = ""
    wall_ms: float = 0.0

    def __str__(self) -> str:
        return f"{self.ms:.0f} ms in {self.what}\n{self.stack}"


@dataclass
class _Run:
    level: int
    wall: float
    cpu: float
    delay: float
    what: str
    nested_loop: bool = False
    stack: str = ""


@dataclass
class _Clock:
    """The GUI thread's time spent waiting for a CPU, in seconds (or None: use CPU time)."""

    fd: int | None

    @classmethod
    def for_this_thread(cls) -> _Clock:
        try:
            return cls(os.open(f"/proc/self/task/{threading.get_native_id()}/schedstat", os.O_RDONLY))
        except OSError:
            return cls(None)

    def waited(self) -> float:
        """Seconds the thread has spent ready to run but waiting for a CPU (0 where unknown)."""
        if self.fd is None:
            return 0.0
        return int(os.pread(self.fd, 64, 0).split()[1]) / 1e9


class WatchedApplication(QApplication):
    """A QApplication that times each outermost event handler on the GUI thread."""

    def __init__(self, *args):
        super().__init__(*args)
        self.blocks: list[Block] = []
        self.longest: Block | None = None   # the handler that used the most CPU since start()
        self.min_level = 1                  # 0 also times events dispatched outside a loop (benchmarks)
        self.watching = False
        self._main = threading.get_ident()
        self._qthread = self.thread()
        self._clock = _Clock.for_this_thread()
        self._stack: list[_Run] = []
        self._sampler = threading.Thread(target=self._sample, name="gui-watchdog", daemon=True)
        self._sampler.start()

    def start(self) -> None:
        """Forget earlier blocks and start timing handlers."""
        self.blocks.clear()
        self._stack.clear()
        self.longest = None
        self.watching = True

    def stop(self) -> list[Block]:
        """Stop timing; the blocks recorded since :meth:`start`."""
        self.watching = False
        return list(self.blocks)

    def notify(self, receiver, event) -> bool:
        if not self.watching or threading.get_ident() != self._main:
            return super().notify(receiver, event)
        level = self._qthread.loopLevel()
        if level < self.min_level or (self._stack and level <= self._stack[-1].level):
            return super().notify(receiver, event)   # the test's own code, or part of a handler being timed
        for outer in self._stack:
            outer.nested_loop = True                  # it ran an event loop: judge the inner events
        run = _Run(level, time.perf_counter(), time.thread_time(), self._clock.waited(),
                   f"{type(receiver).__name__} {event.type().name}")
        self._stack.append(run)
        try:
            return super().notify(receiver, event)
        finally:
            self._stack.pop()
            self._judge(run)

    def _judge(self, run: _Run) -> None:
        if run.nested_loop or not self.watching:
            return
        cpu, wall = (time.thread_time() - run.cpu) * 1000, (time.perf_counter() - run.wall) * 1000
        waited = wall - (self._clock.waited() - run.delay) * 1000
        if self.longest is None or cpu > self.longest.ms:
            self.longest = Block(cpu, run.what, wall_ms=wall)
        if cpu > LIMIT_MS:
            self.blocks.append(Block(cpu, run.what, run.stack))
        elif waited > WAIT_LIMIT_MS:
            self.blocks.append(Block(waited, f"{run.what} (waiting)", run.stack))

    def _sample(self) -> None:
        """Keep the GUI thread's stack of a handler still running past the limit."""
        while True:
            time.sleep(LIMIT_MS / 2000)
            stack = list(self._stack)
            if not stack or stack[0].stack or time.perf_counter() - stack[0].wall < LIMIT_MS / 1000:
                continue
            try:
                frame = sys._current_frames().get(self._main)
                if frame is not None:
                    # Names and lines only: reading source lines from disk lets the handler end first.
                    frames = traceback.StackSummary.extract(traceback.walk_stack(frame), lookup_lines=False)
                    mine = [f for f in frames if "/qtapp/" in f.filename] or list(frames)
                    stack[0].stack = "".join(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n'
                                             for f in reversed(mine[:8]))
            except Exception as e:   # noqa: BLE001 - a frame changing under the read must not end the sampling
                stack[0].stack = f"(stack not read: {e!r})"
