"""Search matches marked in the quotes list and in the detail pane's words.

The list paints the Words column from HTML in which every character of the quote is escaped,
so a quote holding ``<b>`` or ``<img>`` shows those characters and nothing else. The detail
pane marks matches with a syntax highlighter, which never changes the text being edited.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPainter,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core.highlight import highlighted_html, match_spans

MARK = QColor("#ffe680")
# A row shows one line: a match further in is brought into view, with this much before it.
_LEAD = 30
_SHOWN = 400
_CACHE = 2000


class MatchDelegate(QStyledItemDelegate):
    """Paints a text column with the matches of an FTS5 expression marked; plain without one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.match = ""
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def set_match(self, match: str) -> None:
        if match != self.match:
            self.match = match
            self._spans.clear()

    def spans(self, text: str) -> list[tuple[int, int]]:
        if not self.match or not text:
            return []
        if text not in self._spans:
            if len(self._spans) >= _CACHE:
                self._spans.clear()
            self._spans[text] = match_spans(text, self.match)
        return self._spans[text]

    def html(self, text: str) -> str:
        """The row's text as escaped HTML with its matches marked, from a little before the first."""
        spans = self.spans(text)
        start = max(0, spans[0][0] - _LEAD) if spans else 0
        shown = text[start:start + _SHOWN]
        moved = [(max(0, s - start), min(len(shown), e - start)) for s, e in spans if s - start < len(shown)]
        return ("…" if start else "") + highlighted_html(shown, moved)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if not self.spans(text):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        area: QRect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(opt.font)
        wrap = QTextOption()
        wrap.setWrapMode(QTextOption.WrapMode.NoWrap)
        doc.setDefaultTextOption(wrap)
        doc.setHtml(self.html(text))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.save()
        painter.setClipRect(area)
        painter.translate(area.left(), area.top() + (area.height() - doc.size().height()) / 2)
        doc.documentLayout().draw(painter, context)
        painter.restore()


class MatchHighlighter(QSyntaxHighlighter):
    """Marks the matches of an FTS5 expression in a text document, block by block."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.match = ""
        self.mark = QTextCharFormat()
        self.mark.setBackground(MARK)
        self.mark.setForeground(QColor("#000000"))

    def set_match(self, match: str) -> None:
        if match != self.match:
            self.match = match
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        for start, end in match_spans(text, self.match):
            self.setFormat(start, end - start, self.mark)
