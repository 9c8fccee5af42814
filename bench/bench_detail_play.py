"""Play quote from the main window's details, on a long recording.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_detail_play.py [--cues 20000] [--minutes 120]

Builds the transcript source and WAV of ``bench_player.py``, attaches the WAV, logs quotes at
random cues, then measures the detail pane's recording row (``RecordingBar``):

- showing a quote: the first one of the recording checks it (size + SHA-256), the others reuse that;
- Play quote, the first time (the player is made and the file loaded) and then while it exists:
  from the press to the first position reported near the quote's start less the 1 s lead-in.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_player import build, spin_until

from PySide6.QtWidgets import QApplication

from qtapp.core import recordings
from qtapp.gui.detail.recording_bar import RecordingBar
from qtapp.gui.recording import player as player_module


def press_play(app, bar: RecordingBar, quote) -> float:
    """ms from Play to the first position within 0.5 s of the quote's start less the lead-in."""
    aim = quote.time_start - player_module.LEAD_IN_SECONDS
    seen: list[float] = []
    start = time.perf_counter()
    bar.play()
    bar.player.position_changed.connect(seen.append)
    spin_until(app, lambda: any(abs(s - aim) < 0.5 for s in seen))
    took = (time.perf_counter() - start) * 1000
    bar.player.position_changed.disconnect(seen.append)
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cues", type=int, default=20000)
    parser.add_argument("--minutes", type=float, default=120)
    parser.add_argument("--quotes", type=int, default=20)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    player_module.sound_available = lambda: False   # a null sink, as in the tests
    lib, source, wav = build(Path(tempfile.mkdtemp()), args.cues, args.minutes)
    recordings.attach(lib, source, wav)
    speaker = lib.speakers.add("Harbour Engineer")
    rows = lib.db.execute("SELECT char_start, char_end FROM transcript_cues WHERE source_id = ?", [source]).fetchall()
    text = lib.sources.get(source).text
    picked = random.Random(16).sample(rows[10:], args.quotes)
    ids = [lib.quotes.add(text[s:e], speaker, source_id=source, span_start=s, span_end=e) for s, e in picked]
    print(f"{args.cues:,} cues over {args.minutes:g} min; WAV {wav.stat().st_size / 1e6:.0f} MB; {args.quotes} quotes")

    bar = RecordingBar(lib)
    bar.show()
    shown = []
    for quote_id in ids:
        start = time.perf_counter()
        bar.show_quote(quote_id)
        shown.append((time.perf_counter() - start) * 1000)
    print(f"show a quote: first of the recording {shown[0]:.0f} ms, the others median "
          f"{statistics.median(shown[1:]):.2f} ms, max {max(shown[1:]):.2f} ms")

    first = press_play(app, bar, lib.quotes.get(ids[-1]))
    again = []
    for quote_id in ids:
        bar.show_quote(quote_id)
        again.append(press_play(app, bar, lib.quotes.get(quote_id)))
    print(f"Play quote to the first position at its lead-in: first press {first:.0f} ms (player made, file "
          f"loaded); then median {statistics.median(again):.0f} ms, max {max(again):.0f} ms")
    bar.player.media.pause()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
