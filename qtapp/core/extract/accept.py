"""Logging the proposals a reporter accepted: quotes with their spans, and new speakers.

::

    proposals = mark_logged(lib, source_id, extract_quotes(text))   # p.logged_id: the quote already logged
    ids = log_accepted(lib, source_id, [Accepted("We are ready.", 120, 133, "Lucia Rivera",
                                                 aliases=["Rivera", "Trade Minister Rivera"])])

Everything is one undoable step: undo removes the quotes and the speakers it created.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from ..dates import utc_now
from ..errors import InvalidInput
from ..quotes import QuoteId
from ..speakers import default_sort_name
from ..text import one_line
from .proposal import Proposal


@dataclass
class Accepted:
    """A proposal the reporter accepted, as adjusted: its span and who said it."""

    words: str
    start: int
    end: int
    speaker: str
    speaker_id: int | None = None
    aliases: list[str] = field(default_factory=list)


def log_accepted(lib, source_id: int, accepted: list[Accepted]) -> list[QuoteId]:
    """Log each accepted quote with its span in the source, said on the source's date.

    A speaker is matched by id, else by name or alias in the library; otherwise it is created
    once, with the aliases the text used for it.

    :raises InvalidInput: a quote without words or speaker, a span outside the source text,
        or words already logged from this source (see :func:`mark_logged`).
    :raises NotFound: the source does not exist.
    """
    source = lib.sources.get(source_id)
    logged = logged_spans(lib, source_id)
    for item in accepted:
        if not item.speaker.strip() and item.speaker_id is None:
            raise InvalidInput(f"“{one_line(item.words, 40)}” has no speaker. Choose who said it, or reject it.")
        if not 0 <= item.start < item.end <= len(source.text) or source.text[item.start:item.end] != item.words:
            raise InvalidInput(f"“{one_line(item.words, 40)}” is not where it was proposed in the source text. "
                               "Adjust its span again.")
        already = _covering(item.start, item.end, logged)
        if already is not None:
            raise InvalidInput(f"“{one_line(item.words, 40)}” is already logged from this source (quote {already}). "
                               f"Reject it here, or edit quote {already}.")
    if not accepted:
        return []
    name = f"Log {len(accepted)} quote{'s' if len(accepted) != 1 else ''} from {source.title or 'the source'}"
    created: dict[str, int] = {}
    ids: list[QuoteId] = []
    with lib.step(name[:80]) as rec:
        for item in accepted:
            speaker_id = item.speaker_id or lib.speakers.lookup(item.speaker) or created.get(item.speaker.lower())
            if speaker_id is None:
                speaker_id = _create_speaker(lib, rec, item.speaker, item.aliases)
                created[item.speaker.lower()] = speaker_id
            row = lib.quotes._validated({"rule": lib.get_setting("default_rule"), "words": item.words,
                                         "speaker_id": speaker_id, "source_id": source_id,
                                         "span_start": item.start, "span_end": item.end,
                                         "said": source.date}, creating=True)
            now = utc_now()
            ids.append(QuoteId(rec.insert("quotes", {**row, "uuid": str(uuid.uuid4()),
                                                     "created_at": now, "updated_at": now})))
    return ids


def mark_logged(lib, source_id: int, proposals: list[Proposal]) -> list[Proposal]:
    """Set ``logged_id`` on each proposal whose words of the source are already logged from it.

    Re-running Find Quotes on a source then shows what is new; logging the same words again
    (perhaps under another ground rule) is what :mod:`qtapp.core.checks.conflicts` guards.
    Returns ``proposals``.
    """
    logged = logged_spans(lib, source_id)
    for p in proposals:
        p.logged_id = _covering(p.start, p.end, logged)
    return proposals


def logged_spans(lib, source_id: int) -> list[tuple[int, int, int]]:
    """``(start, end, quote_id)`` of every live quote of the source, where it is in the text.

    A quote logged without a place is found in the text as the verbatim check finds it
    (ellipses and brackets allowed); a quote not found there has no span.
    """
    from ..checks.verbatim import verify_words

    text = lib.sources.get(source_id).text
    spans = []
    for quote_id, words, start, end in lib.db.execute(
            "SELECT id, words, span_start, span_end FROM quotes WHERE source_id = ? AND deleted_at IS NULL "
            "ORDER BY id", [source_id]):
        if start is None or end is None:
            found = verify_words(words, text)
            start, end = found.span if found.span and found.verdict != "not_found" else (None, None)
        if start is not None and end is not None and start < end:
            spans.append((start, end, quote_id))
    return spans


def _covering(start: int, end: int, logged: list[tuple[int, int, int]]) -> int | None:
    """The logged quote that holds at least half of [start, end), or half of whose words it holds."""
    for s, e, quote_id in logged:
        overlap = min(end, e) - max(start, s)
        if overlap > 0 and overlap * 2 >= min(end - start, e - s):
            return quote_id
    return None


def _create_speaker(lib, rec, name: str, aliases: list[str]) -> int:
    name = " ".join(name.split())
    now = utc_now()
    sid = rec.insert("speakers", {"uuid": str(uuid.uuid4()), "name": name, "sort_name": default_sort_name(name),
                                  "description": "", "wikidata": "", "notes": "", "confidential": 0,
                                  "created_at": now, "updated_at": now})
    seen = {name.lower()}
    for alias in aliases:
        alias = " ".join(alias.split())
        if alias and alias.lower() not in seen:
            seen.add(alias.lower())
            rec.insert("speaker_aliases", {"uuid": str(uuid.uuid4()), "speaker_id": sid, "alias": alias})
    return sid
