"""Recordings of sources: the audio or video a transcript was made from, kept outside the library.

::

    rec = attach(lib, source_id, "~/Interviews/mayor.m4a")   # reads size, duration, SHA-256
    status(lib, source_id).state                              # 'ok', 'missing' or 'changed'
    locate(lib, folders=["/media/usb"])                       # moved files found again by hash
    mark_verified(lib, [quote_id], who="R. Diaz")             # heard again: kept in the history

Guarantees:

- the media never enters the library file: only its path, size, duration and SHA-256;
- a file is hashed in chunks (:data:`CHUNK`), so a recording of hours never sits in memory;
- a moved file is found again only by its exact hash, never by its name alone;
- a file whose size or hash no longer match is flagged ``changed`` and stays flagged until it
  is attached again: its transcript's times may no longer hold;
- attaching, locating and marking verified are undoable steps.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import settings
from .dates import utc_now
from .errors import InvalidInput, NotFound
from .plural import count_of

if TYPE_CHECKING:
    from .library import Library

CHUNK = 1 << 20
MEDIA_SUFFIXES = (".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".oga", ".flac", ".mp4", ".m4v", ".webm",
                  ".mov", ".mkv")
State = Literal["ok", "missing", "changed"]


@dataclass(frozen=True)
class Recording:
    """A source's recording as the library last knew it."""

    id: int
    source_id: int
    path: Path
    size: int
    duration: float | None
    sha256: str
    added_at: str
    changed: bool


@dataclass(frozen=True)
class Status:
    """What became of a recording's file: ``ok``, ``missing`` (not at its path) or ``changed``."""

    state: State
    recording: Recording
    message: str


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, read :data:`CHUNK` bytes at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def probe_duration(path: Path) -> float | None:
    """The length of an audio or video file in seconds (PyAV), or None when the container does not say.

    :raises InvalidInput: the file is not audio or video PyAV can read, or has no sound.
    """
    import av

    try:
        with av.open(str(path)) as container:
            audio = [s for s in container.streams if s.type == "audio"]
            if not audio:
                raise InvalidInput(f"{path.name} has no sound in it. Attach the audio or video file of the "
                                   "interview.")
            if container.duration is not None:
                return container.duration / av.time_base
            stream = audio[0]
            if stream.duration is not None and stream.time_base is not None:
                return float(stream.duration * stream.time_base)
            return None
    except av.FFmpegError:
        raise InvalidInput(f"{path.name} is not an audio or video file Verbatim can read. Use WAV, MP3, "
                           "M4A, OGG/Opus, FLAC, MP4 or WebM.") from None


def attach(lib: Library, source_id: int, path: str | os.PathLike) -> Recording:
    """Attach the recording at ``path`` to a source (replacing any it had), as one undoable step.

    :raises NotFound: no such source, or no file at ``path``.
    :raises InvalidInput: the file is not audio or video.
    """
    lib.sources.get(source_id)
    file = _existing_file(path)
    duration = probe_duration(file)
    row = {"source_id": source_id, "path": str(file), "size": file.stat().st_size, "duration": duration,
           "sha256": sha256_of(file), "added_at": utc_now(), "changed": 0}
    with lib.step(f"Attach recording {file.name}"[:80]) as rec:
        old = get(lib, source_id)
        if old is None:
            rec.insert("recordings", row)
        else:
            rec.update("recordings", old.id, row)
    return get(lib, source_id)


def get(lib: Library, source_id: int) -> Recording | None:
    """The recording attached to a source, or None."""
    cursor = lib.db.execute("SELECT * FROM recordings WHERE source_id = ?", [source_id])
    values = cursor.fetchone()
    return None if values is None else _recording(dict(zip([c[0] for c in cursor.description], values, strict=True)))


def all_recordings(lib: Library) -> list[Recording]:
    """Every recording of the library's live sources, by source id."""
    cursor = lib.db.execute("SELECT r.* FROM recordings r JOIN sources s ON s.id = r.source_id "
                            "WHERE s.deleted_at IS NULL ORDER BY r.source_id")
    columns = [c[0] for c in cursor.description]
    return [_recording(dict(zip(columns, v, strict=True))) for v in cursor]


def status(lib: Library, source_id: int) -> Status:
    """Whether a source's recording is still where, and what, it was; a changed one is flagged.

    :raises NotFound: the source has no recording.
    """
    recording = _required(lib, source_id)
    file = recording.path
    if not file.is_file():
        return Status("missing", recording, f"The recording {file.name} is no longer at {file.parent}. "
                                            "Find it with Locate, or attach it again.")
    if recording.changed or file.stat().st_size != recording.size or sha256_of(file) != recording.sha256:
        if not recording.changed:
            with lib.write() as db:
                db.execute("UPDATE recordings SET changed = 1 WHERE id = ?", [recording.id])
        return Status("changed", get(lib, source_id), f"The recording {file.name} has changed since it was "
                      "attached, so its transcript's times may no longer hold. Attach it again once checked.")
    return Status("ok", recording, f"The recording {file.name} is in place.")


