"""The main window's menus, shortcuts and what each command does.

Shortcuts follow the platform (``QKeySequence`` standard keys) where one exists; Verbatim's
own are Ctrl+N (log a quote), Ctrl+Shift+C (copy citation) and Ctrl+1/2/3 (go to the
navigator, the list, the details). Every write is an operation (:mod:`qtapp.gui.operations`),
whose announcement refreshes the window; problems go to :func:`qtapp.gui.errors.show_error`,
and a refusal while other work holds the library to the status bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from .. import APP_NAME, __version__
from ..core.errors import LibraryBusy, VerbatimError
from ..core.library import Library
from ..core.plural import count_of
from . import library_encryption, operations, settings
from .clipboard import quotes_as_text, set_clipboard
from .errors import show_error
from .file_dialogs import open_file_name, save_file_name
from .fit import fit_to_screen
from .main_tools import MainTools
from .operations import quotes as quote_ops
from .operations import settings as settings_ops
from .operations import undo as undo_ops

if TYPE_CHECKING:
    from .main_window import MainWindow

LIBRARY_FILTER = "Verbatim libraries (*.verbatim);;All files (*)"


def in_sentence(step_name: str) -> str:
    """A step's name inside a sentence: 'Change of speaker' → 'change of speaker' ('AP …' stays)."""
    return step_name[:1].lower() + step_name[1:] if step_name[1:2].islower() else step_name


