"""The quotes list model: pages rows from SQLite on demand, never the whole table.

The model knows how many quotes match (one ``count``) and reads rows a page at a time with
keyset paging, in the sort order SQL gives. Only a bounded number of pages is kept; a page
far from any seen one is found by :func:`~qtapp.core.query.cursor_at`, which reads only the
sort key. Sorting is done by SQL too (:meth:`sort`): never put a sort proxy over this model.

While a background op holds the library (:func:`qtapp.gui.ops.is_busy`) rows not yet read
show a placeholder; a page that fails to load becomes disabled rows, never an exception.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ...core.dates import display_date, display_moment
from ...core.library import Library
from ...core.query import SORTS, QuoteQuery, QuoteRow, cursor_at
from ...core.quotes import RULE_LABELS, provenance_text
from .. import ops
from .icons import rule_icon, status_icon
from .reader import BackgroundReader

log = logging.getLogger(__name__)

QuoteIdRole = Qt.ItemDataRole.UserRole + 1
QuoteRowRole = Qt.ItemDataRole.UserRole + 2

PAGE_SIZE = 200
MAX_PAGES = 40          # at most 8,000 rows in memory, however far the user scrolls
# With a reader, the GUI thread reads a page itself only when an index finds it at once: the
# first page, or the one after a page already read, of a list whose order an index gives and
# whose filter (if any) an index serves in that order. Every order has an index (m009); a filter
# otherwise walks it probing each row (a rare word sorted by speaker: tens of ms). Anything else,
# a far page whose start must be looked up (up to ~40 ms at a million quotes) and every text
# search, is read on the reader's thread and shows placeholders until it arrives.
INDEXED_SORTS = frozenset(SORTS)
_INDEXED_FILTERS = {"speaker_id": {"said", "created"}, "source_id": {"said", "created"}}
_NOT_FILTERS = frozenset({"sort", "descending", "typing"})
_UNFILTERED = QuoteQuery()
# What a reporter checks first (who, when, may it run) comes before where it came from.
COLUMNS = (
    ("words", "Words"), ("speaker", "Speaker"), ("said", "Date said"), ("rule", "Ground rule"),
    ("status", "Checks"), ("source", "Source"), ("title", "Title at the time"), ("provenance", "Provenance"),
    ("created", "Logged"),
)
STATUS_LABELS = {"ok": "OK", "info": "Note", "warning": "Warning", "blocking": "Blocking", None: "Not checked"}
PLACEHOLDER = "…"
LINE_CHARS = 1000       # of the words shown in the list's one line
TIP_CHARS = 2000        # of the words in the tooltip
_FAILED = object()
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# The roles answered; painting asks for many more (fonts, colours, alignment) ten times a row.
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.AccessibleTextRole, QuoteIdRole, QuoteRowRole))


def provenance_label(row: QuoteRow) -> str:
    """Both facts: 'Second-hand, via El Comercio; translated from Spanish', or 'First-hand'."""
    return provenance_text(row.second_hand, row.via_outlet, row.translated, row.language)


class QuotesModel(QAbstractTableModel):
    """Rows of one :class:`QuoteQuery`, read lazily.

    ``count_changed`` reports the exact total, or -1 while it is being counted. With a
    :class:`~qtapp.gui.models.reader.BackgroundReader`, the first page shows at once and the
    total arrives later (rows are then inserted or removed); until it does, the view pages on
    with ``fetchMore``. Without one, the count is read before the rows.
    """

    count_changed = Signal(int)

    def __init__(self, lib: Library, parent=None, *, reader: BackgroundReader | None = None):
        super().__init__(parent)
        self.lib = lib
        self.reader = reader
        self._query = QuoteQuery()
        self._count = 0
        self._exact = True
        self._pages: OrderedDict[int, list | object] = OrderedDict()
        # page → cursor of its last row; a new dict for each list (the reader's thread fills it too)
        self._cursors: dict[int, tuple] = {}
        self._deferred = False
        self._generation = 0                   # bumped whenever what is listed changes
        self._requested: set[int] = set()      # pages asked of the reader, not yet arrived
        ops.busy_state.changed.connect(self._on_busy_changed)
        self._following_ops = True
        self._start_count(reset=True)

    # -- what is listed -------------------------------------------------------------------

    @property
    def query(self) -> QuoteQuery:
        return self._query

    @property
    def count_is_exact(self) -> bool:
        return self._exact

    def set_query(self, query: QuoteQuery) -> None:
        """List ``query`` instead, in the sort order the user chose by the column headers."""
        self.beginResetModel()
        self._query = replace(query, sort=self._query.sort, descending=self._query.descending)
        self._forget()
        self._start_count(reset=True)
        self.endResetModel()

    def set_library(self, lib: Library, reader: BackgroundReader | None = None) -> None:
        self.lib, self.reader = lib, reader
        self.set_query(QuoteQuery())

    def refresh(self) -> None:
        """Read again after a change; rows stay in place until the new count says otherwise."""
        self._forget()
        before = self._count
        self._start_count(reset=False)
        if self._count != before:
            self.beginResetModel()
            self.endResetModel()
        elif self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def reading_rows(self) -> bool:
        """Whether rows the view asked for are being read in the background."""
        return bool(self._requested)

    def detach(self) -> None:
        """Stop following background ops: the window showing this list has closed."""
        if self._following_ops:
            ops.busy_state.changed.disconnect(self._on_busy_changed)
            self._following_ops = False

    def defer_reading(self, defer: bool) -> None:
        """While True (the scroll bar is being dragged) unread rows show placeholders.

        Dragging through a million rows would otherwise read a page at every position passed.
        """
        self._deferred = defer
        if not defer and self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def quote_id(self, row: int) -> int | None:
        record = self._row(row)
        return record.id if isinstance(record, QuoteRow) else None

    def row_of(self, quote_id: int) -> int | None:
        """The row showing ``quote_id`` among the pages already read, if any."""
        for page, rows in self._pages.items():
            if isinstance(rows, list):
                for i, r in enumerate(rows):
                    if r.id == quote_id:
                        return page * PAGE_SIZE + i
        return None

    # -- Qt model -------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Sort by {COLUMNS[section][1].lower()}"
        return None

    def flags(self, index):
        if not index.isValid() or self._page_state(index.row()) is _FAILED:
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role not in _ROLES:
            return None
        record = self._row(index.row())
        if not isinstance(record, QuoteRow):
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return "(could not be read)" if record is _FAILED else PLACEHOLDER
            return None
        if role == QuoteIdRole:
            return record.id
        if role == QuoteRowRole:
            return record
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DecorationRole:
            if key == "rule":
                return rule_icon(record.rule)
            if key == "status":
                return status_icon(record.check_status)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, key)
        return self._text(record, key)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column][0]
        if key not in SORTS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self._query.sort == key and self._query.descending == descending:
            return
        # Every row now shows another quote: a reset, so no stale selection survives.
        self.beginResetModel()
        self._query = replace(self._query, sort=key, descending=descending)
        self._forget()
        self.endResetModel()

    # -- reading --------------------------------------------------------------------------

    @staticmethod
    def _text(r: QuoteRow, key: str) -> str:
        if key == "words":   # one line shows a few hundred characters at most
            return " ".join(r.words[:LINE_CHARS].split())
        if key == "speaker":
            return r.speaker
        if key == "title":
            return r.title
        if key == "source":
            return r.source
        if key == "said":
            return display_date(r.said)
        if key == "rule":
            label = RULE_LABELS.get(r.rule, r.rule)
            return f"{label}: {r.rule_description}" if r.rule == "background" and r.rule_description else label
        if key == "provenance":
            return provenance_label(r)
        if key == "created":
            return display_moment(r.created_at)
        return STATUS_LABELS.get(r.check_status, r.check_status or "")

    def _tooltip(self, r: QuoteRow, key: str) -> str:
        if key == "words":
            return r.words if len(r.words) <= TIP_CHARS else r.words[:TIP_CHARS] + " …"
        return self._text(r, key) or None

    def _start_count(self, *, reset: bool) -> None:
        """Set a row count now (exact, or an estimate while the reader counts)."""
        if self.reader is None:
            self._count_here()
            return
        self.reader.cancel("count")   # a count still coming for the previous query must not land here
        first = None if ops.is_busy() or not self._reads_here(0) else self._load(0)
        if first is None and not ops.is_busy():
            self._request(0)   # beside the count: the rows show as soon as they are read
        if isinstance(first, list) and len(first) < PAGE_SIZE:
            self._count, self._exact = len(first), True   # one short page: that is all of it
            self.count_changed.emit(self._count)
            return
        if reset:
            self._count = PAGE_SIZE if isinstance(first, list) else 0
        self._exact = False
        self.count_changed.emit(-1)
        query = replace(self._query)
        self.reader.submit("count", lambda lib: lib.quotes.count(query), on_done=self._set_count,
                           on_failed=lambda: self._set_count(self._counted()))

    def _count_here(self) -> None:
        """Count on the window's own connection (no reader, or the reader failed)."""
        self._count = self._counted()
        self._exact = True
        self.count_changed.emit(self._count)

    def _counted(self) -> int:
        try:
            return self.lib.quotes.count(self._query)
        except Exception:  # a broken query must leave an empty list, not a crashed view
            log.exception("counting quotes failed")
            return 0

    def _set_count(self, count: int) -> None:
        """The exact total arrived: add or remove rows at the end to match it."""
        self._exact = True   # first: a view asking for more while the rows go in gets nothing
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            for page in [p for p in self._pages if p * PAGE_SIZE >= count]:
                del self._pages[page]
            self.endRemoveRows()
        self.count_changed.emit(count)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and not self._exact

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt override
        """While the total is being counted, show the next page when the view reaches the end."""
        page = self._count // PAGE_SIZE
        if parent.isValid() or self._exact or ops.is_busy() or not self._reads_here(page):
            return   # (the count will add the rows)
        rows = self._pages.get(page) or self._load(page)
        if not isinstance(rows, list):
            return
        available = page * PAGE_SIZE + len(rows)
        if available > self._count:
            self.beginInsertRows(QModelIndex(), self._count, available - 1)
            self._count = available
            self.endInsertRows()
        if len(rows) < PAGE_SIZE:
            self._exact = True
            self.count_changed.emit(self._count)

    def _forget(self) -> None:
        self._generation += 1
        if self.reader is not None:
            for page in self._requested:
                self.reader.cancel(f"page-{page}")
        self._requested.clear()
        self._pages.clear()
        self._cursors = {}   # not clear(): a read still running for the old list writes to the old one

    def _reads_here(self, page: int) -> bool:
        """Whether the GUI thread may read ``page`` itself (see :data:`INDEXED_SORTS`)."""
        if self.reader is None:
            return True
        if page > 0 and page - 1 not in self._cursors:
            return False   # finding where it starts reads the sort index
        query = self._query
        filters = [k for k, v in vars(query).items() if k not in _NOT_FILTERS and v != getattr(_UNFILTERED, k)]
        return query.sort in INDEXED_SORTS and (
            not filters or (len(filters) == 1 and query.sort in _INDEXED_FILTERS.get(filters[0], ())))

    def _page_state(self, row: int):
        return self._pages.get(row // PAGE_SIZE)

    def _row(self, row: int):
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            if self._deferred or ops.is_busy():
                return None
            if not self._reads_here(page):
                self._request(page)
                return None
            rows = self._load(page)
        else:
            self._pages.move_to_end(page)
        if rows is _FAILED:
            return _FAILED
        offset = row - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else _FAILED

    def _load(self, page: int):
        """Read ``page`` now, on the window's connection."""
        try:
            after = None
            if page > 0:
                after = self._cursors.get(page - 1) or cursor_at(self.lib.db, self._query, page * PAGE_SIZE - 1,
                                                                 total=self._count)
            rows = self.lib.quotes.page(self._query, after=after, limit=PAGE_SIZE)
        except Exception:  # shown as disabled rows; the log keeps the reason
            log.exception("reading page %s of the quotes list failed", page)
            rows = _FAILED
        self._store(page, rows)
        return rows

    def _request(self, page: int) -> None:
        """Ask the reader for ``page``; its rows are shown when they arrive."""
        if page in self._requested:
            return
        self._requested.add(page)
        query, generation, total, cursors = replace(self._query), self._generation, self._count, self._cursors

        def read(lib: Library):
            # The page before may have been read just now, on this thread: then its cursor is
            # known and the start of this one needs no lookup in the sort index.
            after = None if page == 0 else cursors.get(page - 1) or cursor_at(lib.db, query, page * PAGE_SIZE - 1,
                                                                              total=total)
            rows = lib.quotes.page(query, after=after, limit=PAGE_SIZE)
            if rows:
                cursors[page] = rows[-1].cursor
            return rows

        self.reader.submit(f"page-{page}", read, on_done=lambda rows: self._page_arrived(generation, page, rows),
                           on_failed=lambda: self._page_arrived(generation, page, _FAILED), first=True)

    def _page_arrived(self, generation: int, page: int, rows) -> None:
        if generation != self._generation:
            return   # the list changed meanwhile
        self._requested.discard(page)
        self._store(page, rows)
        if page == 0 and not self._exact and isinstance(rows, list):
            self._first_page_counted(len(rows))
        first, last = page * PAGE_SIZE, min(self._count, (page + 1) * PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _first_page_counted(self, length: int) -> None:
        """The first page came before the count: show its rows now, and a short one is all of it."""
        shown = min(length, PAGE_SIZE)
        if shown > self._count:
            self.beginInsertRows(QModelIndex(), self._count, shown - 1)
            self._count = shown
            self.endInsertRows()
        if length < PAGE_SIZE:
            self._set_count(length)

    def _store(self, page: int, rows) -> None:
        self._pages[page] = rows
        if isinstance(rows, list) and rows:
            self._cursors[page] = rows[-1].cursor
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)

    def _on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.refresh()


def ids_at(model: QuotesModel, indexes: list[QModelIndex | QPersistentModelIndex]) -> list[int]:
    """The quote ids under ``indexes``, once each, in order."""
    ids = []
    for index in indexes:
        qid = model.quote_id(index.row())
        if qid is not None and qid not in ids:
            ids.append(qid)
    return ids
