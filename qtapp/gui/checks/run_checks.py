"""Checking a selection, a source or the whole library off the GUI thread, with progress and Cancel.

::

    check_in_background(window, lib, source_id=12, on_done=lambda s: status_bar.showMessage(summary_text(s)))
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ...core.checks import CheckSummary
from ...core.library import Library
from ...core.plural import count_of
from ..operations import in_background
from ..operations.checks import check_quotes
from ..ops import BackgroundOp


def check_in_background(parent: QWidget | None, lib: Library, *, quote_ids: list[int] | None = None,
                        source_id: int | None = None,
                        on_done: Callable[[CheckSummary], None] = lambda summary: None) -> BackgroundOp:
    """Check ``quote_ids``, else the quotes of ``source_id``, else the whole library.

    Results are stored batch by batch; after Cancel, the batches already checked keep their
    new status and the rest keep their old one.

    :raises LibraryBusy: other work holds the library.
    """
    what = (f"{len(quote_ids):,} quotes" if quote_ids is not None else
            "this source's quotes" if source_id is not None else "the whole library")
    return in_background(parent, check_quotes, lib, quote_ids, source_id, label=f"Checking {what}",
                         on_success=on_done)


def summary_text(summary: CheckSummary) -> str:
    """One line for the status bar: "Checked 1,204 quotes: 3 block publication, 12 to look at"."""
    counts = summary.by_status
    return (f"Checked {count_of(summary.total, 'quote')}: "
            f"{counts['blocking']:,} block publication, {counts['warning']:,} to look at.")
