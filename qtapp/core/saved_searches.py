"""Searches saved under a name, shown in the navigator (the library setting ``saved_searches``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import InvalidInput

if TYPE_CHECKING:
    from .library import Library


def save_search(lib: Library, name: str, text: str) -> None:
    """Save ``text`` as the search called ``name``, replacing one saved under that name before.

    :raises InvalidInput: no name or no search text.
    """
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("A saved search needs a name. Type one, such as “Budget quotes”.")
    if not text.strip():
        raise InvalidInput("There is no search to save. Type one in the search bar first.")
    saved = [s for s in lib.get_setting("saved_searches") or [] if s["name"] != name]
    lib.set_setting("saved_searches", [*saved, {"name": name, "text": text}])
