"""The one place that decides how an error is shown to the user.

- :class:`~qtapp.core.errors.Interrupted` (the user pressed Cancel) is silent;
- an expected error (:class:`~qtapp.core.errors.VerbatimError`, or SQLite finding the library
  damaged, full or locked) is shown as its message, which already says what was wrong and what
  to do, in a dialog or in an inline label;
- anything else is logged to the log file and shown with a "Copy details" box holding the
  traceback, to paste into a bug report.

The sentence is the one the command line prints for the same error
(:func:`qtapp.core.failures.user_message`).

:func:`install_excepthook` routes every uncaught exception here, so no bare traceback ever
reaches a user (Qt calls ``sys.excepthook`` for exceptions raised in slots and overrides).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..core.errors import (
    ExportBlocked,
    ImportFailed,
    Interrupted,
    InvalidInput,
    LibraryError,
    NotFound,
    UndoConflict,
    UndoEmpty,
    VerbatimError,
)
from ..core.failures import expected_error, user_message
from ..core.logfile import written_to

log = logging.getLogger(__name__)

_TITLES: list[tuple[type[VerbatimError], str]] = [
    (InvalidInput, "Check what you typed"),
    (NotFound, "Not found"),
    (LibraryError, "Library problem"),
    (UndoEmpty, "Nothing to undo"),
    (UndoConflict, "Cannot undo"),
    (ImportFailed, "Could not import"),
    (ExportBlocked, "Not allowed by the ground rules"),
]


def title_for(exc: BaseException) -> str:
    """A short dialog title naming the kind of problem."""
    for kind, title in _TITLES:
        if isinstance(exc, kind):
            return title
    return APP_NAME if isinstance(exc, VerbatimError) else "Something went wrong"


class DetailsDialog(QDialog):
    """An unexpected error: a plain apology, what to do, and the details to copy."""

    def __init__(self, parent: QWidget | None, exc: BaseException, details: str, message: str):
        super().__init__(parent)
        self.setWindowTitle(title_for(exc))
        self.setAccessibleName("Unexpected error")
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.details = QPlainTextEdit(f"{APP_NAME} {__version__}\n{details}", self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Error details")
        self.details.setMinimumSize(520, 180)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = QPushButton("Copy details", self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


def show_error(parent: QWidget | None, exc: BaseException, *, details: str | None = None,
               inline: Callable[[str], None] | None = None) -> QWidget | None:
    """Show ``exc`` to the user the one agreed way; returns the dialog shown, if any.

    :param parent: the window the message belongs to.
    :param details: the traceback text, when ``exc`` was caught on another thread.
    :param inline: for expected errors, show the message here (e.g. a label under a form)
        instead of in a dialog.
    """
    if isinstance(exc, Interrupted):
        return None
    library = _library_of(parent)
    known = expected_error(exc, library)
    if known is not None:
        text = str(known)  # the command line's sentence; a dialog may keep its line breaks
        if inline is not None:
            inline(text)
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, title_for(known), text, QMessageBox.StandardButton.Ok, parent)
        box.setAccessibleName(title_for(known))
        box.open()
        return box
    details = details or "".join(traceback.format_exception(exc))
    log.error("unexpected error: %s", details)
    dialog = DetailsDialog(parent, exc, details, user_message(exc, library=library, log_file=written_to()))
    dialog.open()
    return dialog


def _library_of(parent: QWidget | None) -> Path | None:
    """The library of the window ``parent`` belongs to, to name its backups in a message."""
    window = parent.window() if parent is not None else None
    lib = getattr(window, "lib", None)
    return getattr(lib, "path", None)


def _excepthook(kind, exc, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    details = "".join(traceback.format_exception(kind, exc, tb))
    app = QApplication.instance()
    if app is None:
        log.error("unexpected error: %s", details)
        return
    show_error(QApplication.activeWindow(), exc, details=details)


def install_excepthook() -> None:
    """Send every uncaught exception to :func:`show_error` instead of printing a traceback."""
    sys.excepthook = _excepthook
