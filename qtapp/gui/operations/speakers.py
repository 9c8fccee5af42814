"""Speaker operations: add, edit and merge, each one undoable step in the core."""

from __future__ import annotations

from ...core.library import Library
from ...core.speakers import SpeakerId
from . import Change, operation


@operation(Change.SPEAKERS)
def add_speaker(lib: Library, name: str, **fields) -> SpeakerId:
    """Add a speaker (with aliases, roles and other fields as ``lib.speakers.add`` takes them)."""
    return lib.speakers.add(name, **fields)


@operation(Change.SPEAKERS)
def edit_speaker(lib: Library, speaker_id: int, **changes) -> None:
    """Change a speaker's fields, aliases and roles as one step."""
    lib.speakers.edit(speaker_id, **changes)


@operation(Change.SPEAKERS | Change.QUOTES)
def merge_speakers(lib: Library, keep_id: int, merge_id: int) -> None:
    """Merge ``merge_id`` into ``keep_id``: its name becomes an alias, its quotes move over."""
    lib.speakers.merge(keep_id, merge_id)
