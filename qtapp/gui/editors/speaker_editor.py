"""The speaker editor: name, sort name, description, confidentiality, aliases, roles, merging.

::

    editor = SpeakerEditor(lib, speaker_id)
    editor.speaker_saved.connect(window.refresh)
    editor.open()

- everything typed is checked before anything is written, and problems show in the dialog;
- saving is one undoable step ("Add speaker …" or "Edit speaker …") that stores only what changed;
- merging takes effect at once, after a confirmation (:meth:`SpeakerEditor.confirm`): the other
  speaker's name becomes an alias here and its aliases, roles and quotes move over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import VerbatimError
from ...core.library import Library
from ...core.plural import count_of
from ...core.speakers import Role, Speaker, SpeakerId, default_sort_name, wikidata_id
from ..errors import show_error
from ..fit import fit_to_screen
from ..operations.speakers import add_speaker, edit_speaker, merge_speakers
from .fields import ERROR_STYLE, SpeakerField
from .roles_table import RolesTable


class SpeakerEditor(QDialog):
    """Create or edit a speaker; emits :attr:`speaker_saved` with the id after a save or merge."""

    speaker_saved = Signal(int)

    def __init__(self, lib: Library, speaker_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.speaker_id: SpeakerId | None = SpeakerId(speaker_id) if speaker_id is not None else None
        speaker = lib.speakers.get(speaker_id) if speaker_id is not None else None
        self.setWindowTitle(f"Edit speaker — {speaker.name}" if speaker else "New speaker")
        self.setAccessibleName(self.windowTitle())

        self.name = QLineEdit(self)
        self.sort_name = QLineEdit(self)
        self.description = QLineEdit(self)
        self.description.setPlaceholderText("Who they are, for your own reference")
        self.confidential = QCheckBox("Confidential: never show this name outside the library", self)
        self.wikidata = QLineEdit(self)
        self.wikidata.setPlaceholderText("Q42 or the Wikidata address")
        self.notes = QPlainTextEdit(self)
        self.notes.setMaximumHeight(70)
        self.notes.setTabChangesFocus(True)
        for widget, label in ((self.name, "Name"), (self.sort_name, "Sort name"), (self.description, "Description"),
                              (self.confidential, "Confidential"), (self.wikidata, "Wikidata id"),
                              (self.notes, "Notes")):
            widget.setAccessibleName(label)
        self.name.textChanged.connect(self._suggest_sort_name)

        self.aliases = QListWidget(self)
        self.aliases.setAccessibleName("Aliases")
        self.aliases.setMaximumHeight(90)
        self.new_alias = QLineEdit(self)
        self.new_alias.setAccessibleName("New alias")
        self.new_alias.setPlaceholderText("Another name: surname, title, “the minister”… and Enter")
        self.new_alias.returnPressed.connect(self.add_alias)
        add_alias = QPushButton("Add alias", self)
        add_alias.clicked.connect(self.add_alias)
        remove_alias = QPushButton("Remove alias", self)
        remove_alias.setAccessibleName("Remove the selected alias")
        remove_alias.clicked.connect(self.remove_alias)
        QShortcut(QKeySequence.StandardKey.Delete, self.aliases, self.remove_alias,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.roles = RolesTable(order=lib.get_setting("date_order"), parent=self)

        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("Sor&t as", self.sort_name)
        form.addRow("&Description", self.description)
        form.addRow("", self.confidential)
        form.addRow("&Wikidata", self.wikidata)
        form.addRow("N&otes", self.notes)
        alias_entry = QHBoxLayout()
        alias_entry.addWidget(self.new_alias, 1)
        alias_entry.addWidget(add_alias)
        alias_entry.addWidget(remove_alias)
        alias_box = QVBoxLayout()
        alias_box.addWidget(self.aliases)
        alias_box.addLayout(alias_entry)
        alias_label = QLabel("&Aliases", self)
        alias_label.setBuddy(self.aliases)
        form.addRow(alias_label, alias_box)
        form.addRow("&Roles", self.roles)

        self.merge_box = QGroupBox("Merge another speaker into this one", self)
        self.merge_with = SpeakerField(lib, self.merge_box)
        self.merge_with.setAccessibleName("Speaker to merge into this one")
        self.merge_with.setPlaceholderText("The duplicate's name or alias")
        merge = QPushButton("&Merge…", self.merge_box)
        merge.setAccessibleName("Merge the chosen speaker into this one")
        merge.clicked.connect(self.merge)
        merge_row = QHBoxLayout(self.merge_box)
        merge_row.addWidget(self.merge_with, 1)
        merge_row.addWidget(merge)
        self.merge_box.setVisible(self.speaker_id is not None)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.merge_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if speaker:
            self._load(speaker)
        fit_to_screen(self, 820, 720)
        self.name.setFocus()

    # -- aliases ----------------------------------------------------------------------------

    def alias_list(self) -> list[str]:
        return [self.aliases.item(i).text() for i in range(self.aliases.count())]

    def add_alias(self, text: str | None = None) -> None:
        """Add the typed alias (or ``text``) unless it is already the name or an alias."""
        alias = " ".join((text if isinstance(text, str) else self.new_alias.text()).split())
        known = {a.casefold() for a in self.alias_list()} | {" ".join(self.name.text().split()).casefold()}
        if alias and alias.casefold() not in known:
            self.aliases.addItem(alias)
        self.new_alias.clear()

    def remove_alias(self) -> None:
        for item in self.aliases.selectedItems():
            self.aliases.takeItem(self.aliases.row(item))

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> SpeakerId | None:
        """Check the form and save it; returns the speaker's id, or None with the problem shown."""
        try:
            name = " ".join(self.name.text().split())   # the core refuses it if empty
            fields = {"name": name, "sort_name": " ".join(self.sort_name.text().split()) or default_sort_name(name),
                      "description": self.description.text(), "confidential": self.confidential.isChecked(),
                      "wikidata": wikidata_id(self.wikidata.text()), "notes": self._notes()}
            roles = self.roles.roles()
            if self.speaker_id is None:
                self.speaker_id = add_speaker(self.lib, fields.pop("name"), aliases=self.alias_list(), roles=roles,
                                              **fields)
            else:
                self._save_changes(fields, roles)
        except VerbatimError as e:
            show_error(self, e, inline=self._show_error)
            return None
        self.speaker_saved.emit(self.speaker_id)
        self.accept()
        return self.speaker_id

    def _save_changes(self, fields: dict, roles: list[Role]) -> None:
        """Write what differs from the library as it is now (a merge may have changed it), as one step."""
        stored = self.lib.speakers.get(self.speaker_id)
        changes = {k: v for k, v in fields.items() if v != getattr(stored, k)}
        aliases = self.alias_list()
        if changes or aliases != stored.aliases or roles != stored.roles:
            edit_speaker(self.lib, self.speaker_id, aliases=aliases, roles=roles, **changes)

    # -- merging ----------------------------------------------------------------------------

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question (Enter answers no, so a stray key never merges)."""
        answer = QMessageBox.question(self, "Merge speakers", question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def merge(self) -> bool:
        """Merge the speaker named in the merge box into this one, after confirmation."""
        other = self.merge_with.speaker_id()
        if other is None:
            self._show_error(f"No speaker is called “{self.merge_with.name()}”. Type the duplicate's name or an alias"
                             " and pick it from the list." if self.merge_with.name() else
                             "Type the name of the speaker to merge into this one.")
            return False
        if other == self.speaker_id:
            self._show_error("That is this speaker. Choose the duplicate to merge into this one.")
            return False
        keep, gone = self.lib.speakers.get(self.speaker_id), self.lib.speakers.get(other)
        question = (f"Merge “{gone.name}” into “{keep.name}”?\n\n{gone.name} becomes an alias of {keep.name}, and "
                    f"{count_of(gone.quote_count, 'quote')}, its aliases and roles move "
                    "over. You can undo this.")
        if not self.confirm(question):
            return False
        try:
            merge_speakers(self.lib, self.speaker_id, other)
        except VerbatimError as e:
            show_error(self, e, inline=self._show_error)
            return False
        merged = self.lib.speakers.get(self.speaker_id)
        for alias in merged.aliases:
            self.add_alias(alias)
        shown = {r.id for r in self.roles.roles() if r.id is not None}
        for role in merged.roles:
            if role.id not in shown:
                self.roles.add_role(role)
        self.merge_with.clear()
        self.message.setStyleSheet("")
        self.message.setText(f"Merged {gone.name} into {keep.name}.")
        self.speaker_saved.emit(self.speaker_id)
        return True

    # -- internals --------------------------------------------------------------------------

    def _load(self, s: Speaker) -> None:
        self.name.setText(s.name)
        self.sort_name.setText(s.sort_name)
        self.description.setText(s.description)
        self.confidential.setChecked(s.confidential)
        self.wikidata.setText(s.wikidata)
        self.notes.setPlainText(s.notes)
        self.aliases.addItems(s.aliases)
        self.roles.set_roles(s.roles)

    def _notes(self) -> str:
        # Untouched notes stay exactly as stored: Qt would turn their CR LF into LF.
        if self.speaker_id is not None and not self.notes.document().isModified():
            return self.lib.speakers.get(self.speaker_id).notes
        return self.notes.toPlainText()

    def _suggest_sort_name(self, name: str) -> None:
        self.sort_name.setPlaceholderText(default_sort_name(" ".join(name.split())))

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
