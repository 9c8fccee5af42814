"""The speech-to-text extension point: none installed says so; an installed model's SRT is read."""

from importlib.metadata import EntryPoint

import pytest

from qtapp.core import transcribe
from qtapp.core.errors import NotFound


def test_without_a_model_nothing_is_transcribed_and_the_message_says_what_to_do(monkeypatch):
    monkeypatch.setattr(transcribe, "entry_points", lambda group: [])
    assert transcribe.transcriber() is None
    with pytest.raises(NotFound, match=r"No speech-to-text model is installed.*import a transcript"):
        transcribe.transcribe("interview.wav")


def fake_model(path):
    return f"1\n00:00:01,500 --> 00:00:03,000\nWords heard in {path.name}.\n"


def test_an_installed_model_is_found_by_its_entry_point_and_gives_timed_cues(monkeypatch):
    model = EntryPoint("fake", f"{__name__}:fake_model", transcribe.GROUP)
    monkeypatch.setattr(transcribe, "entry_points", lambda group: [model] if group == transcribe.GROUP else [])
    draft = transcribe.transcribe("interview.wav")
    (cue,) = draft.cues
    assert (cue.time_start, cue.time_end) == (1.5, 3.0)
    assert draft.text[cue.char_start:cue.char_end] == "Words heard in interview.wav."
