"""The citation fields of a source beyond the form's own: the ones its kind needs, then every other.

As Zotero shows the fields of each item type, each kind of source gets the CSL variables a
citation of it usually needs (a newspaper article's section and page, a broadcast's programme
and episode number, a report's number), filled or not; every variable the source already
holds follows, so nothing imported is hidden; any other CSL variable is one pick away in
"Add field". Values are kept exactly as stored unless their text is edited::

    fields = CitationFields()
    fields.load("broadcast", source.csl_variables, hidden={"title", "publisher"})
    fields.variables()      # {"container-title": "Morning Tide", "number": "212", ...}
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.cite.csl import date_from_csl, date_to_csl
from ...core.cite.variables import DATE, NUMBER, STANDARD
from ...core.dates import parse_date
from ...core.errors import InvalidInput, VerbatimError

# What a citation of each kind usually needs beyond the form's own fields (journalism first).
NEEDED = {
    "article": ("section", "page", "edition", "genre", "volume", "issue"),
    "interview": ("genre", "publisher"),
    "press_conference": ("publisher", "event-date"),
    "speech": ("genre", "event-date", "publisher"),
    "broadcast": ("container-title", "number", "medium", "genre"),
    "social_post": ("genre",),
    "document": ("number", "genre", "collection-title"),
    "email": (),
    "podcast": ("collection-title", "number", "medium", "publisher"),
    "other": ("genre", "number", "publisher"),
}
_ALL = tuple(sorted({*STANDARD, *NUMBER, *DATE}, key=str.lower))


class CitationFields(QWidget):
    """A two-column table (CSL variable, value) with an "Add field" picker."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(("Field", "Value"))
        self.table.setAccessibleName("Citation fields")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.add = QComboBox(self)
        self.add.setAccessibleName("Add field")
        self.add.activated.connect(self._add_picked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._stored: dict = {}

    def load(self, kind: str, variables: dict, *, hidden=()) -> None:
        """Show the kind's fields, then the others the source holds; ``hidden`` are the form's own."""
        self._stored = dict(variables)
        self.table.setRowCount(0)
        for name in dict.fromkeys([v for v in NEEDED.get(kind, ()) if v not in hidden] + list(variables)):
            self._add_row(name, variables.get(name))
        self._fill_picker()

    def variables(self) -> dict:
        """The fields as stored values: untouched ones exactly as they were, edited ones read from their text.

        :raises InvalidInput: a date field that cannot be read.
        """
        out = {}
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0).text()
            text = self.table.item(row, 1).text().strip()
            if name in self._stored and text == display(self._stored[name]):
                out[name] = self._stored[name]
            elif text:
                out[name] = _value(name, text)
        return out

    def _add_row(self, name: str, value) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = QTableWidgetItem(name)
        label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, label)
        self.table.setItem(row, 1, QTableWidgetItem(display(value) if value is not None else ""))

    def _fill_picker(self) -> None:
        shown = {self.table.item(r, 0).text() for r in range(self.table.rowCount())}
        self.add.clear()
        self.add.addItem("Add field…", None)
        for name in _ALL:
            if name not in shown:
                self.add.addItem(name, name)

    def _add_picked(self, index: int) -> None:
        name = self.add.itemData(index)
        if name:
            self._add_row(name, None)
            self.table.editItem(self.table.item(self.table.rowCount() - 1, 1))
            self._fill_picker()


def display(value) -> str:
    """A stored value as text: dates as "2023-11-28" or "2023-11-28/2023-12-02", others as typed."""
    if isinstance(value, dict) and "date-parts" in value:
        try:
            start, end = date_from_csl(value)
            if start and set(value) == {"date-parts"} and date_to_csl(start, end) == value:
                return start.iso + (f"/{end.iso}" if end else "")
        except VerbatimError:
            pass
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _value(name: str, text: str):
    if name not in DATE:
        return text
    start, _, end = text.partition("/")
    try:
        return date_to_csl(parse_date(start), parse_date(end) if end else None)
    except VerbatimError:
        raise InvalidInput(f"The citation field {name} holds “{text}”, which is not a date. "
                           "Type it as 2023-11-28, or a range as 2023-11-28/2023-12-02.") from None
