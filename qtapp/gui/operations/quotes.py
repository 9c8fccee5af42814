"""Quote operations behind the window's commands; no SQL and no rules here, only core calls.

Each takes the library explicitly and returns what the window shows afterwards ("Delete 3
quotes" for the status bar). Every write is one undoable step in the core.
"""

from __future__ import annotations

from ...core.dates import PartialDate
from ...core.library import Library
from ...core.progress import Progress
from ...core.query import QuoteQuery
from ...core.quotes import QuoteId
from . import Change, operation


@operation(Change.QUOTES)
def log_quote(lib: Library, words: str, speaker_id: int | None, **fields) -> QuoteId:
    """Log a quote (Quick Log, Log as quote); returns its id."""
    return lib.quotes.add(words, speaker_id, **fields)


@operation(Change.QUOTES)
def save_quote(lib: Library, quote_id: int, **changes) -> None:
    """Store edited fields of one quote; the checks the edit made stale are marked for the window's re-check."""
    lib.quotes.update(quote_id, **changes)


@operation(Change.QUOTES)
def date_quotes(lib: Library, quote_ids: list[QuoteId], said: PartialDate) -> None:
    """Give quotes one date said (a source's new date, for its undated quotes)."""
    lib.quotes.set_said(quote_ids, said)


@operation(Change.QUOTES)
def delete_quotes(lib: Library, quote_ids: list[int]) -> str:
    """Move quotes to the trash; returns the step's name."""
    lib.quotes.delete(quote_ids)
    return lib.undo_status()[0] or ""


@operation(Change.RECORDS)
def restore_quotes(lib: Library, quote_ids: list[int], *, progress: Progress | None = None) -> str:
    """Bring quotes back from the trash (with their speaker and source if those went too)."""
    lib.trash.restore("quote", quote_ids)
    return lib.undo_status()[0] or ""


@operation(Change.RECORDS)
def empty_trash(lib: Library) -> int:
    """Delete everything in the trash for good; returns how many items went."""
    return lib.trash.empty()


def trash_count(lib: Library) -> int:
    """How many quotes the trash holds (a read: enables Empty Trash)."""
    return lib.quotes.count(QuoteQuery(trash=True))

