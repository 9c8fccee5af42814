"""Which sources a reference export (CSL-JSON, BibTeX, RIS, a reference list, ``cite``) may list,
and importing them back.

A reference list names sources, not speakers, but a source can still betray one: an
interview titled after the person who spoke on background, or the very existence of a
conversation with a confidential speaker. So, through :class:`qtapp.core.gate.Gate`:

- a source is listed only if at least one chosen quote from it may be published (a whole
  library export, or sources chosen by id, also list sources that hold no quotes);
- a source whose title, outlet, place, address or people name a confidential speaker (any
  name part, as a whole word) is left out;
- a source with any quote that is withheld or anonymous is left out when it is a private
  conversation (interview, email), or when it names that speaker.

Each source left out is counted under its reason, so the user is told what was withheld and
why. The source's own text and notes never leave through these formats.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..errors import ImportFailed, VerbatimError
from ..gate import NOTHING_PUBLISHABLE, Gate
from ..plural import count_of
from ..progress import Progress, report_progress
from ..sources import Source
from ..text import check_strings, readable
from .reports import ImportReport
from .selection import Selection

if TYPE_CHECKING:
    from ..library import Library
    from ..undo import Recorder


def publishable_sources(lib: Library, selection: Selection, *, now: dt.datetime | None = None,
                        progress: Progress | None = None,
                        source_ids: Iterable[int] | None = None) -> tuple[list[Source], dict[str, int]]:
    """The sources of ``selection`` a reference export may list, and how many were left out, by reason.

    :param source_ids: list these sources (in this order) instead of those of ``selection``.
    :raises NotFound: a source id that does not exist.
    """
    gate = Gate(lib, now)
    every = selection.whole_library or source_ids is not None
    candidates = list(source_ids) if source_ids is not None else source_ids_of(lib, selection)
    chosen, left_out = [], Counter()
    for done, source_id in enumerate(candidates, 1):
        source = lib.sources.get(source_id)
        reason = gate.source_withheld(source)
        if reason is None and not (every or _has_allowed_quote(lib, gate, selection, source_id)):
            reason = NOTHING_PUBLISHABLE
        if reason is None:
            chosen.append(source)
        else:
            left_out[reason] += 1
        report_progress(progress, done, len(candidates))
    return chosen, dict(left_out)


def source_ids_of(lib: Library, selection: Selection) -> list[int]:
    """Every live source for the whole library, else the sources of the selected quotes."""
    if selection.whole_library:
        return [i for (i,) in lib.db.execute("SELECT id FROM sources WHERE deleted_at IS NULL ORDER BY id")]
    where, params = selection.where()
    return [i for (i,) in lib.db.execute(
        f"SELECT DISTINCT q.source_id FROM quotes q WHERE {where} AND q.source_id IS NOT NULL ORDER BY 1", params)]


def _rows(lib: Library, where: str, params: list) -> list[tuple]:
    """(quote id, speaker id, decide_fields arguments) for each live quote matching ``where``."""
    rows = lib.db.execute(
        "SELECT q.id, q.speaker_id, q.rule, q.rule_description, q.embargo_until, sp.name, sp.description, "
        "sp.confidential FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id "
        f"WHERE q.deleted_at IS NULL AND {where}",
        params).fetchall()
    return [(qid, sid, {"rule": rule, "rule_description": description, "embargo_until": embargo,
                        "speaker_name": name, "speaker_description": speaker_description,
                        "confidential": bool(confidential)})
            for qid, sid, rule, description, embargo, name, speaker_description, confidential in rows]


def _has_allowed_quote(lib: Library, gate: Gate, selection: Selection, source_id: int) -> bool:
    where, params = selection.where()
    rows = _rows(lib, f"q.source_id = ? AND {where}", [source_id, *params])
    blocked = gate.blocked([qid for qid, _, _ in rows])
    return any(gate.decide(blocked=blocked.get(qid, ""), **fields).allowed for qid, _, fields in rows)


# -- import ------------------------------------------------------------------------------


def existing_source(lib: Library, draft: dict) -> int | None:
    """The library's copy of an imported source: same uuid, same address, or same kind, title and date."""
    if draft.get("uuid"):
        row = lib.db.execute("SELECT id FROM sources WHERE uuid = ? AND deleted_at IS NULL", [draft["uuid"]]).fetchone()
        if row:
            return row[0]
    found = lib.sources.find_duplicate(url=draft.get("url") or "")
    if found is not None and _same_reference(lib.sources.get(found), draft):
        return found
    if not draft.get("title"):
        return None
    date = draft.get("date")
    rows = lib.db.execute(
        "SELECT id FROM sources WHERE deleted_at IS NULL AND kind = ? AND title = ? AND coalesce(date, '') = ?",
        [draft.get("kind", "article"), " ".join(draft["title"].split()), date.iso if date else ""]).fetchall()
    return next((i for (i,) in rows if _same_reference(lib.sources.get(i), draft)), None)


def _same_reference(source: Source, draft: dict) -> bool:
    """Two references at one address (briefings on one press page) are the same only if they say the same."""
    return (source.title == " ".join((draft.get("title") or "").split()) and source.date == draft.get("date")
            and source.csl_variables == draft.get("csl_variables", source.csl_variables))


def import_source_drafts(lib: Library, drafts: list[dict], *, dry_run: bool = False,
                         progress: Progress | None = None) -> ImportReport:
    """Add each draft (``lib.sources.add`` arguments) unless the library already has it, as one undoable step.

    :param dry_run: only count what would be added, for a preview.
    :raises ImportFailed: a draft cannot be stored (which one is said); nothing was imported.
    :raises Interrupted: ``progress`` asked to stop; nothing was imported.
    """
    if dry_run:
        report = ImportReport()
        for done, draft in enumerate(drafts, 1):
            with _naming(done, draft):
                known = existing_source(lib, draft)
            report.count(report.unchanged if known is not None else report.added, "source")
        return report
    with lib.step(f"Import {count_of(len(drafts), 'source')}") as rec:
        return store_source_drafts(lib, rec, drafts, progress=progress)


def store_source_drafts(lib: Library, rec: Recorder, drafts: list[dict], *,
                        progress: Progress | None = None) -> ImportReport:
    """Like :func:`import_source_drafts`, inside a step the caller holds (several files as one step)."""
    report = ImportReport()
    for done, draft in enumerate(drafts, 1):
        with _naming(done, draft):
            known = existing_source(lib, draft)
        if known is not None:
            report.count(report.unchanged, "source")
        else:
            draft = dict(draft)
            if draft.get("uuid") and not _is_uuid(draft["uuid"]):
                draft.pop("uuid")
            with _naming(done, draft):
                lib.sources.add_in_step(rec, **draft)
            report.count(report.added, "source")
        report_progress(progress, done, len(drafts))
    return report


@contextmanager
def _naming(number: int, draft: dict) -> Iterator[None]:
    """Check ``draft``'s strings, then run the block; an error in either is said as the import's,
    naming the item. :raises ImportFailed:"""
    try:
        check_strings(draft)
        yield
    except VerbatimError as e:
        title = draft.get("title") if isinstance(draft.get("title"), str) else ""
        raise ImportFailed(f"Item {number} (“{readable(title) or 'untitled'}”) cannot be imported: "
                           f"{e} Nothing was imported.") from None


def _is_uuid(text: str) -> bool:
    try:
        uuidlib.UUID(str(text))
    except ValueError:
        return False
    return True
