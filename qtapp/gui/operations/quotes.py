"""Quote operations behind the window's commands; no SQL and no rules here, only core calls.

Each takes the library explicitly and returns what the window shows afterwards ("Delete 3
quotes" for the status bar). Every write is one undoable step in the core.
"""

from __future__ import annotations

from ...core.library import Library
from ...core.query import QuoteQuery


def save_quote(lib: Library, quote_id: int, **changes) -> None:
    """Store edited fields of one quote; the checks the edit made stale are marked for the window's re-check."""
    lib.quotes.update(quote_id, **changes)


def delete_quotes(lib: Library, quote_ids: list[int]) -> str:
    """Move quotes to the trash; returns the step's name."""
    lib.quotes.delete(quote_ids)
    return lib.undo_status()[0] or ""


def restore_quotes(lib: Library, quote_ids: list[int]) -> str:
    """Bring quotes back from the trash (with their speaker and source if those went too)."""
    lib.trash.restore("quote", quote_ids)
    return lib.undo_status()[0] or ""


def empty_trash(lib: Library) -> int:
    """Delete everything in the trash for good; returns how many items went."""
    return lib.trash.empty()


def trash_count(lib: Library) -> int:
    return lib.quotes.count(QuoteQuery(trash=True))


def undo(lib: Library) -> str:
    """Undo the last step; returns the status line ("Delete 3 quotes undone")."""
    return f"{lib.undo()} undone"


def redo(lib: Library) -> str:
    return f"{lib.redo()} redone"
