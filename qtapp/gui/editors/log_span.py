"""The "Log as quote" dialog of the source view: who said the selected words, when, under which rule.

::

    dialog = LogSpanDialog(lib, source, start, end, parent)    # start/end: Python offsets
    if dialog.exec():
        dialog.quote_id                                          # the new quote

The speaker is guessed from the attribution around the span (``qtapp.core.extract``); the
quote keeps the exact span, the source's date, and a transcript's time in the recording.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...core.errors import VerbatimError
from ...core.extract import guess_speaker
from ...core.library import Library
from ...core.quotes import QuoteId
from ...core.sources import Source
from ...core.transcripts import time_for_span
from ..errors import show_error
from ..operations.quotes import log_quote
from .fields import ERROR_STYLE, DateField, RuleField, SpeakerField, SpeakerNotKnown

log = logging.getLogger(__name__)
# How much text around a selection the speaker guess reads: enough for "he said" to find the
# name a few paragraphs up, small enough that Ctrl+L stays instant in a 5 MB transcript.
GUESS_BEFORE, GUESS_AFTER = 4000, 1500


def guess_speaker_name(text: str, start: int, end: int) -> str | None:
    """The speaker the attribution around ``text[start:end]`` names ("…,” Ortega said), if any.

    Only the paragraphs near the span are read, starting at a line break so no paragraph is cut.
    The guess only pre-fills a field, so a text the extractor cannot read means no guess
    (logged for a bug report), never a blocked Ctrl+L.
    """
    lo = max(0, start - GUESS_BEFORE)
    if lo:
        lo = text.find("\n", lo, start) + 1 or lo
    hi = min(len(text), end + GUESS_AFTER)
    newline = text.rfind("\n", end, hi)
    hi = newline if hi < len(text) and newline != -1 else hi
    try:
        return guess_speaker(text[lo:hi], start - lo, end - lo)
    except Exception:   # see the docstring: a failed guess is no guess
        log.exception("speaker guess failed for the span %d-%d", start, end)
        return None


class LogSpanDialog(QDialog):
    """Confirm who said a selected span, when, and under which rule; Enter logs it.

    The speaker is guessed from the text around the span. A guess that is not yet a speaker is
    offered for creation: Enter adds it.
    """

    def __init__(self, lib: Library, source: Source, start: int, end: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib, self.source, self.start, self.end = lib, source, start, end
        self.quote_id: QuoteId | None = None
        self.setWindowTitle("Log as quote")
        self.setAccessibleName("Log as quote")
        # Read-only and scrollable: a selection may be paragraphs long.
        words = QPlainTextEdit(source.text[start:end], self)
        words.setReadOnly(True)
        words.setTabChangesFocus(True)
        words.setAccessibleName("Words")
        words.setMaximumHeight(words.fontMetrics().lineSpacing() * 6 + 12)
        self.speaker = SpeakerField(lib, self)
        self.said = DateField(order=lib.get_setting("date_order"), accessible_name="Date said", parent=self)
        self.said.set_date(source.date)
        self.rule = RuleField(default=lib.get_setting("default_rule"), parent=self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Log quote")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Words", words)
        form.addRow("S&peaker", self.speaker)
        form.addRow("&Date said", self.said)
        form.addRow("&Rule", self.rule)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

        guess = guess_speaker_name(source.text, start, end)
        if guess:
            self.speaker.setText(guess)
            self.message.setText(self.speaker.offer_new())
        self.speaker.setFocus()

    def save(self) -> None:
        """Log the span; stays open with the reason shown when something needs fixing."""
        try:
            fields = {"source_id": self.source.id, "said": self.said.value(), **self.rule.values(),
                      "span_start": self.start, "span_end": self.end}
            timing = time_for_span(self.lib, self.source.id, self.start, self.end)
            if timing is not None:
                fields["time_start"], fields["time_end"] = timing
            speaker_id = self.speaker.resolve()
            self.quote_id = log_quote(self.lib, self.source.text[self.start:self.end], speaker_id, **fields)
        except SpeakerNotKnown as e:
            self.message.setStyleSheet("")
            self.message.setText(str(e))
            return
        except VerbatimError as e:
            show_error(self, e, inline=self._show_error)
            return
        self.accept()

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
