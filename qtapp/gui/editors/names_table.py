"""A small table editor for a source's people: authors, hosts, interviewers and editors.

Each row is one structured name (given, particle, family, suffix) or a literal name for an
organisation ("AFP", "the White House"). A typed name is split by
:func:`qtapp.core.names.parse_name` and can be corrected cell by cell::

    table = NamesTable()
    table.add_typed("Ludwig van Beethoven", role="author")   # given/particle/family filled in
    table.names()          # [("author", Name(family="Beethoven", given="Ludwig", particle="van"))]
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import InvalidInput
from ...core.names import Name, parse_name
from ...core.schema import NAME_ROLES

COLUMNS = ("Role", "Given", "Particle", "Family", "Suffix", "Organisation")
_PARTS = ("given", "particle", "family", "suffix", "literal")


class NamesTable(QWidget):
    """People of a source as rows of name parts, with a box to type a whole name and add it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("People")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        self.typed = QLineEdit(self)
        self.typed.setAccessibleName("Add a person or organisation")
        self.typed.setPlaceholderText("A name, then Enter: Ludwig van Beethoven, {Reuters}")
        self.typed.setToolTip("Braces keep an organisation whole; \"Park, Jin\" puts the family name first")
        self.role = QComboBox(self)
        self.role.setAccessibleName("Role of the name to add")
        for role in NAME_ROLES:
            self.role.addItem(_label(role), role)
        add = QPushButton("Add", self)
        add.setAccessibleName("Add the typed name")
        remove = QPushButton("Remove", self)
        remove.setAccessibleName("Remove the selected name")
        add.clicked.connect(self._add_typed_text)
        self.typed.returnPressed.connect(self._add_typed_text)
        remove.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        entry = QHBoxLayout()
        entry.addWidget(self.role)
        entry.addWidget(self.typed, 1)
        entry.addWidget(add)
        entry.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(entry)
        self.setFocusProxy(self.typed)

    def set_names(self, names: list[tuple[str, Name]]) -> None:
        self.table.setRowCount(0)
        for role, name in names:
            self.add_name(name, role=role)

    def add_typed(self, text: str, *, role: str = "author") -> None:
        """Add a name as typed, split into parts."""
        name = parse_name(text)
        if name.display():
            self.add_name(name, role=role)

    def add_name(self, name: Name, *, role: str = "author") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox(self.table)
        combo.setAccessibleName("Role")
        for r in NAME_ROLES:
            combo.addItem(_label(r), r)
        combo.setCurrentIndex(max(0, combo.findData(role)))
        self.table.setCellWidget(row, 0, combo)
        for column, part in enumerate(_PARTS, start=1):
            self.table.setItem(row, column, QTableWidgetItem(getattr(name, part)))
        # The parts not shown (dropping particle, CSL flags) ride along, so editing keeps them.
        self.table.item(row, 1).setData(Qt.ItemDataRole.UserRole, name)

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def names(self) -> list[tuple[str, Name]]:
        """The rows as (role, Name), skipping empty ones.

        :raises InvalidInput: a row has a given name but no family name, or both a person's
            parts and an organisation name.
        """
        result = []
        for row in range(self.table.rowCount()):
            parts = {p: " ".join((self.table.item(row, c).text() if self.table.item(row, c) else "").split())
                     for c, p in enumerate(_PARTS, start=1)}
            shown = self.table.item(row, 1)
            kept = shown.data(Qt.ItemDataRole.UserRole) if shown else None
            name = replace(kept, **parts) if isinstance(kept, Name) else Name(**parts)
            if not name.display():
                continue
            person = any(parts[p] for p in ("given", "particle", "family", "suffix"))
            if person and parts["literal"]:
                raise InvalidInput(f"Row {row + 1} of the people has both a person's name and an organisation. "
                                   "Keep one, or put the organisation on its own row.")
            if person and not parts["family"]:
                raise InvalidInput(f"Row {row + 1} of the people has no family name. Fill it in, or write a "
                                   "single name such as an organisation under Organisation.")
            result.append((self.table.cellWidget(row, 0).currentData(), name))
        return result

    def _add_typed_text(self) -> None:
        self.add_typed(self.typed.text(), role=self.role.currentData())
        self.typed.clear()


def _label(role: str) -> str:
    """'executive-producer' → 'Executive producer'."""
    return role.replace("-", " ").capitalize()
