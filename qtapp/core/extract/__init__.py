"""Automatic quote finding with speaker attribution (pure Python, no Qt).

Public entry points: :func:`extract_quotes`, :func:`guess_speaker`, :func:`attribute` (who
said the words at a span, with the evidence: the one attribution engine), :class:`Proposal`,
:class:`KnownSpeaker`, :func:`known_speakers_of` (a library's speakers, for matching),
:func:`mark_logged` (which proposals are logged already) and :func:`log_accepted` (log what
the reporter accepted, as one undoable step).
"""

from .accept import Accepted, log_accepted, mark_logged
from .evidence import Evidence, attribute
from .extractor import extract_quotes, guess_speaker
from .proposal import KnownSpeaker, Proposal, known_speakers_of

__all__ = [
    "Accepted",
    "Evidence",
    "KnownSpeaker",
    "Proposal",
    "attribute",
    "extract_quotes",
    "guess_speaker",
    "known_speakers_of",
    "log_accepted",
    "mark_logged",
]
