"""Settings: window state and recent libraries in QSettings; library preferences in the library.

Window geometry, splitter positions and the recent-libraries list belong to this computer,
so they live in QSettings. Preferences that change what the data means (how 11/9/2023 is
read, the ground rule preselected for a new quote) belong to the library file
(``lib.get_setting``/``lib.set_setting``) and travel with it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from .. import APP_NAME
from ..core.library import Library
from ..core.quotes import RULE_LABELS

MAX_RECENT = 8
DATE_ORDERS = {"month-first": "Month first (11/9/2023 is 9 November)",
               "day-first": "Day first (11/9/2023 is 11 September)"}


def qsettings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


def recent_libraries() -> list[Path]:
    """Libraries opened before, most recent first, that still exist."""
    paths = qsettings().value("recent_libraries", []) or []
    if isinstance(paths, str):
        paths = [paths]
    return [Path(p) for p in paths if Path(p).exists()]


def remember_library(path: Path) -> None:
    paths = [str(path)] + [str(p) for p in recent_libraries() if p != path]
    qsettings().setValue("recent_libraries", paths[:MAX_RECENT])


def save_window_state(key: str, geometry, state, splitters: dict) -> None:
    settings = qsettings()
    settings.setValue(f"{key}/geometry", geometry)
    settings.setValue(f"{key}/state", state)
    for name, value in splitters.items():
        settings.setValue(f"{key}/splitter/{name}", value)


def window_state(key: str, splitter_names) -> tuple:
    """(geometry, window state, {splitter name: state}) as saved, each None if never saved."""
    settings = qsettings()
    return (settings.value(f"{key}/geometry"), settings.value(f"{key}/state"),
            {name: settings.value(f"{key}/splitter/{name}") for name in splitter_names})


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
        note = QLabel(f"These preferences are stored in {lib.path.name} and go with it.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Dates typed with numbers", self.date_order)
        form.addRow("Ground &rule for new quotes", self.default_rule)
        form.addRow(note)
        form.addRow(buttons)

    def accept(self) -> None:
        self.lib.set_setting("date_order", self.date_order.currentData())
        self.lib.set_setting("default_rule", self.default_rule.currentData())
        super().accept()
