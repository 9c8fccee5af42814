"""The rows of a quote sheet, streamed page by page with the ground rules already applied.

Every sheet writer (Markdown, HTML, DOCX, CSV) formats :class:`SheetRow` objects and nothing
else, so what a sheet may show is decided here once, through
:class:`qtapp.core.gate.Gate`::

    sheet = SheetRows(lib, Selection(tag="harbour-story"))
    for row in sheet.rows(progress=op.progress):
        print(row.number, row.words, row.attribute_as)
    sheet.withheld        # {'off the record': 2, 'embargoed': 1}

Guarantees:

- a quote that may not be published yields no row: only its count appears in ``withheld``;
- a quote held back by a Blocking finding not acknowledged is listed with its findings, but
  its words are held back too;
  a quote with a Blocking finding keeps its row, for the sheet is where an editor sees the
  result of each check before signing off (publication channels refuse it: :mod:`..channels`);
- for an anonymous quote (background, or a confidential speaker) the row carries no name,
  title, speaker id, tags, context note or finding message, and its source is shown only by
  its kind and date when it is a private conversation (an interview, an email) or when its
  title, outlet or address mentions any part of the speaker's name or an alias;
- no row shows a source that names a confidential speaker, and every text beside the words
  (description, context, findings, tags) has confidential names blanked out (:mod:`..gate`);
- rows are read from SQLite a page at a time; the whole table is never held in memory.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..checks.model import CHECK_LABELS
from ..dates import display_date
from ..errors import NotFound
from ..gate import PRIVATE_KINDS, Gate, NameGuard
from ..plural import count_of
from ..progress import Progress, report_progress
from ..query import TITLE_SQL
from ..quotes import RULE_LABELS, provenance_text
from ..sources import KIND_LABELS
from ..transcripts import timestamp
from .selection import Selection

if TYPE_CHECKING:
    from ..library import Library

PAGE_SIZE = 1000
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
    verified: str = ""
    """Who heard the words again in the recording, and when ('' when nobody)."""
    clip: str = ""
    """The file name of the quote's clip exported beside the sheet ('' when none)."""


# One query a page gives everything a row needs: the quote, its speaker, the title held on the
# day it was said (the library's own TITLE_SQL), and its source.
_SELECT = f"""SELECT q.id, q.words, q.speaker_id, q.source_id, q.said, q.rule, q.rule_description,
  q.embargo_until, q.second_hand, q.via_outlet, q.translated, q.language, q.original_words, q.translator, q.context,
  q.check_status, q.checked_at, q.verified_by, q.verified_at, q.time_start, q.time_end, q.span_start, q.span_end,
  sp.name AS speaker,
  sp.description AS speaker_description, sp.confidential, {TITLE_SQL} AS title, coalesce(so.title, '') AS source,
  so.kind AS source_kind, so.outlet AS source_outlet, so.date AS source_date, so.url AS source_url
  FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id LEFT JOIN sources so ON so.id = q.source_id"""


class SheetRows:
    """The quote sheet of one selection; iterate :meth:`rows`, then read :attr:`withheld`."""

    def __init__(self, lib: Library, selection: Selection, *, now: dt.datetime | None = None):
        self.lib = lib
        self.selection = selection
        self.now = now or dt.datetime.now(dt.UTC)
        self.gate = Gate(lib, self.now)
        self.withheld: Counter[str] = Counter()
        self.clips = dict(selection.clips)
        where, params = selection.where()
        self.total = lib.db.execute(f"SELECT count(*) FROM quotes q WHERE {where}", params).fetchone()[0]

    def heading(self) -> str:
        """What the sheet holds, for its title; a source by its title unless the gate withholds it."""
        title = ""
        if self.selection.source_id is not None:
            try:
                source = self.lib.sources.get(self.selection.source_id)
            except NotFound:   # in the trash: its quotes are not listed either
                source = None
            title = source.title if source and not self.gate.source_withheld(source) else ""
        return self.selection.describe(title)

    def rows(self, progress: Progress | None = None) -> Iterator[SheetRow]:
        """Publishable rows in the order said; ``progress`` is told after every page."""
        where, params = self.selection.where()
        after: tuple = ("", 0)
        done, number = 0, 0
        report_progress(progress, 0, self.total)
        while True:
            # Keyset paging on the (said, id) index: the last page costs what the first does.
            cursor = self.lib.db.conn.cursor()
            cursor.row_factory = sqlite3.Row  # named columns without building a dict per row
            page = cursor.execute(f"{_SELECT} WHERE {where} AND (q.said, q.id) > (?, ?) "
                                  f"ORDER BY q.said, q.id LIMIT ?", [*params, *after, PAGE_SIZE]).fetchall()
            if not page:
                break
            findings, tags = self._findings_and_tags([d["id"] for d in page])
            blocked = self.gate.blocked([d["id"] for d in page])
            for d in page:
                decision = self.gate.decide(rule=d["rule"], rule_description=d["rule_description"],
                                            embargo_until=d["embargo_until"], speaker_name=d["speaker"],
                                            speaker_description=d["speaker_description"],
                                            confidential=bool(d["confidential"]))
                if not decision.allowed:
                    self.withheld[_WITHHELD_LABELS.get(d["rule"], d["rule"])] += 1
                    continue
                number += 1
                guard = self.gate.source_guard(d["source_id"]) if d["source_id"] is not None else self.gate.confidential
                row = _sheet_row(number, d, decision.attribute_as, decision.named, findings.get(d["id"], ()),
                                 tags.get(d["id"], ()), guard)
                row.clip = self.clips.get(d["id"], "")
                if d["id"] in blocked:
                    row = _held_back(row)
                yield _redacted(row, self.gate.confidential.redact)
            done += len(page)
            after = (page[-1]["said"], page[-1]["id"])
            report_progress(progress, done, self.total)

    def withheld_text(self) -> str:
        """'Left out under ground rules: 3 (off the record 2, embargoed 1).', or ''."""
        if not self.withheld:
            return ""
        parts = ", ".join(f"{label} {n}" for label, n in sorted(self.withheld.items()))
        return f"Left out under ground rules: {sum(self.withheld.values())} ({parts})."

    def closing_text(self, count: int) -> str:
        """The sheet's last line: '12 quotes on this sheet.' and what the ground rules left out."""
        on_sheet = f"{count_of(count, 'quote')} on this sheet."
        return f"{on_sheet} {self.withheld_text()}" if self.withheld else on_sheet

    def _findings_and_tags(self, ids: list[int]) -> tuple[dict[int, list], dict[int, list]]:
        """The page's check findings and tags, by quote id."""
        findings: dict[int, list] = {}
        tags: dict[int, list] = {}
        ids_json = json.dumps(ids)
        for quote_id, *finding in self.lib.db.execute(
                "SELECT quote_id, severity, check_name, message, acknowledged_at, acknowledged_reason "
                "FROM findings WHERE quote_id IN (SELECT value FROM json_each(?)) ORDER BY quote_id, id", [ids_json]):
            findings.setdefault(quote_id, []).append(tuple(finding))
        for quote_id, name in self.lib.db.execute(
                "SELECT qt.quote_id, t.name FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id "
                "WHERE qt.quote_id IN (SELECT value FROM json_each(?)) ORDER BY t.name", [ids_json]):
            tags.setdefault(quote_id, []).append(name)
        return findings, tags



