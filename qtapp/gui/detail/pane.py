"""The detail pane: tabs for the selected quote's fields, its history and its checks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from ...core.library import Library
from ..highlight import MatchHighlighter
from .history_view import HistoryView
from .quote_form import QuoteForm
from .recording_bar import RecordingBar

NOTHING_SELECTED = "Select a quote to see and edit it here."


class DetailPane(QTabWidget):
    """Shows one quote; what its tabs change is announced by their operations (:mod:`qtapp.gui.operations`)."""

    quote_link_activated = Signal(int)   # a quote named in the details was clicked

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.quote_id: int | None = None
        self.setAccessibleName("Quote details")
        self.form = QuoteForm(lib, self)
        self.highlighter = MatchHighlighter(self.form.words.document())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.recording = RecordingBar(lib, self.form)   # Play quote, Mark verified: atop the form
        self.form.layout().insertWidget(0, self.recording)
        self.history = HistoryView(lib, self)
        # The findings panel (and the checks behind it) is built when its tab is first opened,
        # which keeps their import out of the time to the first window.
        self.checks = None
        self.checks_tab = QWidget(self)
        self.checks_tab.setLayout(QVBoxLayout())
        self.checks_tab.layout().setContentsMargins(0, 0, 0, 0)
        self.addTab(scroll, "&Quote")
        self.addTab(self.history, "&History")
        self.addTab(self.checks_tab, "Chec&ks")
        self.form.saved.connect(lambda _id: self._refresh_tab())
        self.currentChanged.connect(lambda _i: self._refresh_tab())

    def set_library(self, lib: Library) -> None:
        self.lib = self.form.lib = self.history.lib = self.recording.lib = lib
        self.form.speaker.lib = lib
        self.form.choices_changed()
        if self.checks is not None:
            self.checks.lib = lib
        self.show_quote(None)

    def set_match(self, match: str) -> None:
        """Mark what the search (an FTS5 expression; '' for none) matches in the quote's words."""
        self.highlighter.set_match(match)

    def choices_changed(self) -> None:
        """The library's sources or tags changed (a step, an undo, a drop …)."""
        self.form.choices_changed()
        self.recording.library_changed()

    def show_quote(self, quote_id: int | None, *, in_trash: bool = False) -> None:
        """Show ``quote_id`` (None: nothing selected)."""
        self.quote_id = quote_id
        self.form.show_quote(quote_id, include_trash=in_trash)
        self.form.words.setPlaceholderText("" if quote_id is not None else NOTHING_SELECTED)
        self.form.setEnabled(quote_id is not None and not in_trash)
        self.recording.show_quote(None if in_trash else quote_id)
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        widget = self.currentWidget()
        if widget is self.history:
            self.history.show_quote(self.quote_id)
        elif widget is self.checks_tab:
            self._findings_panel().set_quote(self.quote_id)

    def _findings_panel(self):
        if self.checks is None:
            from ..checks.findings_panel import FindingsPanel
            self.checks = FindingsPanel(self.lib, self.checks_tab)
            self.checks.quote_did_change.connect(self._on_checks_changed_quote)
            self.checks.quote_link_activated.connect(self.quote_link_activated)
            self.checks_tab.layout().addWidget(self.checks)
        return self.checks

    def _on_checks_changed_quote(self, quote_id: int) -> None:
        self.form.show_quote(quote_id)
