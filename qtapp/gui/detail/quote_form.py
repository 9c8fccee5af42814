"""The quote form of the detail pane: every field of the selected quote, editable in place.

A field is saved when it is left (or on Enter): one undoable step per edit, so "Undo change
of date said" reverses exactly what was typed. The date shows how it was understood while typing;
a name that is not yet a speaker is added only after the reporter says yes. Problems appear
under the form and what was typed stays, to be corrected.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import display_moment
from ...core.errors import LibraryBusy, VerbatimError
from ...core.library import Library
from ...core.plural import count_of
from ...core.quotes import Quote
from ..editors.fields import ERROR_STYLE, DateField, RuleField, SpeakerField
from ..errors import show_error
from ..operations.quotes import save_quote
from ..operations.speakers import add_speaker
from .long_words import HEAD_CHARS, WordParts

SOURCE_CHOICES = 1000   # sources offered in the chooser (newest first)
TWO_COLUMNS_CHARS = 110   # the form splits in two columns from this width, in average characters
NO_SOURCE = 0           # item data for "(no source)": ids start at 1, and None as item data is unsafe in PySide6


def ask_create_speaker(parent: QWidget, name: str) -> bool:
    """Ask before adding a speaker for a name the library does not know."""
    answer = QMessageBox.question(
        parent, "New speaker", f"“{name}” is not a speaker or alias in this library. Add {name} as a new speaker?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _pair(box: QCheckBox, field: QLineEdit) -> QWidget:
    """A check box and the line it enables, side by side in one form row."""
    row = QWidget(box.parentWidget())
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(box)
    layout.addWidget(field, 1)
    return row


class CommitTextEdit(QPlainTextEdit):
    """A multi-line box that reports ``committed`` when left or on Ctrl+Enter."""

    committed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.committed.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.committed.emit()
            return
        super().keyPressEvent(event)


class TagsEdit(QLineEdit):
    """Tags separated by commas, completing the one being typed over the library's tags."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Tags")
        self.setPlaceholderText("budget, needs-callback")
        self._names = QStringListModel(self)
        self._completer = QCompleter(self._names, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert)
        self.textEdited.connect(self._complete)

    def set_known(self, names: list[str]) -> None:
        self._names.setStringList(names)

    def tags(self) -> list[str]:
        return [t.strip() for t in self.text().split(",") if t.strip()]

    def _complete(self, text: str) -> None:
        current = text[: self.cursorPosition()].split(",")[-1].strip()
        self._completer.setCompletionPrefix(current)
        if current and self._completer.completionCount():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _insert(self, name: str) -> None:
        head = self.text()[: self.cursorPosition()].rsplit(",", 1)
        before = head[0] + ", " if len(head) > 1 else ""
        self.setText(f"{before}{name}, ")


