"""The "Checks" tab of the detail pane: a quote's findings, acknowledgements and the diff.

::

    panel = FindingsPanel(lib)
    panel.set_quote(quote_id)
    panel.quote_did_change.connect(window.refresh_quote)   # after "Use the source's words" or "Check again"

Every action is one operation (:mod:`qtapp.gui.operations`): checking again (on the worker
thread), accepting a finding and an undoable edit of the words, whose stale checks the window's
re-check runs. Errors go to :func:`qtapp.gui.errors.show_error`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.checks import CHECK_LABELS, findings_for, is_stale
from ...core.errors import VerbatimError
from ...core.extract.accept import evidence_summary
from ...core.library import Library
from ...core.transcripts import cue_words, timestamp
from ..errors import show_error
from ..operations import in_background
from ..operations.checks import accept_finding
from ..operations.checks import check_again as check_quotes_again
from ..operations.quotes import save_quote
from ..ops import busy_state, is_busy
from ..quote_links import QUOTE_ID, linked, plain, quote_link_id
from .diff_view import SideBySideDiff

STATUS_TEXT = {
    "blocking": "Blocks publication", "warning": "Needs a look", "info": "Notes only",
    "ok": "No problems found", None: "Not checked yet",
}
_SEVERITY_COLOURS = {"blocking": "#a00000", "warning": "#9a5b00", "info": "#555555"}
FINDING_ID = Qt.ItemDataRole.UserRole
MESSAGE = Qt.ItemDataRole.UserRole + 2   # the stored message, whose quote ids become links


def ask_reason(parent: QWidget, message: str) -> str | None:
    """Ask why a finding may be accepted; None when the user cancels. (Tests replace this.)"""
    text, ok = QInputDialog.getText(parent, "Accept this finding", f"{message}\n\nWhy can it be accepted?")
    return text if ok else None


class FindingsPanel(QWidget):
    """Shows the stored findings of one quote; ``quote_did_change`` fires when its words or checks change."""

    quote_did_change = Signal(int)
    quote_link_activated = Signal(int)   # another quote a finding names was clicked

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.quote_id: int | None = None
        self._altered = None
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.evidence = QLabel(self)
        self.evidence.setAccessibleName("Attribution evidence")
        self.evidence.setWordWrap(True)
        self.evidence.setTextFormat(Qt.TextFormat.PlainText)
        self.transcript = QLabel(self)   # the quote's words beside the transcript's, for a quote with a time
        self.transcript.setAccessibleName("Quote and transcript cue")
        self.transcript.setWordWrap(True)
        self.transcript.setTextFormat(Qt.TextFormat.PlainText)
        self.recheck = QPushButton("Check &again", self)
        self.findings = QListWidget(self)
        self.findings.setAccessibleName("Findings")
        self.findings.setWordWrap(True)
        self.related = QLabel(self)   # the selected finding's other quote, as a link that selects it
        self.related.setAccessibleName("Other quote named by this finding")
        self.related.setWordWrap(True)
        self.related.linkActivated.connect(self._on_link)
        self.accept = QPushButton("&Accept with a reason…", self)
        self.diff = SideBySideDiff(self)
        self.use_source = QPushButton("&Use the source's words", self)
        self.use_source.setToolTip("Replace the quote's words with the source's passage (undoable)")

        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.recheck)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.evidence)
        layout.addWidget(self.transcript)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.related)
        layout.addWidget(self.accept, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.diff, 1)
        layout.addWidget(self.use_source, 0, Qt.AlignmentFlag.AlignLeft)

        self.recheck.clicked.connect(self.check_again)
        self.accept.clicked.connect(self.accept_selected)
        self.use_source.clicked.connect(self.use_source_words)
        self.findings.currentItemChanged.connect(lambda *_: self._update_buttons())
        # While a background op holds the library, wait; show the quote again when it is done.
        busy_state.changed.connect(self._on_busy_changed)
        self.set_quote(None)

    # The detail pane calls show_quote; set_quote is the same.
    def set_quote(self, quote_id: int | None) -> None:
        """Show the findings of ``quote_id`` (None: nothing selected)."""
        self.quote_id = quote_id
        self.refresh()

    show_quote = set_quote

    def _on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.refresh()

    def refresh(self) -> None:
        self.findings.clear()
        self.evidence.clear()
        self.transcript.hide()
        self._altered = None
        if is_busy():
            self.status.setText("Checking… the findings appear when the work in progress ends.")
            self._show_diff(False)
            self.recheck.setEnabled(False)
            self._update_buttons()
            return
        if self.quote_id is None:
            self.status.setText("Select a quote to see its checks.")
            self._show_diff(False)
            self.recheck.setEnabled(False)
            self._update_buttons()
            return
        try:
            quote = self.lib.quotes.get(self.quote_id, include_trash=True)
            findings = findings_for(self.lib, self.quote_id)
            stale = is_stale(self.lib, self.quote_id)
        except VerbatimError as e:
            self.status.setText(str(e))
            self._show_diff(False)
            return
        self.recheck.setEnabled(True)
        status = f"<b>{STATUS_TEXT.get(quote.check_status, quote.check_status)}</b>"
        if stale:
            status += " (changed since: checking again…)"
        self.status.setText(status)
        # What the source said of who spoke, as read when the quote was accepted from it.
        self.evidence.setText(evidence_summary(quote.attribution_evidence))
        self.evidence.setVisible(bool(quote.attribution_evidence))
        self._show_transcript(quote)
        for f in findings:
            self.findings.addItem(self._item(f))
            if f.code == "altered" and self._altered is None:
                self._altered = f
        if self._altered is not None:
            detail = self._altered.detail
            self.diff.show_diff(quote.words, detail.get("passage", ""), self._altered.span[0],
                                detail.get("changes", []))
        self._show_diff(self._altered is not None)
        if self.findings.count():
            self.findings.setCurrentRow(0)
        self._update_buttons()

    def _show_transcript(self, quote) -> None:
        """Beside a quote with a time, the cues said then, as the transcript has them."""
        if quote.time_start is None or quote.source_id is None:
            return
        said = cue_words(self.lib, quote.source_id, quote.time_start, quote.time_end)
        if said:
            when = timestamp(quote.time_start) + (f"–{timestamp(quote.time_end)}" if quote.time_end else "")
            self.transcript.setText(f"Quote: “{quote.words}”\nTranscript at {when}: {said}")
            self.transcript.show()

    def _item(self, f) -> QListWidgetItem:
        label = CHECK_LABELS.get(f.check, f.check)
        text = f"{f.severity.capitalize()} · {label}: {plain(self.lib, f.message)}"
        if f.acknowledged_at:
            text += f"\nAccepted: {f.acknowledged_reason}"
        item = QListWidgetItem(text)
        item.setData(FINDING_ID, f.id)
        item.setData(MESSAGE, f.message)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        colour = "#888888" if f.acknowledged_at else _SEVERITY_COLOURS.get(f.severity, "#000000")
        item.setForeground(QBrush(QColor(colour)))
        item.setData(Qt.ItemDataRole.UserRole + 1, bool(f.acknowledged_at))
        return item

    def _show_diff(self, visible: bool) -> None:
        self.diff.setVisible(visible)
        self.use_source.setVisible(visible)

    def _update_buttons(self) -> None:
        item = self.findings.currentItem()
        message = item.data(MESSAGE) if item is not None else ""
        self.related.setText(linked(self.lib, message) if QUOTE_ID.search(message or "") else "")
        self.related.setVisible(bool(self.related.text()))
        self.accept.setEnabled(item is not None and not item.data(Qt.ItemDataRole.UserRole + 1))

    def _on_link(self, href: str) -> None:
        quote_id = quote_link_id(href)
        if quote_id is not None:
            self.quote_link_activated.emit(quote_id)

    def check_again(self) -> None:
        """Check this quote again on the worker thread, then show the result here and in the list."""
        if self.quote_id is None:
            return
        quote_id = self.quote_id
        try:
            in_background(self, check_quotes_again, self.lib, [quote_id], label="Checking the quote",
                          on_success=lambda _result: self.quote_did_change.emit(quote_id))
        except VerbatimError as e:
            show_error(self, e)
            return
        self.recheck.setEnabled(False)

    def accept_selected(self) -> None:
        """Acknowledge the selected finding with a reason the user types."""
        item = self.findings.currentItem()
        if item is None:
            return
        reason = ask_reason(self, item.text())
        if reason is None:
            return
        try:
            accept_finding(self.lib, item.data(FINDING_ID), reason)
        except VerbatimError as e:
            show_error(self, e)
            return
        self.refresh()

    def use_source_words(self) -> None:
        """Replace the quote's words with the source's passage, as an undoable edit, and check again."""
        if self.quote_id is None or self._altered is None:
            return
        passage, quote_id = self._altered.detail.get("passage", ""), self.quote_id
        try:
            save_quote(self.lib, quote_id, words=passage)   # marks its checks for the window's re-check
        except VerbatimError as e:
            show_error(self, e)
            return
        self.refresh()
        self.quote_did_change.emit(quote_id)   # the window's re-read may have cleared this panel meanwhile
