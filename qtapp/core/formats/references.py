"""Which sources a reference export (CSL-JSON, BibTeX, RIS) may list, and importing them back.

A reference list names sources, not speakers, but a source can still betray one: an
interview titled after the person who spoke on background, or the very existence of a
conversation with a confidential speaker. So, through :func:`qtapp.core.publish.decide_fields`:

- a source is listed only if at least one selected quote from it may be published (a whole
  library export also lists sources that hold no quotes);
- a source with any quote that is withheld or anonymous is left out when it is a private
  conversation (interview, email), or when its title, outlet, place, address or people
  mention that speaker's name or an alias.

The source's own text and notes never leave through these formats.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import ImportFailed, VerbatimError
from ..publish import Decision, decide_fields
from ..sources import Source
from .reports import ImportReport
from .selection import Progress, Selection, report_progress
from .sheet_rows import PRIVATE_KINDS

if TYPE_CHECKING:
    from ..library import Library

WITHHELD_REASON = "sources that could identify a protected speaker"


def publishable_sources(lib: Library, selection: Selection, *, now: dt.datetime | None = None,
                        progress: Progress | None = None) -> tuple[list[Source], int]:
    """The sources of ``selection`` a reference export may list, and how many were left out."""
    now = now or dt.datetime.now(dt.timezone.utc)
    candidates = _candidate_ids(lib, selection)
    chosen, left_out = [], 0
    for done, source_id in enumerate(candidates, 1):
        source = lib.sources.get(source_id)
        if _is_safe(lib, source, now) and (selection.whole_library or _has_allowed_quote(lib, selection, source_id, now)):
            chosen.append(source)
        else:
            left_out += 1
        report_progress(progress, done, len(candidates))
    return chosen, left_out


def _candidate_ids(lib: Library, selection: Selection) -> list[int]:
    if selection.whole_library:
        return [i for (i,) in lib.db.execute("SELECT id FROM sources WHERE deleted_at IS NULL ORDER BY id")]
    where, params = selection.where()
    return [i for (i,) in lib.db.execute(
        f"SELECT DISTINCT q.source_id FROM quotes q WHERE {where} AND q.source_id IS NOT NULL ORDER BY 1", params)]


def _decisions(lib: Library, where: str, params: list, now: dt.datetime) -> Iterator[tuple[int, Decision]]:
    """(speaker id, decision) for each live quote matching ``where``."""
    rows = lib.db.execute(
        "SELECT q.speaker_id, q.rule, q.rule_description, q.embargo_until, sp.name, sp.description, "
        f"sp.confidential FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id WHERE q.deleted_at IS NULL AND {where}",
        params)
    for speaker_id, rule, description, embargo, name, speaker_description, confidential in rows:
        yield speaker_id, decide_fields(rule=rule, rule_description=description, embargo_until=embargo,
                                        speaker_name=name, speaker_description=speaker_description,
                                        confidential=bool(confidential), now=now)


def _is_safe(lib: Library, source: Source, now: dt.datetime) -> bool:
    protected = {sid for sid, d in _decisions(lib, "q.source_id = ?", [source.id], now) if not d.named}
    if not protected:
        return True
    if source.kind in PRIVATE_KINDS:
        return False
    listed = " ".join([source.title, source.outlet, source.place, source.url,
                       *(name.display() for _, name in source.names)]).casefold()
    for speaker_id in protected:
        names = [n for (n,) in lib.db.execute(
            "SELECT name FROM speakers WHERE id = ? UNION SELECT alias FROM speaker_aliases WHERE speaker_id = ?",
            [speaker_id, speaker_id])]
        if any(n.casefold() in listed for n in names if n.strip()):
            return False
    return True


def _has_allowed_quote(lib: Library, selection: Selection, source_id: int, now: dt.datetime) -> bool:
    where, params = selection.where()
    return any(d.allowed for _, d in _decisions(lib, f"q.source_id = ? AND {where}", [source_id, *params], now))


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
    report = ImportReport()
    if dry_run:
        for draft in drafts:
            report.count(report.unchanged if existing_source(lib, draft) is not None else report.added, "source")
        return report
    with lib.step(f"Import {len(drafts)} source{'s' if len(drafts) != 1 else ''}") as rec:
        for done, draft in enumerate(drafts, 1):
            if existing_source(lib, draft) is not None:
                report.count(report.unchanged, "source")
            else:
                draft = dict(draft)
                if draft.get("uuid") and not _is_uuid(draft["uuid"]):
                    draft.pop("uuid")
                try:
                    lib.sources.add_in_step(rec, **draft)
                except VerbatimError as e:
                    raise ImportFailed(f"Item {done} (“{draft.get('title') or 'untitled'}”) cannot be imported: "
                                       f"{e} Nothing was imported.") from None
                report.count(report.added, "source")
            report_progress(progress, done, len(drafts))
    return report


def _is_uuid(text: str) -> bool:
    try:
        uuidlib.UUID(str(text))
    except ValueError:
        return False
    return True
