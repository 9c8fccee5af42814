"""The rows of a quote sheet, streamed page by page with the ground rules already applied.

Every sheet writer (Markdown, HTML, DOCX, CSV) formats :class:`SheetRow` objects and nothing
else, so what a sheet may show is decided here once, through
:func:`qtapp.core.publish.decide_fields`::

    sheet = SheetRows(lib, Selection(tag="harbour-story"))
    for row in sheet.rows(progress=print):
        print(row.number, row.words, row.attribute_as)
    sheet.withheld        # {'off the record': 2, 'embargoed': 1}

Guarantees:

- a quote that may not be published yields no row: only its count appears in ``withheld``;
- for an anonymous quote (background, or a confidential speaker) the row carries no name,
  title, speaker id, tags, context note or finding message, and its source is shown only by
  its kind and date when it is a private conversation (an interview, an email) or when its
  title, outlet or address mentions the speaker's name or an alias;
- rows are read from SQLite a page at a time; the whole table is never held in memory.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..dates import PartialDate
from ..errors import VerbatimError
from ..publish import decide_fields
from ..quotes import PROVENANCE_LABELS, RULE_LABELS
from ..query import page_quotes
from ..sources import KIND_LABELS
from .selection import Progress, Selection, report_progress

if TYPE_CHECKING:
    from ..library import Library

PAGE_SIZE = 1000
# Sources that are conversations with the speaker: their titles and addresses tend to name him.
PRIVATE_KINDS = {"interview", "email"}
STATUS_LABELS = {None: "Not checked", "ok": "OK", "info": "OK, with notes", "warning": "Warning",
                 "blocking": "Blocking"}
_WITHHELD_LABELS = {"off_record": "off the record", "deep_background": "deep background",
                    "embargoed": "embargoed"}


@dataclass
class SheetRow:
    """One publishable quote as a sheet prints it; empty strings mean "nothing to show"."""

    number: int
    quote_id: int
    words: str
    attribute_as: str
    named: bool
    title: str
    rule: str
    said: str
    provenance: str
    original_words: str
    source: str
    source_date: str
    address: str
    position: str
    context: str
    check_status: str
    findings: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


class SheetRows:
    """The quote sheet of one selection; iterate :meth:`rows`, then read :attr:`withheld`."""

    def __init__(self, lib: Library, selection: Selection, *, now: dt.datetime | None = None):
        self.lib = lib
        self.selection = selection
        self.now = now or dt.datetime.now(dt.timezone.utc)
        self.withheld: Counter[str] = Counter()
        self.total = lib.quotes.count(selection.query())
        self._speakers: dict[int, dict] = {}
        self._sources: dict[int | None, dict] = {}

    def rows(self, progress: Progress | None = None) -> Iterator[SheetRow]:
        """Publishable rows in the order said; ``progress(done, total)`` after every page."""
        query = self.selection.query()
        after, done, number = None, 0, 0
        report_progress(progress, 0, self.total)
        while True:
            page = page_quotes(self.lib.db, query, after=after, limit=PAGE_SIZE)
            if not page:
                break
            details = self._details(page)
            for r in page:
                d = details[r.id]
                decision = decide_fields(rule=r.rule, rule_description=r.rule_description,
                                         embargo_until=d["embargo_until"], speaker_name=r.speaker,
                                         speaker_description=d["speaker_description"],
                                         confidential=r.confidential, now=self.now)
                if not decision.allowed:
                    self.withheld[_WITHHELD_LABELS.get(r.rule, r.rule)] += 1
                    continue
                number += 1
                yield _sheet_row(number, r, d, decision.attribute_as, decision.named)
            done += len(page)
            after = page[-1].cursor
            report_progress(progress, done, self.total)

    def withheld_text(self) -> str:
        """'Left out under ground rules: 3 (off the record 2, embargoed 1)', or ''."""
        if not self.withheld:
            return ""
        parts = ", ".join(f"{label} {n}" for label, n in sorted(self.withheld.items()))
        return f"Left out under ground rules: {sum(self.withheld.values())} ({parts})."

    def _details(self, page) -> dict[int, dict]:
        ids = [r.id for r in page]
        marks = ",".join("?" * len(ids))
        cursor = self.lib.db.execute(
            f"SELECT id, embargo_until, time_start, time_end, span_start, span_end, language, original_words, "
            f"translator, context FROM quotes WHERE id IN ({marks})", ids)
        columns = [c[0] for c in cursor.description]
        details = {row[0]: {**dict(zip(columns, row)), "findings": [], "tags": []} for row in cursor}
        for r in page:
            details[r.id].update(self._speaker(r.speaker_id), **self._source(r.source_id))
        for quote_id, severity, check, message, acknowledged, reason in self.lib.db.execute(
                f"SELECT quote_id, severity, check_name, message, acknowledged_at, acknowledged_reason "
                f"FROM findings WHERE quote_id IN ({marks}) ORDER BY quote_id, id", ids):
            details[quote_id]["findings"].append((severity, check, message, acknowledged, reason))
        for quote_id, name in self.lib.db.execute(
                f"SELECT qt.quote_id, t.name FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id "
                f"WHERE qt.quote_id IN ({marks}) ORDER BY t.name", ids):
            details[quote_id]["tags"].append(name)
        return details

    def _speaker(self, speaker_id: int) -> dict:
        # Speakers and sources repeat from quote to quote: each is read once per sheet.
        if speaker_id not in self._speakers:
            (description,) = self.lib.db.execute("SELECT description FROM speakers WHERE id = ?",
                                                 [speaker_id]).fetchone()
            names = [n.casefold() for (n,) in self.lib.db.execute(
                "SELECT name FROM speakers WHERE id = ? UNION SELECT alias FROM speaker_aliases WHERE speaker_id = ?",
                [speaker_id, speaker_id]) if n.strip()]
            self._speakers[speaker_id] = {"speaker_description": description, "speaker_names": names}
        return self._speakers[speaker_id]

    def _source(self, source_id: int | None) -> dict:
        if source_id not in self._sources:
            row = self.lib.db.execute("SELECT kind, outlet, date, url FROM sources WHERE id = ?",
                                      [source_id]).fetchone() or (None, "", None, "")
            self._sources[source_id] = dict(zip(("source_kind", "source_outlet", "source_date", "source_url"), row))
        return self._sources[source_id]


def _sheet_row(number: int, r, d: dict, attribute_as: str, named: bool) -> SheetRow:
    private = not named and (d["source_kind"] in PRIVATE_KINDS or _mentions(d, r.source))
    kind = KIND_LABELS.get(d["source_kind"] or "", "")
    if r.source_id is None:
        source = ""
    elif private:
        source = kind
    else:
        source = " — ".join(p for p in (r.source, d["source_outlet"]) if p) or kind
    return SheetRow(
        number=number, quote_id=r.id, words=r.words, attribute_as=attribute_as, named=named,
        title=r.title if named else "",
        rule=RULE_LABELS.get(r.rule, r.rule) + (f" (lifted; was until {d['embargo_until']})" if r.rule == "embargoed" else ""),
        said=_date(r.said),
        provenance=_provenance(r, d),
        original_words=d["original_words"] or "",
        source=source,
        source_date=_date(d["source_date"]),
        address="" if private else (d["source_url"] or ""),
        position=_position(d),
        context=d["context"] if named else "",
        check_status=STATUS_LABELS.get(r.check_status, r.check_status or ""),
        findings=[_finding(f, named) for f in d["findings"]],
        tags=d["tags"] if named else [],
    )


def _mentions(d: dict, title: str) -> bool:
    """Whether the source's title, outlet or address names the speaker (by name or alias)."""
    listed = f"{title} {d['source_outlet'] or ''} {d['source_url'] or ''}".casefold()
    return any(name in listed for name in d["speaker_names"])


