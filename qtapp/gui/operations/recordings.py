"""Recording operations: mark quotes verified against their recording, export their clips.

Core calls only (:mod:`qtapp.core.recordings`, :mod:`qtapp.core.clips`); who verifies is
:func:`qtapp.core.recordings.verifier_name`, the reporter's name or else the computer's user name.
"""

from __future__ import annotations

import os

from ...core import clips, recordings
from ...core.library import Library
from ..ops import Progress
from . import Change, operation


@operation(Change.QUOTES)
def mark_verified(lib: Library, quote_ids: list[int], who: str) -> None:
    """Record that ``who`` heard the quotes again in their recording, now (one undoable step)."""
    recordings.mark_verified(lib, quote_ids, who)


@operation(Change.SOURCES)
def export_clips(lib: Library, quote_ids: list[int], folder: str | os.PathLike, *,
                 progress: Progress) -> clips.ClipReport:
    """Write the clips the publication gate lets out into ``folder``, with a quote sheet (HTML,
    for a fact-checker's browser) linking each quote to its clip (slow: in the background)."""
    progress.update(0, len(quote_ids), "Cutting clips")
    return clips.export_clips(lib, quote_ids, folder, sheet="sheet-html")


@operation(Change.SETTINGS)
def save_reporter_name(lib: Library, name: str) -> None:
    """Keep the reporter's name on this computer ('' forgets it); ``lib`` only for the announcement."""
    recordings.set_reporter_name(name)
