"""The navigator: where to look (all quotes, a speaker, a source, a tag, the trash …).

Typing in its filter box narrows the speakers by name or alias. Choosing an item emits
``query_chosen`` with the :class:`QuoteQuery` to list; a saved search emits ``search_chosen``
with its text; double-clicking (or Enter on) a source emits ``source_opened``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from ..core.library import Library
from .models.navigator_model import (
    Entry,
    IdRole,
    KeyRole,
    KindRole,
    NavigatorModel,
    QueryRole,
    SearchRole,
    entries,
    gather,
)
from .models.reader import BackgroundReader

FILTER_DELAY_MS = 150
SLICE_MS = 30   # the longest the tree's update holds the event loop at a time


class Navigator(QWidget):
    """The left-hand tree with its speaker filter."""

    query_chosen = Signal(object, str)     # QuoteQuery, label ("Speakers › Ana Ruiz")
    search_chosen = Signal(str)            # a saved search's text
    source_opened = Signal(int)            # source id
    speaker_opened = Signal(int)           # speaker id (double-clicked, to edit)

    def __init__(self, lib: Library, parent: QWidget | None = None, *, reader: BackgroundReader | None = None):
        super().__init__(parent)
        self.reader = reader
        self.model = NavigatorModel(lib, self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter speakers by name or alias")
        self.filter.setAccessibleName("Filter speakers")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeView(self)
        self.tree.setAccessibleName("Navigator")
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self._timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(self._timer.start)
        self.tree.activated.connect(self._on_activated)
        self.tree.doubleClicked.connect(self._on_double_clicked)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self._steps: Iterator[int] | None = None      # an update being applied
        self._then_choose_speaker = False
        self._kept: tuple[str, object] | None = None  # the choice to keep through the update
        self._expanded: set[str] = set()              # groups opened once already
        self.reload()

    def set_library(self, lib: Library, reader: BackgroundReader | None = None) -> None:
        self.model.lib, self.reader = lib, reader
        self.filter.clear()
        self.reload()

    def cancel_pending(self) -> None:
        """Forget a filter still waiting for the typing to pause, and an update still being
        applied (the window is closing)."""
        self._timer.stop()
        self._steps = None

    def reload(self) -> None:
        """Re-read counts and names, keeping the current choice selected.

        With a reader the window does not wait: the items that changed are updated when the
        data arrives, a big first build a batch per turn of the event loop.
        """
        self._read(then_choose_speaker=False)

    def is_updating(self) -> bool:
        """True while read data is still being put into the tree."""
        return self._steps is not None

    def _read(self, *, then_choose_speaker: bool) -> None:
        text = self.filter.text()
        if self.reader is None:
            self._show(entries(gather(self.model.lib, text)), then_choose_speaker, at_once=True)
            return
        if not self.model.rowCount():
            self._show(entries(None), False)   # the fixed entries at once, the rest when read
        self.reader.submit("navigator", lambda lib: entries(gather(lib, text)),
                           on_done=lambda wanted: self._show(wanted, then_choose_speaker),
                           on_failed=lambda: self._show(entries(gather(self.model.lib, text)), then_choose_speaker))

    def _show(self, wanted: list[Entry], then_choose_speaker: bool, *, at_once: bool = False) -> None:
        self._steps = self.model.update(wanted)
        self._then_choose_speaker = then_choose_speaker
        if self._kept is None:
            self._kept = self.current_key()
        self._continue(at_once)

    def _continue(self, at_once: bool = False) -> None:
        """Apply the update for up to :data:`SLICE_MS`, then let the event loop run and go on."""
        if self._steps is None:
            return
        deadline = time.perf_counter() + SLICE_MS / 1000
        # Rows removed under the current item move it; none of those passing items is a choice.
        self.tree.selectionModel().blockSignals(True)
        try:
            for _ in self._steps:
                if not at_once and time.perf_counter() > deadline:
                    QTimer.singleShot(0, self._continue)
                    return
        finally:
            self.tree.selectionModel().blockSignals(False)
        self._steps = None
        self._finish()

    def _finish(self) -> None:
        kept, self._kept = self._kept, None
        for index in self._groups():
            key = index.data(KeyRole)
            if key not in self._expanded:   # new groups open; those the user closed stay closed
                self._expanded.add(key)
                self.tree.expand(index)
        if self._then_choose_speaker:
            speakers = self._find("group", None, "group:Speakers")
            if speakers.isValid() and self.model.rowCount(speakers):
                self.tree.setCurrentIndex(self.model.index(0, 0, speakers))
                return
        if self.current_key() != kept and not self.select(*kept):
            self.select("all", None)

    def _groups(self) -> list[QModelIndex]:
        """The groups: those at the top, and the kinds of source inside Sources."""
        top = [self.model.index(r, 0) for r in range(self.model.rowCount())]
        top = [i for i in top if i.data(KindRole) == "group"]
        sources = next((i for i in top if i.data(KeyRole) == "group:Sources"), QModelIndex())
        return top + [self.model.index(r, 0, sources) for r in range(self.model.rowCount(sources))]

    def current_key(self) -> tuple[str, object]:
        index = self.tree.currentIndex()
        return (index.data(KindRole), index.data(IdRole)) if index.isValid() else ("all", None)

    def select(self, kind: str, item_id=None) -> bool:
        """Make the item of that kind and id current (without emitting); False if absent."""
        index = self._find(kind, item_id)
        if not index.isValid():
            return False
        self.tree.selectionModel().blockSignals(True)
        self.tree.setCurrentIndex(index)
        self.tree.selectionModel().blockSignals(False)
        self.tree.scrollTo(index)
        if self._kept is not None:   # during an update: this is now the choice to keep
            self._kept = self.current_key()
        return True

    def choose(self, kind: str, item_id=None) -> bool:
        """Select the item and list its quotes, as a click would."""
        if not self.select(kind, item_id):
            return False
        self._on_activated(self.tree.currentIndex())
        return True

    def _find(self, kind: str, item_id, key: str | None = None) -> QModelIndex:
        stack = [self.model.index(r, 0) for r in range(self.model.rowCount())]
        while stack:
            index = stack.pop(0)
            if index.data(KindRole) == kind and (item_id is None or index.data(IdRole) == item_id) \
                    and (key is None or index.data(KeyRole) == key):
                return index
            stack.extend(self.model.index(r, 0, index) for r in range(self.model.rowCount(index)))
        return QModelIndex()

    def _apply_filter(self) -> None:
        self._read(then_choose_speaker=bool(self.filter.text().strip()))

    def _on_current_changed(self, current: QModelIndex, _previous=None) -> None:
        if self._kept is not None:   # chosen while an update is being applied: keep this one
            self._kept = self.current_key()
        self._on_activated(current)

    def _on_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        kind = index.data(KindRole)
        if kind == "saved":
            self.search_chosen.emit(index.data(SearchRole))
        elif index.data(QueryRole) is not None:
            self.query_chosen.emit(index.data(QueryRole), self._label(index))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.data(KindRole) == "source":
            self.source_opened.emit(index.data(IdRole))
        elif index.data(KindRole) == "speaker":
            self.speaker_opened.emit(index.data(IdRole))

    def _label(self, index: QModelIndex) -> str:
        parts = []
        while index.isValid():
            parts.insert(0, index.data(Qt.ItemDataRole.AccessibleTextRole) or index.data())
            index = index.parent()
        return " › ".join(parts)
