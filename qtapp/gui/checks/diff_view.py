"""The quote and the source's passage side by side, with the changed words marked."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QGridLayout, QLabel, QTextBrowser, QWidget

# Marked words: struck through where the quote differs, underlined in the source.
_QUOTE_MARK = '<span style="background:#f6c6c6;text-decoration:line-through">{}</span>'
_SOURCE_MARK = '<span style="background:#c9ecc9;font-weight:bold">{}</span>'


def marked_html(text: str, spans: list[tuple[int, int]], mark: str) -> str:
    """``text`` as HTML with each span wrapped in ``mark``; an empty span shows a caret where words are missing."""
    out, at = [], 0
    for start, end in sorted(spans):
        start, end = max(start, at), max(end, at)
        out.append(html.escape(text[at:start]))
        out.append(mark.format(html.escape(text[start:end]) if end > start else "‸"))
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


class SideBySideDiff(QWidget):
    """Two read-only panes: the quote as logged, and what the source says."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.quote_view = QTextBrowser(self)
        self.source_view = QTextBrowser(self)
        for view, name in ((self.quote_view, "The quote"), (self.source_view, "The source says")):
            view.setAccessibleName(name)
            view.setOpenLinks(False)
        layout.addWidget(QLabel("The quote", self), 0, 0)
        layout.addWidget(QLabel("The source says", self), 0, 1)
        layout.addWidget(self.quote_view, 1, 0)
        layout.addWidget(self.source_view, 1, 1)

    def show_diff(self, words: str, passage: str, passage_start: int, changes: list[dict]) -> None:
        """Show ``words`` against ``passage``; change spans are offsets into the words and the source."""
        quote_spans = [tuple(c["quote_span"]) for c in changes]
        source_spans = [(c["source_span"][0] - passage_start, c["source_span"][1] - passage_start) for c in changes]
        self.quote_view.setHtml(marked_html(words, quote_spans, _QUOTE_MARK))
        self.source_view.setHtml(marked_html(passage, source_spans, _SOURCE_MARK))
