"""Restoring a backup from the window: the list of backups, and the offer made when a library won't open.

::

    # at startup, when Library(path) raised LibraryDamaged or LibraryTooNew:
    if offer_restore(window, path, error):
        lib = Library(path)

    # File ▸ Backups…, with the open library closed by the callback before the file is replaced:
    restored = show_backups(window, lib.path, close_library=window.close_library)

No file is replaced without the user agreeing, and restoring keeps the current file in the
backups folder first (see :mod:`qtapp.core.backup`), so the dialog never loses anything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core import backup
from ..core.errors import LibraryTooNew, VerbatimError

_PATH_ROLE = Qt.ItemDataRole.UserRole


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question (a separate function so tests can answer it)."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget | None, title: str, text: str) -> None:
    """Show a message with an OK button (a separate function so tests can read it)."""
    QMessageBox.information(parent, title, text)


def offer_restore(parent: QWidget | None, path: Path, error: VerbatimError) -> bool:
    """Offer to restore the latest backup of ``path``, which could not be opened; True if restored.

    The question shows ``error`` (what is wrong) and the backup's date; without a backup, only
    the error is shown.
    """
    path = Path(path)
    try:
        latest = backup.latest_backup(path)
    except VerbatimError as unreadable:   # the backups folder cannot be read
        tell(parent, "The library cannot be opened", f"{error}\n\n{unreadable}")
        return False
    if latest is None:
        tell(parent, "The library cannot be opened", f"{error}\n\nThere is no backup of it to restore.")
        return False
    if isinstance(error, LibraryTooNew):
        warning = ("Updating Verbatim is the better fix: the backup is older, so changes made since "
                   "would not be in it.")
    else:
        warning = "Changes made after the backup was taken will not be in it."
    question = (f"{error}\n\nRestore the backup from {latest.label()}? {warning} The current file is kept "
                "in the backups folder, so nothing is deleted.")
    if not ask(parent, "Restore the latest backup?", question):
        return False
    return _restore(parent, path, latest.path) is not None


def show_backups(parent: QWidget | None, path: Path, *,
                 close_library: Callable[[], None] | None = None) -> backup.Restored | None:
    """Show the backups of ``path`` and restore the one chosen; returns what was restored, or None.

    :param close_library: called just before the file is replaced, to close the open library
        (an open connection would go on writing into the replaced file). The caller reopens the
        library afterwards, whether or not the restore succeeded.
    """
    dialog = BackupsDialog(parent, Path(path), close_library=close_library)
    dialog.exec()
    return dialog.restored


class BackupsDialog(QDialog):
    """The backups of one library, newest first, with Back up now and Restore."""

    def __init__(self, parent: QWidget | None, path: Path, *, close_library: Callable[[], None] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.path = path
        self.restored: backup.Restored | None = None
        self._close_library = close_library
        self.list = QListWidget()
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.backup_button = QPushButton("Back up now")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Backups of {path.name}, in {backup.backups_folder(path)}:"))
        layout.addWidget(self.list)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        try:
            backups = backup.list_backups(self.path)
        except VerbatimError as e:   # the backups folder cannot be read
            self.status.setText(str(e))
            backups = []
        for b in backups:
            item = QListWidgetItem(b.label())
            item.setData(_PATH_ROLE, str(b.path))
            item.setToolTip(str(b.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        elif not self.status.text():
            self.status.setText("No backups yet. One is taken each day the library is opened.")
        self._update_buttons()

    def backup_now(self) -> None:
        try:
            made = backup.backup_now(self.path)
        except VerbatimError as e:
            self.status.setText(str(e))
            return
        self.refresh()
        self.status.setText(f"Backed up to {made.path.name}.")

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        chosen = Path(item.data(_PATH_ROLE))
        if not ask(self, "Restore this backup?",
                   f"Replace {self.path.name} with the backup from {item.text()}? Changes made after it "
                   "was taken will not be in it. The current file is kept in the backups folder first."):
            return
        if self._close_library is not None:
            self._close_library()
        self.restored = _restore(self, self.path, chosen)
        if self.restored is not None:
            self.accept()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.list.currentItem() is not None)


def _restore(parent: QWidget | None, path: Path, source: Path) -> backup.Restored | None:
    try:
        done = backup.restore(path, source)
    except VerbatimError as e:
        tell(parent, "Not restored", str(e))
        return None
    kept = f" The file it replaced is kept as {done.kept_copy.name}." if done.kept_copy else ""
    tell(parent, "Backup restored", f"{path.name} now holds the backup {source.name}.{kept}")
    return done
