"""The main window's recording commands: Play Quote, Mark Verified, Export Clips of the selection.

Play and Mark Verified act on the quote shown in the details (its recording bar,
:class:`qtapp.gui.detail.recording_bar.RecordingBar`); Export Clips cuts the selected quotes'
audio in the background (:func:`qtapp.gui.operations.recordings.export_clips`) and lists in one
message the quotes the publication gate or their recordings kept back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..core.clips import ClipReport
from ..core.plural import count_of
from . import operations
from .detail.recording_bar import PLAY_KEYS
from .operations.recordings import export_clips
from .quote_links import quote_words

if TYPE_CHECKING:
    from .main_menus import MainMenus


def choose_folder(parent: QWidget) -> str:
    """Ask for the folder the clips go to; '' when the user cancels. (Tests replace this.)"""
    return QFileDialog.getExistingDirectory(parent, "Export clips to folder", str(Path.home()))


def tell(parent: QWidget, title: str, text: str) -> None:
    """Show a message that needs no answer. (Tests replace this.)"""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.open()


def refusals_text(lib, report: ClipReport) -> str:
    """The quotes given no clip, one a line with why."""
    lines = [f"• {quote_words(lib, quote_id)}: {reason}" for quote_id, reason in report.refused.items()]
    return f"No clip was made of {count_of(len(lines), 'quote')}:\n" + "\n".join(lines)


class MainRecordings:
    """Adds the recording entries to the Quote menu of ``menus.window``."""

    def __init__(self, menus: MainMenus):
        self.window = menus.window
        quote = menus.quote_menu
        quote.addSeparator()
        self.play = menus._action(quote, "&Play Quote", lambda: self.window.detail.recording.play(), PLAY_KEYS)
        self.verify = menus._action(quote, "Mark &Verified Against the Recording",
                                    lambda: self.window.detail.recording.verify())
        self.export = menus._action(quote, "Export &Clips of Selection…", self.export_clips)

    def update_actions(self) -> None:
        bar = self.window.detail.recording
        self.play.setEnabled(bar.play_button.isEnabled())
        self.verify.setEnabled(bar.verify_button.isEnabled())
        self.export.setEnabled(bool(self.window.selected_ids()) and not self.window.in_trash())

    def export_clips(self) -> None:
        """Ask for a folder, then cut the selected quotes' clips there in the background, with a quote sheet."""
        ids = self.window.selected_ids()
        if not ids:
            return
        operations.refuse_while_busy()   # before asking: the answer could not be acted on
        folder = choose_folder(self.window)
        if not folder:
            return
        lib = self.window.lib

        def done(report: ClipReport) -> None:
            sheet = f" and the quote sheet {report.sheet.name}" if report.sheet is not None else ""
            self.window.show_status(f"Exported {count_of(len(report.clips), 'clip')}{sheet} to {folder}")
            if report.refused:
                tell(self.window, "Some quotes have no clip", refusals_text(lib, report))

        operations.in_background(self.window, export_clips, lib, ids, folder,
                                 label=f"Exporting {count_of(len(ids), 'clip')}", on_success=done)
