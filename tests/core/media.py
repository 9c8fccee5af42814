"""Test recordings made on the spot: tones with Python's ``wave``, speech with espeak-ng and sox.

Speech needs the Debian packages ``espeak-ng`` and ``sox`` (scripts/setup.sh installs them for
tests). Where they are missing the tests that speak are skipped, except in CI, where they fail.
"""

from __future__ import annotations

import math
import os
import shutil
import struct
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import pytest

RATE = 22050


def tone(path: Path, seconds: float, hz: float = 440.0, rate: int = RATE) -> Path:
    """A mono 16-bit WAV of a sine tone, ``seconds`` long."""
    frames = int(seconds * rate)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * hz * i / rate)))
                               for i in range(frames)))
    return path


def need_speech_tools() -> None:
    """Skip (fail in CI) when espeak-ng or sox is missing."""
    missing = [t for t in ("espeak-ng", "sox", "soxi") if shutil.which(t) is None]
    if missing:
        message = f"{' and '.join(missing)} not installed (Debian packages espeak-ng and sox)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@dataclass(frozen=True)
class Spoken:
    start: float
    end: float
    words: str


def _seconds(path: Path) -> float:
    return float(subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True, check=True).stdout)


def speak(folder: Path, sentences: list[tuple[float, str]], name: str = "interview") -> tuple[Path, Path, list[Spoken]]:
    """A WAV with each sentence spoken from its start time, and an SRT of the same times beside it.

    :returns: (the recording, its SRT, when each sentence was said).
    """
    need_speech_tools()
    parts, spoken = [], []
    for i, (start, words) in enumerate(sentences):
        raw = folder / f"{name}-{i}.wav"
        subprocess.run(["espeak-ng", "-w", str(raw), words], check=True, capture_output=True)
        padded = folder / f"{name}-{i}-at.wav"
        subprocess.run(["sox", str(raw), str(padded), "pad", f"{start}"], check=True, capture_output=True)
        spoken.append(Spoken(start, start + _seconds(raw), words))
        parts.append(str(padded))
    recording = folder / f"{name}.wav"
    command = ["sox", "-m", *parts, str(recording)] if len(parts) > 1 else ["sox", parts[0], str(recording)]
    subprocess.run(command, check=True, capture_output=True)
    srt = folder / f"{name}.srt"
    srt.write_text("\n".join(f"{i}\n{_srt_time(s.start)} --> {_srt_time(s.end)}\n{s.words}\n"
                             for i, s in enumerate(spoken, 1)), encoding="utf-8")
    return recording, srt, spoken


def _srt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    secs, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d},{ms:03d}"


def duration_of(path: Path) -> float:
    """The length of a media file in seconds, as PyAV reads it from the decoded samples."""
    import av

    samples, rate = 0, None
    with av.open(str(path)) as container:
        for frame in container.decode(audio=0):
            samples += frame.samples
            rate = frame.sample_rate
    return samples / rate
