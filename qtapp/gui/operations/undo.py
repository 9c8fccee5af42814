"""Undo and Redo: any step, so every kind of record may change (run in the background: a step
over a million-character quote indexes its words again)."""

from __future__ import annotations

from ...core.library import Library
from ...core.progress import Progress
from . import Change, operation


@operation(Change.ALL)
def undo(lib: Library, *, progress: Progress | None = None) -> str:
    """Undo the last step; returns the status line ("Delete 3 quotes undone")."""
    return f"{lib.undo()} undone"


@operation(Change.ALL)
def redo(lib: Library, *, progress: Progress | None = None) -> str:
    """Redo the last step undone; returns the status line."""
    return f"{lib.redo()} redone"
