"""The review screen: a source's text with the proposed quotes highlighted, to accept or reject.

::

    dialog = ReviewDialog(lib, source_id, parent=window)
    dialog.quotes_logged.connect(window.refresh)
    dialog.open()

Words already logged from this source are shown as such ("=") and cannot be accepted again,
so running Find Quotes a second time proposes only what is new. A transcript with timed cues
is read by :func:`qtapp.core.speaker_labels.transcript_proposals`: each labelled turn ("Speaker 1",
a library speaker's name or alias) is proposed with its speaker, and logs with its time.

Nothing is logged until the reporter presses "Log accepted quotes"; then every accepted quote,
with its span and the source's date, and every new speaker (with the aliases the text used)
is written as one undoable step. Each proposal can be accepted, rejected, given another
speaker or another span (select the words in the text, then "Use selection"). The provenance
the source suggests is proposed too: second-hand via the outlet a cue names ("told El
Comercio"), translated from a language a cue names or the outlet publishes in; the reporter
may change either, and accepting stores both with the quote, with the attribution evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import Interrupted, InvalidInput, VerbatimError
from ...core.extract import Accepted, Evidence, Proposal, extract_quotes, known_speakers_of, mark_logged
from ...core.extract.accept import Provenance, proposed_provenance
from ...core.library import Library
from ...core.plural import count_of
from ...core.quotes import QuoteId
from ...core.speaker_labels import transcript_proposals
from ...core.transcripts import has_cues
from ..errors import show_error
from ..fit import fit_column, fit_to_screen
from ..operations.capture import log_found_quotes
from ..ops import run_in_background
from ..source_view import TextOffsets, display_text

PENDING, ACCEPTED, REJECTED, LOGGED = "pending", "accepted", "rejected", "logged"
STATE_LABELS = {PENDING: "?", ACCEPTED: "✓", REJECTED: "✗", LOGGED: "="}
COLOURS = {PENDING: QColor("#ffe58a"), ACCEPTED: QColor("#b7e4b0"), REJECTED: QColor("#e0e0e0"),
           LOGGED: QColor("#cfe0f3")}
CURRENT_OUTLINE = QColor("#1f5fbf")
COL_STATE, COL_SPEAKER, COL_CONFIDENCE, COL_PROVENANCE, COL_WORDS = range(5)
# Texts longer than this (a long transcript) are read on the worker thread, with Cancel.
RUN_IN_BACKGROUND_OVER = 200_000


NO_PROVENANCE = Provenance("", False, "")


@dataclass
class ReviewItem:
    """One proposal as the reporter has left it: state, span and speaker."""

    start: int
    end: int
    speaker: str
    confidence: float
    speaker_id: int | None = None
    aliases: list[str] = field(default_factory=list)
    state: str = PENDING
    logged_id: int | None = None
    via_outlet: str = ""                 # second-hand, via this outlet ('' : first-hand)
    translated: bool = False             # a translation, from ``language`` (which may still be unknown)
    language: str = ""
    evidence: Evidence | None = None     # the engine's reading of this span (dropped when the span moves)

    @classmethod
    def from_proposal(cls, p: Proposal, provenance: Provenance = NO_PROVENANCE) -> ReviewItem:
        return cls(p.start, p.end, p.speaker or "", p.confidence, p.speaker_id, list(p.aliases),
                   LOGGED if p.logged_id is not None else PENDING, p.logged_id, *provenance, p.evidence)

    def provenance_text(self) -> str:
        """'via El Comercio · from Spanish', as the table's column shows it."""
        translated = (f"from {self.language}" if self.language else "translated") if self.translated else ""
        return " · ".join(p for p in (f"via {self.via_outlet}" if self.via_outlet else "", translated) if p)


