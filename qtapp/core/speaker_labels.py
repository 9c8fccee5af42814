"""Speaker labels of timed transcripts: who each label is, and the quotes each turn holds.

A transcript from Otter.ai, Trint, Descript or WebVTT labels its turns ("Speaker 1", "Mara
Quill"); each cue keeps its label (``transcript_cues.speaker``). Here the labels are matched to
the library's speakers and aliases, or proposed as new speakers, and the attribution engine's
proposals for the source get the speaker of the turn they lie in::

    for m in label_speakers(lib, ["Mara Quill", "Speaker 1"]):
        m.label, m.speaker_id, m.name        # ('Mara Quill', 4, 'Mara Quill'), ('Speaker 1', None, 'Speaker 1')
    proposals = transcript_proposals(lib, source_id)   # each turn's words, with its speaker

Logging a proposal (:func:`qtapp.core.extract.log_accepted`) then gives the quote its time in
the recording from the cues, and creates the speakers proposed as new.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .extract import Evidence, Proposal, extract_quotes, known_speakers_of
from .extract.proposal import match_known

if TYPE_CHECKING:
    from .library import Library

TURN_CONFIDENCE = 0.9


@dataclass(frozen=True)
class LabelMatch:
    """Who a transcript's speaker label is: a library speaker (``speaker_id``), or a new one (None)."""

    label: str
    speaker_id: int | None
    name: str


@dataclass(frozen=True)
class LabelledTurn:
    """Consecutive cues with one speaker label: ``text[start:end]``, said from ``time_start`` to ``time_end``."""

    label: str
    start: int
    end: int
    time_start: float
    time_end: float


def label_speakers(lib: Library, labels: Iterable[str]) -> list[LabelMatch]:
    """Match each label to a library speaker by name or alias; the others are proposed as new speakers."""
    known = known_speakers_of(lib)
    matches = []
    for label in dict.fromkeys(" ".join(label.split()) for label in labels if label and label.strip()):
        found = match_known(known, [label])
        matches.append(LabelMatch(label, found.id, found.name) if found else LabelMatch(label, None, label))
    return matches


def labelled_turns(lib: Library, source_id: int) -> list[LabelledTurn]:
    """The source's turns: runs of cues with the same speaker label in one paragraph, in text order
    (unlabelled cues left out).

    :raises NotFound: no such source.
    """
    text = lib.sources.get(source_id).text
    turns: list[LabelledTurn] = []
    for speaker, start, end, t0, t1 in lib.db.execute(
            "SELECT speaker, char_start, char_end, time_start, time_end FROM transcript_cues "
            "WHERE source_id = ? ORDER BY char_start", [source_id]):
        if speaker is None:
            continue
        if turns and turns[-1].label == speaker and _one_paragraph(text, turns[-1].end, start):
            last = turns[-1]
            turns[-1] = LabelledTurn(speaker, last.start, end, last.time_start, max(last.time_end, t1))
        else:
            turns.append(LabelledTurn(speaker, start, end, t0, t1))
    return turns


def transcript_proposals(lib: Library, source_id: int) -> list[Proposal]:
    """The attribution engine's proposals for a transcript source, each turn's words given to its label's speaker.

    A quotation inside a turn keeps the speaker the engine found for it (the turn's speaker may
    be quoting someone else); a turn the engine did not propose is proposed whole. A proposal
    that runs across a speaker label ("Speaker 1: How much?" read as the last speaker going
    on) is dropped: the turns on either side are proposed instead.

    :raises NotFound: no such source.
    """
    text = lib.sources.get(source_id).text
    turns = labelled_turns(lib, source_id)
    matches = {m.label: m for m in label_speakers(lib, (t.label for t in turns))}
    starts = [t.start for t in turns]
    proposals, in_turn = [], {}
    for p in extract_quotes(text, known_speakers_of(lib)):
        i = bisect_right(starts, p.start) - 1
        if i >= 0 and p.end <= turns[i].end:
            in_turn.setdefault(i, []).append(p)
        elif (i >= 0 and p.start < turns[i].end) or (i + 1 < len(turns) and turns[i + 1].start < p.end):
            continue   # across a label
        proposals.append(p)
    for i, turn in enumerate(turns):
        match = matches[" ".join(turn.label.split())]
        labelled = [p for p in in_turn.get(i, ()) if _by_label(p)]
        for p in labelled:
            _give(p, match, turn.label)
        if not labelled:
            proposal = Proposal(text[turn.start:turn.end], turn.start, turn.end, None, TURN_CONFIDENCE,
                                evidence=Evidence(None, "label", mention=turn.label))
            proposals.append(_give(proposal, match, turn.label))
    return sorted(proposals, key=lambda p: p.start)


def _by_label(proposal: Proposal) -> bool:
    """Whether the engine read these words as a turn's own (by a label, or a label's turn going on),
    not as a quotation the turn's speaker repeats."""
    return proposal.evidence is not None and "label" in (proposal.evidence.how, proposal.evidence.cue)


def _give(proposal: Proposal, match: LabelMatch, label: str) -> Proposal:
    proposal.speaker, proposal.speaker_id = match.name, match.speaker_id
    if proposal.evidence is not None:
        proposal.evidence.speaker = match.name
    if label != match.name and label not in proposal.aliases:
        proposal.aliases.append(label)
    return proposal


def _one_paragraph(text: str, end: int, start: int) -> bool:
    """Whether two cues of one label are one turn: only spaces between them, no new paragraph."""
    between = text[end:start]
    return between.strip() == "" and "\n" not in between