def confirm(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """Ask before something that cannot be undone."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.DestructiveRole


class MainMenus:
    """Builds the menu bar of ``window`` and carries out its commands."""

    def __init__(self, window: MainWindow):
        self.window = window
        bar = window.menuBar()
        file = self.file_menu = bar.addMenu("&File")
        self.new_library = self._action(file, "&New Library…", self.create_library, "Ctrl+Shift+N")
        self.open_library = self._action(file, "&Open Library…", self.choose_library, QKeySequence.StandardKey.Open)
        self.recent = file.addMenu("Open &Recent")
        self.recent.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        self.encrypt = self._action(file, "&Encrypt Library…", lambda: library_encryption.encrypt_library(window))
        self.decrypt = self._action(file, "Remove Encr&yption…", lambda: library_encryption.remove_encryption(window))
        file.addSeparator()
        self.preferences = self._action(file, "&Preferences…", self.edit_preferences,
                                        QKeySequence.StandardKey.Preferences, fallback="Ctrl+,")
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        file.addSeparator()
        self.quit = self._action(file, "&Quit", window.close, QKeySequence.StandardKey.Quit, fallback="Ctrl+Q")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        edit = self.edit_menu = bar.addMenu("&Edit")
        self.undo = self._action(edit, "&Undo", self.undo_step, QKeySequence.StandardKey.Undo)
        self.redo = self._action(edit, "&Redo", self.redo_step, QKeySequence.StandardKey.Redo, fallback="Ctrl+Shift+Z")
        edit.addSeparator()
        self.copy = self._action(edit, "&Copy with Attribution", self.copy_quotes, QKeySequence.StandardKey.Copy)
        self.copy_words = self._action(edit, "Copy &Words", lambda: self.copy_quotes("words"), "Ctrl+Alt+C")
        edit.addSeparator()
        self.delete = self._action(edit, "&Delete", self.delete_quotes, QKeySequence.StandardKey.Delete)
        self.restore = self._action(edit, "Restore from &Trash", self.restore_quotes, "Ctrl+Shift+R")
        self.empty_trash = self._action(edit, "&Empty Trash…", self.empty_the_trash)
        edit.addSeparator()
        self.find = self._action(edit, "&Find", self.focus_search, QKeySequence.StandardKey.Find)

        quote = bar.addMenu("&Quote")
        self.quick_log = self._action(quote, "&Log a Quote…", self.log_quote, "Ctrl+N")
        self.quote_menu = quote

        view = self.view_menu = bar.addMenu("&View")
        self._action(view, "Go to &Navigator", lambda: window.navigator.tree.setFocus(), "Ctrl+1")
        self._action(view, "Go to &Quotes", lambda: window.table.setFocus(), "Ctrl+2")
        self._action(view, "Go to &Details", lambda: window.detail.form.words.setFocus(), "Ctrl+3")

        help_menu = bar.addMenu("&Help")
        about = self._action(help_menu, f"&About {APP_NAME}", self.about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self.tools = MainTools(self)

    def _action(self, menu, text: str, slot, shortcut=None, *, fallback: str = "") -> QAction:
        action = QAction(text, self.window)
        keys = QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey) else \
            [QKeySequence(shortcut)] if shortcut else []
        if fallback and QKeySequence(fallback) not in keys:
            # the platform has no standard key for it (Preferences on Linux), or not the usual one
            keys.append(QKeySequence(fallback))
        action.setShortcuts(keys)
        action.triggered.connect(lambda _checked=False: self._run(slot))
        menu.addAction(action)
        return action

    def _run(self, slot) -> None:
        try:
            slot()
        except LibraryBusy as e:
            self.window.statusBar().showMessage(str(e), 5000)
        except VerbatimError as e:
            show_error(self.window, e)

    @property
    def lib(self) -> Library:
        return self.window.lib

    # -- enabling -------------------------------------------------------------------------

    def update_actions(self) -> None:
        """Name Undo and Redo after their steps; enable what applies to the selection."""
        undo_name, redo_name = self.lib.undo_status()
        self.undo.setText(f"&Undo {in_sentence(undo_name)}" if undo_name else "&Undo")
        self.undo.setEnabled(undo_name is not None)
        self.redo.setText(f"&Redo {in_sentence(redo_name)}" if redo_name else "&Redo")
        self.redo.setEnabled(redo_name is not None)
        selected = bool(self.window.table.selectionModel().hasSelection())
        in_trash = self.window.in_trash()
        self.copy.setEnabled(selected and not in_trash)
        self.copy_words.setEnabled(selected and not in_trash)
        self.delete.setEnabled(selected and not in_trash)
        self.restore.setEnabled(selected and in_trash)
        self.empty_trash.setEnabled(quote_ops.trash_count(self.lib) > 0)
        self.encrypt.setEnabled(self.lib.passphrase is None)
        self.decrypt.setEnabled(self.lib.passphrase is not None)
        self.tools.update_actions()

    # -- edit -----------------------------------------------------------------------------

    def _write_aside(self, label: str, op, *args) -> None:
        """Run operation ``op`` in the background (a step over a million-character quote takes
        seconds: its words are indexed again); the status line says what it did when done."""
        operations.in_background(self.window, op, self.lib, *args, label=label, on_success=self.window.show_status)

    def undo_step(self) -> None:
        self._write_aside("Undoing", undo_ops.undo)

    def redo_step(self) -> None:
        self._write_aside("Redoing", undo_ops.redo)

    def delete_quotes(self) -> None:
        ids = self.window.selected_ids()
        if ids and not self.window.in_trash():
            self.window.show_status(f"{quote_ops.delete_quotes(self.lib, ids)}: moved to the Trash")

    def restore_quotes(self) -> None:
        ids = self.window.selected_ids()
        if ids and self.window.in_trash():
            self._write_aside("Restoring", quote_ops.restore_quotes, ids)

    def empty_the_trash(self) -> None:
        operations.refuse_while_busy()   # before asking: the answer could not be acted on
        count = quote_ops.trash_count(self.lib)
        if not confirm(self.window, "Empty Trash", f"Delete the {count_of(count, 'quote')} in the Trash "
                       "for good? This cannot be undone.", "Empty Trash"):
            return
        gone = quote_ops.empty_trash(self.lib)
        self.window.show_status(f"Trash emptied: {count_of(gone, 'item')} deleted for good")

    def copy_quotes(self, how: str = "attribution") -> None:
        """Copy the selected quotes (words alone, or with attribution); a refusal says why, and copies nothing."""
        ids = self.window.selected_ids()
        if not ids or self.window.in_trash():
            return
        set_clipboard(*quotes_as_text(self.lib, ids, how))
        self.window.statusBar().showMessage(f"Copied {count_of(len(ids), 'quote')}", 3000)

    def focus_search(self) -> None:
        self.window.search.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.window.search.field.selectAll()

    def save_search(self, text: str) -> None:
        if not text:
            return
        name, ok = QInputDialog.getText(self.window, "Save search", "Name for this search:", text=text[:40])
        if ok and name.strip():
            self._run(lambda: settings_ops.save_search(self.lib, name, text))

    # -- quotes and sources ---------------------------------------------------------------

    def log_quote(self) -> None:
        from .quick_log import QuickLogDialog
        dialog = QuickLogDialog(self.lib, self.window, source_id=self.window.scope.source_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.quote_logged.connect(self._on_quote_logged)
        dialog.source_imported.connect(self._on_source_imported)
        dialog.show()

    def _on_quote_logged(self, _quote_id: int) -> None:
        self.window.show_status("Quote logged")

    def _on_source_imported(self, source_id: int) -> None:
        self.window.show_status("Imported as a source")
        self.open_source_view(source_id)

    def open_source_view(self, source_id: int) -> None:
        from .source_view import SourceView
        view = SourceView(self.lib, source_id, self.window)
        view.setWindowFlag(Qt.WindowType.Window)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.quote_activated.connect(self.window.select_quote)
        view.quote_logged.connect(self._on_quote_logged)
        view.quotes_logged.connect(self.tools.after_logging)
        fit_to_screen(view, 900, 700)
        view.show()

    def add_sources_from_files(self, paths: list[Path]) -> None:
        """Store dropped files as sources, in the background, through the importers (which
        repair encodings, check each file is what its name says, and skip duplicates)."""
        from .operations.capture import import_files
        if not paths:
            return

        def done(report):
            self.window.show_status(report.summary())
            if report.errors:
                show_error(self.window, VerbatimError("\n".join(o.message for o in report.errors)))

        operations.in_background(self.window, import_files, self.lib, paths, label="Adding sources",
                                 on_success=done)

    # -- library --------------------------------------------------------------------------

    def create_library(self) -> None:
        path = save_file_name(self.window, "New library", Path.home() / "New.verbatim", LIBRARY_FILTER)
        if path:
            self.switch_to(Path(path) if Path(path).suffix else Path(path).with_suffix(".verbatim"))

    def choose_library(self) -> None:
        path = open_file_name(self.window, "Open library", self.lib.path.parent, LIBRARY_FILTER)
        if path:
            self.switch_to(Path(path))

    def switch_to(self, path: Path) -> None:
        from .app import open_library, run_daily_maintenance
        if path.expanduser().resolve() == self.lib.path:
            # Opening it again through another copy of SQLite would drop this process's locks on it.
            self.window.statusBar().showMessage(f"{path.name} is already open.", 4000)
            return
        lib = open_library(path, self.window)
        if lib is not None:
            self.window.set_library(lib)
            run_daily_maintenance(self.window, lib)

    def _fill_recent(self) -> None:
        self.recent.clear()
        for path in settings.recent_libraries():
            action = self.recent.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self._run(lambda: self.switch_to(p)))
        self.recent.setEnabled(True)
        if self.recent.isEmpty():
            self.recent.addAction("No recent libraries").setEnabled(False)

    def edit_preferences(self) -> None:
        if settings.PreferencesDialog(self.lib, self.window).exec():
            self.window.show_status("Preferences saved")

    def about(self) -> None:
        QMessageBox.about(self.window, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\nLog, check and cite what people said.\n\n"
                          f"Library: {self.lib.path}")
