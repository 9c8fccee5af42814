"""Transcripts with timestamps, SRT and WebVTT, read by the maintained ``srt`` and ``webvtt-py``.

The cues' words are joined into one text, a paragraph per change of speaker, and each cue
keeps its character span in that text and its times, so that a quote picked from the text
knows when it was said in the recording.
"""

from __future__ import annotations

import io
import re

from ..errors import ImportFailed
from .draft import Cue, SourceDraft

_TAGS = re.compile(r"<[^>]*>")  # SRT styling such as <i>, which the srt package leaves in


def read_srt(text: str, *, name: str) -> SourceDraft:
    """A transcript from SubRip (.srt) text.

    :raises ImportFailed: not valid SRT.
    """
    import srt

    try:
        cues = [(s.start.total_seconds(), s.end.total_seconds(), None, _TAGS.sub("", s.content))
                for s in srt.parse(text)]
    except (srt.SRTParseError, ValueError) as e:
        raise ImportFailed(f"{name} is not a valid SRT transcript ({_first_line(e)}). "
                           "Export it again from the transcription tool.") from None
    return transcript_from_cues(cues, name)


def read_vtt(text: str, *, name: str) -> SourceDraft:
    """A transcript from WebVTT (.vtt) text, with ``<v Speaker>`` voices kept as speaker labels.

    :raises ImportFailed: not valid WebVTT.
    """
    import webvtt
    from webvtt.errors import MalformedFileError

    try:
        captions = webvtt.from_buffer(io.StringIO(text)).captions
        cues = [(c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000, c.voice, c.text)
                for c in captions]
    except (MalformedFileError, ValueError) as e:
        raise ImportFailed(f"{name} is not a valid WebVTT transcript ({_first_line(e)}). "
                           "Export it again from the transcription tool.") from None
    return transcript_from_cues(cues, name)


def transcript_from_cues(cues: list[tuple[float, float, str | None, str]], name: str) -> SourceDraft:
    """A transcript from ``(start, end, speaker label or None, words)`` cues: their words joined
    into text, a space between cues and a new paragraph, ``Label: ``, where the speaker changes.
    A cue without a label carries the speaker before it on."""
    parts: list[str] = []
    spans: list[Cue] = []
    length = 0
    voice = None
    for start, end, speaker, words in cues:
        words = " ".join(words.split())
        if not words:
            continue
        if speaker and speaker != voice:
            separator = ("\n\n" if parts else "") + f"{speaker}: "
            voice = speaker
        else:
            separator = " " if parts else ""
        parts.append(separator + words)
        length += len(separator)
        spans.append(Cue(length, length + len(words), start, max(start, end), voice))
        length += len(words)
    if not spans:
        raise ImportFailed(f"{name} has no spoken words in it: every cue is empty.")
    return SourceDraft(kind="interview", text="".join(parts), cues=spans)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:120]
