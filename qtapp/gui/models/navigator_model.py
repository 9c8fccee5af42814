"""The navigator tree: All quotes, Speakers, Sources by kind, Tags, saved searches, Needs attention, Trash.

Each selectable item carries the :class:`QuoteQuery` that lists its quotes (``QueryRole``)
and what it is (``KindRole``: all, speaker, source, tag, saved, attention, trash).
"""

from __future__ import annotations

from dataclasses import dataclass
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
MAX_SPEAKERS = 5000   # beyond this, the filter box finds the others


def _item(text: str, kind: str, query: QuoteQuery | None = None, item_id=None, tooltip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(kind, KindRole)
    item.setData(query, QueryRole)
    if item_id is not None:
        item.setData(item_id, IdRole)
    item.setToolTip(tooltip or text)
    item.setData(text, Qt.ItemDataRole.AccessibleTextRole)
    if query is None:
        item.setSelectable(False)
    return item


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


class NavigatorModel(QStandardItemModel):
    """The navigator's items, rebuilt by :meth:`reload` (or :meth:`build` from data read elsewhere)."""

    def __init__(self, lib: Library, parent=None):
        super().__init__(parent)
        self.lib = lib

    def reload(self, speaker_filter: str = "") -> None:
        """Read the library and rebuild every branch."""
        self.build(gather(self.lib, speaker_filter))

    def build(self, data: NavigatorData | None) -> None:
        """Rebuild every branch from ``data`` (None: the fixed entries only, while reading)."""
        self.clear()
        root = self.invisibleRootItem()
        root.appendRow(_item("All quotes", "all", QuoteQuery()))
        speakers = _item("Speakers", "group")
        for sid, name, count in data.speakers if data else ():
            speakers.appendRow(_item(_counted(name, count), "speaker", QuoteQuery(speaker_id=sid), sid,
                                     f"{name}: {count_of(count, 'quote')}"))
        root.appendRow(speakers)
        sources = _item("Sources", "group")
        rows = sorted(data.sources if data else (), key=lambda s: s["kind"])
        for kind, group in groupby(rows, key=lambda s: s["kind"]):
            kind_item = _item(KIND_LABELS.get(kind, kind), "group")
            for s in sorted(group, key=lambda s: (s["date"] or "", s["id"]), reverse=True):
                title = s["title"] or "(untitled)"
                when = display_date(s["date"])
                tooltip = " · ".join(p for p in (title, s["outlet"], when) if p)
                kind_item.appendRow(_item(_counted(title, s["quote_count"]), "source",
                                          QuoteQuery(source_id=s["id"]), s["id"], tooltip))
            sources.appendRow(kind_item)
        root.appendRow(sources)
        tags = _item("Tags", "group")
        for name, count in data.tags if data else ():
            tags.appendRow(_item(_counted(name, count), "tag", QuoteQuery(tag=name), name))
        root.appendRow(tags)
        saved = _item("Saved searches", "group")
        for entry in data.saved if data else ():
            item = _item(entry["name"], "saved", QuoteQuery(), entry["name"], entry["text"])
            item.setData(entry["text"], SearchRole)
            saved.appendRow(item)
        root.appendRow(saved)
        attention = "Needs attention" if data is None else _counted("Needs attention", data.attention)
        root.appendRow(_item(attention, "attention", QuoteQuery(needs_attention=True),
                             tooltip="Quotes whose checks found a warning or a blocking problem"))
        trash = "Trash" if data is None else _counted("Trash", data.trash)
        root.appendRow(_item(trash, "trash", QuoteQuery(trash=True),
                             tooltip="Deleted quotes; restore them or empty the trash"))