BLOCKED_WORDS = ("[Words held back: a Blocking finding below is not acknowledged. Fix the quote, "
                 "or acknowledge the finding with a reason, to print them.]")


def _held_back(row: SheetRow) -> SheetRow:
    """A quote with a standing Blocking finding: listed with its findings, for the editor to see
    that it waits, but without its words (nothing blocked leaves the library unacknowledged)."""
    row.words, row.original_words, row.context = BLOCKED_WORDS, "", ""
    return row


def _redacted(row: SheetRow, redact) -> SheetRow:
    """The row with confidential names blanked out of everything but the quoted words."""
    for name in ("attribute_as", "title", "provenance", "source", "address", "context"):
        setattr(row, name, redact(getattr(row, name)))
    row.findings = [redact(f) for f in row.findings]
    row.tags = [redact(t) for t in row.tags]
    return row


def _sheet_row(number: int, d: sqlite3.Row, attribute_as: str, named: bool, findings, tags,
               guard: NameGuard) -> SheetRow:
    # The guard holds every confidential name, and those of the speakers quoted from the source anonymously.
    private = (not named and d["source_kind"] in PRIVATE_KINDS) or \
        guard.finds(d["source"], d["source_outlet"], d["source_url"])
    kind = KIND_LABELS.get(d["source_kind"] or "", "")
    if d["source_id"] is None:
        source = ""
    elif private:
        source = kind
    else:
        source = " — ".join(p for p in (d["source"], d["source_outlet"]) if p) or kind
    return SheetRow(
        number=number, quote_id=d["id"], words=d["words"], attribute_as=attribute_as, named=named,
        title=d["title"] if named else "",
        rule=RULE_LABELS.get(d["rule"], d["rule"]) + (f" (lifted; was until {d['embargo_until']})"
                                                      if d["rule"] == "embargoed" else ""),
        said=display_date(d["said"]),
        provenance=_provenance(d),
        original_words=d["original_words"] or "",
        source=source,
        source_date=display_date(d["source_date"]),
        address="" if private else (d["source_url"] or ""),
        position=_position(d),
        context=d["context"] if named else "",
        check_status=STATUS_LABELS.get(d["check_status"], d["check_status"] or "") +
        (f" (checked {d['checked_at'][:16].replace('T', ' ')} UTC)" if d["checked_at"] else ""),
        findings=[_finding(f, named) for f in findings],
        tags=list(tags) if named else [],
        verified=f"against the recording by {d['verified_by']}, {d['verified_at'][:16].replace('T', ' ')} UTC"
        if d["verified_by"] else "",
    )


def _provenance(d: sqlite3.Row) -> str:
    """'Second-hand, via El Comercio; translated from Spanish, by Dana Holt': both facts, either, or 'First-hand'."""
    text = provenance_text(bool(d["second_hand"]), d["via_outlet"], bool(d["translated"]), d["language"])
    return f"{text}, by {d['translator']}" if d["translated"] and d["translator"] else text


def _finding(f: tuple, named: bool) -> str:
    severity, check, message, acknowledged, reason = f
    label = f"{severity.capitalize()} — {CHECK_LABELS.get(check, check)}"
    # A check's message may quote the speaker's name; an anonymous quote keeps only what was found.
    text = f"{label}: {message}" if named else f"{label} (details withheld: anonymous source)"
    if acknowledged:
        text += f" (acknowledged{': ' + reason if reason and named else ''})"
    return text


def _position(d: sqlite3.Row) -> str:
    if d["time_start"] is not None:
        end = f"–{timestamp(d['time_end'])}" if d["time_end"] is not None else ""
        return f"at {timestamp(d['time_start'])}{end}"
    if d["span_start"] is not None:
        return f"characters {d['span_start']}–{d['span_end']}"
    return ""
