"""Stored check results are never silently out of date: stale marks, and checking again.

Every step (an edit, an undo or redo, a merge, an import) marks the quotes whose results it
may alter in ``stale_checks``, inside the step's own transaction
(:func:`~qtapp.core.checks.affected.mark_changes`, called by :mod:`qtapp.core.undo`);
storing a quote's new results clears its mark. So any
reader, in any process, can tell whether what is stored is current::

    is_stale(lib, quote_id)     # True: a change since the last check may alter its findings
    recheck(lib)                # check the marked quotes, and those whose duplicates they are
    verify_stored(lib)          # []: every stored result equals a fresh run

The window calls :func:`recheck` in the background after each change; scripts and the
command line call it before reading findings.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..progress import Progress
from .affected import Dependents, mark_stale
from .model import Finding, QuoteCheck, status_of
from .rules_version import mark_other_rules, other_rules
from .runner import iter_checks
from .store import findings_for, last_mark

if TYPE_CHECKING:
    from ..library import Library

_CHUNK = 500


@dataclass
class Recheck:
    """What :func:`recheck` did: the quotes checked, and how many marked ones are left."""

    checked: list[int] = field(default_factory=list)
    blocking: list[int] = field(default_factory=list)
    remaining: int = 0


def is_stale(lib: Library, quote_id: int) -> bool:
    """True when a change since the quote's last check may have altered its findings."""
    return lib.db.execute("SELECT 1 FROM stale_checks WHERE quote_id = ?", [quote_id]).fetchone() is not None


def stale_ids(lib: Library) -> list[int]:
    """The live quotes whose stored findings may be out of date, oldest mark first."""
    return [i for (i,) in lib.db.execute("SELECT s.quote_id FROM stale_checks s JOIN quotes q ON q.id = s.quote_id "
                                         "WHERE q.deleted_at IS NULL ORDER BY s.id")]


def recheck(lib: Library, quote_ids: Iterable[int] | None = None, *, limit: int | None = None,
            progress: Progress | None = None, now: dt.datetime | None = None) -> Recheck:
    """Check the marked quotes (or ``quote_ids``) again, and the quotes whose duplicates they are.

    A quote's duplicate findings name the similar quotes, so a quote that was edited, added
    or trashed changes what its partners should say: they are checked too, found both by
    their stored findings and by the words as they are now.

    :param limit: take at most this many marks, oldest first (the window works in chunks).
    :param progress: as for :func:`~qtapp.core.checks.runner.check_quotes`.
    """
    done = Recheck()
    for result in iter_recheck(lib, quote_ids, limit=limit, progress=progress, now=now):
        done.checked.append(result.quote_id)
        if result.blocks:
            done.blocking.append(result.quote_id)
    done.remaining = lib.db.execute("SELECT count(*) FROM stale_checks").fetchone()[0]
    return done


def iter_recheck(lib: Library, quote_ids: Iterable[int] | None = None, *, limit: int | None = None,
                 progress: Progress | None = None, now: dt.datetime | None = None) -> Iterator[QuoteCheck]:
    """:func:`recheck`, yielding each stored result (for the command line)."""
    db = lib.db
    mark = last_mark(db)
    if quote_ids is None:
        ids = [i for (i,) in db.execute("SELECT quote_id FROM stale_checks WHERE id <= ? ORDER BY id LIMIT ?",
                                        [mark, -1 if limit is None else limit])]
    else:
        ids = list(dict.fromkeys(quote_ids))
    finder = Dependents(db)
    # The quotes a trashed quote's findings named were marked with it; those of a live one are
    # found again here, with the ones similar to its words as they are now.
    partners = finder.references(ids)
    live = finder.quotes_of("id", ids)
    yield from iter_checks(lib, [i for i in ids if i in live], progress=progress, now=now, neighbours=partners)
    yield from iter_checks(lib, sorted(partners - set(ids)), now=now)
    gone = [i for i in ids if i not in live]
    if gone:
        with lib.write():
            for at in range(0, len(gone), _CHUNK):
                part = gone[at:at + _CHUNK]
                db.execute(f"DELETE FROM stale_checks WHERE id <= ? AND quote_id IN ({','.join('?' * len(part))})",
                           [mark, *part])


def mark_due(lib: Library, now: dt.datetime | None = None) -> int:
    """Mark the quotes whose results changed without an edit since their check; returns how many.

    An embargo that ended, or a date that was in the future, alters a result with time alone;
    another version's rules may alter any (:mod:`.rules_version`). Reads every embargoed quote
    and every future-date finding: call it when a library opens and now and then (the window:
    every hour), not after every change.
    """
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    due = [i for i, until, checked in lib.db.execute(
        "SELECT id, embargo_until, checked_at FROM quotes WHERE rule = 'embargoed' AND deleted_at IS NULL "
        "AND checked_at IS NOT NULL AND embargo_until IS NOT NULL") if _moment(checked) < _moment(until) <= now]
    due += [i for i, checked in lib.db.execute(
        "SELECT f.quote_id, q.checked_at FROM findings f JOIN quotes q ON q.id = f.quote_id "
        "WHERE f.code IN ('said_in_future', 'source_in_future') AND q.deleted_at IS NULL")
        if _moment(checked).date() < now.date()]
    if due or other_rules(lib.db):
        with lib.write() as db:
            marked = mark_other_rules(db)   # every checked quote, the due ones among them
            mark_stale(db, due)
        return marked or len(due)
    return 0


def verify_stored(lib: Library, quote_ids: Iterable[int] | None = None, *, now: dt.datetime | None = None) -> list[int]:
    """Ids of live quotes whose stored findings or status differ from a fresh run (nothing is stored).

    Acknowledgements are compared as a re-run keeps them: a fresh finding the reporter
    accepted before still counts as accepted.
    """
    if quote_ids is None:
        quote_ids = [i for (i,) in lib.db.execute("SELECT id FROM quotes WHERE deleted_at IS NULL ORDER BY id")]
    differ = []
    for fresh in iter_checks(lib, list(quote_ids), now=now, store=False):
        stored = findings_for(lib, fresh.quote_id)
        accepted = {f.identity: f for f in stored if not f.counts}
        for f in fresh.findings:
            if f.identity in accepted:
                f.acknowledged_at = accepted[f.identity].acknowledged_at
        status = lib.db.execute("SELECT check_status FROM quotes WHERE id = ?", [fresh.quote_id]).fetchone()[0]
        if sorted(map(_content, stored)) != sorted(map(_content, fresh.findings)) \
                or status != status_of(fresh.findings):
            differ.append(fresh.quote_id)
    return differ


def _content(f: Finding) -> tuple:
    # As stored: the detail goes through JSON, where tuples become lists.
    return (f.check, f.severity, f.code, f.message, tuple(f.span) if f.span else None,
            json.dumps(f.detail, ensure_ascii=False, sort_keys=True))


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return dt.datetime.max.replace(tzinfo=dt.UTC)   # unreadable: never due
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
