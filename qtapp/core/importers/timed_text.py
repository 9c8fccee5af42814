"""Plain-text transcripts with speaker labels and timestamps: Otter.ai, Trint, Descript, ``[hh:mm:ss]`` marks.

Each shape is recognised by its content (:func:`timed_format`), whatever the file is called:

- **Otter.ai** (TXT export): a header line, the speaker, two spaces and the time (``M:SS`` or
  ``H:MM:SS``), then the turn's lines, then a blank line::

      Jane Roe  1:04
      We opened the bridge on time.

- **Trint** (text export with timecodes): the speaker, then the bracketed timecode, the words
  on the same line or the lines below::

      Jane Roe [00:01:04] We opened the bridge on time.

- **Descript** (TXT export with speaker labels and timecodes), and a transcript typed by hand
  with ``[hh:mm:ss]`` marks: a mark, then an optional ``Label:``, then the words, up to the next
  mark (marks may stand inside a paragraph)::

      [00:01:04] Jane Roe: We opened the bridge on time.

A turn runs from its time to the next turn's; the last one is given about 0.4 s a word (150
words a minute). The turns become cues, each knowing its speaker label, and the text reads
``Label: words`` at each change of speaker, as SRT and WebVTT transcripts do.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ImportFailed
from .draft import SourceDraft
from .plain import title_from_text
from .subtitles import transcript_from_cues

_TIME = r"(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)"
_OTTER_HEADER = re.compile(rf"^(\S[^\n\[\]]{{0,60}}?)  {_TIME}[ \t]*$", re.MULTILINE)
_TRINT_HEADER = re.compile(rf"^(\S[^\n\[\]:]{{0,60}}?) \[{_TIME}\][ \t]*(.*)$", re.MULTILINE)
_MARK = re.compile(rf"\[{_TIME}\][ \t]*")
_LABEL = re.compile(r"([^\s:\[\]][^:\n\[\]]{0,59}?):[ \t]+")
SECONDS_PER_WORD = 0.4
FORMAT_NAMES = {"otter": "an Otter.ai transcript", "trint": "a Trint transcript",
                "descript": "a Descript transcript", "marked": "a transcript with [hh:mm:ss] marks"}

Turn = tuple[float, str | None, str]   # (start in seconds, speaker label or None, words)


def timed_format(text: str) -> str | None:
    """Which timed shape ``text`` has: 'otter', 'trint', 'descript', 'marked', or None (plain text).

    A shape counts when at least two turns have it, and (for Otter and Trint) when their
    headers start most of the text's blocks, so prose that happens to hold a time is not one.
    """
    head = text[:20_000]
    blocks = max(1, len(re.findall(r"(?:^|\n\s*\n)\s*\S", head)))
    otter = len(_OTTER_HEADER.findall(head))
    if otter >= 2 and otter * 2 >= blocks:
        return "otter"
    trint = len(_TRINT_HEADER.findall(head))
    if trint >= 2 and trint * 2 >= blocks:
        return "trint"
    marks = list(_MARK.finditer(head))
    if len(marks) >= 2:
        at_line_start = [m for m in marks if m.start() == 0 or head[m.start() - 1] == "\n"]
        labelled = [m for m in at_line_start if _LABEL.match(head, m.end())]
        return "descript" if len(labelled) == len(marks) else "marked"
    return None


def read_timed(text: str, *, name: str) -> SourceDraft | None:
    """A transcript from a timed plain-text shape, or None when ``text`` has none of them.

    :raises ImportFailed: the times go backwards, or no turn has words.
    """
    shape = timed_format(text)
    if shape is None:
        return None
    turns = _otter(text) if shape == "otter" else _trint(text) if shape == "trint" else _marked(text)
    first = {"otter": _OTTER_HEADER, "trint": _TRINT_HEADER}.get(shape, _MARK).search(text).start()
    return _draft(turns, name, FORMAT_NAMES[shape], preamble=text[:first].strip())


def _otter(text: str) -> list[Turn]:
    headers = list(_OTTER_HEADER.finditer(text))
    return [(_seconds(h[2]), h[1].strip(), _words_until(text, h.end(), headers[i + 1].start() if i + 1 < len(headers)
                                                          else len(text)))
            for i, h in enumerate(headers)]


def _trint(text: str) -> list[Turn]:
    headers = list(_TRINT_HEADER.finditer(text))
    return [(_seconds(h[2]), h[1].strip(), _words_until(text, h.start(3), headers[i + 1].start()
                                                          if i + 1 < len(headers) else len(text)))
            for i, h in enumerate(headers)]


def _marked(text: str) -> list[Turn]:
    marks = list(_MARK.finditer(text))
    turns = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        label = _LABEL.match(text, m.end(), end)
        start = label.end() if label else m.end()
        turns.append((_seconds(m[1]), label[1].strip() if label else None, _words_until(text, start, end)))
    return turns


def _words_until(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def _seconds(stamp: str) -> float:
    """'1:04' → 64.0, '01:02:03.5' → 3723.5."""
    parts = stamp.replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def _draft(turns: list[Turn], name: str, shape: str, preamble: str) -> SourceDraft:
    """Cues from turns, each from its time to the next turn's; the text before the first turn
    (a heading, notes) stays at the top, its first short line the title."""
    cues = []
    for i, (start, speaker, words) in enumerate(turns):
        if i + 1 < len(turns):
            end = turns[i + 1][0]
            if end < start:
                raise ImportFailed(f"{name} is {shape} whose times go backwards at {_stamp(end)}. Export it "
                                   "again from the transcription tool.")
        else:
            end = start + SECONDS_PER_WORD * len(words.split())
        cues.append((start, end, speaker, words))
    draft = transcript_from_cues(cues, name)
    if preamble:
        shift = len(preamble) + 2
        draft.text = f"{preamble}\n\n{draft.text}"
        draft.cues = [replace(c, char_start=c.char_start + shift, char_end=c.char_end + shift) for c in draft.cues]
        draft.title = title_from_text(preamble)
    return draft


def _stamp(seconds: float) -> str:
    from ..transcripts import timestamp
    return timestamp(seconds)
