"""Settings: the window's own in QSettings; library preferences in the library.

Every setting is declared once in :mod:`qtapp.core.settings`. Those marked ``window``
(geometry, splitter positions, recent libraries, the last folders and export choices) belong
to this computer and live in QSettings under their declared names, read and written here
only. Preferences that change what the data means (how 11/9/2023 is read, the ground rule
preselected for a new quote) belong to the library file (``lib.get_setting``/``lib.set_setting``)
and travel with it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from .. import APP_NAME
from ..core.errors import InvalidInput, VerbatimError
from ..core.library import Library
from ..core.quotes import RULE_LABELS
from ..core.recordings import reporter_name, verifier_name
from ..core.settings import SETTINGS, Setting, declared
from .errors import show_error
from .operations import recordings as recording_ops
from .operations.settings import save_preference

MAX_RECENT = 8
DATE_ORDERS = {"month-first": "Month first (11/9/2023 is 9 November)",
               "day-first": "Day first (11/9/2023 is 11 September)"}


def qsettings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


def user_value(name: str) -> Any:
    """The window setting ``name`` with its declared type, or its default when never saved.

    :raises InvalidInput: no window setting has that name.
    """
    setting = _window_setting(name)
    stored = qsettings().value(name)
    if stored is None:
        return copy.deepcopy(setting.default)
    if setting.type is list:   # QSettings gives a one-item list back as a plain string
        return [stored] if isinstance(stored, str) else list(stored)
    if setting.type is bytes:
        return bytes(stored.data()) if isinstance(stored, QByteArray) else bytes(stored)
    return setting.type(stored)


def set_user_value(name: str, value: Any) -> None:
    """Save the window setting ``name``; ``None`` forgets it. :raises InvalidInput: unknown name or wrong type."""
    setting = _window_setting(name)
    if isinstance(value, QByteArray):
        value = bytes(value.data())
    setting.check(value)
    if value is None:
        qsettings().remove(name)
    else:
        qsettings().setValue(name, value)


def remembered(group: str) -> dict[str, Any]:
    """The window settings named ``group/…``, by the rest of their name ("export" → {"format": …})."""
    prefix = f"{group}/"
    return {name.removeprefix(prefix): user_value(name) for name in SETTINGS if name.startswith(prefix)}


def remember(group: str, **values: Any) -> None:
    """Save window settings ``group/<key>`` (``remember("export", folder="/tmp")``)."""
    for key, value in values.items():
        set_user_value(f"{group}/{key}", value)


def last_folder(group: str) -> Path:
    """The folder last used by ``group`` ("export", "import"), or the home folder."""
    return Path(remembered(group)["folder"] or Path.home())


def recent_libraries() -> list[Path]:
    """Libraries opened before, most recent first, that still exist."""
    return [Path(p) for p in user_value("recent_libraries") if Path(p).exists()]


def remember_library(path: Path) -> None:
    paths = [str(path)] + [str(p) for p in recent_libraries() if p != path]
    set_user_value("recent_libraries", paths[:MAX_RECENT])


def save_window_state(key: str, geometry, state, splitters: dict) -> None:
    remember(key, geometry=geometry, state=state, **{f"splitter/{name}": value for name, value in splitters.items()})


def window_state(key: str, splitter_names) -> tuple:
    """(geometry, window state, {splitter name: state}) as saved, each None if never saved."""
    saved = remembered(key)
    return saved["geometry"], saved["state"], {name: saved[f"splitter/{name}"] for name in splitter_names}


def _window_setting(name: str) -> Setting:
    setting = declared(name)
    if not setting.window:
        raise InvalidInput(f"The setting {name} is not the window's; read it through qtapp.core.settings.")
    return setting


class PreferencesDialog(QDialog):
    """The library's preferences: how dates are read and the default ground rule."""

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self.date_order = QComboBox(self)
        self.date_order.setAccessibleName("Date order")
        for key, label in DATE_ORDERS.items():
            self.date_order.addItem(label, key)
        self.date_order.setCurrentIndex(max(0, self.date_order.findData(lib.get_setting("date_order"))))
        self.default_rule = QComboBox(self)
        self.default_rule.setAccessibleName("Default ground rule")
        for key, label in RULE_LABELS.items():
            if key not in ("background", "embargoed"):   # those need details typed per quote
                self.default_rule.addItem(label, key)
        self.default_rule.setCurrentIndex(max(0, self.default_rule.findData(lib.get_setting("default_rule"))))
        self.reporter = QLineEdit(reporter_name(), self)
        self.reporter.setAccessibleName("Your name")
        self.reporter.setPlaceholderText(verifier_name())
        self.reporter.setToolTip("Recorded when you mark a quote verified against the recording; kept on this computer")
        note = QLabel(f"These preferences, but your name, are stored in {lib.path.name} and go with it.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Dates typed with numbers", self.date_order)
        form.addRow("Ground &rule for new quotes", self.default_rule)
        form.addRow("Your &name, on this computer", self.reporter)
        form.addRow(note)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            for name, box in (("date_order", self.date_order), ("default_rule", self.default_rule)):
                save_preference(self.lib, name, box.currentData())
            if self.reporter.text().strip() != reporter_name():
                recording_ops.save_reporter_name(self.lib, self.reporter.text())
        except VerbatimError as e:
            show_error(self, e)
            return
        super().accept()
