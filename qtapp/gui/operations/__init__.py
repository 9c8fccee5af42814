"""What the window does to the library: every write is an operation, one core call each.

::

    @operation(Change.SPEAKERS)
    def merge_speakers(lib, keep_id, merge_id):
        lib.speakers.merge(keep_id, merge_id)

    merge_speakers(lib, keep, gone)                        # quick: on the GUI thread
    in_background(window, import_files, lib, paths,        # slow: on the library's worker thread
                  label="Importing 3 sources", on_success=show_report)

    changes.did_change.connect(lambda lib, what: ...)      # each view re-reads what it shows

Guarantees, for every operation (the modules beside this one hold them, by concept):

- while another write holds the library (:func:`qtapp.gui.ops.is_busy`) it is refused with
  :class:`~qtapp.core.errors.LibraryBusy`, one sentence the caller shows where the reporter
  looks (under the form, in the status bar); nothing is written and nothing typed is lost;
- once it has run, :data:`changes` announces what kind of record it changed (a
  :class:`Change`), with the library, so each view refreshes only what it shows; a refusal
  by the core (:class:`~qtapp.core.errors.InvalidInput` …) wrote nothing and announces nothing;
- the core does the work, the checks and the refusals: no SQL and no rules here.

An operation never touches a widget: a slow one runs on another thread. The one exception to
the busy refusal, by design, is an :func:`own_connection_operation` (the re-check of stale
marks), which writes on a connection of its own.

The modules outside ``gui/operations`` never write to the library themselves
(``tests/gui/test_operations.py`` scans them).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ...core.errors import LibraryBusy
from ...core.library import Library
from .. import ops

BUSY = ("Wait until it has finished, then try again: Verbatim is still working on an import, check "
        "or export, and nothing you typed is lost.")


class Change(enum.Flag):
    """The kinds of record an operation may change; views refresh by kind."""

    QUOTES = enum.auto()
    SPEAKERS = enum.auto()
    SOURCES = enum.auto()
    FINDINGS = enum.auto()
    SETTINGS = enum.auto()
    RECORDS = QUOTES | SPEAKERS | SOURCES   # what the trash, undo and redo may touch
    ALL = RECORDS | FINDINGS | SETTINGS


class Changes(QObject):
    """Announces, on the GUI thread, that an operation changed ``Change`` kinds of records of a library."""

    did_change = Signal(object, object)   # (Library, Change)

    def announce(self, lib: Library, what: Change) -> None:
        self.did_change.emit(lib, what)


changes = Changes()


def refuse_while_busy() -> None:
    """:raises LibraryBusy: another write (an import, a check, an export) holds the library."""
    if ops.is_busy():
        raise LibraryBusy(BUSY)


def operation(what: Change) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make ``fn(lib, …)`` an operation that changes ``what``: refused while busy, announced after.

    The undecorated function stays reachable as ``__wrapped__``, for :func:`in_background`.
    """
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def run(lib: Library, *args, **kwargs):
            refuse_while_busy()
            result = fn(lib, *args, **kwargs)   # a refusal by the core (InvalidInput …) wrote nothing
            changes.announce(lib, what)
            return result

        run.changes = what
        return run

    return decorate


def own_connection_operation(what: Change) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make ``fn(own, …)`` an operation on a library connection of its own, not the window's.

    By design it is never refused while busy: it writes beside the window's writes (SQLite keeps
    the two apart) and must go on while an import or an edit runs. It announces nothing itself:
    its caller runs it on a thread of its own and hands the result to the window, which
    refreshes ``what`` when it hears it (the re-check: ``Rechecker.did_recheck``).
    """
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        fn.changes, fn.own_connection = what, True
        return fn

    return decorate


def in_background(parent: QWidget | None, op: Callable[..., Any], lib: Library, *args, label: str,
                  on_success: Callable[[Any], None],
                  on_failure: Callable[[BaseException], None] | None = None, **kwargs) -> ops.BackgroundOp:
    """Run operation ``op(lib, *args, progress=…, **kwargs)`` on the library's worker thread.

    Refused at once, as the operation itself would be, while another write runs. Its changes
    are announced when it ends, before ``on_success`` (and after a failure or Cancel too:
    work stored batch by batch keeps what was done).

    :raises LibraryBusy: another write holds the library.
    """
    refuse_while_busy()
    work = op.__wrapped__
    announced = []

    def announce() -> None:
        if not announced:
            announced.append(True)
            changes.announce(lib, op.changes)

    def succeeded(result) -> None:
        announce()
        on_success(result)

    running = ops.run_in_background(parent, lambda progress: work(lib, *args, progress=progress, **kwargs),
                                    label=label, on_success=succeeded, on_failure=on_failure)
    running.finished.connect(announce)
    return running
