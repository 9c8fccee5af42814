"""Check operations: run the checks, check a quote again, accept a finding, re-check what changes made stale."""

from __future__ import annotations

from ...core.checks import CheckSummary, Recheck, acknowledge, check_many, mark_due, quote_ids_of, recheck
from ...core.checks.store import last_mark
from ...core.library import Library
from ..ops import Progress
from . import Change, operation, own_connection_operation


@operation(Change.FINDINGS)
def check_quotes(lib: Library, quote_ids: list[int] | None = None, source_id: int | None = None, *,
                 progress: Progress) -> CheckSummary:
    """Check ``quote_ids``, else the quotes of ``source_id``, else the whole library (slow: in the background)."""
    ids = quote_ids if quote_ids is not None else quote_ids_of(lib, source_id)   # a read, on the worker too
    return check_many(lib, ids, progress=progress)


@operation(Change.FINDINGS)
def check_again(lib: Library, quote_ids: list[int], *, progress: Progress) -> Recheck:
    """Check quotes again, and the quotes whose duplicates they are (in the background)."""
    return recheck(lib, quote_ids, progress=progress)


@operation(Change.FINDINGS)
def accept_finding(lib: Library, finding_id: int, reason: str) -> None:
    """Accept a finding with the reporter's reason; it stops counting toward the quote's status."""
    acknowledge(lib, finding_id, reason)


@own_connection_operation(Change.FINDINGS)
def recheck_marked(own: Library, *, due: bool, limit: int) -> Recheck | None:
    """Check up to ``limit`` of the quotes marked stale on ``own``, the rechecker's connection (on
    its thread), after marking, when ``due``, those that time alone changes (an embargo's end).

    :returns: None when nothing is marked.
    """
    if not due and last_mark(own.db) == 0:
        return None
    if due:
        mark_due(own)
    return recheck(own, limit=limit)
