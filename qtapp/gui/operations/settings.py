"""Library settings operations: the preferences and the saved searches."""

from __future__ import annotations

from typing import Any

from ...core.library import Library
from ...core.saved_searches import save_search as store_search
from . import Change, operation


@operation(Change.SETTINGS)
def save_preference(lib: Library, name: str, value: Any) -> None:
    """Store the library setting ``name`` (checked against its declaration in the core)."""
    lib.set_setting(name, value)


@operation(Change.SETTINGS)
def save_search(lib: Library, name: str, text: str) -> None:
    """Save a search under a name for the navigator, replacing one of that name."""
    store_search(lib, name, text)