def _provenance(r, d: dict) -> str:
    label = PROVENANCE_LABELS.get(r.provenance, r.provenance)
    if r.provenance == "second_hand" and r.via_outlet:
        return f"{label}, via {r.via_outlet}"
    if r.provenance == "translated":
        extra = ", ".join(p for p in (f"from {d['language']}" if d["language"] else "",
                                       f"by {d['translator']}" if d["translator"] else "") if p)
        return f"{label}{' ' + extra if extra else ''}"
    return label


def _finding(f: tuple, named: bool) -> str:
    severity, check, message, acknowledged, reason = f
    # A check's message may quote the speaker's name; an anonymous quote keeps only what was found.
    text = f"{severity}: {check}" + (f" — {message}" if named else " (details withheld: anonymous source)")
    if acknowledged:
        text += f" [acknowledged{': ' + reason if reason and named else ''}]"
    return text


def _position(d: dict) -> str:
    if d["time_start"] is not None:
        end = f"–{format_timestamp(d['time_end'])}" if d["time_end"] is not None else ""
        return f"at {format_timestamp(d['time_start'])}{end}"
    if d["span_start"] is not None:
        return f"characters {d['span_start']}–{d['span_end']}"
    return ""


def format_timestamp(seconds: float) -> str:
    """12.5 → '00:00:12', 3725 → '01:02:05': where in a recording the words are."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


@lru_cache(maxsize=4096)  # a sheet repeats the same few thousand days; parsing each is the slow part
def _date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return PartialDate.from_iso(iso).display()
    except VerbatimError:
        return iso