def locate(lib: Library, source_id: int | None = None, folders: Iterable[str | os.PathLike] = ()) -> list[Recording]:
    """Find moved recordings again by their hash, in the library's folder and ``folders``; returns those found.

    Only recordings missing from their path are looked for (of one source, or of all). Files of
    the right size are hashed; one with the same SHA-256 becomes the recording's path, in one
    undoable step.

    :raises NotFound: ``source_id`` has no recording, or a folder does not exist.
    """
    wanted = [_required(lib, source_id)] if source_id is not None else all_recordings(lib)
    wanted = [r for r in wanted if not r.path.is_file()]
    roots = [lib.path.parent, *(_existing_folder(f) for f in folders)]
    by_size: dict[int, list[Recording]] = {}
    for r in wanted:
        by_size.setdefault(r.size, []).append(r)
    found: dict[int, Path] = {}
    for file in _files_under(roots):
        waiting = [r for r in by_size.get(_size(file), ()) if r.id not in found]
        if not waiting:
            continue
        digest = sha256_of(file)
        for r in waiting:
            if r.sha256 == digest:
                found[r.id] = file
        if len(found) == len(wanted):
            break
    if found:
        with lib.step(f"Locate {count_of(len(found), 'recording')}") as rec:
            for recording_id, file in found.items():
                rec.update("recordings", recording_id, {"path": str(file)})
    return [get(lib, r.source_id) for r in wanted if r.id in found]


def mark_verified(lib: Library, quote_ids: Iterable[int], who: str) -> None:
    """Record that ``who`` heard these quotes again in their source's recording, now, as one undoable step.

    :raises InvalidInput: no name given, or a quote has no time in a recording.
    :raises NotFound: no such quote.
    """
    who = " ".join((who or "").split())
    if not who:
        raise InvalidInput("Say who verified the quote against the recording: type a name.")
    ids = list(dict.fromkeys(quote_ids))
    for quote_id in ids:
        quote = lib.quotes.get(quote_id)
        if quote.time_start is None or quote.source_id is None or get(lib, quote.source_id) is None:
            raise InvalidInput(f"Quote {quote_id} has no time in a recording, so it cannot be verified against "
                               "one. Attach the source's recording and log the quote from its transcript.")
    now = utc_now()
    with lib.step(f"Mark {count_of(len(ids), 'quote')} verified against the recording") as rec:
        for quote_id in ids:
            rec.update("quotes", quote_id, {"verified_by": who, "verified_at": now})


def reporter_name() -> str:
    """The reporter's name (the user setting ``reporter_name``, kept on this computer), '' when unset."""
    return settings.value(None, "reporter_name") or ""


def set_reporter_name(name: str) -> None:
    """Keep the reporter's name on this computer ('' forgets it)."""
    settings.set_value(None, "reporter_name", " ".join(name.split()) or None)


def verifier_name() -> str:
    """Who marks quotes verified: the reporter's name, else this computer's user name."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):   # no name for the process's user id (a container)
        user = ""
    return reporter_name() or user


def verified(lib: Library, quote_id: int) -> tuple[str, str] | None:
    """(who, when as ISO UTC) the quote was last marked verified against its recording, or None."""
    row = lib.db.execute("SELECT verified_by, verified_at FROM quotes WHERE id = ?", [quote_id]).fetchone()
    return (row[0], row[1]) if row is not None and row[0] else None


def manifest_lines(conn) -> list[str]:
    """One line per recording of the library open on ``conn``: SHA-256, size and path, for a backup's list."""
    from .encryption import operational_errors

    try:
        rows = conn.execute("SELECT sha256, size, path FROM recordings ORDER BY source_id").fetchall()
    except operational_errors():   # a library from before m010: no such table, nothing to list
        return []
    return [f"{sha}  {size}  {path}" for sha, size, path in rows]


def _recording(row: dict) -> Recording:
    return Recording(row["id"], row["source_id"], Path(row["path"]), row["size"], row["duration"], row["sha256"],
                     row["added_at"], bool(row["changed"]))


def _required(lib: Library, source_id: int) -> Recording:
    recording = get(lib, source_id)
    if recording is None:
        raise NotFound(f"Source {source_id} has no recording. Attach one first.")
    return recording


def _existing_file(path: str | os.PathLike) -> Path:
    file = Path(path).expanduser()
    if not file.is_file():
        raise NotFound(f"There is no file at {file}. Check the path and try again.")
    return file.resolve()


def _existing_folder(path: str | os.PathLike) -> Path:
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise NotFound(f"There is no folder at {folder}. Check the path and try again.")
    return folder.resolve()


def _files_under(roots: list[Path]):
    """Every media file under ``roots`` (by suffix), each once; unreadable folders are skipped."""
    seen: set[Path] = set()
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                if name.lower().endswith(MEDIA_SUFFIXES):
                    file = Path(folder, name)
                    if file not in seen:
                        seen.add(file)
                        yield file


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return -1
