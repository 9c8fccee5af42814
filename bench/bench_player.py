"""Opening a long recording with its transcript in the source view, and seeking in it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_player.py [--cues 20000] [--minutes 120]

Builds a transcript source of ``--cues`` cues spread over ``--minutes`` minutes, and a WAV
of that length (8 kHz mono silence, in a temporary folder), then measures, in one process:

- first paint: from ``SourceView(lib, source)`` (QtMultimedia is imported there, on first use)
  to the first paint of the transcript list and of the text, and to the recording's length
  being known;
- seek latency while playing: from ``seek(t)`` to the first position reported near ``t``,
  and how far that position is from ``t``; the same for "play quote" (1 s lead-in).

No sound device is needed: without one the player plays on its own clock.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import wave
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from qtapp.core.importers.draft import Cue
from qtapp.core.library import Library
from qtapp.core.transcripts import save_cues
from qtapp.gui import recording
from qtapp.gui.source_view import SourceView

SENTENCES = ["CHAIR: The committee will now hear from the harbour engineer.",
             "ENGINEER: The seawall needs another forty metres before spring.",
             "CHAIR: And the cost of those forty metres?",
             "ENGINEER: About two million, if the stone arrives on time."]


def build(folder: Path, cues: int, minutes: float) -> tuple[Library, int, Path]:
    seconds = minutes * 60
    each = seconds / cues
    text_parts, timed, at = [], [], 0
    for i in range(cues):
        line = SENTENCES[i % len(SENTENCES)]
        timed.append(Cue(char_start=at, char_end=at + len(line), time_start=i * each, time_end=(i + 1) * each))
        text_parts.append(line + "\n")
        at += len(line) + 1
    lib = Library(folder / "bench.verbatim")
    source = lib.sources.add("press_conference", "Harbour committee", text="".join(text_parts))
    with lib.step("Add cues") as rec:
        save_cues(rec, source, timed)
    wav = folder / "hearing.wav"
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        chunk = b"\0\0" * 8000 * 60
        for _ in range(int(minutes)):
            out.writeframes(chunk)
    return lib, source, wav


class FirstPaint(QObject):
    """Notes when each watched widget is first painted."""

    def __init__(self):
        super().__init__()
        self.at: dict[str, float] = {}
        self.names: dict[QObject, str] = {}

    def watch(self, widget, name: str) -> None:
        self.names[widget] = name
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and watched in self.names:
            self.at.setdefault(self.names[watched], time.perf_counter())
        return False


def spin_until(app: QApplication, done, limit: float = 20.0) -> None:
    end = time.perf_counter() + limit
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("the player did not get there in time")
        app.processEvents()
        time.sleep(0.001)


def seek_latency(app, player, targets, how) -> tuple[list[float], list[float]]:
    """(ms from the call to the first position near the target, error of that position in ms)."""
    latencies, errors = [], []
    for target in targets:
        aim = target - 1.0 if how == "play quote" else target
        seen: list[float] = []
        player.position_changed.connect(seen.append)
        start = time.perf_counter()
        if how == "play quote":
            player.play_span(target, target + 2.0)
        else:
            player.seek(target)
        spin_until(app, lambda seen=seen, aim=aim: any(abs(s - aim) < 1.0 for s in seen))
        latencies.append((time.perf_counter() - start) * 1000)
        errors.append(abs(next(s for s in seen if abs(s - aim) < 1.0) - aim) * 1000)
        player.position_changed.disconnect(seen.append)
        if not player.is_playing():
            player.play_pause()
    return latencies, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", type=int, default=20000)
    parser.add_argument("--minutes", type=float, default=120)
    parser.add_argument("--seeks", type=int, default=30)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    lib, source, wav = build(Path(tempfile.mkdtemp()), args.cues, args.minutes)
    recording.recording_path = lambda _lib, _source_id: wav
    print(f"{args.cues:,} cues over {args.minutes:g} min; WAV {wav.stat().st_size / 1e6:.0f} MB")

    painted = FirstPaint()
    start = time.perf_counter()
    view = SourceView(lib, source)
    built = time.perf_counter()
    painted.watch(view.transcript.viewport(), "transcript")
    painted.watch(view.text.viewport(), "text")
    view.resize(1024, 700)
    view.show()
    spin_until(app, lambda: len(painted.at) == 2)
    spin_until(app, lambda: view.player.duration() > 0)
    loaded = time.perf_counter()
    ms = {name: (t - start) * 1000 for name, t in painted.at.items()}
    print(f"first paint: view built {(built - start) * 1000:.0f} ms, transcript painted {ms['transcript']:.0f} ms, "
          f"text painted {ms['text']:.0f} ms, recording length known {(loaded - start) * 1000:.0f} ms")

    player = view.player
    player.play_pause()
    spin_until(app, player.is_playing)
    rng = random.Random(16)
    duration = player.duration()
    for how in ("seek", "play quote"):
        targets = [rng.uniform(2.0, duration - 5.0) for _ in range(args.seeks)]
        latencies, errors = seek_latency(app, player, targets, how)
        print(f"{how} while playing, {args.seeks} random places: latency median {statistics.median(latencies):.0f} ms, "
              f"max {max(latencies):.0f} ms; first position off by median {statistics.median(errors):.0f} ms, "
              f"max {max(errors):.0f} ms")
    player.media.pause()
    view.close()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
