"""Speakers: people and bodies who said things, with aliases and roles over time."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NewType

from .dates import PartialDate, parse_optional_date, utc_now
from .errors import InvalidInput, NotFound
from .fts import fts_query
from .query import speaker_ids_matching
from .text import check_text

if TYPE_CHECKING:
    from .library import Library

SpeakerId = NewType("SpeakerId", int)
NAME_NEEDED = "A speaker needs a name. Type the name they are best known by."
_WIKIDATA = re.compile(r"(?:^|/)(Q[1-9]\d*)/?$", re.IGNORECASE)


@dataclass
class Role:
    """A title held in an organisation over a period; either end may be open (None)."""

    title: str
    organization: str = ""
    start: PartialDate | None = None
    end: PartialDate | None = None
    id: int | None = None

    def display(self) -> str:
        return ", ".join(p for p in (self.title, self.organization) if p)


@dataclass
class Speaker:
    id: SpeakerId
    uuid: str
    name: str
    sort_name: str
    description: str = ""
    wikidata: str = ""
    notes: str = ""
    confidential: bool = False
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    quote_count: int = 0


def wikidata_id(text: str) -> str:
    """'Q42' from 'Q42', 'q42' or a Wikidata address; '' for none. :raises InvalidInput: anything else."""
    text = text.strip()
    if not text:
        return ""
    m = _WIKIDATA.search(text)
    if not m:
        raise InvalidInput(f"“{text}” is not a Wikidata id. It looks like Q42; copy it from the "
                           "address of the person's Wikidata page.")
    return m.group(1).upper()


def default_sort_name(name: str) -> str:
    """'Antony Blinken' → 'Blinken, Antony'; single words and bodies stay as they are."""
    words = name.split()
    if len(words) < 2 or name.lower().startswith(("the ", "a ", "an ")):
        return name
    return f"{words[-1]}, {' '.join(words[:-1])}"


class Speakers:
    """Speaker operations of a :class:`~qtapp.core.library.Library` (``lib.speakers``)."""

    def __init__(self, lib: Library):
        self.lib = lib
        self.db = lib.db

    def add(self, name: str, *, sort_name: str = "", description: str = "", aliases=(), roles=(),
            wikidata: str = "", notes: str = "", confidential: bool = False) -> SpeakerId:
        """Create a speaker; returns its id. :raises InvalidInput: empty name, a bad Wikidata id or bad dates."""
        name = _clean(name)
        if not name:
            raise InvalidInput(NAME_NEEDED)
        now = utc_now()
        with self.lib.step(f"Add speaker {name}") as rec:
            sid = rec.insert("speakers", {
                "uuid": str(uuid.uuid4()), "name": name, "sort_name": _clean(sort_name) or default_sort_name(name),
                "description": _clean(description), "wikidata": wikidata_id(_clean(wikidata)), "notes": notes or "",
                "confidential": int(bool(confidential)), "created_at": now, "updated_at": now,
            })
            for alias in aliases:
                self._insert_alias(rec, sid, alias)
            for role in roles:
                self._insert_role(rec, sid, role)
        return SpeakerId(sid)

    def get(self, speaker_id: int) -> Speaker:
        """The speaker with aliases, roles and the number of quotes not in the trash."""
        row = self.db.execute("SELECT * FROM speakers WHERE id = ? AND deleted_at IS NULL", [speaker_id]).fetchone()
        if row is None:
            raise NotFound(f"There is no speaker with id {speaker_id}.")
        cols = [c[0] for c in self.db.execute("SELECT * FROM speakers LIMIT 0").description]
        r = dict(zip(cols, row, strict=True))
        aliases = [a for (a,) in self.db.execute(
            "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY id", [speaker_id])]
        roles = [Role(t, o, PartialDate.from_iso(s) if s else None, PartialDate.from_iso(e) if e else None, i)
                 for i, t, o, s, e in self.db.execute(
                     "SELECT id, title, organization, start, end FROM speaker_roles WHERE speaker_id = ? "
                     "ORDER BY coalesce(start, ''), id", [speaker_id])]
        count = self.db.execute("SELECT count(*) FROM quotes WHERE speaker_id = ? AND deleted_at IS NULL",
                                [speaker_id]).fetchone()[0]
        return Speaker(SpeakerId(r["id"]), r["uuid"], r["name"], r["sort_name"], r["description"], r["wikidata"],
                       r["notes"], bool(r["confidential"]), aliases, roles, count)

    def update(self, speaker_id: int, **changes) -> None:
        """Change name, sort_name, description, wikidata, notes or confidential."""
        speaker, changes = self._checked_changes(speaker_id, changes)
        with self.lib.step(f"Edit speaker {speaker.name}") as rec:
            rec.update("speakers", speaker_id, {**changes, "updated_at": utc_now()})

    def edit(self, speaker_id: int, *, aliases=None, roles=None, **changes) -> None:
        """Change fields and replace the aliases and roles, all as one undoable step.

        What an editor dialog saves: one Undo reverses the whole edit.

        :param aliases: every alias the speaker should have (None leaves them as they are).
        :param roles: every role the speaker should have (None leaves them); a :class:`Role`
            whose id and contents are unchanged is kept, any other is stored anew.
        :param changes: fields as for :meth:`update`.
        :raises InvalidInput: as :meth:`update`, or a role that ends before it starts.
        """
        speaker, changes = self._checked_changes(speaker_id, changes)
        with self.lib.step(f"Edit speaker {speaker.name}") as rec:
            if changes:
                rec.update("speakers", speaker_id, {**changes, "updated_at": utc_now()})
            if aliases is not None:
                wanted = list(dict.fromkeys(a for a in map(_clean, aliases) if a))
                for alias_id, alias in self.db.execute(
                        "SELECT id, alias FROM speaker_aliases WHERE speaker_id = ?", [speaker_id]).fetchall():
                    if alias not in wanted:
                        rec.delete("speaker_aliases", alias_id)
                for alias in wanted:
                    if alias not in speaker.aliases:
                        self._insert_alias(rec, speaker_id, alias)
            if roles is not None:
                stored = {r.id: r for r in speaker.roles}
                unchanged = {r.id for r in roles if r.id is not None and stored.get(r.id) == r}
                for role_id in stored.keys() - unchanged:
                    rec.delete("speaker_roles", role_id)
                for role in roles:
                    if role.id not in unchanged:
                        self._insert_role(rec, speaker_id, Role(role.title, role.organization, role.start, role.end))

    def _checked_changes(self, speaker_id: int, changes: dict) -> tuple[Speaker, dict]:
        allowed = {"name", "sort_name", "description", "wikidata", "notes", "confidential"}
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInput(f"Speakers have no field {', '.join(sorted(unknown))}.")
        speaker = self.get(speaker_id)
        if "name" in changes:
            changes["name"] = _clean(changes["name"])
            if not changes["name"]:
                raise InvalidInput(NAME_NEEDED)
        if "confidential" in changes:
            changes["confidential"] = int(bool(changes["confidential"]))
        if "wikidata" in changes:
            changes["wikidata"] = wikidata_id(_clean(changes["wikidata"]))
        return speaker, changes

    def add_alias(self, speaker_id: int, alias: str) -> None:
        speaker = self.get(speaker_id)
        with self.lib.step(f"Add alias {alias.strip()} to {speaker.name}") as rec:
            self._insert_alias(rec, speaker_id, alias)

    def remove_alias(self, speaker_id: int, alias: str) -> None:
        speaker = self.get(speaker_id)
        ids = [i for (i,) in self.db.execute(
            "SELECT id FROM speaker_aliases WHERE speaker_id = ? AND alias = ?", [speaker_id, alias])]
        with self.lib.step(f"Remove alias {alias} from {speaker.name}") as rec:
            for alias_id in ids:
                rec.delete("speaker_aliases", alias_id)

    def add_role(self, speaker_id: int, role: Role) -> int:
        speaker = self.get(speaker_id)
        with self.lib.step(f"Add role to {speaker.name}") as rec:
            return self._insert_role(rec, speaker_id, role)

    def title_on(self, speaker_id: int, said: PartialDate | None) -> str:
        """The title the speaker held on ``said`` (the current one when the date is unknown)."""
        for role in reversed(self.get(speaker_id).roles):
            if said is None:
                if role.end is None:
                    return role.display()
            elif (role.start is None or not role.start.is_after(said)) \
                    and (role.end is None or not said.is_after(role.end)):
                return role.display()
        return ""

    def find(self, text: str, limit: int = 20) -> list[tuple[SpeakerId, str]]:
        """Speakers whose name or alias starts with the words typed: [(id, name)]."""
        query = fts_query(text, prefix_last=True)
        if not query:
            return []
        rows = self.db.execute(
            "SELECT s.id, s.name FROM speakers_fts f JOIN speakers s ON s.id = f.rowid "
            "WHERE speakers_fts MATCH ? AND s.deleted_at IS NULL ORDER BY s.sort_name LIMIT ?", [query, limit])
        return [(SpeakerId(i), n) for i, n in rows]

    def lookup(self, name: str) -> SpeakerId | None:
        """The speaker whose name or an alias is exactly ``name`` (ignoring case), if any."""
        name = check_text(_clean(name), "name")
        row = self.db.execute(
            "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL "
            "UNION ALL SELECT s.id FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
            "WHERE a.alias = ? COLLATE NOCASE AND s.deleted_at IS NULL LIMIT 1", [name, name]).fetchone()
        return SpeakerId(row[0]) if row else None

    def ids_matching(self, text: str) -> list[int]:
        """Ids of every speaker whose name or any alias matches ``text`` (exactly, else by words)."""
        return speaker_ids_matching(self.db, text)

    def all(self, filter_text: str = "", limit: int = 500) -> list[tuple[SpeakerId, str, int]]:
        """Speakers sorted by sort name with their quote counts, filtered by name or alias."""
        where, params = "s.deleted_at IS NULL", []
        if filter_text.strip():
            ids = self.ids_matching(filter_text)
            if not ids:
                return []
            where += f" AND s.id IN ({','.join('?' * len(ids))})"
            params = ids
        rows = self.db.execute(
            f"SELECT s.id, s.name, (SELECT count(*) FROM quotes q WHERE q.speaker_id = s.id AND q.deleted_at IS NULL) "
            f"FROM speakers s WHERE {where} ORDER BY s.sort_name COLLATE NOCASE LIMIT ?", [*params, limit])
        return [(SpeakerId(i), n, c) for i, n, c in rows]

    def merge(self, keep_id: int, merge_id: int) -> None:
        """Merge ``merge_id`` into ``keep_id``: its name becomes an alias; aliases, roles and quotes move.

        The merged speaker stays in the trash with ``merged_into`` set, so history can show it.
        """
        if keep_id == merge_id:
            raise InvalidInput("A speaker cannot be merged with itself.")
        keep, gone = self.get(keep_id), self.get(merge_id)
        with self.lib.step(f"Merge {gone.name} into {keep.name}") as rec:
            known = {a.lower() for a in keep.aliases} | {keep.name.lower()}
            for alias in [gone.name, *gone.aliases]:
                if alias.lower() not in known:
                    self._insert_alias(rec, keep_id, alias)
                    known.add(alias.lower())
            aliases = self.db.execute("SELECT id FROM speaker_aliases WHERE speaker_id = ?", [merge_id]).fetchall()
            for (alias_id,) in aliases:
                rec.delete("speaker_aliases", alias_id)
            roles = self.db.execute("SELECT id FROM speaker_roles WHERE speaker_id = ?", [merge_id]).fetchall()
            for (role_id,) in roles:
                rec.update("speaker_roles", role_id, {"speaker_id": keep_id})
            now = utc_now()
            for (quote_id,) in self.db.execute("SELECT id FROM quotes WHERE speaker_id = ?", [merge_id]).fetchall():
                rec.update("quotes", quote_id, {"speaker_id": keep_id, "updated_at": now})
            rec.update("speakers", merge_id, {"merged_into": keep_id, "deleted_at": now, "updated_at": now})

    def _insert_alias(self, rec, speaker_id: int, alias: str) -> None:
        alias = _clean(alias)
        if alias:
            rec.insert("speaker_aliases", {"uuid": str(uuid.uuid4()), "speaker_id": speaker_id, "alias": alias})

    def _insert_role(self, rec, speaker_id: int, role: Role | dict) -> int:
        if isinstance(role, dict):
            role = Role(**role)
        start = role.start if isinstance(role.start, PartialDate) or role.start is None \
            else parse_optional_date(role.start)
        end = role.end if isinstance(role.end, PartialDate) or role.end is None else parse_optional_date(role.end)
        if start and end and start.is_after(end):
            raise InvalidInput(f"The role “{role.title}” ends ({end.display()}) before it starts ({start.display()}).")
        return rec.insert("speaker_roles", {
            "uuid": str(uuid.uuid4()), "speaker_id": speaker_id, "title": _clean(role.title),
            "organization": _clean(role.organization), "start": start.iso if start else None,
            "end": end.iso if end else None})


def _clean(text: str | None) -> str:
    return " ".join((text or "").replace("\x00", "").split())
