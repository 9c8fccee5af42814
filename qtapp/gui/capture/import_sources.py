"""The "Import sources…" dialog: files, addresses or pasted text become sources.

::

    dialog = ImportSourcesDialog(lib, window)
    dialog.sources_did_import.connect(window.refresh_sources)
    dialog.open()

- files are chosen (many at once) or dropped on the list, addresses typed, or text pasted;
- the import runs in the background with progress and Cancel; Cancel keeps nothing;
- each file's outcome is listed: added, merged, already in the library, or why it failed;
- a source already in the library is not stored twice: the reporter chooses, per file,
  Skip, Merge (keep the existing source, fill its empty fields) or Add anyway.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import VerbatimError
from ...core.files import DOCUMENT_SUFFIXES, input_name
from ...core.importers import ImportOutcome, ImportReport
from ...core.importers.fetch import is_address
from ...core.library import Library
from ...core.plural import count_of
from ..editors.fields import ERROR_STYLE
from ..errors import show_error
from ..fit import fit_column, fit_to_screen
from ..operations import in_background
from ..operations.capture import import_duplicates, import_files, import_pasted
from ..ops import BackgroundOp

FILE_FILTER = ("Sources (" + " ".join(f"*{s}" for s in DOCUMENT_SUFFIXES) + ");;All files (*)")
STATUS_TEXT = {"added": "Added", "merged": "Merged into the existing source", "duplicate": "Already in the library",
               "error": "Could not import"}
DUPLICATE_CHOICES = (("skip", "Skip"), ("merge", "Merge"), ("add", "Add anyway"))
_ERROR_COLOR = QColor("#a40000")


class ImportSourcesDialog(QDialog):
    """Import many sources at once; emits :attr:`sources_did_import` with the ids added or merged into."""

    sources_did_import = Signal(list)

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.op: BackgroundOp | None = None
        self.duplicates: list[ImportOutcome] = []
        self.setWindowTitle("Import sources")
        self.setAccessibleName("Import sources")
        self.setAcceptDrops(True)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_files_tab(), "Files and addresses")
        self.tabs.addTab(self._build_paste_tab(), "Pasted text")

        self.results = QTableWidget(0, 3, self)
        self.results.setAccessibleName("Import results")
        self.results.setHorizontalHeaderLabels(["Item", "Outcome", "Duplicate"])
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setWordWrap(True)
        self.results.verticalHeader().hide()
        self.results.hide()

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button = self.buttons.addButton("Apply choices", QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.setToolTip("Merge, add or skip each source that is already in the library")
        self.apply_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(self.start_import)
        self.apply_button.clicked.connect(self.apply_duplicate_choices)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.results)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 720, 520)

    # -- building -------------------------------------------------------------------------

    def _build_files_tab(self) -> QWidget:
        tab = QWidget(self)
        self.items = QListWidget(tab)
        self.items.setAccessibleName("Files and addresses to import")
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        choose = QPushButton("Add files…", tab)
        choose.clicked.connect(self.choose_files)
        remove = QPushButton("Remove", tab)
        remove.clicked.connect(self.remove_selected)
        self.address = QLineEdit(tab)
        self.address.setAccessibleName("Address")
        self.address.setPlaceholderText("https://… address of a page, PDF or transcript")
        self.address.returnPressed.connect(self.add_address)
        add_address = QPushButton("Add address", tab)
        add_address.clicked.connect(self.add_address)

        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(add_address)
        side = QHBoxLayout()
        side.addWidget(choose)
        side.addWidget(remove)
        side.addStretch(1)
        layout = QVBoxLayout(tab)
        hint = QLabel("Text, Markdown, web pages, Word, PDF and SRT/WebVTT transcripts. "
                      "You can also drop files here.", tab)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.items, 1)
        layout.addLayout(side)
        layout.addLayout(row)
        return tab

    def _build_paste_tab(self) -> QWidget:
        tab = QWidget(self)
        self.paste_title = QLineEdit(tab)
        self.paste_title.setAccessibleName("Title")
        self.paste_title.setPlaceholderText("Title (optional: the first line is used otherwise)")
        self.paste_text = QPlainTextEdit(tab)
        self.paste_text.setAccessibleName("Pasted text")
        self.paste_text.setPlaceholderText("Paste an article, notes or a transcript here")
        paste = QPushButton("Paste from clipboard", tab)
        paste.clicked.connect(self.paste_from_clipboard)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.paste_title)
        layout.addWidget(self.paste_text, 1)
        layout.addWidget(paste, 0, Qt.AlignmentFlag.AlignLeft)
        return tab

    # -- choosing what to import ----------------------------------------------------------

    def queued(self) -> list[str]:
        """The files and addresses waiting to be imported, in order."""
        return [self.items.item(i).text() for i in range(self.items.count())]

    def add_items(self, paths_or_urls) -> None:
        """Queue files or addresses, each once."""
        present = set(self.queued())
        for item in map(str, paths_or_urls):
            if item not in present:
                self.items.addItem(item)
                present.add(item)
        self.tabs.setCurrentIndex(0)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Choose sources to import", "", FILE_FILTER)
        self.add_items(paths)

    def remove_selected(self) -> None:
        for item in self.items.selectedItems():
            self.items.takeItem(self.items.row(item))

    def add_address(self) -> None:
        address = self.address.text().strip()
        if not is_address(address):
            self._say("Type a web address starting with http:// or https://, e.g. https://example.org/story.",
                      error=True)
            return
        self.add_items([address])
        self.address.clear()
        self._say("")

    def paste_from_clipboard(self) -> None:
        self.paste_text.setPlainText(QGuiApplication.clipboard().text())
        self.tabs.setCurrentIndex(1)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self.add_items(u.toLocalFile() if u.isLocalFile() else u.toString() for u in event.mimeData().urls())
        event.acceptProposedAction()

    # -- importing ------------------------------------------------------------------------

    def start_import(self) -> None:
        """Import the queued files and addresses, or the pasted text, in the background."""
        if self.op is not None and not self.op.done:
            return
        if self.tabs.currentIndex() == 1:
            text, title = self.paste_text.toPlainText(), self.paste_title.text()
            self._run(import_pasted, (text, title), "Importing pasted text", self._pasted)
            return
        items = self.queued()
        if not items:
            self._say("Add files or an address first.", error=True)
            return
        self._run(import_files, (items,), f"Importing {count_of(len(items), 'source')}", self._show_report)

    def apply_duplicate_choices(self) -> None:
        """Merge or add the duplicates as chosen in the table; the skipped ones stay out."""
        chosen = {"merge": [], "add": []}
        for row, outcome in self._duplicate_rows():
            choice = self.results.cellWidget(row, 2).currentData()
            if choice in chosen:
                chosen[choice].append(outcome.draft)
        if not any(chosen.values()):
            self._finish_duplicates(ImportReport())
            return
        self._run(import_duplicates, (chosen,), "Importing duplicates", self._finish_duplicates)

    def _run(self, op, args: tuple, label: str, on_success) -> None:
        """Run the import operation ``op(lib, *args)`` in the background; a refusal is said here."""
        try:
            self.op = in_background(self, op, self.lib, *args, label=label, on_success=on_success,
                                    on_failure=self._failed)
        except VerbatimError as e:
            self._failed(e)
            return
        self._set_busy(True)
        self.op.finished.connect(lambda: self._set_busy(False))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, VerbatimError):
            show_error(self, error, inline=lambda text: self._say(text, error=True))
        else:
            show_error(self, error)

    def _pasted(self, source_id: int) -> None:
        self.paste_text.clear()
        self.paste_title.clear()
        self._say("The pasted text is now a source.")
        self.sources_did_import.emit([source_id])

    def _show_report(self, report: ImportReport) -> None:
        self.results.setRowCount(0)
        self.duplicates = report.duplicates
        for outcome in report.outcomes:
            self._add_result_row(outcome)
        self.results.show()
        # The item's name (a file or an address) as wide as it needs, up to half the table.
        fit_column(self.results, 0, self.results.viewport().width() // 2)
        self.results.resizeRowsToContents()
        self.apply_button.setVisible(bool(self.duplicates))
        failed = {o.item for o in report.errors}
        self.items.clear()
        self.add_items(o.item for o in report.outcomes if o.item in failed)  # left to retry or remove
        advice = " Choose what to do with each source already in the library, then Apply choices." \
            if self.duplicates else ""
        self._say(report.summary() + advice, error=bool(report.errors) and not (report.added or report.updated))
        changed = [o.source_id for o in report.outcomes if o.status in ("added", "merged")]
        if changed:
            self.sources_did_import.emit(changed)

    def _add_result_row(self, outcome: ImportOutcome) -> None:
        row = self.results.rowCount()
        self.results.insertRow(row)
        name = input_name(outcome.item)
        item = QTableWidgetItem(name)
        item.setToolTip(outcome.item)
        text = STATUS_TEXT[outcome.status]
        if outcome.status == "error":
            text += f": {outcome.message}"
        elif outcome.status == "duplicate":
            text += f" as “{self._title_of(outcome.source_id)}”"
        elif outcome.title:
            text += f" — {outcome.title}"
        status = QTableWidgetItem(text)
        status.setToolTip(text)
        if outcome.status == "error":
            status.setForeground(QBrush(_ERROR_COLOR))
        self.results.setItem(row, 0, item)
        self.results.setItem(row, 1, status)
        if outcome.status == "duplicate":
            choice = QComboBox(self.results)
            choice.setAccessibleName(f"What to do with {name}")
            for value, label in DUPLICATE_CHOICES:
                choice.addItem(label, value)
            self.results.setCellWidget(row, 2, choice)

    def _title_of(self, source_id: int) -> str:
        try:
            return self.lib.sources.get(source_id).title or "(untitled)"
        except VerbatimError:
            return "(no longer in the library)"

    def _duplicate_rows(self):
        duplicates = iter(self.duplicates)
        for row in range(self.results.rowCount()):
            if isinstance(self.results.cellWidget(row, 2), QComboBox):
                yield row, next(duplicates)

    def _finish_duplicates(self, report: ImportReport) -> None:
        for row, _ in self._duplicate_rows():
            widget = self.results.cellWidget(row, 2)
            choice = widget.currentText()
            self.results.removeCellWidget(row, 2)
            self.results.setItem(row, 2, QTableWidgetItem(choice))
        self.duplicates = []
        self.apply_button.hide()
        merged, added = len(report.with_status("merged")), len(report.with_status("added"))
        self._say(f"{merged} merged, {added} added anyway; the rest were skipped.")
        changed = [o.source_id for o in report.outcomes]
        if changed:
            self.sources_did_import.emit(changed)

    # -- small helpers --------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.import_button.setEnabled(not busy)
        self.apply_button.setEnabled(not busy)
        self.tabs.setEnabled(not busy)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
