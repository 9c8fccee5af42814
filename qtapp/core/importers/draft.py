"""What a reader makes of one file or page before it is stored: a :class:`SourceDraft`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import PartialDate
from ..names import Name


@dataclass(frozen=True)
class Cue:
    """One timed stretch of a transcript: ``text[char_start:char_end]`` was said from ``time_start`` to ``time_end``.

    Times are in seconds from the start of the recording; ``speaker`` is the label the
    transcript gives the words ("Speaker 1"), None when it gives none.
    """

    char_start: int
    char_end: int
    time_start: float
    time_end: float
    speaker: str | None = None


@dataclass
class SourceDraft:
    """A source read from a document, page or transcript, not yet in the library.

    ``kind`` is guessed from what was read: ``article`` for pages, ``interview`` for
    transcripts, ``document`` for Word and PDF files. ``cues`` is empty except for
    transcripts, whose cue spans index into ``text``.
    """

    kind: str = "article"
    title: str = ""
    outlet: str = ""
    authors: list[Name] = field(default_factory=list)
    date: PartialDate | None = None
    url: str = ""
    accessed: PartialDate | None = None
    language: str = ""
    text: str = ""
    cues: list[Cue] = field(default_factory=list)
    origin: str = ""
    """The path or address it was read from, for messages and reports."""

    def source_fields(self) -> dict:
        """The fields :meth:`qtapp.core.sources.Sources.add` takes, blanks left out."""
        fields = {"kind": self.kind, "title": self.title, "outlet": self.outlet, "date": self.date,
                  "url": self.url, "accessed": self.accessed, "language": self.language, "text": self.text}
        return {k: v for k, v in fields.items() if v not in ("", None)}
