"""The player of a source's recording: play/pause, back and forward 5 s, speed, "play quote".

::

    player = Player(Path("interview.m4a"))
    player.keys_work_in(source_view)        # Ctrl+Space, Ctrl+Left, Ctrl+Right anywhere in it
    player.play_span(63.5, 71.0)            # "Play quote": 62.5 s to 71.0 s, then pause
    player.seconds()                        # where playback is now

Keys are those of transcription software, so a reporter can type without touching the mouse:
Ctrl+Space plays or pauses, Ctrl+Left and Ctrl+Right step back and forward 5 s. They are
caught before the focused widget sees them, so they work while typing in a text box too.

Speed: ``QMediaPlayer.setPlaybackRate``, with pitch compensation (time-stretching, Qt 6.10)
asked for at every speed but 1× where the backend offers it, so voices keep their pitch;
the FFmpeg backend does. Where it does not, the pitch follows the speed, and the speed
control's tooltip says so.

Without a sound device (a server, CI) the player gets no audio output at all, a null sink:
the FFmpeg backend then plays on its own clock, so positions, seeks and "play quote" behave
as with sound.

The audio output is made by Qt (from a one-line QML component), not by Python. The
backend's audio thread, when playback is torn down, calls a virtual method of the output;
on a Python-made QAudioOutput that call waits for Python's GIL, which the main thread holds
while it waits for that thread (``stop()`` straight after a seek deadlocked on the first try
that way; gdb showed the two threads). A Qt-made object has no Python override to look up.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from ...core.transcripts import timestamp

STEP_SECONDS = 5.0
LEAD_IN_SECONDS = 1.0
SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
# How often a playing span checks whether it has reached its end: well inside the ±100 ms
# a reporter would notice, and cheap (one position read).
SPAN_CHECK_MS = 10

CTRL = Qt.KeyboardModifier.ControlModifier


def sound_available() -> bool:
    """True when the system has an audio output device (a sound card, a PulseAudio sink)."""
    return bool(QMediaDevices.audioOutputs())


@cache
def _output_component() -> tuple[QQmlEngine, QQmlComponent]:
    engine = QQmlEngine()
    component = QQmlComponent(engine)
    component.setData(b"import QtMultimedia\nAudioOutput {}", "")
    return engine, component


def qt_made_audio_output(parent: QObject) -> QAudioOutput:
    """A QAudioOutput created by Qt, so the audio thread never waits for Python (see above)."""
    output = _output_component()[1].create()
    output.setParent(parent)
    return output


class Player(QWidget):
    """A bar of controls over one QMediaPlayer; :attr:`position_changed` reports seconds."""

    position_changed = Signal(float)

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Recording player")
        self.path = path
        self.media = QMediaPlayer(self)
        self.audio: QAudioOutput | None = None
        if sound_available():
            self.audio = qt_made_audio_output(self)
            self.media.setAudioOutput(self.audio)
        self._span_end_ms: int | None = None
        self._span_timer = QTimer(self)
        self._span_timer.setInterval(SPAN_CHECK_MS)
        self._span_timer.timeout.connect(self._check_span_end)
        self._keys = _TransportKeys(self)

        self.back_button = self._button("‹ 5 s", "Back 5 seconds (Ctrl+Left)", lambda: self.step(-STEP_SECONDS))
        self.play_button = self._button("Play", "Play or pause (Ctrl+Space)", self.play_pause)
        self.forward_button = self._button("5 s ›", "Forward 5 seconds (Ctrl+Right)", lambda: self.step(STEP_SECONDS))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName("Position in the recording")
        self.slider.sliderMoved.connect(lambda ms: self.seek(ms / 1000))
        self.time_label = QLabel(self)
        self.time_label.setAccessibleName("Time in the recording")
        self.speed = QComboBox(self)
        self.speed.setAccessibleName("Speed")
        self.speed.setToolTip("Playback speed (the pitch is kept at every speed)" if self._keeps_pitch()
                              else "Playback speed (the pitch follows the speed: this system's audio cannot keep it)")
        self.speed.addItems([f"{rate:g}×" for rate in SPEEDS])
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(lambda i: self._play_at(SPEEDS[i]))
        self.message = QLabel(self)
        self.message.setAccessibleName("Player message")
        self.message.setWordWrap(True)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.back_button, self.play_button, self.forward_button):
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.time_label)
        layout.addWidget(self.speed)
        layout.addWidget(self.message, 1)

        self.media.positionChanged.connect(self._on_position)
        self.media.durationChanged.connect(self._on_duration)
        self.media.playbackStateChanged.connect(self._on_state)
        self.media.errorOccurred.connect(self._on_error)
        self._show_time()
        if path.is_file():
            self.media.setSource(QUrl.fromLocalFile(str(path)))
            self.message.hide()
        else:
            self._show_message(f"The recording {path.name} is not at {path.parent}. "
                               "Move it back there, or attach it to the source again.")

    # -- public -----------------------------------------------------------------------------

    def seconds(self) -> float:
        """Where playback is, in seconds from the start of the recording."""
        return self.media.position() / 1000

    def duration(self) -> float:
        """The recording's length in seconds (0 until it is loaded)."""
        return self.media.duration() / 1000

    def is_playing(self) -> bool:
        return self.media.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def play_pause(self) -> None:
        """Play from where it stands, or pause."""
        self._cancel_span()
        if self.is_playing():
            self.media.pause()
        else:
            self.media.play()

    def seek(self, seconds: float) -> None:
        """Go to ``seconds`` (kept inside the recording), playing on if it was playing."""
        self._cancel_span()
        self._go_to(seconds)

    def step(self, seconds: float) -> None:
        """Move ``seconds`` forward (or back, when negative) from where playback is."""
        self.seek(self.seconds() + seconds)

    def set_speed(self, rate: float) -> None:
        """Play at ``rate`` times normal speed, one of :data:`SPEEDS`."""
        self.speed.setCurrentIndex(SPEEDS.index(rate))

    def play_span(self, start: float, end: float | None) -> None:
        """"Play quote": play from 1 s before ``start`` and pause at ``end`` (None: play on)."""
        self._cancel_span()
        self._go_to(start - LEAD_IN_SECONDS)
        if end is not None:
            self._span_end_ms = round(end * 1000)
            self._span_timer.start()
        self.media.play()

    def keys_work_in(self, window: QWidget) -> None:
        """Let the player's keys work anywhere in ``window`` and in the dialogs it opens."""
        self._keys.windows.append(window)

    # -- internals --------------------------------------------------------------------------

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.clicked.connect(slot)
        return button

    def _keeps_pitch(self) -> bool:
        return self.media.pitchCompensationAvailability() != QMediaPlayer.PitchCompensationAvailability.Unavailable

    def _play_at(self, rate: float) -> None:
        if self.media.pitchCompensationAvailability() == QMediaPlayer.PitchCompensationAvailability.Available:
            self.media.setPitchCompensation(rate != 1.0)
        self.media.setPlaybackRate(rate)

    def _go_to(self, seconds: float) -> None:
        limit = self.media.duration()
        ms = max(0, round(seconds * 1000))
        self.media.setPosition(min(ms, limit) if limit > 0 else ms)

    def _cancel_span(self) -> None:
        self._span_end_ms = None
        self._span_timer.stop()

    def _check_span_end(self) -> None:
        if self._span_end_ms is not None and self.media.position() >= self._span_end_ms:
            self._cancel_span()
            self.media.pause()

    def _on_position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self._show_time()
        self.position_changed.emit(ms / 1000)

    def _on_duration(self, ms: int) -> None:
        self.slider.setRange(0, ms)
        self._show_time()

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        self.play_button.setText("Pause" if state == QMediaPlayer.PlaybackState.PlayingState else "Play")

    def _on_error(self, _error: QMediaPlayer.Error, text: str) -> None:
        self._show_message(f"The recording {self.path.name} could not be played ({text.rstrip('.')}). "
                           "Check that it is an audio or video file that opens in another player.")

    def _show_time(self) -> None:
        self.time_label.setText(f"{timestamp(self.seconds())} / {timestamp(self.duration())}")

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)
        self.message.show()
        for widget in (self.back_button, self.play_button, self.forward_button, self.slider, self.speed):
            widget.setEnabled(False)


class _TransportKeys(QObject):
    """Ctrl+Space, Ctrl+Left and Ctrl+Right for the player, caught before any widget takes them.

    A text box would otherwise keep Ctrl+Left and Ctrl+Right (word by word), so the filter sits
    on the application and acts only on key presses aimed at a widget inside one of
    :attr:`windows` (or a dialog opened from one).
    """

    def __init__(self, player: Player):
        super().__init__(player)
        self.player = player
        self.windows: list[QWidget] = []
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() != CTRL or not self._inside(watched):
            return False
        action = {Qt.Key.Key_Space: self.player.play_pause,
                  Qt.Key.Key_Left: lambda: self.player.step(-STEP_SECONDS),
                  Qt.Key.Key_Right: lambda: self.player.step(STEP_SECONDS)}.get(Qt.Key(event.key()))
        if action is None or not self.player.play_button.isEnabled():
            return False
        if kind == QEvent.Type.KeyPress:
            action()
        event.accept()
        return True

    def _inside(self, watched: QObject) -> bool:
        widget = watched if isinstance(watched, QWidget) else None
        while widget is not None:
            if widget is self.player or widget in self.windows:
                return True
            widget = widget.parentWidget()
        return False
