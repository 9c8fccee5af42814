"""The navigator tree: All quotes, Speakers, Sources by kind, Tags, saved searches, Needs attention, Trash.

Each selectable item carries the :class:`QuoteQuery` that lists its quotes (``QueryRole``)
and what it is (``KindRole``: all, speaker, source, tag, saved, attention, trash).
"""

from __future__ import annotations

from itertools import groupby

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ...core.library import Library
from ...core.query import QuoteQuery
from ...core.sources import KIND_LABELS
from .quotes_model import said_label

QueryRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
IdRole = Qt.ItemDataRole.UserRole + 3
SearchRole = Qt.ItemDataRole.UserRole + 4


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


class NavigatorModel(QStandardItemModel):
    """The navigator's items, rebuilt from the library by :meth:`reload`."""

    def __init__(self, lib: Library, parent=None):
        super().__init__(parent)
        self.lib = lib

    def reload(self, speaker_filter: str = "") -> None:
        """Rebuild every branch; ``speaker_filter`` keeps speakers whose name or alias matches."""
        self.clear()
        root = self.invisibleRootItem()
        root.appendRow(_item("All quotes", "all", QuoteQuery()))
        speakers = _item("Speakers", "group")
        for sid, name, count in self.lib.speakers.all(speaker_filter):
            speakers.appendRow(_item(_counted(name, count), "speaker", QuoteQuery(speaker_id=sid), sid,
                                     f"{name}: {count:,} quote{'s' if count != 1 else ''}"))
        root.appendRow(speakers)
        sources = _item("Sources", "group")
        rows = sorted(self.lib.sources.all(), key=lambda s: s["kind"])
        for kind, group in groupby(rows, key=lambda s: s["kind"]):
            kind_item = _item(KIND_LABELS.get(kind, kind), "group")
            for s in sorted(group, key=lambda s: (s["date"] or "", s["id"]), reverse=True):
                title = s["title"] or "(untitled)"
                when = said_label(s["date"] or "")
                tooltip = " · ".join(p for p in (title, s["outlet"], when) if p)
                kind_item.appendRow(_item(_counted(title, s["quote_count"]), "source",
                                          QuoteQuery(source_id=s["id"]), s["id"], tooltip))
            sources.appendRow(kind_item)
        root.appendRow(sources)
        tags = _item("Tags", "group")
        for name, count in self.lib.tags.all():
            tags.appendRow(_item(_counted(name, count), "tag", QuoteQuery(tag=name), name))
        root.appendRow(tags)
        saved = _item("Saved searches", "group")
        for entry in self.lib.get_setting("saved_searches") or []:
            item = _item(entry["name"], "saved", QuoteQuery(), entry["name"], entry["text"])
            item.setData(entry["text"], SearchRole)
            saved.appendRow(item)
        root.appendRow(saved)
        attention = QuoteQuery(needs_attention=True)
        root.appendRow(_item(_counted("Needs attention", self.lib.quotes.count(attention)), "attention", attention,
                             tooltip="Quotes whose checks found a warning or a blocking problem"))
        root.appendRow(_item(_counted("Trash", self.lib.quotes.count(QuoteQuery(trash=True))), "trash",
                             QuoteQuery(trash=True), tooltip="Deleted quotes; restore them or empty the trash"))
