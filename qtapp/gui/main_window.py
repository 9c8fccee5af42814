"""The main window: navigator, quotes list with search, and the detail pane.

::

    window = MainWindow(Library("work.verbatim"))
    window.show()

The window holds one library at a time (:meth:`set_library` swaps it). Every change made
from the window ends in :meth:`after_change`, which re-reads the list and the navigator and
renames the Undo and Redo entries after the steps they would reverse. The menus and what
they do live in :mod:`qtapp.gui.main_menus`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..core.fts import fts_query
from ..core.library import Library
from ..core.query import QuoteQuery, speaker_split
from . import ops, settings
from .checks.rechecker import Rechecker
from .detail import DetailPane
from .highlight import MatchDelegate
from .main_menus import MainMenus
from .models.quotes_model import COLUMNS, QuotesModel, ids_at
from .models.reader import BackgroundReader
from .navigator import Navigator
from .search_bar import SearchBar

DROPPABLE = (".txt", ".md")
COLUMN_WIDTHS = {"words": 240, "speaker": 120, "said": 122, "rule": 115, "status": 85, "source": 150,
                 "title": 150, "provenance": 110, "created": 130}


WORDS_COLUMN = next(i for i, (key, _label) in enumerate(COLUMNS) if key == "words")


def combine(scope: QuoteQuery, search: QuoteQuery) -> QuoteQuery:
    """The navigator's choice narrowed by what was typed in the search bar."""
    merged = QuoteQuery(**vars(scope))
    for key, value in vars(search).items():
        if key in ("sort", "descending", "trash", "needs_attention"):
            continue
        if value not in ("", None):
            setattr(merged, key, value)
    return merged


