"""Source operations: add and edit, each one undoable step in the core."""

from __future__ import annotations

from ...core.library import Library
from ...core.sources import SourceId
from . import Change, operation


@operation(Change.SOURCES)
def add_source(lib: Library, kind: str, title: str, **fields) -> SourceId:
    """Add a source; returns its id."""
    return lib.sources.add(kind, title, **fields)


@operation(Change.SOURCES)
def update_source(lib: Library, source_id: int, **changes) -> None:
    """Store the fields of a source that changed."""
    lib.sources.update(source_id, **changes)
