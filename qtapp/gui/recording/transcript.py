"""The transcript beside the player: its cues as a list that follows playback.

::

    view = TranscriptView(CuesModel(lib, source_id, text))
    player.position_changed.connect(view.follow)     # highlight and show the cue being said
    view.seek_requested.connect(player.seek)         # a click (or Enter) on a cue goes there
    view.selected_span()                             # (first char, one past the last) of the selected cues

A QListView with one fixed row height over :class:`CuesModel`: opening 20,000 cues lays out
only the rows on screen (bench/bench_player.py).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView, QWidget

from .cues import CuesModel


class TranscriptView(QListView):
    """Cues, one a line; the cue being said is highlighted and kept in view."""

    seek_requested = Signal(float)

    def __init__(self, model: CuesModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Transcript")
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setModel(model)
        self.cues = model
        self.clicked.connect(self._on_clicked)
        self.activated.connect(self._seek_to)

    def follow(self, seconds: float) -> None:
        """Highlight the cue being said at ``seconds`` and scroll it into view."""
        row = self.cues.row_at(seconds)
        if row == self.cues.current():
            return
        self.cues.set_current(row)
        if row is not None:
            self.scrollTo(self.cues.index(row), QAbstractItemView.ScrollHint.EnsureVisible)

    def selected_span(self) -> tuple[int, int] | None:
        """The text the selected cues hold, from the first one's start to the last one's end."""
        rows = [index.row() for index in self.selectionModel().selectedRows()]
        if not rows:
            return None
        spans = [self.cues.char_span(row) for row in rows]
        return min(s for s, _ in spans), max(e for _, e in spans)

    def _on_clicked(self, index: QModelIndex) -> None:
        # Shift- and Ctrl-clicks extend the selection for "Log as quote"; only a plain click seeks.
        if QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
            self._seek_to(index)

    def _seek_to(self, index: QModelIndex) -> None:
        if index.isValid():
            self.seek_requested.emit(self.cues.times(index.row())[0])