class QuotesTable(QTableView):
    """The quotes list: fixed row height, sorting by header in SQL, several rows selectable."""

    def __init__(self, model: QuotesModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Quotes")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)   # one height: scrolling never measures rows
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        for column, (key, _label) in enumerate(COLUMNS):
            header.resizeSection(column, COLUMN_WIDTHS[key])
        # The list opens newest logged first (the cheapest order), and the header says so.
        logged = next(i for i, (key, _label) in enumerate(COLUMNS) if key == "created")
        header.setSortIndicator(logged, Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)
        bar = self.verticalScrollBar()
        bar.sliderPressed.connect(lambda: model.defer_reading(True))
        bar.sliderReleased.connect(lambda: model.defer_reading(False))


class MainWindow(QMainWindow):
    """Verbatim's window on one library. ``library_did_open`` fires after a swap."""

    library_did_open = Signal(object)

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.setAccessibleName(APP_NAME)
        self.setAcceptDrops(True)
        self.scope = QuoteQuery()
        self.reader = BackgroundReader(lib.path, self, passphrase=lib.passphrase)   # counts and navigator totals, off the GUI thread
        self.navigator = Navigator(lib, self, reader=self.reader)
        self.search = SearchBar(lib, self)
        self.model = QuotesModel(lib, self, reader=self.reader)
        self.table = QuotesTable(self.model, self)
        self.words_delegate = MatchDelegate(self.table)
        self.table.setItemDelegateForColumn(WORDS_COLUMN, self.words_delegate)
        self.detail = DetailPane(lib, self)

        list_area = QWidget(self)
        column = QVBoxLayout(list_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.table)
        self.inner = QSplitter(Qt.Orientation.Horizontal, self)
        self.inner.addWidget(list_area)
        self.inner.addWidget(self.detail)
        self.inner.setStretchFactor(0, 3)
        self.inner.setStretchFactor(1, 2)
        self.outer = QSplitter(Qt.Orientation.Horizontal, self)
        self.outer.addWidget(self.navigator)
        self.outer.addWidget(self.inner)
        self.outer.setStretchFactor(1, 1)
        self.outer.setSizes([220, 1060])
        self.inner.setSizes([680, 380])
        self.setCentralWidget(self.outer)

        self.statusBar().setAccessibleName("Status")
        self.menus = MainMenus(self)
        self.navigator.query_chosen.connect(self._on_scope_chosen)
        self.navigator.search_chosen.connect(self.search.set_text)
        self.navigator.source_opened.connect(self.menus.open_source_view)
        self.search.query_changed.connect(self._on_search)
        self.search.save_requested.connect(self.menus.save_search)
        self.model.count_changed.connect(self.search.show_count)
        self.model.modelReset.connect(self._on_selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.detail.saved.connect(lambda _id: self.after_change())
        self.rechecker = self._new_rechecker(lib)
        self.search.show_count(self.model.rowCount() if self.model.count_is_exact else -1)
        self._show_title()
        self._restore_state()
        self.menus.update_actions()

    # -- the library ----------------------------------------------------------------------

    def set_library(self, lib: Library) -> None:
        """Show ``lib`` instead of the current library, which is closed."""
        self.rechecker.close()
        ops.wait_for_all()
        old, self.lib = self.lib, lib
        self.rechecker = self._new_rechecker(lib)
        self.reader.close()
        self.reader = BackgroundReader(lib.path, self, passphrase=lib.passphrase)
        self.scope = QuoteQuery()
        self.navigator.set_library(lib, self.reader)
        self.search.lib = lib
        self.search.field.clear()
        self.detail.set_library(lib)   # before the list: its reset shows the selection in the details
        self.model.set_library(lib, self.reader)
        self.menus.update_actions()
        self._show_title()
        settings.remember_library(lib.path)
        self.library_did_open.emit(lib)
        if old is not lib:
            old.close()

    def release_library(self) -> None:
        """Close every connection the window holds (its own, the background reader's, the ops'),
        for work that needs the file to itself; :meth:`set_library` then shows it again."""
        self.rechecker.close()   # its own connection, and no re-read of the closed library after
        self.search.cancel_pending()
        self.navigator.cancel_pending()
        ops.wait_for_all()
        self.reader.close()
        self.lib.close()

    # -- selection ------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """Ids of the selected quotes, in list order."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return ids_at(self.model, rows)

    def in_trash(self) -> bool:
        return self.model.query.trash

    def select_quote(self, quote_id: int) -> bool:
        """Select the row of ``quote_id`` if it is listed among the rows read so far."""
        row = self.model.row_of(quote_id)
        if row is None:
            for r in range(min(self.model.rowCount(), 2000)):   # reading the first pages finds recent quotes
                if self.model.quote_id(r) == quote_id:
                    row = r
                    break
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _on_selection_changed(self, *_args) -> None:
        ids = self.selected_ids()
        self.detail.show_quote(ids[0] if len(ids) == 1 else None, in_trash=self.in_trash())
        self.menus.update_actions()

    # -- listing --------------------------------------------------------------------------

    def _on_scope_chosen(self, query: QuoteQuery, label: str) -> None:
        self.scope = query
        self.statusBar().showMessage(label, 4000)
        self._relist()

    def _on_search(self, _query: QuoteQuery) -> None:
        self._relist()

    def _relist(self) -> None:
        query = combine(self.scope, self.search.query())
        self.model.set_query(query)
        self.menus.update_actions()
        match = fts_query(query.text, prefix_last=query.typing, stemmed=True)
        self.words_delegate.set_match(match)
        self.table.viewport().update()
        self.detail.set_match(match)
        self.search.show_split(None)
        if query.text.strip():
            self.reader.submit("speaker split", lambda lib: speaker_split(lib.db, query), on_done=self.search.show_split)

    def after_change(self, message: str = "") -> None:
        """Re-read everything a change may have touched; keep the selection where possible.

        The checks the change made stale are run again in the background; the list is read
        once more when they are done.
        """
        self.rechecker.schedule()
        self._reread(message)

    def _new_rechecker(self, lib: Library) -> Rechecker:
        rechecker = Rechecker(self, lib)
        rechecker.did_recheck.connect(self._on_rechecked)
        rechecker.schedule()   # marks left by another program, or by a session that ended first
        return rechecker

    def _on_rechecked(self, _checked: list[int], blocking: list[int]) -> None:
        count = len(blocking)
        self._reread(f"{count} changed quote{'s' if count != 1 else ''} now block{'s' if count == 1 else ''} "
                     "publication: see Needs attention" if count else "")

    def _reread(self, message: str) -> None:
        selected = self.selected_ids()
        self.model.refresh()
        self.navigator.reload()
        self.detail.choices_changed()
        if len(selected) == 1 and not self.select_quote(selected[0]):
            self.table.clearSelection()
        self._on_selection_changed()
        if message:
            self.statusBar().showMessage(message, 5000)

    # -- window ---------------------------------------------------------------------------

    def _show_title(self) -> None:
        self.setWindowTitle(f"{self.lib.path.name} — {APP_NAME}")
        self.setWindowFilePath(str(self.lib.path))

    def _restore_state(self) -> None:
        geometry, state, splitters = settings.window_state("main", ("outer", "inner"))
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if state is not None:
            self.restoreState(state)
        for name, splitter in (("outer", self.outer), ("inner", self.inner)):
            if splitters[name] is not None:
                splitter.restoreState(splitters[name])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        settings.save_window_state("main", self.saveGeometry(), self.saveState(),
                                   {"outer": self.outer.saveState(), "inner": self.inner.saveState()})
        self.search.cancel_pending()
        self.navigator.cancel_pending()
        self.rechecker.close()
        ops.wait_for_all()
        self.reader.close()
        self.model.detach()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if any(Path(url.toLocalFile()).suffix.lower() in DROPPABLE for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls()]
        self.menus.add_sources_from_files([p for p in paths if p.suffix.lower() in DROPPABLE])
        event.acceptProposedAction()
