"""Sources: where words were said or written, with structured author and host names."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NewType
from urllib.parse import urlsplit

from .cite.variables import NAME as CSL_NAME_VARIABLES
from .cite.variables import column_variables, effective_type
from .dates import PartialDate, parse_optional_date, utc_now
from .errors import InvalidInput, NotFound
from .names import Name, parse_name
from .schema import MEDIA, NAME_ROLES, SOURCE_KINDS
from .text import check_text

if TYPE_CHECKING:
    from .library import Library

SourceId = NewType("SourceId", int)

KIND_LABELS = {
    "article": "Article", "interview": "Interview", "press_conference": "Press conference",
    "speech": "Speech", "broadcast": "Broadcast", "social_post": "Social post",
    "document": "Document", "email": "Email", "podcast": "Podcast", "other": "Other",
}
_FIELDS = ("kind", "title", "outlet", "date", "date_end", "place", "url", "accessed", "language",
           "medium", "text", "notes", "csl_type", "csl_variables")
_NAME_COLUMNS = ("family", "given", "particle", "suffix", "literal", "dropping_particle", "comma_suffix",
                 "static_ordering", "parse_names")


@dataclass
class Source:
    id: SourceId
    uuid: str
    kind: str
    title: str = ""
    outlet: str = ""
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    place: str = ""
    url: str = ""
    accessed: PartialDate | None = None
    language: str = ""
    medium: str | None = None
    text: str = ""
    notes: str = ""
    names: list[tuple[str, Name]] = field(default_factory=list)
    csl_type: str | None = None  # the CSL type it came with (None: derived from the kind)
    csl_variables: dict = field(default_factory=dict)  # every other CSL variable, as given

    def people(self, role: str = "author") -> list[Name]:
        return [n for r, n in self.names if r == role]


class Sources:
    """Source operations of a library (``lib.sources``)."""

    def __init__(self, lib: Library):
        self.lib = lib
        self.db = lib.db

    def add(self, kind: str = "article", title: str = "", *, names=(), **fields) -> SourceId:
        """Create a source; returns its id.

        :param names: ``[(role, Name or "typed name")]``, role being a CSL name variable (author, host, …).
        :param fields: outlet, date, date_end, place, url, accessed, language, medium, text, notes;
            ``csl_type`` and ``csl_variables`` (``{"volume": "12", "event-date": {...}}``) for what
            a reference manager knows beyond those.
        :raises InvalidInput: unknown kind, medium or field; an unreadable date, an end date
            without a date or before it; an address that is not a web or file address.
        """
        label = " ".join(str(title or "").split()) or KIND_LABELS.get(kind, "source").lower()
        with self.lib.step(f"Add source {label[:40]}") as rec:
            return self.add_in_step(rec, kind, title, names=names, **fields)

    def add_in_step(self, rec, kind: str = "article", title: str = "", *, names=(), **fields) -> SourceId:
        """Like :meth:`add`, inside a step the caller holds (many sources as one undoable step)."""
        row = self._validated({"kind": kind, "title": title, **fields})
        self._check_dates(row)
        now = utc_now()
        sid = rec.insert("sources", {**row, "uuid": fields.get("uuid") or str(uuid.uuid4()),
                                     "created_at": now, "updated_at": now})
        self._insert_names(rec, sid, names)
        return SourceId(sid)

    def get(self, source_id: int) -> Source:
        cursor = self.db.execute("SELECT * FROM sources WHERE id = ? AND deleted_at IS NULL", [source_id])
        values = cursor.fetchone()
        if values is None:
            raise NotFound(f"There is no source with id {source_id}.")
        r = dict(zip([c[0] for c in cursor.description], values, strict=True))
        names = [(role, Name(*parts[:6], bool(parts[6]), bool(parts[7]), None if parts[8] is None else bool(parts[8])))
                 for role, *parts in self.db.execute(f"SELECT role, {', '.join(_NAME_COLUMNS)} FROM source_names "
                                                     "WHERE source_id = ? ORDER BY role, position", [source_id])]
        dates = {k: PartialDate.from_iso(r[k]) if r[k] else None for k in ("date", "date_end", "accessed")}
        return Source(SourceId(r["id"]), r["uuid"], r["kind"], r["title"], r["outlet"], dates["date"],
                      dates["date_end"], r["place"], r["url"], dates["accessed"], r["language"], r["medium"],
                      r["text"], r["notes"], names, r["csl_type"], json.loads(r["csl_variables"]))

    def update(self, source_id: int, *, names=None, **fields) -> None:
        """Change fields of a source; ``names`` (if given) replaces its people."""
        source = self.get(source_id)
        with self.lib.step(f"Edit source {source.title[:40] or source.id}") as rec:
            self.update_in_step(rec, source_id, names=names, **fields)

    def update_in_step(self, rec, source_id: int, *, names=None, **fields) -> None:
        """Like :meth:`update`, inside a step the caller holds."""
        row = self._validated(fields)
        self._check_dates(row, source_id)
        if "csl_variables" not in fields:
            self._drop_replaced_variables(source_id, fields, row)
        rec.update("sources", source_id, {**row, "updated_at": utc_now()})
        if names is not None:
            old = self.db.execute("SELECT id FROM source_names WHERE source_id = ?", [source_id]).fetchall()
            for (name_id,) in old:
                rec.delete("source_names", name_id)
            self._insert_names(rec, source_id, names)

    def update_if_changed(self, rec, source_id: int, *, names=(), **fields) -> bool:
        """Make a source what a re-import says it is, writing only what differs; True if anything did."""
        fields.pop("uuid", None)
        row = self._validated(fields)
        self._check_dates(row, source_id)
        cursor = self.db.execute(f"SELECT {', '.join(row) or 'id'} FROM sources WHERE id = ?", [source_id])
        current = dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))
        changed = {k: v for k, v in row.items() if current.get(k) != v}
        if changed:
            rec.update("sources", source_id, {**changed, "updated_at": utc_now()})
        wanted = sorted(_names(names), key=lambda pair: pair[0])
        renamed = wanted != self.get(source_id).names
        if renamed:
            self.update_in_step(rec, source_id, names=wanted)
        return bool(changed) or renamed

    def all(self, kind: str | None = None, limit: int = 1000) -> list[dict]:
        """Sources newest first (by date, then when added): id, kind, title, outlet, date, quote count."""
        where, params = "deleted_at IS NULL", []
        if kind:
            where += " AND kind = ?"
            params.append(kind)
        rows = self.db.execute(
            f"SELECT id, kind, title, outlet, date, (SELECT count(*) FROM quotes q WHERE q.source_id = s.id "
            f"AND q.deleted_at IS NULL) FROM sources s WHERE {where} ORDER BY coalesce(date, '') DESC, id DESC LIMIT ?",
            [*params, limit])
        return [dict(zip(("id", "kind", "title", "outlet", "date", "quote_count"), r, strict=True)) for r in rows]

    def find_duplicate(self, *, url: str = "", text: str = "") -> SourceId | None:
        """A source already in the library with the same address or the same text."""
        if url.strip():
            row = self.db.execute("SELECT id FROM sources WHERE url = ? AND deleted_at IS NULL",
                                  [url.strip()]).fetchone()
            if row:
                return SourceId(row[0])
        if text.strip():
            row = self.db.execute("SELECT id FROM sources WHERE length(text) = ? AND text = ? AND deleted_at IS NULL",
                                  [len(text), text]).fetchone()
            if row:
                return SourceId(row[0])
        return None

    def _validated(self, fields: dict) -> dict:
        unknown = set(fields) - set(_FIELDS) - {"uuid"}
        if unknown:
            raise InvalidInput(f"Sources have no field {', '.join(sorted(unknown))}.")
        row = {}
        for key, value in fields.items():
            if key == "uuid":
                continue
            if key in ("date", "date_end", "accessed"):
                parsed = value if isinstance(value, PartialDate) or value is None else \
                    parse_optional_date(value, order=self.lib.get_setting("date_order"))
                row[key] = parsed.iso if parsed else None
            elif key == "text":
                row[key] = (value or "").replace("\x00", "")
            elif key in ("medium", "csl_type"):
                row[key] = str(value) if value else None
            elif key == "csl_variables":
                row[key] = _variables_json(value)
            elif key == "url":
                row[key] = checked_url(" ".join(str(value or "").replace("\x00", "").split()))
            else:
                row[key] = " ".join(str(value or "").replace("\x00", "").split()) if key != "notes" else (value or "")
        if "kind" in row and row["kind"] not in SOURCE_KINDS:
            raise InvalidInput(f"“{row['kind']}” is not a kind of source. Use one of: {', '.join(SOURCE_KINDS)}.")
        if row.get("medium") and row["medium"] not in MEDIA:
            raise InvalidInput(f"“{row['medium']}” is not an interview medium. Use one of: {', '.join(MEDIA)}.")
        return row

    def _check_dates(self, row: dict, source_id: int | None = None) -> None:
        """An end date needs a date, and cannot be before it; an edit is checked with the dates it keeps.

        :raises InvalidInput: the end date is there without a date, or before it.
        """
        if source_id is not None and not {"date", "date_end"} & row.keys():
            return
        stored = self.get(source_id) if source_id is not None else None

        def date(key: str) -> PartialDate | None:
            if key in row:
                return PartialDate.from_iso(row[key]) if row[key] else None
            return getattr(stored, key, None)

        start, end = date("date"), date("date_end")
        if end and not start:
            raise InvalidInput("The source has an end date but no date. Type when it began.")
        if start and end and start.is_after(end):
            raise InvalidInput(f"The end date ({end.display()}) is before the date ({start.display()}). Check both.")

    def _drop_replaced_variables(self, source_id: int, fields: dict, row: dict) -> None:
        """An edited column replaces the CSL variable it stands for, if one was kept beside it."""
        source = self.get(source_id)
        ctype = effective_type(source.kind, source.csl_type, url=source.url, outlet=source.outlet)
        replaced = {v for column in fields for v in column_variables(column, ctype)}
        if replaced & set(source.csl_variables):
            row["csl_variables"] = _variables_json({k: v for k, v in source.csl_variables.items() if k not in replaced})

    def _insert_names(self, rec, source_id: int, names) -> None:
        for position, (role, name) in enumerate(_names(names)):
            rec.insert("source_names", {"uuid": str(uuid.uuid4()), "source_id": source_id, "role": role,
                                        "position": position, **{c: getattr(name, c) for c in _NAME_COLUMNS}})


def checked_url(text: str) -> str:
    """The address as typed, trimmed ('' for none). :raises InvalidInput: not a web or file address."""
    url = text.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:   # a bracketed host that is no IPv6 address ("http://[x")
        parts = None
    if parts is None or parts.scheme not in ("http", "https", "ftp", "file") \
            or (parts.scheme != "file" and not parts.netloc):
        raise InvalidInput(f"“{url}” is not a web address. Copy it from the browser's address bar, "
                           "starting with https://.")
    return url


def _names(names) -> list[tuple[str, Name]]:
    """``(role, Name)`` pairs from names given as Name, typed text or dict; empty names left out.

    :raises InvalidInput: a role that is not a CSL name variable.
    """
    out = []
    for role, name in names:
        if role not in NAME_ROLES:
            raise InvalidInput(f"“{role}” is not a role for a name. Use one of: {', '.join(NAME_ROLES)}.")
        if isinstance(name, str):
            name = parse_name(check_text(name, f"{role} name"))   # refused before parsing could drop it
        elif isinstance(name, dict):
            name = Name.from_dict(name)
        if name.display():
            out.append((role, name))
    return out


def _variables_json(value) -> str:
    """CSL variables as stored: a JSON object without names (they are rows of ``source_names``).

    :raises InvalidInput: not an object, a name variable, or a value JSON cannot hold.
    """
    if not isinstance(value, dict):
        raise InvalidInput("CSL variables must be given as an object, e.g. {\"volume\": \"12\"}.")
    names = sorted(set(value) & set(CSL_NAME_VARIABLES))
    if names:
        raise InvalidInput(f"{', '.join(names)} are people: give them as names, not as CSL variables.")
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        raise InvalidInput("A CSL variable holds a value that is not text, a number or a date object.") from None
