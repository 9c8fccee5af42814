"""The source view: a source's full text with its logged quotes highlighted, and "Log as quote".

::

    view = SourceView(lib, source_id)
    view.quote_activated.connect(window.show_quote)    # a highlight was clicked (or Enter on it)
    view.quote_logged.connect(window.refresh)          # Ctrl+L logged the selection

Offsets: a quote's ``span_start``/``span_end`` are Python ``str`` indices into the source's
text, while Qt counts UTF-16 code units; :class:`TextOffsets` converts between the two, so a
text with emoji or other characters beyond the Basic Multilingual Plane lines up exactly.

A transcript whose recording is known gets a player and its cues beside the text (see
``qtapp.gui.recording``): the cue being said is highlighted, a click on a cue or on the text
seeks there, Ctrl+L on selected cues logs them with their times, "Play quote"
(Ctrl+Shift+Space) plays the quote at the cursor, and Quick log (Ctrl+N) stamps the time.

Large texts: the text is set once and highlights are extra selections (one per quote), so a
5 MB transcript opens in about 0.6 s (bench/bench_source_view.py), never looping per character.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..core.library import Library
from ..core.plural import count_of
from ..core.quotes import RULE_LABELS, QuoteId
from ..core.sources import KIND_LABELS, Source
from ..core.transcripts import has_cues
from .editors.fields import ERROR_STYLE
from .editors.log_span import LogSpanDialog
from .quote_links import link_to, quote_link_id

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
HIGHLIGHT = QColor("#ffe58a")
HIGHLIGHT_TEXT = QColor("#1a1a1a")


class TextOffsets:
    """Converts between Python ``str`` indices and Qt (UTF-16) positions in one text.

    Each character beyond U+FFFF is one Python index but two UTF-16 units; the positions of
    those characters are found once with a regular expression, then each conversion is a
    binary search.
    """

    def __init__(self, text: str):
        self.length = len(text)
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # Where each of those characters starts in UTF-16 units.
        self._astral_qt = [p + k for k, p in enumerate(self._astral)]

    def to_qt(self, index: int) -> int:
        """The Qt position of Python index ``index``."""
        return index + bisect_left(self._astral, index)

    def to_py(self, position: int) -> int:
        """The Python index at Qt position ``position`` (a position inside a pair counts after it)."""
        return position - bisect_right(self._astral_qt, position - 2)


def display_text(text: str) -> str:
    """The text as shown: the same length as stored, so offsets line up.

    Qt reads CR LF as one line break, which would shift every offset after it by one; the CR
    becomes a space instead, invisible at the end of a line.
    """
    return text.replace("\r\n", " \n")


class SourceText(QPlainTextEdit):
    """Read-only text that reports clicks and Enter at a position, for the quote under it."""

    position_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAccessibleName("Source text")
        self.setMouseTracking(True)
        self.is_quote_at = lambda position: False
        self.tooltip_at = lambda position: ""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.position_activated.emit(self.cursorForPosition(event.position().toPoint()).position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseMoveEvent(event)
        if not event.buttons():
            over = self.is_quote_at(self.cursorForPosition(event.position().toPoint()).position())
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(self.cursorForPosition(event.pos()).position())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.position_activated.emit(self.textCursor().selectionStart())
            return
        super().keyPressEvent(event)


class SourceView(QWidget):
    """One source's text, its quotes highlighted and clickable, and "Log as quote" (Ctrl+L)."""

    quote_activated = Signal(int)
    quote_logged = Signal(int)
    quotes_logged = Signal(list)   # found and accepted by "Find quotes"

    def __init__(self, lib: Library, source_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.source: Source = lib.sources.get(source_id)
        self.offsets = TextOffsets("")
        self._shown_text: str | None = None
        self._spans: list[tuple[int, int, int]] = []   # (qt start, qt end, quote id), by start
        self.setAccessibleName(f"Source: {self.source.title or 'untitled'}")

        self.heading = QLabel(self)
        self.heading.setAccessibleName("Source details")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.count = QLabel(self)
        self.count.setAccessibleName("Quotes logged from this source")
        self.find_field = QLineEdit(self)
        self.find_field.setAccessibleName("Find in the text")
        self.find_field.setPlaceholderText("Find in the text (Ctrl+F)")
        self.find_field.setToolTip("Enter finds the next place, Shift+Enter the previous one")
        self.find_field.setMinimumWidth(240)
        self.find_field.setClearButtonEnabled(True)
        self.find_field.returnPressed.connect(self.find_next)
        QShortcut(QKeySequence("Shift+Return"), self.find_field, lambda: self.find_next(backwards=True),
                  context=Qt.ShortcutContext.WidgetShortcut)
        for text, keys, step in (("Next quote", "Ctrl+]", 1), ("Previous quote", "Ctrl+[", -1)):
            self._key_action(text, QKeySequence(keys), lambda _checked=False, step=step: self.go_to_quote(step))
        self._key_action("&Find", QKeySequence(QKeySequence.StandardKey.Find), self._focus_find)
        self.text = SourceText(self)
        self.text.setTabChangesFocus(True)
        self.text.is_quote_at = lambda position: self.quote_at(position) is not None
        self.text.tooltip_at = self.describe_quote_at
        self.text.position_activated.connect(self._activate_at)

        self.log_action = self._key_action("&Log as quote", QKeySequence("Ctrl+L"), self.log_selection)
        self.log_button = QPushButton("Log as quote (Ctrl+L)", self)
        self.log_button.setAccessibleName("Log the selected words as a quote")
        self.log_button.clicked.connect(self.log_selection)
        self.message = QLabel(self)
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)
        self.message.linkActivated.connect(self._on_link)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.count)
        top.addWidget(self.find_field)
        bottom = QHBoxLayout()
        self.edit_button = QPushButton("&Edit source…", self)
        self.edit_button.setAccessibleName("Edit this source's details and text")
        self.edit_button.clicked.connect(self.edit_source)
        # Ctrl+Shift+F as in the main window's Quote menu.
        self.find_quotes_action = self._key_action("Find &quotes…", QKeySequence("Ctrl+Shift+F"), self.find_quotes)
        self.find_quotes_button = QPushButton("Find &quotes… (Ctrl+Shift+F)", self)
        self.find_quotes_button.setAccessibleName("Find the quotes in this source's text")
        self.find_quotes_button.clicked.connect(self.find_quotes)
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.find_quotes_button)
        bottom.addWidget(self.log_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.player = self.transcript = None
        self._cues_chosen = False   # the latest selection was of cues in the transcript, not of text
        if has_cues(lib, source_id):
            self._add_recording(layout, bottom)
        if self.transcript is None:
            layout.addWidget(self.text, 1)
        layout.addLayout(bottom)
        self._show_source()
        self.text.setFocus()

    def _key_action(self, text: str, keys: QKeySequence, slot) -> QAction:
        """An action whose keys work anywhere in this window."""
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- public -----------------------------------------------------------------------------

    def refresh_quotes(self) -> None:
        """Highlight every live quote that has a span in this source (after any change)."""
        length = self.offsets.length
        self._spans = [(self.offsets.to_qt(min(s, length)), self.offsets.to_qt(min(e, length)), qid)
                       for qid, s, e in self.lib.quotes.spans_in(self.source.id) if s < e]
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        fmt.setForeground(HIGHLIGHT_TEXT)
        selections = []
        for start, end, _ in self._spans:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(self.text.document())
            selection.cursor.setPosition(start)
            selection.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.format = fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)
        n = len(self._spans)
        self.count.setText(f"{count_of(n, 'quote')} highlighted")

    def quote_at(self, position: int) -> int | None:
        """The quote whose highlight covers Qt position ``position`` (the shortest, if nested)."""
        best = None
        for start, end, qid in self._spans:
            if start > position:
                break
            if position < end and (best is None or end - start < best[1] - best[0]):
                best = (start, end, qid)
        return best[2] if best else None

    def describe_quote_at(self, position: int) -> str:
        """'Ines Carvalho · On the record · click to open' for the highlight at ``position``."""
        quote_id = self.quote_at(position)
        if quote_id is None:
            return ""
        quote = self.lib.quotes.get(quote_id)
        return (f"{self.lib.speakers.get(quote.speaker_id).name} · {RULE_LABELS.get(quote.rule, quote.rule)}"
                " · click or press Enter to open")

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` (Python offsets) and scroll it into view."""
        cursor = self.text.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def show_quote(self, quote_id: int) -> None:
        """Scroll to a quote's words and select them."""
        quote = self.lib.quotes.get(quote_id)
        if quote.source_id == self.source.id and quote.span_start is not None:
            self.select_span(quote.span_start, quote.span_end)

    def selected_span(self) -> tuple[int, int]:
        """The selection as Python offsets, trimmed of surrounding white space."""
        cursor = self.text.textCursor()
        return self._trimmed(self.offsets.to_py(cursor.selectionStart()), self.offsets.to_py(cursor.selectionEnd()))

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        text = self.source.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def log_selection(self) -> QuoteId | None:
        """Ask who said the selected words (guessed from the text), then log them with their span.

        When the latest selection was of cues in the transcript beside a recording, those cues are
        logged, with their times.
        """
        start, end = self.selected_span()
        cues = self.transcript.selected_span() if self._cues_chosen else None
        if cues is not None:
            start, end = self._trimmed(*cues)
        if start == end:
            self._show_message("Select the words to log first, then press Ctrl+L.", error=True)
            return None
        dialog = LogSpanDialog(self.lib, self.source, start, end, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.quote_id is None:
            return None
        self.refresh_quotes()
        self._show_message(link_to(self.lib, dialog.quote_id, "Logged ", "."))
        self.quote_logged.emit(dialog.quote_id)
        return dialog.quote_id

    def play_quote(self, quote_id: int | None = None) -> bool:
        """Play a quote's span of the recording, with 1 s of lead-in; True if it plays.

        Without ``quote_id``, the quote at the text cursor (Ctrl+] selects the next one).
        """
        if quote_id is None:
            quote_id = self.quote_at(self.text.textCursor().selectionStart())
        if quote_id is None:
            self._show_message("Put the cursor in a highlighted quote (Ctrl+] selects the next one), "
                               "then press Ctrl+Shift+Space.", error=True)
            return False
        quote = self.lib.quotes.get(quote_id)
        if quote.time_start is None:
            self._show_message("This quote has no time in the recording. Log it from the transcript, "
                               "or with Quick log while the recording plays.", error=True)
            return False
        self.player.play_span(quote.time_start, quote.time_end)
        self._show_message(link_to(self.lib, quote_id, "Playing ", "."))
        return True

    def quick_log(self) -> None:
        """Quick log beside the recording: words typed while it plays get the time typing began."""
        from .quick_log import QuickLogDialog
        dialog = QuickLogDialog(self.lib, self, source_id=self.source.id, clock=self.player.seconds)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.quote_logged.connect(self._on_quick_logged)
        dialog.show()

    def go_to_quote(self, step: int = 1) -> int | None:
        """Select the next (step 1) or previous (step -1) highlighted quote; Enter then opens it.

        Ctrl+] and Ctrl+[ call this, so every quote can be reached without the mouse.
        """
        if not self._spans:
            return None
        here = self.text.textCursor()
        if step > 0:
            after = [s for s in self._spans if s[0] > here.selectionStart()]
            start, end, quote_id = after[0] if after else self._spans[0]
        else:
            before = [s for s in self._spans if s[0] < here.selectionStart()]
            start, end, quote_id = before[-1] if before else self._spans[-1]
        cursor = self.text.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()
        self._show_message(self.describe_quote_at(start).replace("click or press Enter", "press Enter"))
        return quote_id

    def find_next(self, *, backwards: bool = False) -> bool:
        """Select the next place the find box's words occur (wrapping round); True if found.

        Shift+Enter in the find box searches backwards. What is found can be logged with Ctrl+L.
        """
        words = self.find_field.text()
        if not words:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
        found = self.text.find(words, flags)
        if not found:   # wrap round once, from the other end
            cursor = self.text.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End if backwards else QTextCursor.MoveOperation.Start)
            self.text.setTextCursor(cursor)
            found = self.text.find(words, flags)
        if found:
            self.text.centerCursor()
            self._show_message("")
        else:
            self._show_message(f"“{words}” is not in this source's text.", error=True)
        return found

    def edit_source(self) -> bool:
        """Open the source editor; after a save, show the source as it now is."""
        from .editors.source_editor import SourceEditor
        editor = SourceEditor(self.lib, self.source.id, self)
        if editor.exec() != QDialog.DialogCode.Accepted:
            return False
        self.source = self.lib.sources.get(self.source.id)
        self._show_source()
        return True

    def find_quotes(self) -> None:
        """Review the quotes found in this source's text; the accepted ones are logged and highlighted."""
        from .capture.review import ReviewDialog
        dialog = ReviewDialog(self.lib, self.source.id, self)
        dialog.quotes_logged.connect(self._on_quotes_found)
        dialog.exec()

    def _on_quotes_found(self, quote_ids: list) -> None:
        self.refresh_quotes()
        self.quotes_logged.emit(quote_ids)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        # Quotes may have been logged, moved or deleted in the main window meanwhile: coming
        # back to this window re-reads the highlights (a few milliseconds even for 1,000).
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.refresh_quotes()

    # -- internals --------------------------------------------------------------------------

    def _add_recording(self, layout: QVBoxLayout, buttons: QHBoxLayout) -> None:
        """The player and the transcript's cues beside the text, when the source has a recording."""
        from . import recording
        path = recording.recording_path(self.lib, self.source.id)
        if path is None:
            return
        from .recording.cues import CuesModel
        from .recording.player import Player
        from .recording.transcript import TranscriptView
        self.player = Player(path, self)
        self.player.keys_work_in(self)
        self.transcript = TranscriptView(CuesModel(self.lib, self.source.id, self.source.text, self), self)
        self.player.position_changed.connect(self.transcript.follow)
        self.transcript.seek_requested.connect(self.player.seek)
        self.transcript.selectionModel().selectionChanged.connect(lambda *_: setattr(self, "_cues_chosen", True))
        self.text.selectionChanged.connect(lambda: setattr(self, "_cues_chosen", False))
        split = QSplitter(self)
        split.addWidget(self.transcript)
        split.addWidget(self.text)
        layout.addWidget(self.player)
        layout.addWidget(split, 1)
        for text, keys, slot in (("&Play quote", "Ctrl+Shift+Space", self.play_quote),
                                 ("Quick lo&g…", "Ctrl+N", self.quick_log)):
            self._key_action(text, QKeySequence(keys), lambda _checked=False, slot=slot: slot())
            button = QPushButton(f"{text} ({keys})", self)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.insertWidget(1, button)

    def _on_quick_logged(self, quote_id: int) -> None:
        self.refresh_quotes()
        self.quote_logged.emit(quote_id)

    def _show_source(self) -> None:
        """Set the text once (the only time it is laid out), then the heading and highlights."""
        if self.source.text != self._shown_text:
            self._shown_text = self.source.text
            self.offsets = TextOffsets(self.source.text)
            self.text.setPlainText(display_text(self.source.text))
        self._show_heading()
        self.refresh_quotes()

    def _focus_find(self) -> None:
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def _activate_at(self, position: int) -> None:
        quote_id = self.quote_at(position)
        if quote_id is not None:
            self.quote_activated.emit(quote_id)
        elif self.transcript is not None:   # a click on a word of a transcript plays from its cue
            row = self.transcript.cues.row_for_char(self.offsets.to_py(position))
            if row is not None:
                self.player.seek(self.transcript.cues.times(row)[0])

    def _show_heading(self) -> None:
        s = self.source
        parts = [KIND_LABELS.get(s.kind, s.kind), s.title or "(untitled)", s.outlet,
                 s.date.display() if s.date else ""]
        self.heading.setText(" — ".join(p for p in parts if p))
        self.setWindowTitle(f"{s.title or 'Untitled source'} — {APP_NAME}")

    def _on_link(self, href: str) -> None:
        quote_id = quote_link_id(href)
        if quote_id is not None:
            self.quote_activated.emit(quote_id)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
