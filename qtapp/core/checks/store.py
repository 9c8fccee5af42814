"""Stored check results: the ``findings`` table, ``quotes.check_status``, acknowledgements.

Results are derived data, so they are written directly (not as undoable steps). An
acknowledgement is the reporter's decision, so it is appended to the quote's history.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlite_utils import Database

from ..dates import utc_now
from ..errors import InvalidInput, NotFound
from .model import Finding, QuoteCheck, status_of

if TYPE_CHECKING:
    from ..library import Library

_COLUMNS = ("id, check_name, severity, code, message, span_start, span_end, detail, acknowledged_at, "
            "acknowledged_reason")


def save_results(lib: Library, results: list[QuoteCheck], *, marked_up_to: int | None = None) -> None:
    """Replace the stored findings of each checked quote, keeping acknowledgements that still apply.

    :param marked_up_to: the :func:`last_mark` read before the quotes were: their stale marks
        up to it are cleared (a mark made since stays, for a change the results do not reflect).
    """
    if not results:
        return
    now = utc_now()
    with lib.write() as db:
        for result in results:
            earlier = {f.identity: f for f in findings_for(lib, result.quote_id) if not f.counts}
            for f in result.findings:
                kept = earlier.get(f.identity)
                if kept is not None:
                    f.acknowledged_at, f.acknowledged_reason = kept.acknowledged_at, kept.acknowledged_reason
            db.execute("DELETE FROM findings WHERE quote_id = ?", [result.quote_id])
            for f in result.findings:
                cursor = db.execute(
                    "INSERT INTO findings (quote_id, check_name, severity, code, message, span_start, span_end, "
                    "detail, acknowledged_at, acknowledged_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [result.quote_id, f.check, f.severity, f.code, f.message,
                     f.span[0] if f.span else None, f.span[1] if f.span else None,
                     json.dumps(f.detail, ensure_ascii=False), f.acknowledged_at, f.acknowledged_reason])
                f.id = cursor.lastrowid
            db.execute("UPDATE quotes SET check_status = ?, checked_at = ? WHERE id = ?",
                       [result.status, now, result.quote_id])
            if marked_up_to is not None:
                db.execute("DELETE FROM stale_checks WHERE quote_id = ? AND id <= ?", [result.quote_id, marked_up_to])


def last_mark(db: Database) -> int:
    """The newest stale mark's number (see :mod:`.stale`); 0 when nothing is marked."""
    return db.execute("SELECT coalesce(max(id), 0) FROM stale_checks").fetchone()[0]


def findings_for(lib: Library, quote_id: int) -> list[Finding]:
    """The stored findings of a quote, gravest first."""
    rows = lib.db.execute(f"SELECT {_COLUMNS} FROM findings WHERE quote_id = ? ORDER BY "
                          "CASE severity WHEN 'blocking' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, id",
                          [quote_id]).fetchall()
    return [_finding(r) for r in rows]


def get_finding(lib: Library, finding_id: int) -> tuple[int, Finding]:
    """The quote id and the finding with ``finding_id``. :raises NotFound: no such finding."""
    row = lib.db.execute(f"SELECT quote_id, {_COLUMNS} FROM findings WHERE id = ?", [finding_id]).fetchone()
    if row is None:
        raise NotFound(f"There is no finding with id {finding_id}; the quote may have been checked again since.")
    return row[0], _finding(row[1:])


def acknowledge(lib: Library, finding_id: int, reason: str) -> None:
    """Accept a finding with a reason; it stops counting toward the quote's status.

    The acknowledgement is kept in the quote's history, and it survives a re-run of the
    checks that finds the same thing again.

    :raises InvalidInput: the reason is empty.
    :raises NotFound: there is no such finding.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidInput("Say why this finding can be accepted, e.g. “checked against the recording”.")
    quote_id, finding = get_finding(lib, finding_id)
    now = utc_now()
    with lib.write():
        lib.db.execute("UPDATE findings SET acknowledged_at = ?, acknowledged_reason = ? WHERE id = ?",
                       [now, reason, finding_id])
        lib.db["history"].insert({"entity": "quote", "entity_id": quote_id, "field": "check acknowledged",
                                  "old": finding.message, "new": reason, "at": now,
                                  "step": "Acknowledge check finding"})
        status = status_of(findings_for(lib, quote_id))
        lib.db.execute("UPDATE quotes SET check_status = ? WHERE id = ?", [status, quote_id])


def _finding(r) -> Finding:
    span = (r[5], r[6]) if r[5] is not None else None
    return Finding(r[1], r[2], r[3], r[4], span, json.loads(r[7] or "{}"), r[0], r[8], r[9] or "")
