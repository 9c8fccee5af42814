"""The main window: navigator, quotes list with search, and the detail pane.

::

    window = MainWindow(Library("work.verbatim"))
    window.show()

The window holds one library at a time (:meth:`set_library` swaps it). Every write is an
operation (:mod:`qtapp.gui.operations`) that announces what kind of record it changed; the
window then re-reads only the parts that show it (:meth:`refresh`) and renames the Undo and
Redo entries after the steps they would reverse. The menus and what they do live in
:mod:`qtapp.gui.main_menus`.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..core.files import DOCUMENT_SUFFIXES
from ..core.fts import fts_query
from ..core.library import Library
from ..core.plural import count_of
from ..core.query import QuoteQuery, speaker_split
from . import columns, ops, settings
from .checks.rechecker import Rechecker
from .detail import DetailPane
from .fit import available_geometry, fit_to_screen, fits_screen
from .highlight import MatchDelegate
from .main_menus import MainMenus
from .models.quotes_model import COLUMNS, QuotesModel, ids_at
from .models.reader import BackgroundReader
from .navigator import Navigator
from .operations import Change, changes
from .quote_links import quote_words
from .search_bar import SearchBar
from .status_line import StatusLine

DEFAULT_SIZE = (1280, 800)
NAVIGATOR_CHARS = 26   # the navigator's width, in average characters
DETAIL_CHARS = 60      # the detail pane's width beside the list, in average characters
WIDE_WORDS_CHARS = 60  # the detail pane goes beside the list only if Words keeps this much


WORDS_COLUMN = next(i for i, (key, _label) in enumerate(COLUMNS) if key == "words")
# What each part of the window shows, by kind of change (the navigator and the details show
# every kind: counts and Needs attention, saved searches, the date order a date is read in).
LIST_SHOWS = Change.RECORDS | Change.FINDINGS     # words, speaker, source, check status
CHOICES_SHOW = Change.QUOTES | Change.SOURCES     # the detail form's source and tag choices
RECHECKED = Change.RECORDS                        # edits that mark checks stale
# A backlog's re-check (an import) reports every 200 quotes; while more are coming the list is
# re-read for them at most this often, so the pages a reporter scrolls to are not thrown away.
RECHECK_SHOWN_EVERY_MS = 1000
# Re-reading the list throws away the rows being read; while some are on their way (a far
# jump), a re-check's results wait for them this long at a time, at most RECHECK_WAITS times.
RECHECK_WAIT_MS, RECHECK_WAITS = 50, 20


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
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._choose_columns)
        columns.apply_widths(self)
        header.sectionResized.connect(self._on_section_resized)
        # The list opens newest logged first (the cheapest order), and the header says so.
        header.setSortIndicator(columns.column_index("created"), Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)
        bar = self.verticalScrollBar()
        bar.sliderPressed.connect(lambda: model.defer_reading(True))
        bar.sliderReleased.connect(lambda: model.defer_reading(False))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        columns.fit_words(self)

    def moveCursor(self, action, modifiers) -> QModelIndex:  # noqa: N802 - Qt override
        """Home and End (Ctrl or not) go to the list's first and last quote, in the Words column:
        a list of quotes has no row ends worth going to, and the words stay in sight."""
        if action not in (self.CursorAction.MoveHome, self.CursorAction.MoveEnd):
            return super().moveCursor(action, modifiers)
        rows = self.model().rowCount()
        if rows == 0:
            return QModelIndex()
        return self.model().index(0 if action == self.CursorAction.MoveHome else rows - 1,
                                  columns.column_index("words"))

    def selectionCommand(self, index, event=None) -> QItemSelectionModel.SelectionFlag:  # noqa: N802 - Qt override
        """Ctrl+Home and Ctrl+End select the quote they go to, as Home and End do (Shift still extends)."""
        if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End) \
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        return super().selectionCommand(index, event)

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != columns.column_index("words"):   # a wider Source leaves Words less room
            columns.fit_words(self)

    def _choose_columns(self, position) -> None:
        """The header's menu: show or hide each column but Words."""
        header = self.horizontalHeader()
        menu = QMenu(self)
        for column, (key, label) in enumerate(COLUMNS):
            if key == "words":
                continue
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: self._show_column(c, shown))
        menu.exec(header.mapToGlobal(position))

    def _show_column(self, column: int, shown: bool) -> None:
        self.horizontalHeader().setSectionHidden(column, not shown)
        columns.fit_words(self)


