"""The source editor: every field of a source, checked in the dialog before anything is saved.

::

    editor = SourceEditor(lib)                 # a new source
    editor = SourceEditor(lib, source_id)      # an existing one
    editor.source_saved.connect(window.refresh)
    editor.open()

Saving goes through the operations ``add_source`` or ``update_source`` (one undoable step);
an edit changes only the fields that differ, so the history shows what really changed. The
core checks every field (:meth:`qtapp.core.sources.Sources.add`) and refuses with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.cite.variables import column_variables, effective_type
from ...core.dates import PartialDate
from ...core.errors import VerbatimError
from ...core.library import Library
from ...core.plural import count_of
from ...core.schema import MEDIA
from ...core.sources import KIND_LABELS, Source, SourceId
from ..errors import show_error
from ..fit import fit_to_screen
from ..operations.quotes import date_quotes
from ..operations.sources import add_source, update_source
from .csl_fields import CitationFields
from .fields import ERROR_STYLE, DateField
from .names_table import NamesTable

MEDIUM_LABELS = {"in_person": "In person", "phone": "Phone", "video": "Video call", "email": "Email"}


def ask_fill_dates(parent: QWidget, count: int, date: PartialDate) -> bool:
    """Ask whether the quotes without a date said take the source's date. (Tests replace this.)"""
    them = "it" if count == 1 else "them"
    answer = QMessageBox.question(
        parent, "Date the quotes too?",
        f"{count_of(count, 'quote')} from this source {'has' if count == 1 else 'have'} no date said. "
        f"Give {them} the source's date, {date.display()}?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


class SourceEditor(QDialog):
    """Create or edit a source; emits :attr:`source_saved` with its id after a save."""

    source_saved = Signal(int)

    def __init__(self, lib: Library, source_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.source: Source | None = lib.sources.get(source_id) if source_id is not None else None
        self.setWindowTitle("Edit source" if self.source else "New source")
        self.setAccessibleName(self.windowTitle())
        order = lib.get_setting("date_order")

        self.kind = QComboBox(self)
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        self.title = QLineEdit(self)
        self.outlet = QLineEdit(self)
        self.outlet.setPlaceholderText("Publisher, network or agency")
        self.people = NamesTable(self)
        self.date = DateField(order=order, accessible_name="Date", parent=self)
        self.date_end = DateField(order=order, placeholder="for events over several days",
                                  accessible_name="End date", parent=self)
        self.place = QLineEdit(self)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://")
        self.accessed = DateField(order=order, placeholder="when you read it online",
                                  accessible_name="Accessed", parent=self)
        self.language = QLineEdit(self)
        self.language.setPlaceholderText("e.g. en, es, Korean")
        self.medium = QComboBox(self)
        self.medium.addItem("(not an interview)", None)
        for key in MEDIA:
            self.medium.addItem(MEDIUM_LABELS[key], key)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("The article body, transcript or notes: the words quotes are checked against")
        self.notes = QPlainTextEdit(self)
        self.citation = CitationFields(self)
        for widget, name in ((self.kind, "Kind"), (self.title, "Title"), (self.outlet, "Outlet"),
                             (self.place, "Place"), (self.url, "Address (URL)"), (self.language, "Language"),
                             (self.medium, "Interview medium"), (self.text, "Text"), (self.notes, "Notes")):
            widget.setAccessibleName(name)

        details = QWidget(self)
        form = QFormLayout(details)
        form.addRow("&Kind", self.kind)
        form.addRow("&Title", self.title)
        form.addRow("&Outlet", self.outlet)
        form.addRow("&People", self.people)
        form.addRow("&Date", self.date)
        form.addRow("&End date", self.date_end)
        form.addRow("P&lace", self.place)
        form.addRow("&Address", self.url)
        form.addRow("A&ccessed", self.accessed)
        form.addRow("La&nguage", self.language)
        form.addRow("&Medium", self.medium)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Source sections")
        self.tabs.addTab(details, "Details")
        self.tabs.addTab(self.citation, "C&itation")
        self.tabs.addTab(self.text, "Te&xt")
        self.tabs.addTab(self.notes, "Note&s")

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        if self.source:
            self._load(self.source)
        self._kind_changed()
        fit_to_screen(self, 760, 640)
        self.title.setFocus()

    def values(self) -> dict:
        """The fields as ``lib.sources`` takes them, with ``names``; the core checks them when saved.

        :raises InvalidInput: a date or a citation field that cannot be read.
        """
        values = {"kind": self.kind.currentData(), "title": _line(self.title), "outlet": _line(self.outlet),
                  "names": self.people.names(), "date": self.date.value(), "date_end": self.date_end.value()}
        values.update(place=_line(self.place), url=self.url.text().strip(), accessed=self.accessed.value(),
                      language=_line(self.language), text=self._plain(self.text, "text"),
                      notes=self._plain(self.notes, "notes"))
        values["medium"] = self.medium.currentData() if values["kind"] == "interview" else None
        values["csl_variables"] = self.citation.variables()
        return values

    def save(self) -> SourceId | None:
        """Check the form and save it; returns the source's id, or None with the problem shown."""
        try:
            values = self.values()
            if self.source is None:
                source_id = add_source(self.lib, values.pop("kind"), values.pop("title"), **values)
            else:
                source_id = self.source.id
                changes = self._changes(values)
                if changes:
                    update_source(self.lib, source_id, **changes)
                if changes.get("date"):
                    self._offer_dates(source_id, changes["date"])
        except VerbatimError as e:
            show_error(self, e, inline=self.message.setText)
            return None
        self.message.clear()
        self.source_saved.emit(source_id)
        self.accept()
        return source_id

    def _offer_dates(self, source_id: SourceId, date: PartialDate) -> None:
        """Offer the source's new date to its quotes that have none (one undoable step)."""
        undated = self.lib.quotes.undated_in(source_id)
        if undated and ask_fill_dates(self, len(undated), date):
            date_quotes(self.lib, undated, date)

    def _plain(self, edit: QPlainTextEdit, key: str) -> str:
        """What the box holds, or the stored value exactly when the box was not touched.

        Qt turns CR LF and Unicode line separators into plain line breaks; saving a text back
        unasked would shift the spans of every quote logged from the source.
        """
        if self.source is not None and not edit.document().isModified():
            return getattr(self.source, key)
        return edit.toPlainText()

    def _changes(self, values: dict) -> dict:
        """Only what differs from the stored source (names compared as a whole)."""
        current = self.source
        changes = {k: v for k, v in values.items() if k != "names" and v != getattr(current, k)}
        if values["names"] != current.names:
            changes["names"] = values["names"]
        return changes

    def _load(self, s: Source) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(s.kind)))
        self.title.setText(s.title)
        self.outlet.setText(s.outlet)
        self.people.set_names(s.names)
        self.date.set_date(s.date)
        self.date_end.set_date(s.date_end)
        self.place.setText(s.place)
        self.url.setText(s.url)
        self.accessed.set_date(s.accessed)
        self.language.setText(s.language)
        self.medium.setCurrentIndex(max(0, self.medium.findData(s.medium)))
        self.text.setPlainText(s.text)
        self.notes.setPlainText(s.notes)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.medium.setEnabled(kind == "interview")
        stored = self.source.csl_variables if self.source else {}
        try:  # what the table holds now, edits included, once it is filled
            held = self.citation.variables() if self.citation.table.rowCount() else stored
        except VerbatimError:
            held = stored
        ctype = effective_type(kind, self.source.csl_type if self.source else None, url=self.url.text(),
                               outlet=self.outlet.text())
        hidden = {v for c in ("title", "outlet", "place", "url", "language", "date", "accessed")
                  for v in column_variables(c, ctype)} | ({"medium"} if kind == "interview" else set())
        self.citation.load(kind, held, hidden=hidden)


def _line(edit: QLineEdit) -> str:
    """A one-line field as the core stores it: white space collapsed."""
    return " ".join(edit.text().split())