class ReviewDialog(QDialog):
    """Review the quotes found in one source; log the accepted ones as one undoable step."""

    quotes_logged = Signal(list)      # the new quote ids

    def __init__(self, lib: Library, source_id: int, parent: QWidget | None = None, *,
                 proposals: list[Proposal] | None = None):
        super().__init__(parent)
        self.lib = lib
        self.source = lib.sources.get(source_id)
        self.text = self.source.text
        self._offsets = TextOffsets(self.text)
        self._speaker_names = [name for _, name, _ in lib.speakers.all(limit=5000)]
        self.items: list[ReviewItem] = []
        self.setWindowTitle(f"Review quotes — {self.source.title or 'source'}")
        fit_to_screen(self, 1100, 700)
        self._build()
        # A role named without a name ("the harbour master") is the speaker holding it that day.
        known = known_speakers_of(lib, on=self.source.date.iso if self.source.date else None)
        if has_cues(lib, source_id):   # a transcript: each labelled turn is proposed, with its speaker and time
            find = lambda: transcript_proposals(lib, source_id)   # noqa: E731
        else:
            find = lambda: extract_quotes(self.text, known)   # noqa: E731
        if proposals is not None:
            self.set_proposals(proposals)
        elif len(self.text) > RUN_IN_BACKGROUND_OVER:
            self.summary.setText("Finding quotes…")
            self.log_button.setEnabled(False)
            run_in_background(self, lambda progress: find(),
                              label="Finding quotes", on_success=self.set_proposals,
                              on_failure=self._extraction_failed)
        else:
            self.set_proposals(find())

    def set_proposals(self, proposals: list[Proposal]) -> None:
        """Show these proposals: undecided, or already logged from this source."""
        self.items = [ReviewItem.from_proposal(p, proposed_provenance(self.lib, self.source, p))
                      for p in mark_logged(self.lib, self.source.id, proposals)]
        self._fill_table()
        self._highlight()
        if self.items:
            self.table.selectRow(0)
        self._update_buttons()
        self._show_current(self.current_row())

    def _extraction_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, Interrupted):
            show_error(self, exc)
        self.reject()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.text_view = QPlainTextEdit(display_text(self.text))
        self.text_view.setReadOnly(True)
        self.text_view.setAccessibleName("Source text")

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["", "Speaker", "Conf.", "Provenance", "Words"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_WORDS, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_STATE, 28)
        self.table.setColumnWidth(COL_SPEAKER, 170)
        self.table.setColumnWidth(COL_CONFIDENCE, 50)
        self.table.setColumnWidth(COL_PROVENANCE, 120)
        self.table.setAccessibleName("Proposed quotes")
        self.table.currentCellChanged.connect(lambda row, *_: self._show_current(row))

        self.speaker_edit = QLineEdit()
        self.speaker_edit.setPlaceholderText("Who said it")
        self.speaker_edit.setCompleter(QCompleter(self._speaker_names, self))
        self.speaker_edit.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.speaker_edit.editingFinished.connect(self._speaker_edited)
        self.speaker_note = QLabel()
        self.speaker_note.setWordWrap(True)
        self.second_hand = QCheckBox("Second-&hand, via")
        self.second_hand.setAccessibleName("Second-hand")
        self.via_edit = QLineEdit()
        self.via_edit.setAccessibleName("Taken from outlet")
        self.via_edit.setPlaceholderText("Outlet it was taken from")
        self.translated = QCheckBox("Trans&lated from")
        self.translated.setAccessibleName("Translated")
        self.language_edit = QLineEdit()
        self.language_edit.setAccessibleName("Language said in")
        self.language_edit.setPlaceholderText("Language it was said in")
        for box in (self.second_hand, self.translated):
            box.clicked.connect(self._provenance_edited)
        for line in (self.via_edit, self.language_edit):
            line.editingFinished.connect(self._provenance_edited)
        self.accept_button = QPushButton("&Accept")
        self.reject_button = QPushButton("&Reject")
        self.span_button = QPushButton("Use &selection")
        self.span_button.setToolTip("Make the words selected in the text this quote's span")
        self.accept_all_button = QPushButton("Accept all")
        self.reject_all_button = QPushButton("Reject all")
        self.accept_button.clicked.connect(lambda: self.accept_item(self.current_row()))
        self.reject_button.clicked.connect(lambda: self.reject_item(self.current_row()))
        self.span_button.clicked.connect(self._use_selection)
        self.accept_all_button.clicked.connect(self.accept_all)
        self.reject_all_button.clicked.connect(self.reject_all)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=lambda: self.accept_item(self.current_row()))
        QShortcut(QKeySequence("Ctrl+Backspace"), self, activated=lambda: self.reject_item(self.current_row()))

        form = QFormLayout()
        form.addRow("Speaker:", self.speaker_edit)
        form.addRow("", self.speaker_note)
        for box, line in ((self.second_hand, self.via_edit), (self.translated, self.language_edit)):
            pair = QHBoxLayout()
            pair.addWidget(box)
            pair.addWidget(line, 1)
            form.addRow("Provenance:" if box is self.second_hand else "", pair)
        one = QHBoxLayout()
        for b in (self.accept_button, self.reject_button, self.span_button):
            one.addWidget(b)
        every = QHBoxLayout()
        every.addWidget(self.accept_all_button)
        every.addWidget(self.reject_all_button)
        every.addStretch()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.table, 1)
        side_layout.addLayout(form)
        side_layout.addLayout(one)
        side_layout.addLayout(every)

        splitter = QSplitter()
        splitter.addWidget(self.text_view)
        splitter.addWidget(side)
        splitter.setSizes([600, 500])

        self.summary = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.log_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.items))
        for row in range(len(self.items)):
            self._refresh_row(row)
        fit_column(self.table, COL_SPEAKER, 170)   # the rest goes to the words

    def _refresh_row(self, row: int) -> None:
        item = self.items[row]
        words = " ".join(self.text[item.start:item.end].split())
        cells = (STATE_LABELS[item.state], item.speaker or "(unknown)", f"{item.confidence:.2f}",
                 item.provenance_text(), words)
        for col, value in enumerate(cells):
            cell = QTableWidgetItem(value)
            cell.setBackground(COLOURS[item.state])
            cell.setForeground(QColor("#1a1a1a"))
            if col == COL_WORDS:
                cell.setToolTip(words)
            elif item.state == LOGGED:
                cell.setToolTip("Already logged from this source")
            self.table.setItem(row, col, cell)

    # -- actions (also the API tests and other screens use) -------------------------------

    def current_row(self) -> int:
        return self.table.currentRow()

    def accept_item(self, row: int) -> None:
        """Mark proposal ``row`` accepted and move on to the next undecided one."""
        self._set_state(row, ACCEPTED)

    def reject_item(self, row: int) -> None:
        self._set_state(row, REJECTED)

    def accept_all(self) -> None:
        """Accept every proposal not already rejected."""
        for row, item in enumerate(self.items):
            if item.state == PENDING:
                item.state = ACCEPTED
                self._refresh_row(row)
        self._changed()

    def reject_all(self) -> None:
        """Reject every proposal not already accepted."""
        for row, item in enumerate(self.items):
            if item.state == PENDING:
                item.state = REJECTED
                self._refresh_row(row)
        self._changed()

    def set_speaker(self, row: int, name: str) -> None:
        """Give proposal ``row`` another speaker (a library name, or a new one)."""
        item = self.items[row]
        name = " ".join(name.split())
        if name == item.speaker:
            return
        item.speaker, item.speaker_id, item.aliases = name, self.lib.speakers.lookup(name) if name else None, []
        self._refresh_row(row)
        self._changed()

    def set_span(self, row: int, start: int, end: int) -> None:
        """Move proposal ``row`` to the words at [start, end) of the source text.

        :raises InvalidInput: the span is empty or outside the text.
        """
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if not 0 <= start < end <= len(self.text):
            raise InvalidInput("Select the words of the quote in the text first.")
        self.items[row].start, self.items[row].end = start, end
        self.items[row].evidence = None     # read again for the new span when logged
        self._refresh_row(row)
        self._changed()

    def set_provenance(self, row: int, via_outlet: str, translated: bool, language: str) -> None:
        """Make proposal ``row`` second-hand via ``via_outlet`` ('': first-hand) and, if
        ``translated``, a translation from ``language``."""
        item = self.items[row]
        item.via_outlet, item.translated = " ".join(via_outlet.split()), translated
        item.language = " ".join(language.split())
        self._refresh_row(row)
        self._changed()

    def accepted_items(self) -> list[ReviewItem]:
        return [i for i in self.items if i.state == ACCEPTED]

    def log_accepted(self) -> list[QuoteId]:
        """Log the accepted proposals (one undoable step); returns the new quote ids."""
        accepted = [Accepted(self.text[i.start:i.end], i.start, i.end, i.speaker, i.speaker_id, i.aliases,
                             i.via_outlet, i.translated, i.language, i.evidence)
                    for i in self.accepted_items()]
        ids = log_found_quotes(self.lib, self.source.id, accepted)
        if ids:
            self.quotes_logged.emit(list(ids))
        return ids

    def accept(self) -> None:  # QDialog override: "Log accepted quotes"
        try:
            self.log_accepted()
        except VerbatimError as e:
            show_error(self, e)
            return
        super().accept()

    # -- keeping the view in step ---------------------------------------------------------

    def _set_state(self, row: int, state: str) -> None:
        if not 0 <= row < len(self.items) or self.items[row].state == LOGGED:
            return
        self.items[row].state = state
        self._refresh_row(row)
        following = [r for r in range(row + 1, len(self.items)) if self.items[r].state == PENDING]
        self._changed()
        if following:
            self.table.selectRow(following[0])

    def _changed(self) -> None:
        self._highlight()
        self._update_buttons()
        self._show_current(self.current_row())

    def _show_current(self, row: int) -> None:
        valid = 0 <= row < len(self.items)
        editors = (self.speaker_edit, self.accept_button, self.reject_button, self.span_button, self.second_hand,
                   self.translated)
        for w in editors:
            w.setEnabled(valid)
        if not valid:
            self.speaker_edit.clear()
            self.speaker_note.clear()
            self._show_provenance(None)
            return
        item = self.items[row]
        self.speaker_edit.setText(item.speaker)
        self._show_provenance(item)
        if item.state == LOGGED:
            for w in (*editors, self.via_edit, self.language_edit):
                w.setEnabled(False)
            self.speaker_note.setText("Already logged from this source.")
        elif item.speaker_id is not None:
            self.speaker_note.setText("In your library.")
        elif item.speaker:
            also = f" Also called: {', '.join(item.aliases)}." if item.aliases else ""
            self.speaker_note.setText(f"New speaker, added when you log this quote.{also}")
        else:
            self.speaker_note.setText("The text does not say who; type a name.")
        self._highlight()
        cursor = self.text_view.textCursor()
        cursor.setPosition(self._offsets.to_qt(item.start))
        self.text_view.setTextCursor(cursor)
        self.text_view.centerCursor()

    def _highlight(self) -> None:
        current = self.current_row()
        selections = []
        for row, item in enumerate(self.items):
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(COLOURS[item.state])
            fmt.setForeground(QColor("#1a1a1a"))
            if item.state == REJECTED:
                fmt.setFontStrikeOut(True)
            if row == current:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(CURRENT_OUTLINE)
                fmt.setFontUnderline(True)
            fmt.setToolTip(item.speaker or "speaker unknown")
            cursor = QTextCursor(self.text_view.document())
            cursor.setPosition(self._offsets.to_qt(item.start))
            cursor.setPosition(self._offsets.to_qt(item.end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor, sel.format = cursor, fmt
            selections.append(sel)
        self.text_view.setExtraSelections(selections)

    def _update_buttons(self) -> None:
        n = len(self.accepted_items())
        self.log_button.setText(f"Log {count_of(n, 'quote')}")
        self.log_button.setEnabled(n > 0)
        pending = sum(1 for i in self.items if i.state == PENDING)
        logged = sum(1 for i in self.items if i.state == LOGGED)
        if not self.items:
            self.summary.setText("No quotations were found in this source.")
        else:
            already = f" · {logged} already logged" if logged else ""
            self.summary.setText(f"{len(self.items)} proposed{already} · {n} accepted · {pending} to decide")

    def _speaker_edited(self) -> None:
        row = self.current_row()
        if 0 <= row < len(self.items):
            self.set_speaker(row, self.speaker_edit.text())

    def _show_provenance(self, item: ReviewItem | None) -> None:
        for box, line, value in ((self.second_hand, self.via_edit, item.via_outlet if item else ""),
                                 (self.translated, self.language_edit, item.language if item else "")):
            on = bool(item and (item.translated if box is self.translated else item.via_outlet))
            box.setChecked(on)
            line.setText(value)
            line.setEnabled(on)

    def _provenance_edited(self) -> None:
        row = self.current_row()
        if not 0 <= row < len(self.items):
            return
        self.via_edit.setEnabled(self.second_hand.isChecked())
        self.language_edit.setEnabled(self.translated.isChecked())
        for box, line in ((self.second_hand, self.via_edit), (self.translated, self.language_edit)):
            if box.isChecked() and not line.text().strip():
                line.setFocus()     # switched on: the outlet or language is still to be typed
        item = self.items[row]
        wanted = (" ".join(self.via_edit.text().split()) if self.second_hand.isChecked() else "",
                  self.translated.isChecked(), " ".join(self.language_edit.text().split()))
        if wanted != (item.via_outlet, item.translated, item.language):
            self.set_provenance(row, *wanted)

    def _use_selection(self) -> None:
        cursor = self.text_view.textCursor()
        start, end = sorted((cursor.selectionStart(), cursor.selectionEnd()))
        try:
            self.set_span(self.current_row(), self._offsets.to_py(start), self._offsets.to_py(end))
        except InvalidInput as e:
            show_error(self, e)
