"""Quotes listed for scripts and terminals (``verbatim quotes``), read a page at a time.

::

    for record in quote_records(lib, parse_search("sanctions rule:on-record")):
        print(record_json(record))   # {"id", "words", "speaker", "title", "said", "source_id", "rule", "check_status"}

The list is the reporter's own (audience ``listing`` in :mod:`qtapp.core.channels`): it shows
every quote's words with its ground rule, but a speaker is named only where the gate lets the
quote name him; otherwise ``speaker`` is the agreed description (or “[withheld]”) and
``title`` is empty. No confidential speaker's name appears anywhere in it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .gate import WITHHELD, Gate
from .publish import decide_fields
from .query import QuoteQuery, QuoteRow, page_quotes
from .quotes import RULE_LABELS

if TYPE_CHECKING:
    from .formats.selection import Selection
    from .library import Library

FIELDS = ("id", "words", "speaker", "title", "said", "source_id", "rule", "check_status")
PAGE = 500


def quote_records(lib: Library, query: QuoteQuery, *, now: dt.datetime | None = None,
                  page: int = PAGE) -> Iterator[dict]:
    """A dict of :data:`FIELDS` for every quote of ``query`` in its order, as the gate lets it be
    named; read ``page`` rows at a time (keyset pages), so a million quotes stream in little memory."""
    gate = Gate(lib, now)
    after = None
    while True:
        rows = page_quotes(lib.db, query, after=after, limit=page)
        yield from _records(gate, rows)
        if len(rows) < page:
            return
        after = rows[-1].cursor


def selection_query(selection: Selection) -> QuoteQuery:
    """The :class:`QuoteQuery` listing the quotes of an export selection."""
    ids = list(selection.quote_ids) if selection.quote_ids is not None else None
    return QuoteQuery(ids=ids, source_id=selection.source_id, tag=" ".join(selection.tag.split()))


def _records(gate: Gate, rows: list[QuoteRow]) -> Iterator[dict]:
    if not rows:
        return
    # The decision needs two fields the list's rows do not carry: one query per page fetches them.
    extra = {i: (embargo, description) for i, embargo, description in gate.lib.db.execute(
        "SELECT q.id, q.embargo_until, sp.description FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id "
        "WHERE q.id IN (SELECT value FROM json_each(?))", [json.dumps([r.id for r in rows])])}
    for r in rows:
        embargo, description = extra.get(r.id, (None, ""))
        decision = decide_fields(rule=r.rule, rule_description=r.rule_description, embargo_until=embargo,
                                 speaker_name=r.speaker, speaker_description=description,
                                 confidential=r.confidential, now=gate.now)
        named = decision.named and not r.confidential
        speaker = r.speaker if named else gate.redact(decision.attribute_as) or WITHHELD
        yield {"id": r.id, "words": gate.redact(r.words), "speaker": speaker,
               "title": gate.redact(r.title) if named else "", "said": r.said, "source_id": r.source_id,
               "rule": r.rule, "check_status": r.check_status}


# Characters that some readers take for the end of a line, which JSON leaves as they are.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def record_json(record: dict) -> str:
    """One quote as one line of JSON, whichever way a reader splits lines."""
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS)


def record_line(record: dict) -> str:
    """One quote as a line a person reads: id, date, who, ground rule, check, then the words."""
    who = " ".join((record["speaker"] + (f" ({record['title']})" if record["title"] else "")).split())
    facts = [RULE_LABELS.get(record["rule"], record["rule"]).lower()]
    if record["check_status"]:
        facts.append(f"checks: {record['check_status']}")
    words = " ".join(record["words"].split())
    return f"{record['id']:>6}  {record['said'] or 'undated':10}  {who} [{', '.join(facts)}]: “{words}”"
