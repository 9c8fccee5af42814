"""Menu entries that open the other parts of Verbatim from the main window.

Import and export, the checks, finding quotes in a source, the source and speaker editors,
the backups and Copy citation: each entry is a couple of lines handing the library (and the
selection) to the part's own dialog; what the dialogs write is announced by their operations
(:mod:`qtapp.gui.operations`), which refreshes the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from ..core.errors import InvalidInput
from ..core.plural import count_of
from . import operations, ops
from .checks.run_checks import check_in_background, summary_text
from .clipboard import quotes_as_text, set_clipboard
from .file_dialogs import existing_directory, save_file_name
from .main_recordings import MainRecordings

# The parts below are imported when their entry is first used: together (web page readers,
# document formats, the citation engine) they would double the time to the first window.

if TYPE_CHECKING:
    from .main_menus import MainMenus


class MainTools:
    """Adds the entries to the menus of ``menus.window``."""

    def __init__(self, menus: MainMenus):
        self.menus = menus
        self.window = window = menus.window
        action = menus._action
        file = menus.file_menu
        before = menus.preferences
        for text, slot, keys in (("Import &Sources…", self.import_sources, "Ctrl+I"),
                                 ("Import &References or Library Copy…", self.import_references, ""),
                                 ("Import from &Zotero…", self.import_from_zotero, ""),
                                 ("&Export…", self.export, "Ctrl+E"),
                                 ("&Backups…", self.backups, "")):
            file.insertAction(before, action(file, text, slot, keys or None))
        file.insertSeparator(before)
        self.copy_citation = action(menus.edit_menu, "Copy &Citation", self.copy_citation_of_selection,
                                    "Ctrl+Shift+C")
        menus.edit_menu.insertAction(menus.delete, self.copy_citation)
        quote = menus.quote_menu
        self.find_quotes = action(quote, "&Find Quotes in Source…", self.find_quotes_in_source, "Ctrl+Shift+F")
        self.open_source = action(quote, "&Open Source", self.open_current_source, "Ctrl+Shift+O")
        quote.addSeparator()
        action(quote, "New &Speaker…", lambda: self.edit_speaker(None))
        self.edit_speaker_action = action(quote, "Edit S&peaker…", self.edit_selected_speaker)
        action(quote, "New S&ource…", lambda: self.edit_source(None))
        self.edit_source_action = action(quote, "Edit So&urce…", self.edit_current_source)
        checks_menu = QMenu("&Checks", window)
        window.menuBar().insertMenu(menus.view_menu.menuAction(), checks_menu)
        self.check_selection = action(checks_menu, "Check &Selection", self.check_selected, "Ctrl+K")
        self.check_source = action(checks_menu, "Check This S&ource", self.check_current_source)
        action(checks_menu, "Check the Whole &Library", self.check_library)
        checks_menu.addSeparator()
        action(checks_menu, "Save Check &Report…", self.save_report)
        self.recordings = MainRecordings(menus)

    @property
    def lib(self):
        return self.window.lib

    def update_actions(self) -> None:
        selected = bool(self.window.selected_ids()) and not self.window.in_trash()
        source = self.current_source() is not None
        self.copy_citation.setEnabled(selected)
        self.check_selection.setEnabled(selected)
        self.edit_speaker_action.setEnabled(self.current_speaker() is not None)
        for entry in (self.find_quotes, self.open_source, self.edit_source_action, self.check_source):
            entry.setEnabled(source)
        self.recordings.update_actions()

    def current_source(self) -> int | None:
        """The source chosen in the navigator, else that of the selected quote."""
        scope = self.window.scope
        if scope.source_id is not None:
            return scope.source_id
        ids = self.window.selected_ids()
        if len(ids) == 1 and not self.window.in_trash():
            return self.lib.quotes.get(ids[0]).source_id
        return None

    def current_speaker(self) -> int | None:
        """The speaker chosen in the navigator, else that of the one selected quote."""
        if self.window.scope.speaker_id is not None:
            return self.window.scope.speaker_id
        ids = self.window.selected_ids()
        if len(ids) == 1 and not self.window.in_trash():
            return self.lib.quotes.get(ids[0]).speaker_id
        return None

    def _need_source(self) -> int:
        source_id = self.current_source()
        if source_id is None:
            raise InvalidInput("Choose a source in the navigator, or a quote that has one, first.")
        return source_id

    # -- import and export ----------------------------------------------------------------

    def import_sources(self) -> None:
        from .capture.import_sources import ImportSourcesDialog
        dialog = ImportSourcesDialog(self.lib, self.window)
        dialog.sources_did_import.connect(
            lambda ids: self.window.show_status(f"Imported {count_of(len(ids), 'source')}"))
        dialog.exec()

    def import_references(self) -> None:
        from .import_dialog import ImportDialog
        dialog = ImportDialog(self.lib, self.window)
        # The import dialog writes through the core's import dispatch: re-read everything after it.
        dialog.import_did_finish.connect(lambda report: self.window.show_status(report.summary()))
        dialog.exec()

    def import_from_zotero(self) -> None:
        """Bring a whole Zotero library in, read from a copy of its database, in the background."""
        from .operations.capture import import_from_zotero
        folder = existing_directory(self.window, "Zotero data directory", Path.home() / "Zotero")
        if folder:
            operations.in_background(self.window, import_from_zotero, self.lib, folder, label="Importing from Zotero",
                                     on_success=lambda report: self.window.show_status(report.summary()))

    def export(self) -> None:
        from .export_dialog import ExportDialog
        scope = self.window.scope
        ExportDialog(self.lib, self.window, selected_ids=self.window.selected_ids(), source_id=scope.source_id,
                     tag=scope.tag).exec()

    def backups(self) -> None:
        from .recovery import show_backups
        path = self.lib.path
        restored = show_backups(self.window, path, close_library=self.lib.close)
        if restored is not None or not self.lib.is_open():   # closed for a restore that was then abandoned
            self.menus.switch_to(path)

    # -- quotes and sources ---------------------------------------------------------------

    def copy_citation_of_selection(self) -> None:
        """Copy the selected quotes with in-text citations, rendered in the background: the
        first citation in a style builds that style, which takes a few seconds."""
        ids = self.window.selected_ids()
        style = self.lib.get_setting("citation_style")
        lib = self.lib

        def work(progress):
            progress.update(0, len(ids), "Rendering citations")
            return quotes_as_text(lib, ids, "citation", style)

        def copy(texts):
            set_clipboard(*texts)
            self.window.statusBar().showMessage(f"Copied {count_of(len(ids), 'citation')}", 3000)

        ops.run_in_background(self.window, work, label="Copying citations", on_success=copy)

    def find_quotes_in_source(self) -> None:
        from .capture.review import ReviewDialog
        dialog = ReviewDialog(self.lib, self._need_source(), self.window)
        dialog.quotes_logged.connect(self.after_logging)
        dialog.exec()

    def after_logging(self, quote_ids: list[int]) -> None:
        self.window.show_status(f"Logged {count_of(len(quote_ids), 'quote')}")

    def open_current_source(self) -> None:
        self.menus.open_source_view(self._need_source())

    def edit_speaker(self, speaker_id: int | None) -> None:
        from .editors.speaker_editor import SpeakerEditor
        editor = SpeakerEditor(self.lib, speaker_id, self.window)
        editor.speaker_saved.connect(lambda _id: self.window.show_status("Speaker saved"))
        editor.exec()

    def edit_selected_speaker(self) -> None:
        speaker_id = self.current_speaker()
        if speaker_id is not None:
            self.edit_speaker(speaker_id)

    def edit_source(self, source_id: int | None) -> None:
        from .editors.source_editor import SourceEditor
        editor = SourceEditor(self.lib, source_id, self.window)
        editor.source_saved.connect(lambda _id: self.window.show_status("Source saved"))
        editor.exec()

    def edit_current_source(self) -> None:
        self.edit_source(self._need_source())

    # -- checks ---------------------------------------------------------------------------

    def _checked(self, summary) -> None:
        self.window.show_status(summary_text(summary))

    def check_selected(self) -> None:
        check_in_background(self.window, self.lib, quote_ids=self.window.selected_ids(), on_done=self._checked)

    def check_current_source(self) -> None:
        check_in_background(self.window, self.lib, source_id=self._need_source(), on_done=self._checked)

    def check_library(self) -> None:
        check_in_background(self.window, self.lib, on_done=self._checked)

    def save_report(self) -> None:
        ids = self.window.selected_ids() or None
        path = save_file_name(self.window, "Save check report", Path.home() / "check-report.html",
                              "Web page (*.html);;Markdown (*.md)")
        if not path:
            return
        from ..core.checks.report import save_report
        save_report(self.lib, path, ids)
        self.window.statusBar().showMessage(f"Check report saved to {path}", 5000)
