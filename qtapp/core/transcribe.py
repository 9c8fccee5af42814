"""Speech to text on this machine: the extension point for a model the user supplies.

None ships with Verbatim and nothing is transcribed unless such a model is installed. A package
installed beside Verbatim declares its function under the entry point group
``verbatim.transcribers`` (see docs/recordings.md, "Transcribing on this machine")::

    [project.entry-points."verbatim.transcribers"]
    local-model = "my_transcriber:transcribe"     # transcribe(path: pathlib.Path) -> str, SRT text

    draft = transcribe(Path("interview.m4a"))     # a transcript draft with timed cues, as from an .srt
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from pathlib import Path

from .errors import NotFound
from .importers.draft import SourceDraft
from .importers.subtitles import read_srt

GROUP = "verbatim.transcribers"


def transcriber() -> Callable[[Path], str] | None:
    """The installed model's function (the first by entry point name), or None when none is installed."""
    found = sorted(entry_points(group=GROUP), key=lambda e: e.name)
    return found[0].load() if found else None


def transcribe(path: str | Path) -> SourceDraft:
    """The recording at ``path`` transcribed by the installed model, read as an SRT transcript.

    :raises NotFound: no model is installed.
    :raises ImportFailed: the model's answer is not SRT.
    """
    model = transcriber()
    if model is None:
        raise NotFound("No speech-to-text model is installed, so Verbatim cannot transcribe recordings; import "
                       "a transcript (SRT, WebVTT, Otter.ai, Trint, Descript) instead.")
    path = Path(path)
    return read_srt(model(path), name=path.stem)
