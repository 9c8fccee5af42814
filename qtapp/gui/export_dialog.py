"""The Export dialog: what to export, in which format, a live preview, and Save.

::

    dialog = ExportDialog(lib, window, selected_ids=[3, 9, 12])
    dialog.exec()

Guarantees:

- what leaves follows the ground rules: the dialog only calls :mod:`qtapp.core.formats`,
  which asks :func:`qtapp.core.publish.decide` for every quote;
- the last choices (what, format, style, folder) are remembered (:mod:`qtapp.gui.settings`);
- saving runs in the background with progress and Cancel; a cancelled export leaves no file;
- the preview shows the start of the export; it is prepared in the background (a reference
  list loads the citation engine, a whole library takes a moment), one preview at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import Interrupted, VerbatimError
from ..core.formats.bibliography import STYLES
from ..core.formats.registry import (
    FORMATS,
    export_to_path,
    preview_text,
    suggested_path,
)
from ..core.formats.reports import ExportReport
from ..core.formats.selection import Selection
from ..core.library import Library
from . import settings
from .file_dialogs import save_file_name
from .fit import fit_to_screen
from .ops import BackgroundOp, run_in_background

PREVIEW_DELAY_MS = 250
WHAT_CHOICES = {"selection": "Selected quotes", "source": "Quotes of a source", "tag": "A story (tag)",
                "library": "The whole library"}
_NATIVE_WARNING = ("A library copy is complete and private: it keeps off-the-record quotes and real names. "
                   "Send it only to yourself or a trusted colleague, never for publication.")


def with_extension(path: Path, suffix: str) -> Path:
    """``path``, with ``suffix`` added when the name was typed without an extension.

    'refs-apa' → 'refs-apa.txt'; 'refs.md' stays; 'Smith v. Jones' → 'Smith v. Jones.txt'.
    """
    typed = path.suffix
    if typed and len(typed) <= 6 and " " not in typed:
        return path
    return path.with_name(path.name + suffix)


class ExportDialog(QDialog):
    """Choose what and how to export, preview it, and save it to a file."""

    export_did_finish = Signal(object)  # the ExportReport
    preview_did_update = Signal()

    def __init__(self, lib: Library, parent: QWidget | None = None, *, selected_ids: Sequence[int] = (),
                 source_id: int | None = None, tag: str | None = ""):
        super().__init__(parent)
        self.lib = lib
        self.selected_ids = tuple(selected_ids)
        self.op: BackgroundOp | None = None
        self.preview_op: BackgroundOp | None = None
        self._preview_stale = False
        self.setWindowTitle("Export")
        self.setAccessibleName("Export")
        fit_to_screen(self, 760, 620)

        self.what = QComboBox(accessibleName="What to export")
        for key, label in WHAT_CHOICES.items():
            count = f" ({len(self.selected_ids)})" if key == "selection" else ""
            self.what.addItem(label + count, key)
        if not self.selected_ids:
            self.what.model().item(0).setEnabled(False)
        self.source = QComboBox(accessibleName="Source")
        for row in lib.sources.all(limit=5000):
            self.source.addItem(f"{row['title'] or '(untitled)'} — {row['date'] or 'no date'}", row["id"])
        self.tag = QComboBox(accessibleName="Tag")
        for name, count in lib.tags.all():
            self.tag.addItem(f"{name} ({count})", name)
        self.format = QComboBox(accessibleName="Format")
        for fmt in FORMATS.values():
            self.format.addItem(fmt.label, fmt.name)
        self.style = QComboBox(accessibleName="Citation style")
        for key, label in STYLES.items():
            self.style.addItem(label, key)

        self.preview = QPlainTextEdit(readOnly=True, accessibleName="Preview")
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.note = QLabel(wordWrap=True, accessibleName="Notes on this export")
        self.message = QLabel(wordWrap=True, accessibleName="Export result")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow("&What:", self.what)
        form.addRow("&Source:", self.source)
        form.addRow("&Tag:", self.tag)
        form.addRow("&Format:", self.format)
        form.addRow("St&yle:", self.style)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("&Save…", default=True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(QLabel("Preview:"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS, timeout=self.refresh_preview)
        self._restore(source_id, tag)
        for combo in (self.what, self.source, self.tag, self.format, self.style):
            combo.currentIndexChanged.connect(self._changed)
        self._changed()

    # -- choices ---------------------------------------------------------------------------

    def selection(self) -> Selection:
        """What the choices on screen export."""
        what = self.what.currentData()
        if what == "selection":
            return Selection(quote_ids=self.selected_ids)
        if what == "source" and self.source.currentData() is not None:
            return Selection(source_id=self.source.currentData())
        if what == "tag" and self.tag.currentData():
            return Selection(tag=self.tag.currentData())
        if what in ("source", "tag"):
            return Selection(quote_ids=())  # nothing to choose from: export nothing, not everything
        return Selection()

    def format_name(self) -> str:
        return self.format.currentData()

    def style_name(self) -> str:
        """The citation style of a reference list ("apa", "mla" …)."""
        return self.style.currentData()

    def _restore(self, source_id: int | None, tag: str | None) -> None:
        # What the window shows wins (chosen quotes, then its source or tag); else the last choice.
        last = settings.remembered("export")
        if self.selected_ids:
            what = "selection"
        elif source_id is not None:
            what = "source"
        elif tag:
            what = "tag"
        else:
            what = last["what"]
        _select(self.what, what if what != "selection" or self.selected_ids else "library")
        _select(self.format, last["format"])
        _select(self.style, last["style"] or self.lib.get_setting("citation_style"))
        _select(self.source, source_id)
        _select(self.tag, tag or last["tag"])

    def _remember(self) -> None:
        settings.remember("export", what=self.what.currentData(), format=self.format_name(),
                          style=self.style_name())
        if self.tag.currentData():
            settings.remember("export", tag=self.tag.currentData())

    def _changed(self) -> None:
        what = self.what.currentData()
        self.source.setEnabled(what == "source")
        self.tag.setEnabled(what == "tag")
        name = self.format_name()
        self.style.setEnabled(FORMATS[name].styled)
        self.note.setText(_NATIVE_WARNING if name == "native" else
                          "Word documents are previewed as text." if FORMATS[name].binary else
                          "Off-the-record, deep-background and embargoed quotes are left out; background "
                          "and confidential speakers appear only as their description.")
        self._remember()
        self._preview_timer.start()

    # -- preview and save ------------------------------------------------------------------

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        # A hidden dialog must not read the library later: it may be closed by then.
        self._preview_timer.stop()
        super().hideEvent(event)

    def refresh_preview(self) -> None:
        """Prepare, in the background, the start of the export as it would be written now."""
        if not self.isVisible():
            return
        if self.preview_op is not None and not self.preview_op.done:
            self._preview_stale = True  # shown once the running preview is done
            return
        self._preview_stale = False
        lib, name, selection, style = self.lib, self.format_name(), self.selection(), self.style_name()
        self.preview_op = run_in_background(
            self, lambda progress: preview_text(lib, name, selection, style=style, progress=progress),
            label="Preparing the preview",
            on_success=self._show_preview, on_failure=lambda error: self._show_preview(_preview_error(error)))

    def _show_preview(self, text: str) -> None:
        if self._preview_stale:
            self.refresh_preview()
            return
        self.preview.setPlainText(text)
        self.preview_did_update.emit()

    def ask_save_path(self, suggested: Path) -> Path | None:
        """Ask where to save; tests replace this. None when the user cancels."""
        fmt = FORMATS[self.format_name()]
        path = save_file_name(self, "Export to", suggested, f"{fmt.label} (*{fmt.suffix})")
        return Path(path) if path else None

    def save(self) -> None:
        """Ask for a file, then write the export there in the background."""
        folder = settings.last_folder("export")
        if not folder.is_dir():
            folder = Path.home()
        name, selection, style = self.format_name(), self.selection(), self.style_name()
        path = self.ask_save_path(suggested_path(folder, name, selection))
        if path is None:
            return
        path = with_extension(path, FORMATS[name].suffix)
        settings.remember("export", folder=str(path.parent))
        lib = self.lib

        def work(progress) -> ExportReport:
            return export_to_path(lib, name, selection, path, style=style, progress=progress)

        self.save_button.setEnabled(False)
        self.message.setText(f"Exporting to {path.name}…")
        self.op = run_in_background(self, work, label=f"Exporting to {path.name}",
                                    on_success=lambda report: self._saved(report, path), on_failure=self._failed)

    def _saved(self, report: ExportReport, path: Path) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(f"{report.summary()} Saved as {path}.")
        self.export_did_finish.emit(report)

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, Interrupted):
            self.message.setText("Export cancelled; no file was written.")
        elif isinstance(error, VerbatimError):
            self.message.setText(str(error))
        else:
            from .errors import show_error
            self.message.setText("The export failed.")
            show_error(self, error)


def _preview_error(error: BaseException) -> str:
    if isinstance(error, Interrupted):
        return "Preview cancelled. Change a choice to prepare it again."
    if isinstance(error, VerbatimError):
        return str(error)
    return f"The preview could not be prepared ({type(error).__name__}). Saving may still work."


def _select(combo: QComboBox, data) -> None:
    index = combo.findData(data)
    if index >= 0 and combo.model().item(index) is not None and combo.model().item(index).isEnabled():
        combo.setCurrentIndex(index)
