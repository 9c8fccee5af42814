"""The main window's recording commands: Play quote and Mark verified in the details, Export clips."""

import getpass

import pytest

from PySide6.QtCore import Qt

from qtapp.core import recordings
from qtapp.core import settings as core_settings
from qtapp.gui import main_recordings
from qtapp.gui.recording.player import LEAD_IN_SECONDS

from .recording_helpers import CUES, null_sink, transcript_source, write_wav  # noqa: F401 - null_sink: autouse fixture
from .window_helpers import open_window, select_ids

TOLERANCE = 0.1


@pytest.fixture(autouse=True)
def private_user_file(tmp_path, monkeypatch):
    monkeypatch.setattr(core_settings, "user_file", lambda: tmp_path / "settings.json")


@pytest.fixture
def hearing(library, tmp_path):
    """The hearing transcript with its recording attached, and quotes: the chair's (timed, on and off
    the record) and one typed in without a time."""
    source, text, spans = transcript_source(library)
    recordings.attach(library, source, write_wav(tmp_path / "hearing.wav", 12.0))
    chair = library.speakers.add("Dana Chair")
    words = lambda row: text[spans[row][0]:spans[row][1]].split(": ", 1)[1]   # noqa: E731
    start = lambda row: spans[row][0] + text[spans[row][0]:].index(": ") + 2   # noqa: E731
    ids = {
        "budget": library.quotes.add(words(1), chair, source_id=source, span_start=start(1), span_end=spans[1][1]),
        "thanks": library.quotes.add(words(3), chair, source_id=source, span_start=start(3), span_end=spans[3][1],
                                     rule="off_record"),
        "untimed": library.quotes.add("We never discussed it.", chair, source_id=source),
    }
    return library, ids


@pytest.fixture
def window(qtbot, hearing):
    window = open_window(qtbot, hearing[0])
    yield window
    if window.detail.recording.player is not None:
        window.detail.recording.player.media.pause()
    window.close()


def show(qtbot, window, quote_id):
    select_ids(window, {quote_id})
    qtbot.waitUntil(lambda: window.detail.recording.quote_id == quote_id, timeout=10_000)
    return window.detail.recording


def test_ctrl_shift_space_plays_the_quote_from_a_second_before_and_pauses_at_its_end(qtbot, window, hearing):
    lib, ids = hearing
    bar = show(qtbot, window, ids["budget"])
    assert bar.play_button.isEnabled() and window.menus.tools.recordings.play.isEnabled()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.table, Qt.Key.Key_Space, keys)      # the first time loads the recording
    qtbot.waitUntil(lambda: bar.player is not None and bar.player.is_playing(), timeout=10_000)
    qtbot.waitUntil(lambda: not bar.player.is_playing(), timeout=10_000)
    heard = []
    bar.player.position_changed.connect(heard.append)
    qtbot.keyClick(window.table, Qt.Key.Key_Space, keys)
    qtbot.waitUntil(lambda: bar.player.is_playing(), timeout=10_000)
    qtbot.waitUntil(lambda: not bar.player.is_playing(), timeout=10_000)
    quote = lib.quotes.get(ids["budget"])
    assert (quote.time_start, quote.time_end) == (CUES[1][1], CUES[1][2])
    assert abs(heard[0] - (quote.time_start - LEAD_IN_SECONDS)) <= TOLERANCE
    assert abs(bar.player.seconds() - quote.time_end) <= TOLERANCE


def test_play_is_disabled_saying_why_without_a_time_or_a_recording(qtbot, window, hearing, tmp_path):
    _lib, ids = hearing
    bar = show(qtbot, window, ids["untimed"])
    assert not bar.play_button.isEnabled() and not bar.verify_button.isEnabled()
    assert "no time in a recording" in bar.play_button.toolTip()
    assert not window.menus.tools.recordings.play.isEnabled()
    (tmp_path / "hearing.wav").rename(tmp_path / "elsewhere.wav")
    bar = show(qtbot, window, ids["budget"])
    assert not bar.play_button.isEnabled()
    assert "its recording is missing" in bar.play_button.toolTip()
    assert bar.play() is False and "cannot be played" in bar.message.text()


def test_marking_verified_records_the_reporter_and_shows_it_and_undo_takes_it_back(qtbot, window, hearing):
    lib, ids = hearing
    core_settings.set_value(None, "reporter_name", "Mara Quill")
    bar = show(qtbot, window, ids["budget"])
    assert bar.verified.isHidden()
    qtbot.mouseClick(bar.verify_button, Qt.MouseButton.LeftButton)
    who, when = recordings.verified(lib, ids["budget"])
    assert who == "Mara Quill"
    assert bar.verified.text() == f"Verified against the recording by Mara Quill on {when[:10]}"
    window.menus.undo.trigger()
    qtbot.waitUntil(lambda: bar.verified.isHidden(), timeout=10_000)
    assert recordings.verified(lib, ids["budget"]) is None


def test_without_a_reporter_name_the_computer_user_verifies(qtbot, window, hearing):
    lib, ids = hearing
    show(qtbot, window, ids["budget"])
    window.menus.tools.recordings.verify.trigger()
    assert recordings.verified(lib, ids["budget"])[0] == getpass.getuser()


def test_export_clips_writes_the_allowed_ones_and_lists_the_refusals_in_one_message(
        qtbot, window, hearing, tmp_path, monkeypatch):
    _lib, ids = hearing
    out = tmp_path / "clips"
    out.mkdir()
    told = []
    monkeypatch.setattr(main_recordings, "choose_folder", lambda parent: str(out))
    monkeypatch.setattr(main_recordings, "tell", lambda parent, title, text: told.append(text))
    select_ids(window, set(ids.values()))
    window.menus.tools.recordings.export.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    clip = f"Dana Chair 2023-10-02 quote {ids['budget']}.opus"
    sheets = [p for p in out.iterdir() if p.suffix == ".html"]
    assert sorted(p.name for p in out.iterdir() if p not in sheets) == [clip]
    assert len(sheets) == 1 and clip.replace(" ", "%20") in sheets[0].read_text(encoding="utf-8")
    message = told[0]
    assert message.startswith("No clip was made of 2 quotes:")
    assert "“Thank you all.”" in message and "“We never discussed it.”" in message
    assert len(message.splitlines()) == 3


def test_the_reporter_name_is_set_in_the_preferences_and_verifies_from_then_on(qtbot, window, hearing):
    from qtapp.gui.settings import PreferencesDialog
    lib, ids = hearing
    dialog = PreferencesDialog(lib, window)
    qtbot.addWidget(dialog)
    assert dialog.reporter.text() == "" and dialog.reporter.placeholderText() == getpass.getuser()
    dialog.reporter.setText("  Mara   Quill ")
    dialog.accept()
    assert core_settings.value(None, "reporter_name") == "Mara Quill"
    show(qtbot, window, ids["budget"]).verify()
    assert recordings.verified(lib, ids["budget"])[0] == "Mara Quill"