class MainWindow(QMainWindow):
    """Verbatim's window on one library. ``library_did_open`` fires after a swap."""

    library_did_open = Signal(object)

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.setAccessibleName(APP_NAME)
        self.setAcceptDrops(True)
        self.scope = QuoteQuery()
        # Counts and navigator totals, read off the GUI thread.
        self.reader = BackgroundReader(lib.path, self, passphrase=lib.passphrase)
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
        self.inner.setChildrenCollapsible(False)
        self.outer = QSplitter(Qt.Orientation.Horizontal, self)
        self.outer.addWidget(self.navigator)
        self.outer.addWidget(self.inner)
        self.outer.setChildrenCollapsible(False)
        self.outer.setStretchFactor(0, 0)
        self.outer.setStretchFactor(1, 1)
        self.setCentralWidget(self.outer)

        self.setStatusBar(StatusLine(self))
        self.statusBar().setAccessibleName("Status")
        self.menus = MainMenus(self)
        self.navigator.query_chosen.connect(self._on_scope_chosen)
        self.navigator.search_chosen.connect(self.search.set_text)
        self.navigator.source_opened.connect(self.menus.open_source_view)
        self.navigator.speaker_opened.connect(self.menus.tools.edit_speaker)
        self.search.query_changed.connect(self._on_search)
        self.search.save_requested.connect(self.menus.save_search)
        self.model.count_changed.connect(self.search.show_count)
        self.model.modelReset.connect(self._on_selection_changed)
        self.model.dataChanged.connect(self._check_selection)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._selection_to_check: int | None = None   # the quote a selected row held before a re-read
        changes.did_change.connect(self._on_library_changed)
        self.detail.quote_link_activated.connect(self.show_quote)
        self._recheck_timer = QTimer(self, singleShot=True, timeout=self._show_rechecked)
        self._recheck_shown_at = 0.0     # time.monotonic() when re-check results were last shown
        self._recheck_blocking = 0       # quotes found blocking since then
        self._recheck_waits = 0          # times they have waited for rows on their way
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

    def show_quote(self, quote_id: int) -> None:
        """Select ``quote_id`` in the list, listing all quotes first if the current list lacks it."""
        if self.select_quote(quote_id):
            return
        self.navigator.tree.clearSelection()
        self.scope = QuoteQuery()
        self.search.field.clear()
        self._relist()
        if not self.select_quote(quote_id):
            self.statusBar().showMessage(f"{quote_words(self.lib, quote_id)} is not among the quotes listed.", 5000)

    def _on_selection_changed(self, *_args) -> None:
        ids = self.selected_ids()
        if ids or not self.table.selectionModel().hasSelection():
            self._selection_to_check = None
        elif self._selection_to_check is not None:
            ids = [self._selection_to_check]     # its row is being read again
        self.detail.show_quote(ids[0] if len(ids) == 1 else None, in_trash=self.in_trash())
        self.menus.update_actions()

    def _check_selection(self, *_args) -> None:
        """Rows read again: the selected one still holds its quote, or the quote is looked for."""
        wanted = self._selection_to_check
        if wanted is None:
            return
        ids = self.selected_ids()
        if not ids:
            return    # its page is still on its way
        self._selection_to_check = None
        if ids != [wanted] and not self.select_quote(wanted):
            self.table.clearSelection()

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
            self.reader.submit("speaker split", lambda lib: speaker_split(lib.db, query),
                               on_done=self.search.show_split)

    def _on_library_changed(self, lib: Library, what: Change) -> None:
        if lib is self.lib:
            self.refresh(what)

    def refresh(self, what: Change = Change.ALL, *, message: str = "") -> None:
        """Re-read the parts of the window that show ``what`` changed; keep the selection where possible.

        Changes to quotes, speakers or sources are checked again in the background (their
        stale marks); the list and the navigator are read once more when that is done.
        """
        if what & RECHECKED:
            self.rechecker.schedule()
        selected = self.selected_ids()
        if what & LIST_SHOWS:
            self.model.refresh()
        self.navigator.reload()
        if what & CHOICES_SHOW:
            self.detail.choices_changed()
        if what & LIST_SHOWS and len(selected) == 1 and not self.select_quote(selected[0]):
            if self.table.selectionModel().hasSelection():
                # A row further down than the rows read at once: it keeps its selection until
                # its page, read again in the background, says whether it still holds the quote.
                self._selection_to_check = selected[0]
            else:
                self.table.clearSelection()
        self._on_selection_changed()   # the details again, and the menus (Undo's name)
        self.show_status(message)

    def show_status(self, message: str) -> None:
        """Say in the status bar what a command did ("Delete 3 quotes: moved to the Trash")."""
        if message:
            self.statusBar().showMessage(message, 5000)

    def _new_rechecker(self, lib: Library) -> Rechecker:
        rechecker = Rechecker(self, lib)
        rechecker.did_recheck.connect(self._on_rechecked)
        rechecker.schedule()   # marks left by another program, or by a session that ended first
        return rechecker

    def _on_rechecked(self, _checked: list[int], blocking: list[int]) -> None:
        """Show a re-check's results at once, unless more are coming (a backlog's next chunk) and
        results were shown less than :data:`RECHECK_SHOWN_EVERY_MS` ago: then once that time is
        up, with all that came since."""
        self._recheck_blocking += len(blocking)
        wait_ms = RECHECK_SHOWN_EVERY_MS - (time.monotonic() - self._recheck_shown_at) * 1000
        if wait_ms <= 0 or not self.rechecker.running:
            self._show_rechecked()
        elif not self._recheck_timer.isActive():
            self._recheck_timer.start(int(wait_ms) + 1)

    def _show_rechecked(self) -> None:
        self._recheck_timer.stop()
        if self.model.reading_rows() and self._recheck_waits < RECHECK_WAITS:
            self._recheck_waits += 1
            self._recheck_timer.start(RECHECK_WAIT_MS)
            return
        self._recheck_waits = 0
        count, self._recheck_blocking = self._recheck_blocking, 0
        self._recheck_shown_at = time.monotonic()
        message = (f"{count_of(count, 'changed quote')} now block{'s' if count == 1 else ''} "
                   "publication: see Needs attention" if count else "")
        # The re-check ran on its own connection; the window's may be inside an op's transaction.
        ops.when_idle(lambda: self.refresh(Change.FINDINGS, message=message))

    # -- window ---------------------------------------------------------------------------

    def _show_title(self) -> None:
        self.setWindowTitle(f"{self.lib.path.name} — {APP_NAME}")
        self.setWindowFilePath(str(self.lib.path))

    def _restore_state(self) -> None:
        """Reopen as last closed, unless that no longer fits this screen: then as new."""
        geometry, state, splitters = settings.window_state("main", ("outer", "inner", "header"))
        if geometry is not None:
            self.restoreGeometry(geometry)
        if geometry is None or not fits_screen(self):
            fit_to_screen(self, *DEFAULT_SIZE)
            frame = self.frameGeometry()
            frame.moveCenter(available_geometry(self).center())
            self.move(frame.topLeft())
            splitters = dict.fromkeys(splitters)   # sizes made for another screen
        if state is not None:
            self.restoreState(state)
        self._arrange(force=True)
        for name, splitter in (("outer", self.outer), ("inner", self.inner)):
            if splitters[name] is not None and splitter.restoreState(splitters[name]):
                self._arrange()   # a state saved at another width may hold the other orientation
        header = self.table.horizontalHeader()
        if splitters["header"] is not None and header.restoreState(splitters["header"]):
            # Columns shown, their order and widths come back; the list still opens in its
            # cheapest order, newest logged first, whatever it was sorted by last time.
            header.setSortIndicator(columns.column_index("created"), Qt.SortOrder.DescendingOrder)
            columns.fit_words(self.table)

    def _arrange(self, *, force: bool = False) -> None:
        """Put the details beside the list when Words keeps its room there, else below it."""
        chars = self.fontMetrics().averageCharWidth()
        navigator = max(200, min(chars * NAVIGATOR_CHARS, self.width() // 5))
        detail = chars * DETAIL_CHARS
        beside = self.width() - navigator - detail - 24 - columns.others_width(self.table)
        orientation = Qt.Orientation.Horizontal if beside >= chars * WIDE_WORDS_CHARS else Qt.Orientation.Vertical
        if force:
            self.outer.setSizes([navigator, self.width() - navigator])
        if force or orientation != self.inner.orientation():
            self.inner.setOrientation(orientation)
            # Beside the list, spare width goes to the list (to Words), never to the details;
            # below it, spare height is shared.
            beside_list = orientation == Qt.Orientation.Horizontal
            self.inner.setStretchFactor(0, 1 if beside_list else 3)
            self.inner.setStretchFactor(1, 0 if beside_list else 2)
            rest = self.width() - self.outer.sizes()[0]
            height = self.inner.height() or self.height()
            self.inner.setSizes([rest - detail, detail] if orientation == Qt.Orientation.Horizontal
                                else [height * 11 // 20, height * 9 // 20])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        settings.save_window_state("main", self.saveGeometry(), self.saveState(),
                                   {"outer": self.outer.saveState(), "inner": self.inner.saveState(),
                                    "header": self.table.horizontalHeader().saveState()})
        self.search.cancel_pending()
        self.navigator.cancel_pending()
        self.rechecker.close()
        ops.wait_for_all()
        self.reader.close()
        self.model.detach()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if any(Path(url.toLocalFile()).suffix.lower() in DOCUMENT_SUFFIXES for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls()]
        self.menus.add_sources_from_files([p for p in paths if p.suffix.lower() in DOCUMENT_SUFFIXES])
        event.acceptProposedAction()
