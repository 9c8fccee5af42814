"""The recording player: positions, "play quote", speed and the transcription keys, offscreen."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from qtapp.gui.recording.player import LEAD_IN_SECONDS, SPEEDS, Player

from .recording_helpers import null_sink, wait_loaded, write_wav  # noqa: F401 - null_sink: autouse fixture

TOLERANCE = 0.1   # seconds: what the issue allows for seeks and span ends


@pytest.fixture
def player(qtbot, tmp_path):
    player = Player(write_wav(tmp_path / "hearing.wav", 12.0))
    qtbot.addWidget(player)
    player.show()
    wait_loaded(qtbot, player)
    yield player
    player.media.pause()


def positions_after(player, action) -> list[float]:
    """The positions reported after ``action`` runs."""
    seen: list[float] = []
    player.position_changed.connect(seen.append)
    action()
    return seen


def test_the_length_of_the_recording_is_shown(player):
    assert player.duration() == pytest.approx(12.0, abs=0.05)
    assert player.time_label.text() == "0:00 / 0:12"


def test_a_seek_while_playing_lands_within_100_ms(qtbot, player):
    player.play_pause()
    qtbot.waitUntil(lambda: player.seconds() > 0.3, timeout=10_000)
    seen = positions_after(player, lambda: player.seek(7.25))
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert abs(seen[0] - 7.25) <= TOLERANCE
    assert player.is_playing()


def test_play_span_starts_one_second_early_and_pauses_at_the_end(qtbot, player):
    seen = positions_after(player, lambda: player.play_span(4.5, 6.0))
    assert seen[0] == pytest.approx(4.5 - LEAD_IN_SECONDS, abs=TOLERANCE)
    qtbot.waitUntil(lambda: player.is_playing(), timeout=10_000)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=10_000)
    assert abs(player.seconds() - 6.0) <= TOLERANCE


def test_a_span_at_the_start_has_what_lead_in_there_is(qtbot, player):
    player.seek(5.0)
    player.play_span(0.4, 0.8)
    assert player.seconds() == 0
    qtbot.waitUntil(lambda: player.is_playing(), timeout=10_000)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=10_000)
    assert abs(player.seconds() - 0.8) <= TOLERANCE


def test_pausing_during_a_span_forgets_its_end(qtbot, player):
    player.play_span(3.0, 3.5)
    qtbot.waitUntil(lambda: player.is_playing(), timeout=10_000)
    player.play_pause()          # pause by hand
    player.play_pause()          # and play on: it no longer stops at 3.5
    qtbot.waitUntil(lambda: player.seconds() > 3.5 + 3 * TOLERANCE, timeout=10_000)
    assert player.is_playing()


def test_steps_move_five_seconds_and_stay_inside_the_recording(player):
    player.seek(6.0)
    player.step(5)
    assert player.seconds() == pytest.approx(11.0, abs=TOLERANCE)
    player.step(5)
    assert player.seconds() <= 12.0
    player.seek(3.0)
    player.step(-5)
    assert player.seconds() == 0


def test_speeds_run_from_half_to_double(player):
    assert [player.speed.itemText(i) for i in range(player.speed.count())] == [f"{s:g}×" for s in SPEEDS]
    assert (min(SPEEDS), max(SPEEDS)) == (0.5, 2.0)
    player.set_speed(2.0)
    assert player.media.playbackRate() == 2.0
    assert player.speed.currentText() == "2×"


def test_other_speeds_than_1x_keep_the_pitch_where_the_backend_can(player):
    if player.media.pitchCompensationAvailability() != QMediaPlayer.PitchCompensationAvailability.Available:
        pytest.skip("this Qt multimedia backend offers no pitch compensation to ask for")
    assert "pitch is kept" in player.speed.toolTip()
    for rate in SPEEDS:
        player.set_speed(rate)
        assert player.media.pitchCompensation() == (rate != 1.0), rate


def test_transcription_keys_work_even_inside_a_text_box(qtbot, player):
    window = QWidget()
    qtbot.addWidget(window)
    box = QLineEdit(window)
    QVBoxLayout(window).addWidget(box)
    player.keys_work_in(window)
    player.seek(6.0)
    qtbot.keyClick(box, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert player.seconds() == pytest.approx(11.0, abs=TOLERANCE)
    qtbot.keyClick(box, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert player.seconds() == pytest.approx(6.0, abs=TOLERANCE)
    qtbot.keyClick(box, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(player.is_playing, timeout=10_000)
    qtbot.keyClick(box, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=10_000)
    assert box.text() == ""      # the keys went to the player, not into the box


def test_keys_outside_the_player_windows_are_left_alone(qtbot, player):
    other = QLineEdit()
    qtbot.addWidget(other)
    other.setText("two words")
    other.setCursorPosition(len("two words"))
    player.seek(6.0)
    qtbot.keyClick(other, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert player.seconds() == pytest.approx(6.0, abs=TOLERANCE)
    assert other.cursorPosition() == len("two ")


def test_a_missing_recording_says_where_it_was_looked_for(qtbot, tmp_path):
    player = Player(tmp_path / "gone.m4a")
    qtbot.addWidget(player)
    assert "gone.m4a is not at" in player.message.text()
    assert not player.play_button.isEnabled()


def test_a_file_that_is_not_media_is_refused_with_the_reason(qtbot, tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("these are notes, not sound")
    player = Player(path)
    qtbot.addWidget(player)
    qtbot.waitUntil(lambda: "could not be played" in player.message.text(), timeout=10_000)
    assert not player.play_button.isEnabled()


TEARDOWN_SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from qtapp.gui.recording import player as module
app = QApplication(sys.argv)
module.sound_available = lambda: True          # an audio output, even where no device is behind it
for _ in range(3):
    player = module.Player(Path(sys.argv[1]))
    player.audio.setVolume(0)
    player.play_pause()
    loop = QEventLoop(); QTimer.singleShot(400, loop.quit); loop.exec()
    player.seek(4.0)
    player.media.stop()                        # straight after the seek: deadlocked with a Python-made output
    player.deleteLater()
print("ok")
"""


def test_tearing_down_playback_with_an_audio_output_never_hangs(tmp_path):
    # In a child process, so a deadlock fails this test instead of hanging the run.
    wav = write_wav(tmp_path / "hearing.wav", 12.0)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", TEARDOWN_SCRIPT, str(wav)], capture_output=True, text=True,
                          timeout=120, env=env, cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
