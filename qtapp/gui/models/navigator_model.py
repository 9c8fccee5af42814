"""The navigator tree: All quotes, Speakers, Sources by kind, Tags, saved searches, Needs attention, Trash.

Each selectable item carries the :class:`QuoteQuery` that lists its quotes (``QueryRole``)
and what it is (``KindRole``: all, speaker, source, tag, saved, attention, trash).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ...core.dates import display_date
from ...core.library import Library
from ...core.plural import count_of
from ...core.query import QuoteQuery
from ...core.sources import KIND_LABELS

QueryRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
IdRole = Qt.ItemDataRole.UserRole + 3
SearchRole = Qt.ItemDataRole.UserRole + 4
KeyRole = Qt.ItemDataRole.UserRole + 5
EntryRole = Qt.ItemDataRole.UserRole + 6   # the Entry shown, to pass over what did not change
BATCH = 200           # new items built and inserted at a time
MAX_SPEAKERS = 5000   # beyond this, the filter box finds the others


def _counted(name: str, count: int) -> str:
    return f"{name} ({count:,})"


@dataclass
class NavigatorData:
    """Everything the navigator shows, read in one go (on the reader's thread when there is one)."""

    speakers: list
    sources: list
    tags: list
    saved: list
    attention: int
    trash: int


def gather(lib: Library, speaker_filter: str = "") -> NavigatorData:
    """Read the navigator's contents; ``speaker_filter`` keeps speakers whose name or alias matches."""
    return NavigatorData(lib.speakers.all(speaker_filter, limit=MAX_SPEAKERS), lib.sources.all(), lib.tags.all(),
                         lib.get_setting("saved_searches") or [], lib.quotes.count(QuoteQuery(needs_attention=True)),
                         lib.quotes.count(QuoteQuery(trash=True)))


@dataclass(frozen=True)
class Entry:
    """One item as it should be shown; ``key`` identifies it from one read to the next."""

    key: str
    text: str
    kind: str
    query: QuoteQuery | None = None
    item_id: object = None
    tooltip: str = ""
    search: str | None = None
    children: tuple[Entry, ...] | None = None   # None: not a group


def _group(text: str, children) -> Entry:
    return Entry(f"group:{text}", text, "group", children=tuple(children))


def entries(data: NavigatorData | None) -> list[Entry]:
    """What the tree shows for ``data`` (None: the fixed entries only, while reading).

    Plain Python, so the reader's thread computes it along with the data.
    """
    speakers = [Entry(f"speaker:{sid}", _counted(name, count), "speaker", QuoteQuery(speaker_id=sid), sid,
                      f"{name}: {count_of(count, 'quote')}") for sid, name, count in data.speakers] if data else []
    kinds = []
    rows = sorted(data.sources if data else (), key=lambda s: s["kind"])
    for kind, group in groupby(rows, key=lambda s: s["kind"]):
        sources = []
        for s in sorted(group, key=lambda s: (s["date"] or "", s["id"]), reverse=True):
            title = s["title"] or "(untitled)"
            tooltip = " · ".join(p for p in (title, s["outlet"], display_date(s["date"])) if p)
            sources.append(Entry(f"source:{s['id']}", _counted(title, s["quote_count"]), "source",
                                 QuoteQuery(source_id=s["id"]), s["id"], tooltip))
        kinds.append(_group(KIND_LABELS.get(kind, kind), sources))
    tags = [Entry(f"tag:{name}", _counted(name, count), "tag", QuoteQuery(tag=name), name)
            for name, count in data.tags] if data else []
    saved = [Entry(f"saved:{e['name']}", e["name"], "saved", QuoteQuery(), e["name"], e["text"], search=e["text"])
             for e in data.saved] if data else []
    return [
        Entry("all", "All quotes", "all", QuoteQuery()),
        _group("Speakers", speakers), _group("Sources", kinds), _group("Tags", tags),
        _group("Saved searches", saved),
        Entry("attention", "Needs attention" if data is None else _counted("Needs attention", data.attention),
              "attention", QuoteQuery(needs_attention=True),
              tooltip="Quotes whose checks found a warning or a blocking problem"),
        Entry("trash", "Trash" if data is None else _counted("Trash", data.trash), "trash",
              QuoteQuery(trash=True), tooltip="Deleted quotes; restore them or empty the trash"),
    ]


def _item(entry: Entry) -> QStandardItem:
    item = QStandardItem(entry.text)
    item.setEditable(False)
    item.setData(entry.key, KeyRole)
    if entry.children is None:
        item.setData(entry, EntryRole)   # a group's, once its children are in (NavigatorModel._sync)
    item.setData(entry.kind, KindRole)
    item.setData(entry.query, QueryRole)
    if entry.item_id is not None:
        item.setData(entry.item_id, IdRole)
    if entry.search is not None:
        item.setData(entry.search, SearchRole)
    item.setToolTip(entry.tooltip or entry.text)
    item.setData(entry.text, Qt.ItemDataRole.AccessibleTextRole)
    if entry.query is None:
        item.setSelectable(False)
    return item


class NavigatorModel(QStandardItemModel):
    """The navigator's items. :meth:`update` changes only the items that differ from what is
    wanted, so the tree keeps its selection and scroll position and a small change costs little."""

    def __init__(self, lib: Library, parent=None):
        super().__init__(parent)
        self.lib = lib

    def reload(self, speaker_filter: str = "") -> None:
        """Read the library and bring every branch up to date, at once."""
        for _ in self.update(entries(gather(self.lib, speaker_filter))):
            pass

    def update(self, wanted: list[Entry]) -> Iterator[int]:
        """Make the tree show ``wanted``; a generator yielding after each batch of new items (the
        number built), so a caller can spread a big first build over several turns of the event loop."""
        yield from self._sync(self.invisibleRootItem(), wanted)

    def _sync(self, parent: QStandardItem, wanted: list[Entry] | tuple[Entry, ...]) -> Iterator[int]:
        have = [parent.child(r).data(KeyRole) for r in range(parent.rowCount())]
        keys = [e.key for e in wanted]
        steps = [("equal", 0, len(have), 0, len(keys))] if have == keys else \
            SequenceMatcher(None, have, keys, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(steps):   # from the end: earlier rows keep their numbers
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    yield from self._refresh(parent.child(i), wanted[j])
                continue
            if i2 > i1:
                parent.removeRows(i1, i2 - i1)
            for start in range(j1, j2, BATCH):
                batch = wanted[start:min(j2, start + BATCH)]
                row = i1 + start - j1
                parent.insertRows(row, [_item(e) for e in batch])
                yield len(batch)
                for offset, entry in enumerate(batch):
                    if entry.children is not None:
                        yield from self._refresh(parent.child(row + offset), entry)

    def _refresh(self, item: QStandardItem, entry: Entry) -> Iterator[int]:
        shown = item.data(EntryRole)
        if shown == entry:
            return   # a whole branch unchanged is passed over at once
        if item.text() != entry.text:
            item.setText(entry.text)
            item.setData(entry.text, Qt.ItemDataRole.AccessibleTextRole)
        if item.toolTip() != (entry.tooltip or entry.text):
            item.setToolTip(entry.tooltip or entry.text)
        if entry.search is not None and item.data(SearchRole) != entry.search:
            item.setData(entry.search, SearchRole)
        if entry.children is not None:
            yield from self._sync(item, entry.children)
        item.setData(entry, EntryRole)
