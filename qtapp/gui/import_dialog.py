"""The Import dialog for references (CSL-JSON, BibTeX, RIS) and Verbatim library copies.

Choose a file; the dialog reads it and previews, item by item, what would be added,
updated or left alone, before anything is written. Import then runs in the background as
one undoable step and reports what changed. Reading and storing are the command line's own
(:mod:`qtapp.core.import_batch`), so a file imports alike in both. Documents and web pages
have their own dialog (:mod:`qtapp.gui.capture.import_sources`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import Interrupted, VerbatimError
from ..core.files import DOCUMENT_SUFFIXES
from ..core.formats.registry import FORMATS, IMPORT_FORMATS, IMPORT_SUFFIXES
from ..core.formats.reports import ImportReport
from ..core.import_batch import Inputs, preview_inputs, read_inputs
from ..core.library import Library
from . import settings
from .fit import fit_to_screen
from .operations import in_background
from .operations.capture import import_read_file
from .ops import BackgroundOp, run_in_background

ACTION_LABELS = {"add": "New", "update": "Newer copy: will update", "same": "Already in the library"}
FILE_FILTER = (f"References and library copies ({' '.join('*' + s for s in IMPORT_SUFFIXES)});;"
               f"Documents ({' '.join('*' + s for s in DOCUMENT_SUFFIXES)});;All files (*)")


class ImportDialog(QDialog):
    """Preview and import one reference file or library copy."""

    import_did_finish = Signal(object)  # the ImportReport

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.inputs: Inputs | None = None
        self.op: BackgroundOp | None = None
        self.setWindowTitle("Import references or a library copy")
        self.setAccessibleName("Import references")
        fit_to_screen(self, 720, 520)

        self.path = QLineEdit(readOnly=True, accessibleName="File to import", placeholderText="Choose a file…")
        self.browse_button = QPushButton("&Choose…")
        self.browse_button.clicked.connect(self.choose_file)
        self.format = QComboBox(accessibleName="Format")
        self.format.addItem("Guess from the file name", None)
        for name in IMPORT_FORMATS:
            self.format.addItem(FORMATS[name].label, name)
        self.format.currentIndexChanged.connect(self._reload)
        self.items = QTableWidget(0, 3, accessibleName="What will be imported")
        self.items.setHorizontalHeaderLabels(["Kind", "Item", "What happens"])
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            self.items.horizontalHeader().setSectionResizeMode(column, mode)   # kind and outcome never cut
        self.items.verticalHeader().setVisible(False)
        self.summary = QLabel(wordWrap=True, accessibleName="Import summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("&File:", row)
        form.addRow("F&ormat:", self.format)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = QPushButton("&Import", default=True, enabled=False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.start_import)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def ask_open_path(self) -> Path | None:
        """Ask which file to import; tests replace this. None when the user cancels."""
        folder = str(settings.last_folder("import"))
        path, _ = QFileDialog.getOpenFileName(self, "Import", folder, FILE_FILTER)
        return Path(path) if path else None

    def choose_file(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            settings.remember("import", folder=str(path.parent))
            self.load(path)

    def load(self, path: Path) -> None:
        """Read ``path`` and preview what importing it would do; nothing is written."""
        self.path.setText(str(path))
        self._reload()

    def _reload(self) -> None:
        self.inputs = None
        self.import_button.setEnabled(False)
        self.items.setRowCount(0)
        if not self.path.text():
            return
        path, name, lib = Path(self.path.text()), self.format.currentData(), self.lib

        def work(progress):
            inputs = read_inputs([str(path)], name, progress=progress)
            return inputs, *preview_inputs(lib, inputs)

        self.summary.setText(f"Reading {path.name}…")
        self.op = run_in_background(self, work, label=f"Reading {path.name}", on_success=self._show_preview,
                                    on_failure=self._failed)

    def _show_preview(self, result) -> None:
        self.inputs, report, items = result
        self.items.setRowCount(len(items))
        for r, item in enumerate(items):
            for c, text in enumerate((item.kind.capitalize(), item.label, ACTION_LABELS[item.action])):
                self.items.setItem(r, c, QTableWidgetItem(text))
        would = report.summary().replace("Added", "Will add", 1).replace("updated", "will update", 1)
        self.summary.setText(f"{_kind(self.inputs)}: {would}")
        self.import_button.setEnabled(bool(report.added or report.updated))

    def start_import(self) -> None:
        """Import the previewed file in the background."""
        if self.inputs is None:
            return
        try:
            self.op = in_background(self, import_read_file, self.lib, self.inputs, label="Importing",
                                    on_success=self._imported, on_failure=self._failed)
        except VerbatimError as e:   # other work holds the library: said here, nothing written
            self._failed(e)
            return
        self.import_button.setEnabled(False)

    def _imported(self, report: ImportReport) -> None:
        self.summary.setText(report.summary())
        self.inputs = None
        self.import_did_finish.emit(report)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Interrupted):
            self.summary.setText("Cancelled; nothing was imported.")
            self.import_button.setEnabled(self.inputs is not None)
        elif isinstance(error, VerbatimError):
            self.summary.setText(str(error))
        else:
            from .errors import show_error
            self.summary.setText("The import failed; nothing was imported.")
            show_error(self, error)


def _kind(inputs: Inputs) -> str:
    """What was read, for the summary: the reference format's name, a document or a Zotero library."""
    if inputs.plans:
        return FORMATS[inputs.plans[0].format].label
    return "Zotero library" if inputs.zotero else "Document"
