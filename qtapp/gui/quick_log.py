"""The quick log dialog (Ctrl+N): type the words, who said them, where and when, press Enter.

::

    dialog = QuickLogDialog(lib, source_id=interview_id)
    dialog.quote_logged.connect(window.show_quote)
    dialog.show()

Built for logging an interview at speed, without the mouse:

- Enter saves from any field; in the words box Shift+Enter inserts a line break;
- words found exactly once in the chosen source get their span there (and a transcript's time);
  opened beside a playing recording (``clock=player.seconds``), other words get the time in
  the recording at which the reporter started typing them;
- after a save the words clear and the speaker, source, date and rule stay for the next quote;
- a name that is neither a speaker nor an alias is added only after a second Enter, so a typo
  never silently creates a speaker;
- every problem is shown in the dialog, under the form, and what was typed stays;
- Escape with words not yet logged warns first; a second Escape closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import VerbatimError
from ..core.library import Library
from ..core.quotes import QuoteId
from ..core.sources import KIND_LABELS
from ..core.text import one_line
from ..core.transcripts import time_for_span
from .editors.fields import ERROR_STYLE, DateField, RuleField, SpeakerField, SpeakerNotKnown
from .errors import show_error
from .operations.quotes import log_quote
from .operations.sources import add_source
from .quote_links import first_words

LONG_PASTE_WORDS = 2000   # longer than any quote: more likely a whole article or transcript


def ask_long_paste(parent: QWidget, count: int) -> str:
    """Ask what a paste of ``count`` words is: "source", "quote" or "" (go back to it)."""
    box = QMessageBox(QMessageBox.Icon.Question, "A long text",
                      f"These are {count:,} words, longer than a quote usually is. Import them as a source, "
                      "to find the quotes in them, or log them as one quote?", parent=parent)
    source = box.addButton("Import as a &source", QMessageBox.ButtonRole.AcceptRole)
    quote = box.addButton("Log as one &quote", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(source)
    box.exec()
    return "source" if box.clickedButton() is source else "quote" if box.clickedButton() is quote else ""


class WordsEdit(QPlainTextEdit):
    """The quote's words: Enter submits, Shift+Enter breaks the line, Tab leaves the box."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAccessibleName("Words")
        self.setPlaceholderText("The exact words, as said")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        super().keyPressEvent(event)


def source_label(source: dict) -> str:
    """'Phone call with the mayor — Interview, 2023-11-09': the title first, so typing it finds it."""
    title = source["title"] or "(untitled)"
    date = f", {source['date']}" if source["date"] else ""
    return f"{title} — {KIND_LABELS.get(source['kind'], source['kind'])}{date}"


