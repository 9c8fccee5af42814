"""Reads someone is waiting for go first: long background loops step aside while one runs.

::

    with urgent():       # on a reader's thread: the rows the list is waiting for
        rows = read_page()

    for quote in backlog:
        step_aside()     # in a background loop, between two units of work
        check(quote)

Threads of one process share Python's interpreter lock. A page read gives it up for each
SQLite step and takes it back for each row; while a busy background loop (a re-check of a
whole imported library) holds it, every row waits for the switch interval, and 200 rows
took about a second. A loop that calls :func:`step_aside` waits instead while an urgent
read runs, so the read has the interpreter to itself. Outside the window nothing is urgent
and :func:`step_aside` returns at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

LONGEST_WAIT_S = 2.0    # a background loop never waits longer than this for one read

_urgent = 0
_idle = threading.Condition()


@contextmanager
def urgent() -> Iterator[None]:
    """Mark the enclosed read as one a person is waiting for."""
    global _urgent
    with _idle:
        _urgent += 1
    try:
        yield
    finally:
        with _idle:
            _urgent -= 1
            if not _urgent:
                _idle.notify_all()


def step_aside() -> None:
    """Wait while an urgent read runs (at most :data:`LONGEST_WAIT_S`)."""
    if _urgent:    # read without the lock: a stale answer costs one unit of work at most
        with _idle:
            _idle.wait_for(lambda: not _urgent, LONGEST_WAIT_S)
