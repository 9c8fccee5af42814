"""Form fields shared by the dialogs: a date read as you type, and a speaker box that completes.

::

    said = DateField(order="day-first")      # shows "Thu 9 Nov 2023" beside what was typed
    said.value()                             # PartialDate, None when blank; raises InvalidInput
    who = SpeakerField(lib)                  # completes over names and aliases
    who.speaker_id()                         # the speaker named exactly (name or alias), or None
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...core.dates import DateOrder, PartialDate, parse_optional_date
from ...core.errors import InvalidInput
from ...core.library import Library
from ...core.speakers import SpeakerId

ERROR_STYLE = "color: #b00020;"
READING_STYLE = "color: palette(placeholder-text);"


class DateField(QWidget):
    """A line edit for a date as a reporter types it, with its reading shown live beside it.

    - blank means "no date" and is valid;
    - what was typed is never rewritten: an unreadable date shows the reason in red instead.
    """

    changed = Signal()

    def __init__(self, *, order: DateOrder = "month-first", placeholder: str = "9 Nov 2023",
                 accessible_name: str = "Date", parent: QWidget | None = None):
        super().__init__(parent)
        self.order = order
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(accessible_name)
        self.reading = QLabel(self)
        self.reading.setAccessibleName(f"{accessible_name}, as read")
        self.reading.setWordWrap(True)
        self.reading.setMinimumWidth(150)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reading, 2)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._show_reading)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - reads like the QLineEdit it wraps
        self.edit.setText(text)

    def set_date(self, date: PartialDate | None) -> None:
        self.edit.setText(date.display() if date else "")

    def value(self) -> PartialDate | None:
        """The date typed, or None when blank. :raises InvalidInput: it cannot be read."""
        return parse_optional_date(self.edit.text(), order=self.order)

    def error(self) -> str:
        """Why the typed date cannot be read, or '' when it can (or is blank)."""
        try:
            self.value()
        except InvalidInput as e:
            return str(e)
        return ""

    def _show_reading(self) -> None:
        try:
            date = self.value()
        except InvalidInput as e:
            self.reading.setStyleSheet(ERROR_STYLE)
            self.reading.setText(str(e))
        else:
            self.reading.setStyleSheet(READING_STYLE)
            self.reading.setText(date.display() if date else "")
        self.changed.emit()


class SpeakerField(QLineEdit):
    """A speaker's name, completing over every speaker's name and aliases as you type.

    The popup lists canonical names ("Antony Blinken" for "Secretary Bl"); choosing one puts
    that name in the box. :meth:`speaker_id` resolves the text exactly, so an alias typed in
    full ("Secretary Blinken") names its speaker without choosing from the popup.
    """

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.setAccessibleName("Speaker")
        self.setPlaceholderText("Name or alias")
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        # The model already holds only the matches (found by name or alias), so Qt must not
        # filter it again by prefix: "Secretary Bl" lists "Antony Blinken".
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.popup().setAccessibleName("Matching speakers")
        self.setCompleter(completer)
        self.textEdited.connect(self._refresh_matches)

    def speaker_id(self) -> SpeakerId | None:
        """The speaker whose name or alias is exactly the text typed (ignoring case)."""
        return self.lib.speakers.lookup(self.text()) if self.text().strip() else None

    def name(self) -> str:
        return " ".join(self.text().split())

    def _refresh_matches(self, text: str) -> None:
        names = list(dict.fromkeys(name for _, name in self.lib.speakers.find(text, limit=12)))
        self._names.setStringList(names)
        if names and text.strip():
            self.completer().complete()
        else:
            self.completer().popup().hide()
