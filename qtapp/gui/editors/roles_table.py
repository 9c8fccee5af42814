"""A table editor for a speaker's roles over time: title, organisation, from, to.

Dates are typed as a reporter types them ("2021", "Nov 2021", "9 Nov 2021"); either end may
stay empty (open). A last column shows how each row's period was read, updated as you type::

    table = RolesTable(order="month-first")
    table.set_roles(speaker.roles)
    table.roles()      # [Role(title, organization, start, end, id)], ids kept for stored rows
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import DateOrder, parse_optional_date
from ...core.errors import InvalidInput
from ...core.speakers import Role

COLUMNS = ("Title", "Organisation", "From", "To", "Read as")
_READING = len(COLUMNS) - 1


class RolesTable(QWidget):
    """Editable rows of roles; the stored role's id rides on the title cell."""

    def __init__(self, *, order: DateOrder = "month-first", parent: QWidget | None = None):
        super().__init__(parent)
        self.order = order
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Roles")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):   # dates are short; titles and the reading get the room
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 105)
        self.table.setMinimumHeight(110)
        add = QPushButton("Add ro&le", self)
        add.setAccessibleName("Add a role")
        remove = QPushButton("Remove role", self)
        remove.setAccessibleName("Remove the selected role")
        add.clicked.connect(self.add_empty_row)
        remove.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.table.itemChanged.connect(self._update_reading)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_roles(self, roles: list[Role]) -> None:
        self.table.setRowCount(0)
        for role in roles:
            self.add_role(role)

    def add_role(self, role: Role) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = (role.title, role.organization, role.start.display() if role.start else "",
                 role.end.display() if role.end else "")
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.item(row, 0).setData(Qt.ItemDataRole.UserRole, role.id)
        reading = QTableWidgetItem()
        reading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, _READING, reading)
        self._update_reading(self.table.item(row, 2))

    def add_empty_row(self) -> None:
        """Append a blank role and start typing its title."""
        self.add_role(Role(""))
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def roles(self) -> list[Role]:
        """The rows as roles, skipping blank ones.

        :raises InvalidInput: a date cannot be read, a role ends before it starts, or a row
            has dates but neither title nor organisation.
        """
        result = []
        for row in range(self.table.rowCount()):
            title, organization, start, end = (" ".join(self._text(row, c).split()) for c in range(4))
            if not any((title, organization, start, end)):
                continue
            if not (title or organization):
                raise InvalidInput(f"Role {row + 1} has no title or organisation. Type one, or remove the row.")
            role = Role(title, organization, self._date(row, start, "start"), self._date(row, end, "end"),
                        self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))
            if role.start and role.end and role.start.is_after(role.end):
                raise InvalidInput(f"Role {row + 1} ({role.display()}) ends ({role.end.display()}) before it "
                                   f"starts ({role.start.display()}).")
            result.append(role)
        return result

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""

    def _date(self, row: int, text: str, which: str):
        try:
            return parse_optional_date(text, order=self.order)
        except InvalidInput as e:
            raise InvalidInput(f"Role {row + 1}, {which} date: {e}") from None

    def _update_reading(self, item: QTableWidgetItem) -> None:
        if item is None or item.column() not in (2, 3) or self.table.item(item.row(), _READING) is None:
            return
        row = item.row()
        try:
            start = parse_optional_date(self._text(row, 2), order=self.order)
            end = parse_optional_date(self._text(row, 3), order=self.order)
        except InvalidInput as e:
            reading = f"⚠ {e}"
        else:
            reading = f"{start.display() if start else 'open'} – {end.display() if end else 'open'}"
        self.table.blockSignals(True)
        self.table.item(row, _READING).setText(reading)
        self.table.item(row, _READING).setToolTip(reading)
        self.table.blockSignals(False)
