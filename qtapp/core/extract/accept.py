"""Logging the proposals a reporter accepted: quotes with their spans, and new speakers.

::

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

    :raises InvalidInput: a quote without words or speaker, or a span outside the source text.
    :raises NotFound: the source does not exist.
    """
    source = lib.sources.get(source_id)
    for item in accepted:
        if not item.speaker.strip() and item.speaker_id is None:
            raise InvalidInput(f"“{_short(item.words)}” has no speaker. Choose who said it, or reject it.")
        if not 0 <= item.start < item.end <= len(source.text) or source.text[item.start:item.end] != item.words:
            raise InvalidInput(f"“{_short(item.words)}” is not where it was proposed in the source text. "
                               "Adjust its span again.")
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


def _short(words: str) -> str:
    flat = " ".join(words.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"
