"""Recording operations: mark quotes verified against their recording, export their clips.

Core calls only (:mod:`qtapp.core.recordings`, :mod:`qtapp.core.clips`); who verifies is the
reporter's name setting, else the computer's user name.
"""

from __future__ import annotations

import getpass
import os

from ...core import clips, recordings, settings
from ...core.library import Library
from ..ops import Progress
from . import Change, operation


def verifier_name() -> str:
    """Who is marking quotes verified: the ``reporter_name`` setting, else this computer's user name."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):   # no name for the process's user id (a container)
        user = ""
    return settings.value(None, "reporter_name") or user


@operation(Change.QUOTES)
def mark_verified(lib: Library, quote_ids: list[int], who: str) -> None:
    """Record that ``who`` heard the quotes again in their recording, now (one undoable step)."""
    recordings.mark_verified(lib, quote_ids, who)


@operation(Change.SOURCES)
def export_clips(lib: Library, quote_ids: list[int], folder: str | os.PathLike, *,
                 progress: Progress) -> clips.ClipReport:
    """Write the clips the publication gate lets out into ``folder`` (slow: in the background)."""
    progress.update(0, len(quote_ids), "Cutting clips")
    return clips.export_clips(lib, quote_ids, folder)
