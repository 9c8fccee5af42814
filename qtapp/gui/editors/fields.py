"""Form fields shared by the dialogs: a date read as you type, a speaker box, a ground rule.

::

    said = DateField(order="day-first")      # shows "Thu 9 Nov 2023" beside what was typed
    said.value()                             # PartialDate, None when blank; raises InvalidInput
    who = SpeakerField(lib)                  # completes over names and aliases
    who.speaker_id()                         # the speaker named exactly (name or alias), or None
    rule = RuleField(default="on_record")    # ground rule, asking for what the rule needs
    rule.values()                            # {"rule": "background", "rule_description": "…"}
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from ...core.dates import DateOrder, PartialDate, parse_optional_date
from ...core.errors import InvalidInput
from ...core.library import Library
from ...core.quotes import RULE_LABELS
from ...core.speakers import SpeakerId
from ..operations.speakers import add_speaker

ERROR_STYLE = "color: #b00020;"
READING_STYLE = "color: palette(placeholder-text);"
WIDEST_DATE = "Wed 30 Sep 2023"
# What the extra rule field asks for, by ground rule: (what it is, an example, the quote field).
RULE_DETAIL = {
    "background": ("Agreed description", "a senior State Department official", "rule_description"),
    "embargoed": ("Embargo ends", "10 Nov 2023 14:00", "embargo_until"),
}


class SpeakerNotKnown(InvalidInput):
    """The name typed is neither a speaker nor an alias; the message asks to confirm adding it."""


class DateField(QWidget):
    """A line edit for a date as a reporter types it, with its reading shown live beside it.

    - blank means "no date" and is valid;
    - what was typed is never rewritten: an unreadable date shows the reason in red instead.
    """

    def __init__(self, *, order: DateOrder = "month-first", placeholder: str = "day month year",
                 accessible_name: str = "Date", parent: QWidget | None = None):
        super().__init__(parent)
        self.order = order
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setAccessibleName(accessible_name)
        # Room for the widest date as shown ("Wed 30 Sep 2023"), so a date is never cut.
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(WIDEST_DATE) + 16)
        self.reading = QLabel(self)
        self.reading.setAccessibleName(f"{accessible_name}, as read")
        self.reading.setWordWrap(True)
        self.reading.setMinimumWidth(150)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reading, 2)
        # One line high like the line edit it wraps: a form must not hand it spare height.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
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
            # Shown only when it adds something: "9/11/2023" → "Thu 9 Nov 2023", not a copy.
            reading = date.display() if date else ""
            self.reading.setText("" if reading == " ".join(self.edit.text().split()) else reading)


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
        self._asked_about = ""  # the unknown name the reporter has been asked about once
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

    def resolve(self) -> SpeakerId:
        """The speaker named; a new name is added only when asked for twice in a row.

        The first call with an unknown name raises :class:`SpeakerNotKnown`, whose message asks
        the reporter to confirm; calling again with the same name (Enter again) adds the speaker.
        Editing the name in between answers no.

        :raises InvalidInput: no name typed; :class:`SpeakerNotKnown` as above.
        :raises LibraryBusy: a new speaker cannot be added while other work holds the library.
        """
        speaker_id = self.speaker_id()
        if speaker_id is not None:
            return speaker_id
        name = self.name()
        if not name:
            raise InvalidInput("Every quote needs a speaker. Type who said it.")
        if self._asked_about != name.casefold():
            raise SpeakerNotKnown(self.offer_new())
        speaker_id = add_speaker(self.lib, name)
        self._asked_about = ""
        return speaker_id

    def offer_new(self) -> str:
        """Ask about the typed name if it is unknown: returns the question ('' when known)."""
        name = self.name()
        if not name or self.speaker_id() is not None:
            return ""
        self._asked_about = name.casefold()
        return (f"“{name}” is not in the library yet. Press Enter again to add {name} "
                "as a new speaker, or correct the name.")

    def _refresh_matches(self, text: str) -> None:
        names = list(dict.fromkeys(name for _, name in self.lib.speakers.find(text, limit=12)))
        self._names.setStringList(names)
        if names and text.strip():
            self.completer().complete()
        else:
            self.completer().popup().hide()


class RuleField(QWidget):
    """The ground rule, with a second box for what the rule needs (description, embargo end)."""

    def __init__(self, *, default: str = "on_record", parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Ground rule")
        for key, label in RULE_LABELS.items():
            self.combo.addItem(label, key)
        self.combo.setCurrentIndex(max(0, self.combo.findData(default)))
        self.detail = QLineEdit(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.detail, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._show_detail)
        self._show_detail()

    def rule(self) -> str:
        return self.combo.currentData()

    def values(self) -> dict:
        """The quote fields for this rule. :raises InvalidInput: the rule's detail is missing."""
        rule = self.rule()
        if rule not in RULE_DETAIL:
            return {"rule": rule}
        what, example, key = RULE_DETAIL[rule]
        detail = self.detail.text().strip()
        if not detail:
            raise InvalidInput(f"{RULE_LABELS[rule]} needs the {what.lower()}, e.g. “{example}”.")
        return {"rule": rule, key: detail}

    def _show_detail(self) -> None:
        what, example, _ = RULE_DETAIL.get(self.rule(), ("", "", ""))
        self.detail.setAccessibleName(what or "Rule detail")
        self.detail.setPlaceholderText(f"{what}, e.g. {example}" if what else "")
        self.detail.setVisible(bool(what))
