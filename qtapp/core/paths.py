"""Where the library lives: ``--library``, then the ``VERBATIM_LIBRARY`` variable, then the
"library" entry of the per-user settings file, then the platform's per-user data folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from .. import APP_NAME

DEFAULT_FILE_NAME = "library.verbatim"


def data_dir() -> Path:
    """The per-user data folder (e.g. ``~/.local/share/Verbatim`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    """The per-user settings file shared by the window and the command line."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"


def read_user_settings() -> dict:
    try:
        return json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def default_library_path() -> Path:
    """The library to open when none is named on the command line."""
    if os.environ.get("VERBATIM_LIBRARY"):
        return Path(os.environ["VERBATIM_LIBRARY"]).expanduser()
    configured = read_user_settings().get("library")
    if configured:
        return Path(configured).expanduser()
    return data_dir() / DEFAULT_FILE_NAME


def resolve_library_path(given: str | None) -> Path:
    """The path from ``--library`` if given, else the default; creates the default folder."""
    if given:
        return Path(given).expanduser()
    path = default_library_path()
    if path.parent == data_dir():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
