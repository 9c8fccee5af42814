"""A recording made in the test (silence of a known length) and a transcript source with cues."""

import wave
from pathlib import Path

import pytest

from qtapp.gui.recording import player

RATE = 8000


def write_wav(path: Path, seconds: float) -> Path:
    """``seconds`` of silence, 8 kHz mono: positions are all the player tests need."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"\0\0" * round(RATE * seconds))
    return path


# (words, start, end) of each cue, in seconds.
CUES = [("HOST: Welcome to the harbour hearing.", 0.5, 2.0),
        ("CHAIR: The seawall budget is forty million.", 2.0, 4.5),
        ("ENGINEER: Work starts in March.", 4.5, 7.25),
        ("CHAIR: Thank you all.", 7.25, 9.0)]


def transcript_source(library) -> tuple[int, str, list[tuple[int, int]]]:
    """A hearing transcript with :data:`CUES`; returns its id, text and the cues' character spans."""
    text, spans = "", []
    for words, _, _ in CUES:
        spans.append((len(text), len(text) + len(words)))
        text += words + "\n"
    source = library.sources.add("press_conference", "Harbour hearing", date="2023-10-02", text=text)
    library.db["transcript_cues"].insert_all(
        {"source_id": source, "char_start": s, "char_end": e, "time_start": t0, "time_end": t1}
        for (s, e), (_, t0, t1) in zip(spans, CUES, strict=True))
    return source, text, spans


@pytest.fixture(autouse=True)
def null_sink(monkeypatch):
    """Players made in a test get no audio output (a null sink), sound card or not: they play on
    their own clock, and the tests hear nothing."""
    monkeypatch.setattr(player, "sound_available", lambda: False)


def wait_loaded(qtbot, shown: player.Player) -> None:
    qtbot.waitUntil(lambda: shown.duration() > 0, timeout=10_000)
