"""The cues of a transcript as a list model: one row per cue, read once, shown on demand.

::

    model = CuesModel(lib, source_id, source.text)
    model.row_at(63.9)              # the cue being said 63.9 s into the recording
    model.row_for_char(1204)        # the cue holding character 1204 of the text
    model.times(row), model.char_span(row)

A 2-hour hearing has some 20,000 cues: they are read with one query into four plain lists
(a few milliseconds), and a row's text is cut from the source text only when a view paints
it, so the view lays out nothing it does not show.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.library import Library
from ...core.transcripts import cue_spans, timestamp
from ..source_view import HIGHLIGHT, HIGHLIGHT_TEXT

Index = QModelIndex | QPersistentModelIndex
TIME_ROLE = Qt.ItemDataRole.UserRole + 1       # (start, end) in seconds


class CuesModel(QAbstractListModel):
    """Rows of ``1:03  words of the cue``, in time order; the :meth:`current` row is highlighted."""

    def __init__(self, lib: Library, source_id: int, text: str, parent=None):
        super().__init__(parent)
        self.text = text
        rows = cue_spans(lib, source_id)
        self._char_start = [r[0] for r in rows]
        self._char_end = [r[1] for r in rows]
        self._time_start = [r[2] for r in rows]
        self._time_end = [r[3] for r in rows]
        # Cues in text order, to find the one holding a character (usually the same order).
        self._by_char = sorted(range(len(rows)), key=self._char_start.__getitem__)
        self._by_char_start = [self._char_start[i] for i in self._by_char]
        self._current: int | None = None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._time_start)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{timestamp(self._time_start[row])}  {self.words(row)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.text[self._char_start[row]:self._char_end[row]].strip()
        if role == TIME_ROLE:
            return self.times(row)
        if row == self._current:
            if role == Qt.ItemDataRole.BackgroundRole:
                return HIGHLIGHT
            if role == Qt.ItemDataRole.ForegroundRole:
                return HIGHLIGHT_TEXT
        return None

    # -- public -----------------------------------------------------------------------------

    def words(self, row: int) -> str:
        """The cue's words on one line (a cue's own line breaks become spaces)."""
        return " ".join(self.text[self._char_start[row]:self._char_end[row]].split())

    def times(self, row: int) -> tuple[float, float]:
        """When the cue was said: (start, end) in seconds."""
        return self._time_start[row], self._time_end[row]

    def char_span(self, row: int) -> tuple[int, int]:
        """Where the cue stands in the source's text: (first character, one past the last)."""
        return self._char_start[row], self._char_end[row]

    def row_at(self, seconds: float) -> int | None:
        """The cue being said at ``seconds``: the last one started by then (None before the first)."""
        row = bisect_right(self._time_start, seconds) - 1
        return row if row >= 0 else None

    def row_for_char(self, offset: int) -> int | None:
        """The cue whose text holds character ``offset`` (None between cues)."""
        k = bisect_right(self._by_char_start, offset) - 1
        if k < 0:
            return None
        row = self._by_char[k]
        return row if offset < self._char_end[row] else None

    def current(self) -> int | None:
        return self._current

    def set_current(self, row: int | None) -> None:
        """Highlight ``row`` (and no other), repainting only the two rows that change."""
        if row == self._current:
            return
        before, self._current = self._current, row
        for changed in (before, row):
            if changed is not None:
                index = self.index(changed)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.BackgroundRole,
                                                     Qt.ItemDataRole.ForegroundRole])
