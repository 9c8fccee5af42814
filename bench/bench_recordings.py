"""Recordings benchmark: opening a long recording with a big transcript (core side), and clip export speed.

::

    python bench/bench_recordings.py                  # 2 hours, 20,000 cues, 40 clips of 10 s
    python bench/bench_recordings.py --hours 0.5 --cues 5000 --clips 10

Makes a recording of ``--hours`` of tone with sox (16 kHz mono WAV, or ``--rate``) and a
transcript of ``--cues`` cues across it, in SRT and in Otter.ai's text shape. Prints the time
to read each transcript, to import it (cues stored), to attach the recording (duration read by
PyAV, SHA-256 of every byte), to load all the cues the way a player's transcript list does, and
the time to cut ``--clips`` clips of ``--seconds`` each, spread over the recording, as Opus and
WAV. Needs sox (Debian package ``sox``).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qtapp.core import recordings
from qtapp.core.clips import export_clips
from qtapp.core.importers import import_paths, read_document
from qtapp.core.library import Library
from qtapp.core.speaker_labels import labelled_turns
from qtapp.core.transcripts import cues_of

WORDS = "harbour council quay budget residents ferry fares island subsidy vote delay port spring".split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=2.0)
    parser.add_argument("--cues", type=int, default=20_000)
    parser.add_argument("--clips", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each clip")
    parser.add_argument("--rate", type=int, default=16_000, help="sample rate of the recording")
    args = parser.parse_args()
    if shutil.which("sox") is None:
        sys.exit("bench_recordings needs sox (apt-get install sox).")
    rng = random.Random(16)
    length = args.hours * 3600
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        media = folder / "interview.wav"
        started = time.perf_counter()
        subprocess.run(["sox", "-n", "-r", str(args.rate), "-c", "1", "-b", "16", str(media),
                        "synth", str(length), "sine", "300"], check=True)
        print(f"made {args.hours:g} h recording ({media.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s (not part of the figures)")
        srt, otter = write_transcripts(folder, args.cues, length, rng)
        for path in (srt, otter):
            draft, took = timed(lambda p=path: read_document(p))
            print(f"read {path.suffix[1:] if path.suffix != '.txt' else 'otter'} transcript, "
                  f"{len(draft.cues):,} cues: {took * 1000:.0f} ms")
        lib = Library(folder / "bench.verbatim", backups=False)
        report, took = timed(lambda: import_paths(lib, [otter]))
        source = report.outcomes[0].source_id
        print(f"import (store source + cues, one step): {took * 1000:.0f} ms")
        rec, took = timed(lambda: recordings.attach(lib, source, media))
        print(f"attach (PyAV duration {rec.duration:.0f} s + SHA-256 of {rec.size / 1e6:.0f} MB): "
              f"{took * 1000:.0f} ms")
        _, took = timed(lambda: recordings.status(lib, source))
        print(f"status check (size + SHA-256 again): {took * 1000:.0f} ms")
        cues, took = timed(lambda: cues_of(lib, source))
        print(f"load all {len(cues):,} cues (a player's transcript list): {took * 1000:.1f} ms")
        text, took = timed(lambda: lib.sources.get(source).text)
        print(f"load the transcript text ({len(text) / 1e6:.1f} M characters): {took * 1000:.1f} ms")
        turns, took = timed(lambda: labelled_turns(lib, source))
        print(f"speaker turns ({len(turns):,}): {took * 1000:.0f} ms")
        quotes = log_quotes(lib, source, args.clips, args.seconds, length, rng)
        for fmt in ("opus", "wav"):
            out = folder / fmt
            out.mkdir()
            report, took = timed(lambda f=fmt, o=out: export_clips(lib, quotes, o, format=f))
            audio = sum(c.end - c.start for c in report.clips)
            print(f"clips {fmt}: {len(report.clips)} × {args.seconds:g} s in {took:.2f} s = "
                  f"{took / len(report.clips) * 1000:.0f} ms a clip, {audio / took:.0f}× real time "
                  f"(with one status check of the recording)")
        lib.close()


def write_transcripts(folder: Path, cues: int, length: float, rng: random.Random) -> tuple[Path, Path]:
    step = length / cues
    srt, otter = [], []
    for i in range(cues):
        start, end = i * step, (i + 1) * step
        words = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + "."
        srt.append(f"{i + 1}\n{_srt(start)} --> {_srt(end)}\n{words}\n")
        otter.append(f"{'Mara Quill' if i % 2 else 'Speaker 1'}  {_otter(start)}\n{words}\n")
    srt_path, otter_path = folder / "interview.srt", folder / "interview.txt"
    srt_path.write_text("\n".join(srt), encoding="utf-8")
    otter_path.write_text("\n".join(otter), encoding="utf-8")
    return srt_path, otter_path


def log_quotes(lib: Library, source: int, count: int, seconds: float, length: float,
               rng: random.Random) -> list[int]:
    speaker = lib.speakers.add("Mara Quill")
    starts = sorted(rng.uniform(0, length - seconds) for _ in range(count))
    return lib.quotes.add_many([{"words": f"Quote {i}.", "speaker_id": speaker, "source_id": source,
                                 "time_start": s, "time_end": s + seconds} for i, s in enumerate(starts)])


def timed(work):
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _srt(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def _otter(seconds: float) -> str:
    whole = int(seconds)
    h, m, s = whole // 3600, whole // 60 % 60, whole % 60
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


if __name__ == "__main__":
    main()
