"""Automatic quote finding with speaker attribution (pure Python, no Qt).

Public entry points: :func:`extract_quotes`, :func:`guess_speaker`, :class:`Proposal`,
:class:`KnownSpeaker` and :func:`known_speakers_of` (a library's speakers, for matching).
"""

from .extractor import extract_quotes, guess_speaker
from .proposal import KnownSpeaker, Proposal, known_speakers_of

__all__ = ["extract_quotes", "guess_speaker", "Proposal", "KnownSpeaker", "known_speakers_of"]
