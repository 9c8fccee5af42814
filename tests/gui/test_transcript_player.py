"""The transcript beside the player: cues follow playback, clicks seek, selections log with times."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication

from qtapp.core import recordings
from qtapp.gui.editors import log_span
from qtapp.gui.recording.cues import CuesModel
from qtapp.gui.source_view import HIGHLIGHT, SourceView

from .recording_helpers import CUES, null_sink, transcript_source, wait_loaded, write_wav  # noqa: F401 - null_sink: autouse fixture
from .test_source_view import open_view

TOLERANCE = 0.1


@pytest.fixture
def hearing(library):
    return transcript_source(library)


@pytest.fixture
def view(qtbot, library, hearing, tmp_path):
    """The source view of the hearing, with its recording (12 s of silence) attached and in the player."""
    source, _text, _spans = hearing
    recordings.attach(library, source, write_wav(tmp_path / "hearing.wav", 12.0))
    view = open_view(qtbot, library, source)
    wait_loaded(qtbot, view.player)
    yield view
    view.player.media.pause()


def test_the_model_passes_qt_model_checks_and_shows_time_and_words(qtmodeltester, library, hearing):
    source, text, _ = hearing
    model = CuesModel(library, source, text)
    qtmodeltester.check(model)
    assert model.rowCount() == len(CUES)
    assert model.index(1).data() == "0:02  CHAIR: The seawall budget is forty million."


@given(st.floats(min_value=-5, max_value=20, allow_nan=False))
def test_the_cue_at_a_time_is_the_last_one_started_by_then(seconds):
    # The model's lookup against a plain scan of the cues, at any time before, in or after them.
    model = CuesModel.__new__(CuesModel)
    model._time_start = [start for _, start, _ in CUES]
    started = [row for row, (_, start, _) in enumerate(CUES) if start <= seconds]
    assert model.row_at(seconds) == (started[-1] if started else None)


def test_a_character_finds_its_cue_and_none_between_cues(library, hearing):
    source, text, spans = hearing
    model = CuesModel(library, source, text)
    for row, (start, end) in enumerate(spans):
        assert model.row_for_char(start) == model.row_for_char(end - 1) == row
    assert model.row_for_char(spans[0][1]) is None      # the line break after the first cue


def test_a_source_without_a_recording_has_no_player(qtbot, library, hearing):
    view = SourceView(library, hearing[0])
    qtbot.addWidget(view)
    assert view.player is None and view.transcript is None


def test_the_transcript_follows_playback_and_highlights_the_cue_being_said(qtbot, view):
    view.player.seek(4.0)
    view.player.play_pause()
    qtbot.waitUntil(lambda: view.transcript.cues.current() == 2, timeout=10_000)   # 4.5 s: the engineer
    assert view.transcript.cues.index(2).data(Qt.ItemDataRole.BackgroundRole) == HIGHLIGHT
    assert view.transcript.cues.index(1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_click_on_a_cue_seeks_to_it_within_100_ms(qtbot, view):
    rect = view.transcript.visualRect(view.transcript.cues.index(3))
    qtbot.mouseClick(view.transcript.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert abs(view.player.seconds() - 7.25) <= TOLERANCE


def test_a_click_on_a_word_of_the_text_seeks_to_its_cue(qtbot, view, hearing):
    _, text, _ = hearing
    cursor = view.text.textCursor()
    cursor.setPosition(text.index("March"))
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=view.text.cursorRect(cursor).center())
    assert abs(view.player.seconds() - 4.5) <= TOLERANCE


def test_selected_cues_are_logged_with_their_start_and_end_times(qtbot, view, library, monkeypatch):
    monkeypatch.setattr(log_span, "guess_speaker_name", lambda text, start, end: "Chair Person")
    chair = library.speakers.add("Chair Person")
    selection = view.transcript.selectionModel()
    for row in (1, 2):
        selection.select(view.transcript.cues.index(row), QItemSelectionModel.SelectionFlag.Select)

    def confirm():
        QApplication.activeModalWidget().save()
    QTimer.singleShot(0, confirm)
    qtbot.mouseClick(view.log_button, Qt.MouseButton.LeftButton)    # the button takes the focus from the list
    [quote] = [library.quotes.get(q) for q in _quote_ids(library)]
    assert quote.words == "CHAIR: The seawall budget is forty million.\nENGINEER: Work starts in March."
    assert (quote.speaker_id, quote.time_start, quote.time_end) == (chair, 2.0, 7.25)


def test_after_cues_a_selection_in_the_text_is_what_gets_logged(qtbot, view, hearing, library, monkeypatch):
    _, text, _ = hearing
    monkeypatch.setattr(log_span, "guess_speaker_name", lambda text, start, end: "Chair Person")
    library.speakers.add("Chair Person")
    view.transcript.selectionModel().select(view.transcript.cues.index(0), QItemSelectionModel.SelectionFlag.Select)
    view.select_span(text.index("forty"), text.index("forty") + len("forty million"))
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().save())
    qtbot.mouseClick(view.log_button, Qt.MouseButton.LeftButton)
    [quote] = [library.quotes.get(q) for q in _quote_ids(library)]
    assert (quote.words, quote.time_start, quote.time_end) == ("forty million", 2.0, 4.5)


def _quote_ids(library):
    return [row[0] for row in library.db.execute("SELECT id FROM quotes")]


def test_play_quote_plays_its_span_with_lead_in_and_pauses_at_its_end(qtbot, view, library, hearing):
    source, text, spans = hearing
    speaker = library.speakers.add("Engineer")
    start, end = spans[2]
    quote_id = library.quotes.add(text[start:end], speaker, source_id=source, span_start=start, span_end=end)
    view.refresh_quotes()
    view.select_span(start, end)
    qtbot.keyClick(view.text, Qt.Key.Key_Space,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.player.seconds() == pytest.approx(4.5 - 1.0, abs=TOLERANCE)
    assert "Playing" in view.message.text() and library.quotes.get(quote_id).time_end == 7.25
    qtbot.waitUntil(view.player.is_playing, timeout=10_000)
    qtbot.waitUntil(lambda: not view.player.is_playing(), timeout=15_000)
    assert abs(view.player.seconds() - 7.25) <= TOLERANCE


def test_play_quote_without_a_quote_at_the_cursor_says_what_to_do(view):
    assert not view.play_quote()
    assert "Put the cursor in a highlighted quote" in view.message.text()


def test_quick_log_during_playback_stamps_the_time_typing_began(qtbot, view, library):
    library.speakers.add("Chair Person")
    view.player.seek(5.0)
    qtbot.keyClick(view.text, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Log a quote" and w.isVisible())
    qtbot.keyClicks(dialog.words, "We will not raise the levy")
    view.player.seek(9.0)           # typing takes a while; the time is when it began
    dialog.speaker.setText("Chair Person")
    quote_id = dialog.save()
    dialog.close()
    assert library.quotes.get(quote_id).time_start == pytest.approx(5.0, abs=TOLERANCE)