class QuickLogDialog(QDialog):
    """Log quotes one after another; emits :attr:`quote_logged` with each new quote's id."""

    quote_logged = Signal(int)
    source_imported = Signal(int)     # a long paste imported as a source instead

    def __init__(self, lib: Library, parent: QWidget | None = None, *, source_id: int | None = None,
                 clock: Callable[[], float] | None = None):
        super().__init__(parent)
        self.lib = lib
        self._clock = clock               # the player of ``source_id``'s recording, if any
        self._clock_source = source_id
        self._heard_at: float | None = None   # the recording's time when typing began
        self._date_from_source = ""
        self._close_asked = False   # Escape once with unsaved words warns; twice closes
        self.setWindowTitle("Log a quote")
        self.setAccessibleName("Log a quote")

        self.words = WordsEdit(self)
        self.words.setMinimumHeight(90)
        self.speaker = SpeakerField(lib, self)
        self.source = QComboBox(self)
        self.source.setAccessibleName("Source")
        self.said = DateField(order=lib.get_setting("date_order"), accessible_name="Date said", parent=self)
        self.rule = RuleField(default=lib.get_setting("default_rule"), parent=self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow("&Words", self.words)
        form.addRow("S&peaker", self.speaker)
        form.addRow("&Source", self.source)
        form.addRow("&Date said", self.said)
        form.addRow("&Rule", self.rule)

        buttons = QDialogButtonBox(self)
        self.log_button = QPushButton("&Log quote", self)
        self.log_button.setDefault(True)
        self.log_button.setAccessibleName("Log quote")
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        self.log_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.words.submitted.connect(self.save)
        self.words.textChanged.connect(self._forget_close_request)
        self.words.textChanged.connect(self._stamp_time)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for a, b in ((self.words, self.speaker), (self.speaker, self.source), (self.source, self.said.edit),
                     (self.said.edit, self.rule.combo), (self.rule.combo, self.rule.detail),
                     (self.rule.detail, self.log_button)):
            QWidget.setTabOrder(a, b)

        self.reload_sources(select=source_id)
        self.source.currentIndexChanged.connect(self._source_chosen)
        self.resize(620, self.sizeHint().height())
        self.words.setFocus()

    # -- public -----------------------------------------------------------------------------

    def reload_sources(self, select: int | None = None) -> None:
        """Refill the source chooser (newest first), keeping or setting the chosen source."""
        keep = select if select is not None else self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem("(no source)", None)
        for s in self.lib.sources.all():
            self.source.addItem(source_label(s), s["id"])
        self.source.setCurrentIndex(max(0, self.source.findData(keep)))
        self.source.blockSignals(False)
        if select is not None:
            self._source_chosen()

    def save(self) -> QuoteId | None:
        """Log the quote in the form; returns its id, or None when something needs fixing."""
        words = self.words.toPlainText().strip()
        if not words:
            return self._refuse("The quote is empty. Type or paste the exact words that were said.", self.words)
        if self.said.error():
            return self._refuse(self.said.error(), self.said)
        count = len(words.split())
        if count > LONG_PASTE_WORDS:
            choice = ask_long_paste(self, count)
            if choice != "quote":
                return self._import_as_source(words) if choice == "source" else None
        try:
            fields = {"source_id": self.source.currentData(), "said": self.said.value(), **self.rule.values(),
                      **self._location(words)}
            if "time_start" not in fields and self._heard_at is not None \
                    and fields["source_id"] == self._clock_source:
                fields["time_start"] = self._heard_at
            speaker_id = self.speaker.resolve()
            quote_id = log_quote(self.lib, words, speaker_id, **fields)
        except SpeakerNotKnown as e:
            self._show_note(str(e))
            return None
        except VerbatimError as e:
            show_error(self, e, inline=self._show_error)
            return None
        self.words.clear()
        self.words.setFocus()
        self._show_note(f"Logged: {first_words(words, 60)} — {self.lib.speakers.get(speaker_id).name}.")
        self.quote_logged.emit(quote_id)
        return quote_id

    def _import_as_source(self, text: str) -> None:
        """The words as a new document source (titled by its first line), to find its quotes in."""
        title = one_line(text.splitlines()[0], 80, at_word=True)
        try:
            source_id = add_source(self.lib, "document", title, text=text)
        except VerbatimError as e:
            show_error(self, e, inline=self._show_error)
            return
        self.words.clear()
        self._show_note(f"Imported as the source “{title}”: find its quotes there.")
        self.source_imported.emit(source_id)

    def reject(self) -> None:
        """Close (Escape, Close button); words typed but not logged need a second Escape."""
        if self.words.toPlainText().strip() and not self._close_asked:
            self._close_asked = True
            self._show_note("The words above are not logged yet. Press Enter to log them, "
                            "or Escape again to close without them.")
            return
        super().reject()

    # -- internals --------------------------------------------------------------------------

    def _forget_close_request(self) -> None:
        self._close_asked = False

    def _stamp_time(self) -> None:
        """Note where the recording stands when the words box fills (typing begins) or empties."""
        if self._clock is None:
            return
        if not self.words.toPlainText().strip():
            self._heard_at = None
        elif self._heard_at is None:
            self._heard_at = self._clock()

    def _location(self, words: str) -> dict:
        """Where the words stand in the chosen source, when they appear there exactly once.

        Found once, they get their span (so the source view highlights them) and, in a
        transcript, their time in the recording; found twice or not at all, neither is guessed.
        """
        source_id = self.source.currentData()
        if source_id is None:
            return {}
        text = self.lib.sources.get(source_id).text
        start = text.find(words)
        if start < 0 or text.find(words, start + 1) >= 0:
            return {}
        found = {"span_start": start, "span_end": start + len(words)}
        timing = time_for_span(self.lib, source_id, start, start + len(words))
        if timing is not None:
            found["time_start"], found["time_end"] = timing
        return found

    def _refuse(self, text: str, field: QWidget) -> None:
        self._show_error(text)
        field.setFocus()
        return None

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def _show_note(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    def _source_chosen(self) -> None:
        # The date follows the source until the reporter types one of their own.
        if self.said.text().strip() not in ("", self._date_from_source):
            return
        source_id = self.source.currentData()
        date = self.lib.sources.get(source_id).date if source_id is not None else None
        self._date_from_source = date.display() if date else ""
        self.said.setText(self._date_from_source)
