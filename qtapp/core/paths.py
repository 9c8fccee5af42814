"""Where the library lives: ``--library``, then the ``VERBATIM_LIBRARY`` variable, then the
user setting "library" (see :mod:`qtapp.core.settings`), then the platform's per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from .. import APP_NAME
from . import settings

DEFAULT_FILE_NAME = "library.verbatim"


def data_dir() -> Path:
    """The per-user data folder (e.g. ``~/.local/share/Verbatim`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_library_path() -> Path:
    """The library to open when none is named on the command line."""
    if os.environ.get("VERBATIM_LIBRARY"):
        return Path(os.environ["VERBATIM_LIBRARY"]).expanduser()
    configured = settings.value(None, "library")
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
