"""The recording row of the detail pane: Play quote, Mark verified, and who verified it when.

::

    bar = RecordingBar(lib)
    bar.show_quote(quote_id)     # enables what applies; a disabled button's tooltip says why
    bar.play()                   # Ctrl+Shift+Space: the quote's span with 1 s of lead-in
    bar.verify()                 # "verified against the recording" by the reporter, now

Why a quote cannot play comes from :func:`qtapp.core.clips.unplayable` (no time, no
recording, a recording missing or changed); the player is :class:`qtapp.gui.recording.player.Player`,
made for the quote's recording when it is first played.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import clips, recordings
from ...core.errors import VerbatimError
from ...core.library import Library
from ..operations import recordings as recording_ops

PLAY_KEYS = "Ctrl+Shift+Space"
PLAY_TIP = "Play the quote's words in the recording, from 1 s before they start"
VERIFY_TIP = "Record that you heard these words again in the recording (undoable)"


class RecordingBar(QWidget):
    """Play and verify the quote shown in the details against its source's recording."""

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self.quote_id: int | None = None
        self.player = None
        self._pending: tuple[float, float] | None = None   # a span to play once the file is loaded
        # Recordings' states (ok, missing, changed) by source, each hashed once until the library
        # changes: a 2-hour WAV takes 0.2 s. A file moved meanwhile is named by the player.
        self._states: dict[int, str] = {}
        self.play_button = QPushButton(f"&Play quote ({PLAY_KEYS})", self)
        self.play_button.setAccessibleName("Play quote")
        self.play_button.clicked.connect(lambda _checked=False: self.play())
        self.verify_button = QPushButton("Mark &verified against the recording", self)
        self.verify_button.setAccessibleName("Mark verified against the recording")
        self.verify_button.clicked.connect(lambda _checked=False: self.verify())
        self.verified = QLabel(self)
        self.verified.setAccessibleName("Verified against the recording")
        self.verified.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.play_button)
        buttons.addWidget(self.verify_button)
        buttons.addStretch(1)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addLayout(buttons)
        self.column.addWidget(self.verified)
        self.column.addWidget(self.message)
        self.show_quote(None)

    def library_changed(self) -> None:
        """Records changed (an attach, a locate, an undo): check the recordings again when next shown."""
        self._states.clear()

    def show_quote(self, quote_id: int | None) -> None:
        """Show what can be done with ``quote_id``'s recording (None: nothing selected)."""
        self.quote_id = quote_id
        self.message.hide()
        reason = self._unplayable(self._states) if quote_id is not None else "no quote is selected"
        for button, tip in ((self.play_button, PLAY_TIP), (self.verify_button, VERIFY_TIP)):
            button.setEnabled(reason is None)
            button.setToolTip(tip if reason is None else f"Not available: {reason}.")
        done = recordings.verified(self.lib, quote_id) if quote_id is not None else None
        self.verified.setText(f"Verified against the recording by {done[0]} on {done[1][:10]}" if done else "")
        self.verified.setVisible(done is not None)

    def play(self) -> bool:
        """Play the quote's span with 1 s of lead-in; False (and why, under the buttons) when it cannot."""
        reason = self._unplayable(self._states) if self.quote_id is not None else "no quote is selected"
        if reason is not None:
            self._show_message(f"This quote cannot be played: {reason}.")
            return False
        quote = self.lib.quotes.get(self.quote_id)
        path = recordings.get(self.lib, quote.source_id).path
        if self.player is None or self.player.path != path:
            self._new_player(path)
        if self.player.duration() > 0:   # loaded
            self.player.play_span(quote.time_start, quote.time_end)
        else:   # a position set before the file is loaded would be lost
            self._pending = (quote.time_start, quote.time_end)
        self._show_message("")
        return True

    def verify(self) -> bool:
        """Mark the quote verified against its recording by the reporter, now; False if refused."""
        if self.quote_id is None:
            return False
        try:
            recording_ops.mark_verified(self.lib, [self.quote_id], recordings.verifier_name())
        except VerbatimError as e:
            self._show_message(str(e))
            return False
        self.show_quote(self.quote_id)
        return True

    def _unplayable(self, states: dict[int, str]) -> str | None:
        try:
            return clips.unplayable(self.lib, self.quote_id, states)
        except VerbatimError as e:   # the quote has gone (another window deleted it)
            return str(e).rstrip(".")

    def _new_player(self, path) -> None:
        from ..recording.player import Player
        if self.player is not None:
            self.player.media.pause()
            self.player.deleteLater()
        self._pending = None
        self.player = Player(path, self)
        self.player.media.mediaStatusChanged.connect(self._play_pending)
        self.column.addWidget(self.player)

    def _play_pending(self, status) -> None:
        from PySide6.QtMultimedia import QMediaPlayer
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._pending is not None:
            start, end = self._pending
            self._pending = None
            self.player.play_span(start, end)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
