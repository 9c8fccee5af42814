"""Clips for the fact-checker: the audio of quotes, cut from their source's recording with PyAV.

::

    report = export_clips(lib, [12, 15], Path("~/Desktop/pier"), format="opus")
    report.clips[0].path      # …/Mara Quill 2024-05-02 quote 12.opus
    report.refused            # {15: 'off the record: never published'}

Guarantees:

- the gate decides which clips may leave (:func:`refusal`): a quote that may not be published,
  and one whose speaker may not be named (background, a confidential speaker), gets no clip,
  because a voice names its speaker; every refusal has its reason;
- a clip is cut sample-exactly from the quote's start to its end in the recording (plus an
  optional lead-in), and written whole or not at all;
- a clip is cut only from the file the transcript was timed on: a missing or changed recording
  is refused, never guessed at.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import recordings
from .errors import InvalidInput, NotFound
from .files import replacing, safe_filename
from .gate import Gate

if TYPE_CHECKING:
    from .library import Library

# format: (file suffix, container, codec, sample rate: None keeps the recording's)
CLIP_FORMATS = {"opus": (".opus", "ogg", "libopus", 48000), "wav": (".wav", "wav", "pcm_s16le", None)}
NOT_NAMED = "the speaker may not be named, and a voice names its speaker"


@dataclass(frozen=True)
class Clip:
    quote_id: int
    path: Path
    start: float
    end: float


@dataclass
class ClipReport:
    """The clips written, and the quotes refused with why."""

    clips: list[Clip] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)
    sheet: Path | None = None
    """The quote sheet written beside the clips, linking each quote to its clip (None: none asked)."""


def refusal(gate: Gate, quote_id: int) -> str | None:
    """Why the gate lets no clip of this quote leave, or None when it may.

    :raises NotFound: no such quote.
    """
    decision = gate.decide_quote(quote_id)
    if not decision.allowed:
        return decision.reason
    return None if decision.named else NOT_NAMED


def sort_out(lib: Library, quote_ids: list[int], gate: Gate) -> tuple[list[int], dict[int, str]]:
    """The quotes that may have a clip, and the others with why not (the gate's reason first).

    :raises NotFound: no such quote.
    """
    allowed, refused = [], {}
    states: dict[int, str] = {}    # a recording is hashed once per export, not once per quote
    for quote_id in dict.fromkeys(quote_ids):
        reason = refusal(gate, quote_id) or unplayable(lib, quote_id, states)
        if reason:
            refused[quote_id] = reason
        else:
            allowed.append(quote_id)
    return allowed, refused


def clip_name(lib: Library, quote_id: int) -> str:
    """A clip's file name without suffix: the speaker and the date said (else the source's), and the quote id."""
    name, said, source_date = lib.db.execute(
        "SELECT sp.name, q.said, so.date FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id "
        "LEFT JOIN sources so ON so.id = q.source_id WHERE q.id = ?", [quote_id]).fetchone()
    date = said or source_date or "undated"
    return f"{name} {date} quote {quote_id}"


def export_clips(lib: Library, quote_ids: list[int], folder: str | os.PathLike, *, format: str = "opus",
                 lead_in: float = 0.0, sheet: str | None = None, now: dt.datetime | None = None) -> ClipReport:
    """Write a clip of each quote the gate lets out into ``folder``, named after its speaker and date.

    :param format: ``opus`` (small, for sending) or ``wav`` (uncompressed, the recording's rate).
    :param lead_in: seconds of the recording before the quote to keep (never before its start).
    :param sheet: a quote sheet format (``sheet-md``, ``sheet-html``, ``sheet-docx``, ``sheet-csv``) to
        write beside the clips, each quote linked to its clip.
    :raises InvalidInput: an unknown format, or ``folder`` is not a folder.
    :raises NotFound: no such quote.
    """
    if format not in CLIP_FORMATS:
        raise InvalidInput(f"“{format}” is not a clip format. Use opus or wav.")
    target = Path(folder).expanduser()
    if not target.is_dir():
        raise InvalidInput(f"There is no folder at {target}. Create it, or choose another.")
    allowed, refused = sort_out(lib, quote_ids, Gate(lib, now))
    report = ClipReport(refused=refused)
    for quote_id in allowed:
        quote = lib.quotes.get(quote_id)
        start = max(0.0, quote.time_start - lead_in)
        path = safe_filename(clip_name(lib, quote_id), target, CLIP_FORMATS[format][0])
        cut(recordings.get(lib, quote.source_id).path, start, quote.time_end, path, format)
        report.clips.append(Clip(quote_id, path, start, quote.time_end))
    if sheet is not None:
        from .formats.registry import export_to_path, suggested_path
        from .formats.selection import Selection

        selection = Selection(quote_ids=tuple(dict.fromkeys(quote_ids)),
                              clips=tuple((c.quote_id, c.path.name) for c in report.clips))
        report.sheet = suggested_path(target, sheet, selection)
        export_to_path(lib, sheet, selection, report.sheet, now=now)
    return report


def unplayable(lib: Library, quote_id: int, states: dict[int, str] | None = None) -> str | None:
    """Why a quote's audio cannot be cut (no time, no recording, a recording missing or changed), or None.

    :param states: the recordings' states already checked, by source id; filled as they are.
    """
    quote = lib.quotes.get(quote_id)
    if quote.time_start is None or quote.time_end is None or quote.source_id is None:
        return "it has no time in a recording"
    if recordings.get(lib, quote.source_id) is None:
        return "its source has no recording attached"
    states = {} if states is None else states
    if quote.source_id not in states:
        states[quote.source_id] = recordings.status(lib, quote.source_id).state
    return None if states[quote.source_id] == "ok" else f"its recording is {states[quote.source_id]}"


def cut(source: Path, start: float, end: float, path: Path, format: str = "opus") -> None:
    """Write ``source``'s audio from ``start`` to ``end`` seconds to ``path``, sample-exact, whole or not at all.

    :raises InvalidInput: the span is empty or outside the recording, or the file cannot be read.
    """
    import av

    if end <= start:
        raise InvalidInput(f"A clip must end after it starts ({start:.2f} s to {end:.2f} s). "
                           "Correct the quote's times.")
    _suffix, container_format, codec, fixed_rate = CLIP_FORMATS[format]
    try:
        with av.open(str(source)) as media:
            stream = media.streams.audio[0]
            rate = fixed_rate or stream.codec_context.sample_rate
            layout = "mono" if stream.codec_context.channels == 1 else "stereo"
            resampler = av.AudioResampler(format="s16" if codec == "pcm_s16le" else "flt", layout=layout, rate=rate)
            fifo = av.AudioFifo()
            wanted = round((end - start) * rate)
            skip = None
            media.seek(int(max(0.0, start - 1.0) / stream.time_base), stream=stream)   # a key point before start
            for frame in media.decode(stream):
                for out in resampler.resample(frame):
                    if skip is None:
                        # Samples of this first frame before ``start``: the seek lands at or before it.
                        skip = round((start - float(frame.pts * frame.time_base)) * rate)
                    out.pts = None
                    fifo.write(out)
                if skip is not None and fifo.samples >= skip + wanted:
                    break
            if skip is None or fifo.samples <= max(skip, 0):
                raise InvalidInput(f"The quote's time ({start:.1f} s) is past the end of {source.name}. "
                                   "Check the quote's times and the recording.")
            if skip > 0:
                fifo.read(skip)
            with replacing(path, binary=True) as handle, av.open(handle, "w", format=container_format) as sink:
                encoder = sink.add_stream(codec, rate=rate, layout=layout)
                size = encoder.codec_context.frame_size or 1024
                left = min(wanted, fifo.samples)
                while left > 0:
                    chunk = fifo.read(min(size, left))
                    left -= chunk.samples
                    for packet in encoder.encode(chunk):
                        sink.mux(packet)
                for packet in encoder.encode(None):
                    sink.mux(packet)
    except av.FFmpegError as e:
        raise InvalidInput(f"Could not cut a clip from {source.name} ({e.strerror or type(e).__name__}). "
                           "Check that the recording plays.") from None
    except FileNotFoundError:
        raise NotFound(f"The recording {source.name} is missing. Find it with Locate, then export again.") from None
