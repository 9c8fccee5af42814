"""Every setting, declared once: its name, type, default, scope and what it is for.

Two scopes:

- ``"library"``: stored in the library file (its ``settings`` table, one JSON value a row),
  so it travels with the library: how dates typed with numbers are read, the ground rule for
  new quotes, the citation style, saved searches.
- ``"user"``: kept per user on this computer. Those marked ``window`` are the window's own
  (geometry, last folders, recent libraries) and live in Qt's per-user store, read through
  :mod:`qtapp.gui.settings`; the others live in :func:`user_file`, shared by the window and
  the command line.

::

    settings.value(lib, "date_order")           # "month-first" until set
    settings.set_value(lib, "date_order", "day-first")
    settings.value(None, "library")             # a user setting needs no library
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import platformdirs

from .. import APP_NAME
from .errors import InvalidInput
from .files import replacing

if TYPE_CHECKING:
    from .library import Library

TYPE_NAMES = {str: "text", int: "a whole number", list: "a list", bytes: "saved window data"}


@dataclass(frozen=True)
class Setting:
    """One setting; ``None`` as a value means "not set", and reads give the default."""

    name: str
    type: type
    default: Any
    scope: Literal["library", "user"]
    description: str
    window: bool = False   # a user setting kept by the window in QSettings

    def check(self, value: Any) -> Any:
        """``value`` if it may be stored. :raises InvalidInput: it has the wrong type."""
        wrong_int = self.type is int and isinstance(value, bool)
        if value is not None and (wrong_int or not isinstance(value, self.type)):
            raise InvalidInput(f"The setting {self.name} takes {TYPE_NAMES[self.type]}, not {value!r}; "
                               f"give it {TYPE_NAMES[self.type]}.")
        return value


def _window(name: str, type_: type, default: Any, description: str) -> Setting:
    return Setting(name, type_, default, "user", description, window=True)


SETTINGS: dict[str, Setting] = {s.name: s for s in (
    Setting("date_order", str, "month-first", "library",
            'How a date typed with numbers such as 11/9/2023 is read: "month-first" or "day-first".'),
    Setting("default_rule", str, "on_record", "library", "The ground rule preselected for a new quote."),
    Setting("citation_style", str, "apa", "library", "The citation style for Copy citation and exports."),
    Setting("backups_kept", int, 10, "library", "How many backups beside the library are kept."),
    Setting("saved_searches", list, [], "library",
            'Searches saved in the navigator, each {"name": …, "text": …}.'),
    Setting("library", str, None, "user",
            "The library opened when none is named on the command line or in VERBATIM_LIBRARY."),
    Setting("reporter_name", str, None, "user",
            "Your name as recorded when you mark a quote verified against the recording "
            "(unset: this computer's user name)."),
    _window("recent_libraries", list, [], "Libraries opened before, most recent first (File ▸ Open Recent)."),
    _window("main/geometry", bytes, None, "Where the main window was and its size, when last closed."),
    _window("main/state", bytes, None, "The main window's toolbars and docks, when last closed."),
    _window("main/splitter/outer", bytes, None, "The width of the navigator beside the list."),
    _window("main/splitter/inner", bytes, None, "How the list and the details share the window."),
    _window("main/splitter/header", bytes, None, "The list's columns: shown, order and widths."),
    _window("export/what", str, "tag", "What the Export dialog exported last (a tag, a source, all)."),
    _window("export/format", str, "sheet-md", "The format the Export dialog used last."),
    _window("export/style", str, None, "The citation style the Export dialog used last (unset: the library's)."),
    _window("export/tag", str, "", "The tag the Export dialog exported last."),
    _window("export/folder", str, None, "The folder the last export was saved in (unset: the home folder)."),
    _window("import/folder", str, None, "The folder the last import was read from (unset: the home folder)."),
)}


def declared(name: str) -> Setting:
    """The declaration of ``name``. :raises InvalidInput: no setting has that name."""
    try:
        return SETTINGS[name]
    except KeyError:
        raise InvalidInput(f"There is no setting named {name!r}; use one of: {', '.join(SETTINGS)}.") from None


def user_file() -> Path:
    """The per-user settings file shared by the window and the command line."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def value(lib: Library | None, name: str) -> Any:
    """The value of setting ``name`` (its default when unset); ``lib`` is needed for library settings.

    :raises InvalidInput: the name is unknown, or names a setting the window keeps.
    """
    setting = _stored_here(lib, name)
    if setting.scope == "library":
        row = lib.db.execute("SELECT value FROM settings WHERE key = ?", [name]).fetchone()
        stored = json.loads(row[0]) if row else None
    else:
        stored = _read_user_file().get(name)
    return copy.deepcopy(setting.default) if stored is None else stored


def set_value(lib: Library | None, name: str, new: Any) -> None:
    """Store ``new`` as setting ``name`` (``None`` clears it back to the default).

    A library setting is written in the library's write transaction; a user setting replaces
    :func:`user_file` whole, so a crash never leaves half a file.

    :raises InvalidInput: the name is unknown, the value has the wrong type, or the file cannot be written.
    """
    setting = _stored_here(lib, name)
    setting.check(new)
    if setting.scope == "library":
        with lib.write() as db:
            db["settings"].upsert({"key": name, "value": json.dumps(new)}, pk="key")
        return
    stored = _read_user_file()
    stored[name] = new
    path = user_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with replacing(path) as out:
        json.dump({key: v for key, v in stored.items() if v is not None}, out, indent=2, ensure_ascii=False)


def _stored_here(lib: Library | None, name: str) -> Setting:
    setting = declared(name)
    if setting.window:
        raise InvalidInput(f"The setting {name} is kept by the window; read it through qtapp.gui.settings.")
    if setting.scope == "library" and lib is None:
        raise InvalidInput(f"The setting {name} is stored in a library; open one to read or change it.")
    return setting


def _read_user_file() -> dict:
    try:
        stored = json.loads(user_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}
