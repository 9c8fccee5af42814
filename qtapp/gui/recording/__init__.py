"""The recording of a transcript source: a player, and the transcript's cues following it.

::

    path = recording_path(lib, source_id)       # the media file glued to the source, or None
    player = Player(path)                       # play/pause, ±5 s, speed, "play quote"
    transcript = TranscriptView(CuesModel(lib, source_id, text))
    player.position_changed.connect(transcript.follow)
    transcript.seek_requested.connect(player.seek)

The source view (``qtapp.gui.source_view``) puts these together for a source with cues and a
recording; see docs/gui.md ("Recordings").
"""

from __future__ import annotations

from pathlib import Path

from ...core import recordings
from ...core.library import Library


def recording_path(lib: Library, source_id: int) -> Path | None:
    """The media file of a source's recording, or None when it has none (the one place that asks)."""
    found = recordings.get(lib, source_id)
    return Path(found.path) if found is not None else None