class QuoteForm(QWidget):
    """Edit one quote; ``saved`` is emitted with its id after each stored change."""

    saved = Signal(int)

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.quote: Quote | None = None
        self._loading = False
        self._choices_stale = True   # the source and tag lists are read again only after a change
        self.words = CommitTextEdit("Words", self)
        self.words.setMinimumHeight(70)
        self.whole_words = QPushButton(self)
        self.whole_words.setToolTip("Long words show their start only, so that choosing the quote stays quick")
        self.whole_words.clicked.connect(lambda: self._show_words(whole=True))
        self.earlier_words = QPushButton("◂ &Earlier words", self)
        self.later_words = QPushButton("La&ter words ▸", self)
        for button, step in ((self.earlier_words, -1), (self.later_words, 1)):
            button.setToolTip("Words this long are read a part at a time: laying them out whole would freeze "
                              "the window")
            button.clicked.connect(lambda _c=False, s=step: self._show_words(part=self._part + s))
        self.word_buttons = QWidget(self)
        buttons = QHBoxLayout(self.word_buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.whole_words, self.earlier_words, self.later_words):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.word_buttons.hide()
        self._parts: WordParts | None = None    # the words shown, when longer than HEAD_CHARS
        self._part = 0
        self._whole = False                      # those words shown whole on request
        self.speaker = SpeakerField(lib, self)
        self.title = QLabel(self)
        self.title.setAccessibleName("Title at the time")
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.source = QComboBox(self)
        self.source.setAccessibleName("Source")
        self.said = DateField(order=lib.get_setting("date_order"), accessible_name="Date said", parent=self)
        self.said.reading.setMinimumWidth(110)
        self.said.layout().setStretch(0, 1)   # what was typed and how it was read get equal room
        self.said.layout().setStretch(1, 1)
        self.rule = RuleField(parent=self)
        # Two independent facts: words taken from another outlet may also be a translation.
        self.second_hand = QCheckBox("Second-&hand, via", self)
        self.second_hand.setAccessibleName("Second-hand")
        self.second_hand.setToolTip("Taken from another outlet's reporting, not heard by you")
        self.via = QLineEdit(self)
        self.via.setAccessibleName("Taken from outlet")
        self.via.setPlaceholderText("Outlet it was taken from, e.g. El Comercio")
        self.translated = QCheckBox("Trans&lated from", self)
        self.translated.setAccessibleName("Translated")
        self.translated.setToolTip("The words are a translation of what was said")
        self.language = QLineEdit(self)
        self.language.setAccessibleName("Language said in")
        self.language.setPlaceholderText("Language it was said in, e.g. Spanish")
        self.tags = TagsEdit(self)
        self.context = CommitTextEdit("Context note", self)
        self.context.setPlaceholderText("What the reporter needs to remember about this quote")
        self.context.setMaximumHeight(90)
        self.message = QLabel(self)
        self.message.setAccessibleName("Problem with this quote")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        # The words and notes on one side, the short fields on the other when the pane is wide
        # (the details below the list); one column when it is narrow (beside the list).
        text, facts = QFormLayout(), QFormLayout()
        for form, rows in ((text, (("&Words", self.words), ("", self.word_buttons), ("&Tags", self.tags),
                                   ("Conte&xt", self.context))),
                           (facts, (("S&peaker", self.speaker), ("Title then", self.title), ("S&ource", self.source),
                                    ("&Date said", self.said), ("Ground &rule", self.rule),
                                    ("Provenance", _pair(self.second_hand, self.via)),
                                    ("", _pair(self.translated, self.language))))):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for label, field in rows:
                form.addRow(label, field)
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.columns.addLayout(text, 1)
        self.columns.addLayout(facts, 1)
        page = QVBoxLayout(self)
        page.addLayout(self.columns, 1)
        page.addWidget(self.message)

        self.words.committed.connect(lambda: not self.words.isReadOnly()
                                     and self._commit(words=self.words.toPlainText()))
        self.speaker.editingFinished.connect(self._commit_speaker)
        self.source.activated.connect(lambda _i: self._commit(source_id=self.source.currentData() or None))
        self.said.edit.editingFinished.connect(lambda: self._commit(said=self.said.text()))
        self.rule.combo.activated.connect(self._commit_rule)
        self.rule.detail.editingFinished.connect(self._commit_rule)
        self.second_hand.clicked.connect(self._commit_provenance)
        self.translated.clicked.connect(self._commit_provenance)
        self.via.editingFinished.connect(self._commit_provenance)
        self.language.editingFinished.connect(self._commit_provenance)
        self.tags.editingFinished.connect(lambda: self._commit(tags=self.tags.tags()))
        self.context.committed.connect(lambda: self._commit(context=self.context.toPlainText()))
        self.setEnabled(False)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        wide = self.width() >= self.fontMetrics().averageCharWidth() * TWO_COLUMNS_CHARS
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if direction != self.columns.direction():
            self.columns.setDirection(direction)
            self.layout().activate()   # now, not at the next event: the scroll area sizes the form from it

    # -- showing --------------------------------------------------------------------------

    def show_quote(self, quote_id: int | None, *, include_trash: bool = False) -> None:
        """Fill the form with ``quote_id`` (None empties it)."""
        self._loading = True
        try:
            self.quote = self.lib.quotes.get(quote_id, include_trash=include_trash) if quote_id is not None else None
            self._fill()
        finally:
            self._loading = False

    def _fill(self) -> None:
        q = self.quote
        self.setEnabled(q is not None)
        self._hide_message()
        self.said.order = self.lib.get_setting("date_order")
        if self._choices_stale:
            self._fill_sources()
            self.tags.set_known([name for name, _ in self.lib.tags.all()])
            self._choices_stale = False
        self._show_source(q.source_id if q else None)
        if q is None:
            self._show_words()
            self.context.setPlainText("")
            for line in (self.speaker, self.via, self.language, self.tags):
                line.setText("")
            self.said.setText("")
            self.title.setText("")
            self.rule.detail.setText("")
            self.rule.combo.setCurrentIndex(0)
            for box in (self.second_hand, self.translated):
                box.setChecked(False)
            self._show_provenance_fields()
            return
        speaker = self.lib.speakers.get(q.speaker_id) if q.speaker_id else None
        self._show_words()
        self.speaker.setText(speaker.name if speaker else "")
        self.title.setText(self.lib.speakers.title_on(q.speaker_id, q.said) or "—")
        self.said.set_date(q.said)
        self.rule.combo.setCurrentIndex(max(0, self.rule.combo.findData(q.rule)))
        self.rule.detail.setText(q.rule_description if q.rule == "background" else display_moment(q.embargo_until))
        self.rule.detail.setCursorPosition(0)   # a long description shows its start, not its end
        self.second_hand.setChecked(q.second_hand)
        self.translated.setChecked(q.translated)
        self.via.setText(q.via_outlet)
        self.language.setText(q.language)
        self.tags.setText(", ".join(q.tags))
        self.context.setPlainText(q.context)
        self._show_provenance_fields()

    def _show_words(self, *, whole: bool = False, part: int | None = None) -> None:
        """Show the quote's words; longer than :data:`HEAD_CHARS`, a part of them, read-only, with
        a button to show (and edit) them whole, or beyond :data:`WHOLE_CHARS` to read on. Shown
        again unchanged (the window re-read), they stay as the reporter left them."""
        words = self.quote.words if self.quote else ""
        if self._parts is None or self._parts.words != words:
            self._parts = WordParts(words) if len(words) > HEAD_CHARS else None
            self._part, self._whole = 0, False
        self._whole = whole or self._whole
        cut = not self._whole and self._parts is not None
        if cut:
            parts = self._parts
            self._part = self._part if part is None else part
            self.words.setPlainText(parts.text(self._part))
            self.whole_words.setText(f"Show all {count_of(parts.total, 'word')} to edit them")
            self.earlier_words.setEnabled(self._part > 0)
            self.later_words.setEnabled(parts.has(self._part + 1))
        else:
            self.words.setPlainText(words)
        editable_whole = cut and self._parts.editable
        self.whole_words.setVisible(editable_whole)
        self.earlier_words.setVisible(cut and not editable_whole)
        self.later_words.setVisible(cut and not editable_whole)
        self.words.setReadOnly(cut)
        self.word_buttons.setVisible(cut)

    def choices_changed(self) -> None:
        """Sources or tags may have been added or removed: read them again when next shown."""
        self._choices_stale = True

    def _fill_sources(self) -> None:
        self.source.clear()
        self.source.addItem("(no source)", NO_SOURCE)
        for s in self.lib.sources.all(limit=SOURCE_CHOICES):
            self.source.addItem(s["title"] or "(untitled)", s["id"])

    def _show_source(self, current: int | None) -> None:
        if current is not None and self.source.findData(current) < 0:
            self.source.addItem(self.lib.sources.get(current).title or "(untitled)", current)
        self.source.setCurrentIndex(max(0, self.source.findData(current if current is not None else NO_SOURCE)))

    def _show_provenance_fields(self) -> None:
        self.via.setEnabled(self.second_hand.isChecked())
        self.language.setEnabled(self.translated.isChecked())

    # -- saving ---------------------------------------------------------------------------

    def _commit(self, **changes) -> bool:
        if self._loading or self.quote is None:
            return False
        current = {k: getattr(self.quote, k) for k in changes}
        if "said" in changes:
            current["said"] = self.quote.said.display() if self.quote.said else ""
        if changes == current:
            return False
        quote_id = self.quote.id    # the window re-reads on the save and may clear the form meanwhile
        try:
            save_quote(self.lib, quote_id, **changes)
        except LibraryBusy:   # what was typed stays, to save after
            self._show_message("Wait until the work in progress has finished, then leave the field again to save.")
            return False
        except VerbatimError as e:
            show_error(self, e, inline=self._show_message)
            return False
        self.show_quote(quote_id)
        self.saved.emit(quote_id)
        return True

    def _commit_speaker(self) -> None:
        if self._loading or self.quote is None:
            return
        name = self.speaker.name()
        speaker_id = self.speaker.speaker_id()
        if speaker_id is None and name:
            if not ask_create_speaker(self, name):
                self._show_message(f"“{name}” is not a speaker yet; choose one from the list or correct the name.")
                return
            try:
                speaker_id = add_speaker(self.lib, name)
            except VerbatimError as e:
                show_error(self, e, inline=self._show_message)
                return
        self._commit(speaker_id=speaker_id)

    def _commit_rule(self, *_args) -> None:
        rule = self.rule.rule()
        if rule in ("background", "embargoed") and not self.rule.detail.text().strip():
            self.rule.detail.setFocus()   # the rule needs its detail first; saved when that is typed
            return
        changes = {"rule": rule}
        if rule == "background":
            changes["rule_description"] = self.rule.detail.text()
        elif rule == "embargoed":
            changes["embargo_until"] = self.rule.detail.text()
        self._commit(**changes)

    def _commit_provenance(self, *_args) -> None:
        """Save what changed of both provenance facts; a fact switched on waits for its outlet or language."""
        self._show_provenance_fields()
        if self._loading or self.quote is None:
            return
        for box, field in ((self.second_hand, self.via), (self.translated, self.language)):
            if box.isChecked() and not field.text().strip():
                field.setFocus()   # saved when the outlet or language is typed
                return
        wanted = {"second_hand": self.second_hand.isChecked(), "via_outlet": self.via.text().strip(),
                  "translated": self.translated.isChecked(), "language": self.language.text().strip()}
        changes = {k: v for k, v in wanted.items() if v != getattr(self.quote, k)}
        if changes:
            self._commit(**changes)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _hide_message(self) -> None:
        self.message.clear()
        self.message.hide()
