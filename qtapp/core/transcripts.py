"""Timestamps of transcripts: when, in the recording, each stretch of a source's text was said.

Imported SRT and WebVTT transcripts keep their cues in ``transcript_cues`` (character span
in the source text, time span in seconds). A quote picked from such a source gets its time
in the recording from :func:`time_for_span`::

    time_for_span(lib, source_id, 120, 164)    # (63.5, 71.0): from the first to the last cue it touches
    timestamp(63.5)                            # '1:03', as citations and quote sheets show it
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .undo import Recorder, RowChange

if TYPE_CHECKING:
    from .importers.draft import Cue
    from .library import Library


def timestamp(seconds: float) -> str:
    """A time in a recording, as a citation locator and a quote sheet show it: 872 → '14:32',
    3723 → '1:02:03' (whole seconds)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def time_for_span(lib: Library, source_id: int, start: int, end: int) -> tuple[float, float] | None:
    """The recording time of ``text[start:end]`` of a transcript source, in seconds.

    Returns (start of the first cue the span touches, end of the last one), or None when the
    source has no cues there (not a transcript, or words between cues such as a speaker label).

    :param start: first character of the span in the source's text.
    :param end: one past its last character.
    """
    if end < start:
        start, end = end, start
    # A span of zero width still lies inside one cue: treat it as one character wide.
    end = max(end, start + 1)
    row = lib.db.execute(
        "SELECT min(time_start), max(time_end) FROM transcript_cues "
        "WHERE source_id = ? AND char_start < ? AND char_end > ?", [source_id, end, start]).fetchone()
    if row is None or row[0] is None:
        return None
    return float(row[0]), float(row[1])


def cues_of(lib: Library, source_id: int) -> list[Cue]:
    """Every cue of a transcript source in text order, each with its speaker label: what a player's
    transcript list shows beside the recording (:func:`qtapp.core.recordings.get` gives its path)."""
    from .importers.draft import Cue

    return [Cue(*row) for row in lib.db.execute(
        "SELECT char_start, char_end, time_start, time_end, speaker FROM transcript_cues WHERE source_id = ? "
        "ORDER BY char_start", [source_id])]


def cue_spans(lib: Library, source_id: int) -> list[tuple[int, int, float, float]]:
    """(char_start, char_end, time_start, time_end) of every cue of a source, in time order: the
    rows a player's transcript list shows, read in one query."""
    return lib.db.execute("SELECT char_start, char_end, time_start, time_end FROM transcript_cues "
                          "WHERE source_id = ? ORDER BY time_start, char_start", [source_id]).fetchall()


def cue_words(lib: Library, source_id: int, start: float, end: float | None = None) -> str:
    """The words of the cues said between ``start`` and ``end`` seconds (the one cue said at ``start``
    when ``end`` is None), one cue a line; '' when the source has no cue then."""
    end = start if end is None or end < start else end
    text = lib.sources.get(source_id).text
    rows = lib.db.execute(
        "SELECT char_start, char_end FROM transcript_cues WHERE source_id = ? AND time_start <= ? AND time_end > ? "
        "AND (time_start < ? OR time_start = ?) ORDER BY time_start, char_start",
        [source_id, end, start, end, start]).fetchall()
    return "\n".join(text[s:e].strip() for s, e in rows)


def has_cues(lib: Library, source_id: int) -> bool:
    """True when the source is a transcript with timestamps."""
    row = lib.db.execute("SELECT 1 FROM transcript_cues WHERE source_id = ? LIMIT 1", [source_id]).fetchone()
    return row is not None


def save_cues(rec: Recorder, source_id: int, cues: Iterable[Cue]) -> None:
    """Store a transcript's cues inside the caller's step, so undoing the import removes them too.

    A transcript has thousands of cues: they are written in one statement and recorded for
    undo afterwards, instead of row by row.
    """
    rows = [(source_id, c.char_start, c.char_end, c.time_start, c.time_end, c.speaker) for c in cues]
    if not rows:
        return
    before = rec.db.execute("SELECT coalesce(max(id), 0) FROM transcript_cues").fetchone()[0]
    rec.db.conn.executemany("INSERT INTO transcript_cues (source_id, char_start, char_end, time_start, time_end, "
                            "speaker) VALUES (?, ?, ?, ?, ?, ?)", rows)
    cursor = rec.db.execute("SELECT * FROM transcript_cues WHERE id > ? ORDER BY id", [before])
    columns = [c[0] for c in cursor.description]
    for values in cursor:
        row = dict(zip(columns, values, strict=True))
        rec.step.changes.append(RowChange("transcript_cues", row["id"], None, row))
