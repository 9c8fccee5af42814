"""Quotes: the exact words, who said them, where, when, and under which ground rule."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NewType

from .dates import PartialDate, parse_datetime, parse_optional_date, utc_now
from .errors import InvalidInput, NotFound
from .languages import language_name
from .plural import count_of
from .query import QuoteQuery, QuoteRow, count_quotes, page_quotes, sort_keys_sql
from .schema import RULES
from .text import check_strings
from .transcripts import time_for_span

if TYPE_CHECKING:
    from .library import Library

QuoteId = NewType("QuoteId", int)

RULE_LABELS = {
    "on_record": "On the record", "background": "On background", "deep_background": "Deep background",
    "off_record": "Off the record", "embargoed": "Embargoed",
}
EDITABLE = ("words", "speaker_id", "source_id", "said", "span_start", "span_end", "time_start", "time_end",
            "rule", "rule_description", "embargo_until", "second_hand", "via_outlet", "translated", "language",
            "original_words", "translator", "context", "attribution_evidence")


# What a reporter calls each field, for step names ("Undo change of speaker"). A rule's detail
# and a provenance's outlet or language are part of the rule or provenance when both change.
FIELD_NAMES = {
    "words": "words", "speaker_id": "speaker", "source_id": "source", "said": "date said",
    "span_start": "place in the source", "span_end": "place in the source", "time_start": "time in the recording",
    "time_end": "time in the recording", "rule": "ground rule", "rule_description": "agreed description",
    "embargo_until": "embargo end", "second_hand": "provenance", "via_outlet": "outlet it was taken from",
    "translated": "provenance", "language": "language", "original_words": "original words",
    "translator": "translator", "context": "context note", "tags": "tags",
    "attribution_evidence": "attribution evidence",
}
PART_OF = {"rule_description": "rule", "embargo_until": "rule", "via_outlet": "second_hand", "language": "translated"}


def change_name(fields: list[str]) -> str:
    """The step name for an edit of ``fields``: 'Change of speaker', 'Change of words and tags'."""
    names = list(dict.fromkeys(FIELD_NAMES[f] for f in fields if PART_OF.get(f) not in fields))
    if not names or len(names) > 2:
        return "Edit quote"
    return "Change of " + " and ".join(names)


@dataclass
class Quote:
    id: QuoteId
    uuid: str
    words: str
    speaker_id: int
    source_id: int | None
    said: PartialDate | None
    span_start: int | None = None
    span_end: int | None = None
    time_start: float | None = None
    time_end: float | None = None
    rule: str = "on_record"
    rule_description: str = ""
    embargo_until: str | None = None
    second_hand: bool = False       # taken from another outlet's reporting: via_outlet
    via_outlet: str = ""
    translated: bool = False        # said in another language: language (the original's)
    language: str = ""
    original_words: str = ""
    translator: str = ""
    context: str = ""
    attribution_evidence: dict = field(default_factory=dict)   # how the source gave the words (on accept)
    created_at: str = ""
    updated_at: str = ""
    check_status: str | None = None
    tags: list[str] = field(default_factory=list)


class Quotes:
    """Quote operations of a library (``lib.quotes``)."""

    def __init__(self, lib: Library):
        self.lib = lib
        self.db = lib.db

    def add(self, words: str, speaker_id: int | None, *, tags=(), **fields) -> QuoteId:
        """Log a quote; returns its id.

        :param fields: source_id, said, span_start/span_end, time_start/time_end, rule,
            rule_description, embargo_until, second_hand with via_outlet, translated with
            language, original_words, translator, context, attribution_evidence (a dict).
        :raises InvalidInput: empty words, no speaker, a future or unreadable date, a rule
            without what it needs (background's description, an embargo's time), a second-hand
            quote without its outlet, a translated one without its language.
        :raises NotFound: the speaker or source does not exist.
        """
        row = self._validated({"rule": self.lib.get_setting("default_rule"), **fields,
                               "words": words, "speaker_id": speaker_id}, creating=True)
        now = utc_now()
        with self.lib.step("Log quote") as rec:
            qid = rec.insert("quotes", {**row, "uuid": fields.get("uuid") or str(uuid.uuid4()),
                                        "created_at": now, "updated_at": now})
            for tag in tags:
                self.lib.tags.attach(rec, qid, tag)
        return QuoteId(qid)

    def add_many(self, items: list[dict], *, step_name: str | None = None) -> list[QuoteId]:
        """Log many quotes in one step (one transaction); each item holds add()'s arguments."""
        now = utc_now()
        ids = []
        with self.lib.step(step_name or f"Log {count_of(len(items), 'quote')}") as rec:
            for item in items:
                item = dict(item)
                tags = item.pop("tags", ())
                row = self._validated({"rule": self.lib.get_setting("default_rule"), **item}, creating=True)
                qid = rec.insert("quotes", {**row, "uuid": item.get("uuid") or str(uuid.uuid4()),
                                            "created_at": now, "updated_at": now})
                for tag in tags:
                    self.lib.tags.attach(rec, qid, tag)
                ids.append(QuoteId(qid))
        return ids

    def insert_bulk(self, items, *, step_name: str = "Import quotes", batch: int = 5000) -> int:
        """Add many quotes fast (an import): one step whose undo sends them all to the trash.

        ``items`` is any iterable of dicts with add()'s fields (``words``, ``speaker_id`` …; no
        tags); it is consumed in batches, so a generator of a million rows never sits in memory.
        The history keeps one "created" row per quote. Returns the number of quotes added.

        :raises InvalidInput: on the first invalid item; nothing is added then.
        """
        from .checks.affected import mark_range
        from .undo import BulkInsert

        rule = self.lib.get_setting("default_rule")
        speakers = {i for (i,) in self.db.execute("SELECT id FROM speakers WHERE deleted_at IS NULL")}
        sources = {i for (i,) in self.db.execute("SELECT id FROM sources WHERE deleted_at IS NULL")}
        columns = ("uuid", "words", "speaker_id", "source_id", "said", "span_start", "span_end", "rule",
                   "rule_description", "second_hand", "via_outlet", "translated", "language", "context",
                   "created_at", "updated_at")
        # The sort keys from the speaker, source and day (?3, ?4, ?5) come with the row, so m009's
        # insert trigger finds them right and writes nothing.
        keys = sort_keys_sql("?3", "?4", "?5")
        sql = (f"INSERT INTO quotes ({', '.join([*columns, *keys])}) "
               f"VALUES ({', '.join([f'?{i}' for i in range(1, len(columns) + 1)] + list(keys.values()))})")
        now = utc_now()
        added, first_id = 0, None
        with self.lib.step(step_name) as rec:
            chunk: list[tuple] = []
            for item in items:
                chunk.append(self._bulk_row(item, rule, now, speakers, sources))
                if len(chunk) >= batch:
                    first_id = self._insert_chunk(sql, chunk, first_id, now, step_name)
                    added += len(chunk)
                    chunk = []
            if chunk:
                first_id = self._insert_chunk(sql, chunk, first_id, now, step_name)
                added += len(chunk)
            if added:
                last_id = self.db.execute("SELECT max(id) FROM quotes").fetchone()[0]
                rec.step.bulk.append(BulkInsert("quotes", first_id, last_id))
                mark_range(self.db, first_id, last_id)
        return added

    def _insert_chunk(self, sql, chunk, first_id, now, step_name):
        before = self.db.execute("SELECT coalesce(max(id), 0) FROM quotes").fetchone()[0]
        self.db.conn.executemany(sql, chunk)
        self.db.conn.execute(
            "INSERT INTO history (entity, entity_id, field, old, new, at, step) "
            "SELECT 'quote', id, 'created', NULL, uuid, ?, ? FROM quotes WHERE id > ?", [now, step_name, before])
        return before + 1 if first_id is None else first_id

    @staticmethod
    def _bulk_row(item: dict, rule: str, now: str, speakers: set, sources: set) -> tuple:
        check_strings(item)
        words = (item.get("words") or "").replace("\x00", "").strip()
        if not words:
            raise InvalidInput("An imported quote is empty. Every quote needs its words.")
        if item.get("speaker_id") not in speakers:
            raise InvalidInput(f"An imported quote names speaker {item.get('speaker_id')}, who is not in the library.")
        source_id = item.get("source_id")
        if source_id is not None and source_id not in sources:
            raise InvalidInput(f"An imported quote names source {source_id}, which is not in the library.")
        said = item.get("said") or ""
        if said and not isinstance(said, PartialDate):
            said = PartialDate.from_iso(said)
        item_rule = item.get("rule") or rule
        if item_rule not in RULES:
            raise InvalidInput(f"“{item_rule}” is not a ground rule. Use one of: {', '.join(RULES)}.")
        second_hand, via, translated, language = _provenance_of(item)
        _check_provenance({}, {"second_hand": second_hand, "via_outlet": via, "translated": translated,
                               "language": language})
        return (item.get("uuid") or str(uuid.uuid4()), words, item["speaker_id"], source_id,
                said.iso if said else "", item.get("span_start"), item.get("span_end"), item_rule,
                item.get("rule_description") or "", second_hand, via, translated, language,
                item.get("context") or "", now, now)

    def get(self, quote_id: int, *, include_trash: bool = False) -> Quote:
        trash = "" if include_trash else " AND deleted_at IS NULL"
        cursor = self.db.execute(f"SELECT * FROM quotes WHERE id = ?{trash}", [quote_id])
        values = cursor.fetchone()
        if values is None:
            raise NotFound(f"There is no quote with id {quote_id}.")
        r = dict(zip([c[0] for c in cursor.description], values, strict=True))
        tags = [n for (n,) in self.db.execute(
            "SELECT t.name FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id WHERE qt.quote_id = ? ORDER BY t.name",
            [quote_id])]
        said = PartialDate.from_iso(r["said"]) if r["said"] else None
        keep = {k: r[k] for k in Quote.__dataclass_fields__ if k in r and k not in ("said", "tags")}
        keep.update(second_hand=bool(r["second_hand"]), translated=bool(r["translated"]),
                    attribution_evidence=json.loads(r["attribution_evidence"] or "{}"))
        return Quote(**{**keep, "said": said, "tags": tags})

    def update(self, quote_id: int, **changes) -> None:
        """Change fields of a quote, as one undoable step; ``tags`` replaces its tags."""
        self.get(quote_id)
        tags = changes.pop("tags", None)
        row = self._validated(changes, creating=False, quote_id=quote_id)
        name = change_name(list(row) + (["tags"] if tags is not None else []))
        with self.lib.step(name) as rec:
            if row:
                rec.update("quotes", quote_id, {**row, "updated_at": utc_now()})
            if tags is not None:
                self.lib.tags.replace(rec, quote_id, tags)

    def undated_in(self, source_id: int) -> list[QuoteId]:
        """The live quotes from ``source_id`` that have no date said."""
        return [QuoteId(i) for (i,) in self.db.execute(
            "SELECT id FROM quotes WHERE source_id = ? AND coalesce(said, '') = '' AND deleted_at IS NULL "
            "ORDER BY id", [source_id])]

    def spans_in(self, source_id: int) -> list[tuple[QuoteId, int, int]]:
        """``(quote id, span start, span end)`` of the live quotes that have a span in ``source_id``, by start."""
        return [(QuoteId(i), s, e) for i, s, e in self.db.execute(
            "SELECT id, span_start, span_end FROM quotes WHERE source_id = ? AND deleted_at IS NULL "
            "AND span_start IS NOT NULL AND span_end IS NOT NULL ORDER BY span_start, id", [source_id])]

    def set_said(self, quote_ids, said: PartialDate) -> None:
        """Give quotes one date said, as one step ("Set the date of 3 quotes").

        :raises InvalidInput: the date is in the future.
        """
        ids = list(dict.fromkeys(quote_ids))
        now = utc_now()
        with self.lib.step(f"Set the date of {count_of(len(ids), 'quote')}") as rec:
            for qid in ids:
                row = self._validated({"said": said}, creating=False, quote_id=qid)
                rec.update("quotes", qid, {**row, "updated_at": now})

    def delete(self, quote_ids) -> None:
        """Move quotes to the trash, as one step ("Delete 3 quotes")."""
        ids = list(dict.fromkeys(quote_ids))
        now = utc_now()
        with self.lib.step(f"Delete {count_of(len(ids), 'quote')}") as rec:
            for qid in ids:
                rec.update("quotes", qid, {"deleted_at": now})

    def history(self, quote_id: int) -> list[dict]:
        """Every recorded change to the quote, oldest first: field, old, new, at, step."""
        rows = self.db.execute("SELECT field, old, new, at, step FROM history WHERE entity = 'quote' "
                               "AND entity_id = ? ORDER BY id", [quote_id])
        return [dict(zip(("field", "old", "new", "at", "step"), r, strict=True)) for r in rows]

    def page(self, query: QuoteQuery | None = None, *, after: tuple | None = None, limit: int = 100) -> list[QuoteRow]:
        """One page of quotes matching ``query``, after the keyset cursor ``after``.

        Pass ``rows[-1].cursor`` of one page as ``after`` to get the next: the 10,000th page
        costs what the first does.
        """
        return page_quotes(self.db, query or QuoteQuery(), after=after, limit=limit)

    def count(self, query: QuoteQuery | None = None) -> int:
        return count_quotes(self.db, query or QuoteQuery())

    def _validated(self, fields: dict, *, creating: bool, quote_id: int | None = None) -> dict:
        unknown = set(fields) - set(EDITABLE) - {"uuid"}
        if unknown:
            raise InvalidInput(f"Quotes have no field {', '.join(sorted(unknown))}.")
        row = {k: v for k, v in fields.items() if k != "uuid"}
        if "words" in row:
            row["words"] = (row["words"] or "").replace("\x00", "").strip()
            if not row["words"]:
                raise InvalidInput("The quote is empty. Type or paste the exact words that were said.")
        if "speaker_id" in row:
            if row["speaker_id"] in (None, ""):
                raise InvalidInput("Every quote needs a speaker. Choose who said it.")
            self.lib.speakers.get(row["speaker_id"])
        if row.get("source_id") is not None:
            self.lib.sources.get(row["source_id"])
        if "said" in row:
            said = row["said"] if isinstance(row["said"], PartialDate) or row["said"] is None else \
                parse_optional_date(row["said"], order=self.lib.get_setting("date_order"))
            if said and said.first_day() > dt.date.today():
                raise InvalidInput(f"The date said, {said.display()}, is in the future. Check the date.")
            row["said"] = said.iso if said else ""
        for key in ("context", "rule_description", "via_outlet", "language", "original_words", "translator"):
            if key in row:
                row[key] = (row[key] or "").replace("\x00", "").strip()
        if row.get("embargo_until"):
            moment = row["embargo_until"]
            moment = moment if isinstance(moment, dt.datetime) else parse_datetime(str(moment))
            row["embargo_until"] = moment.astimezone(dt.UTC).isoformat(timespec="minutes")
        self._check_span(row)
        if creating and row.get("time_start") is None and row.get("source_id") is not None \
                and row.get("span_start") is not None and row.get("span_end") is not None:
            # A quote picked from a timed transcript takes its time in the recording from the cues.
            times = time_for_span(self.lib, row["source_id"], row["span_start"], row["span_end"])
            if times:
                row["time_start"], row["time_end"] = times
        merged = dict(row)
        if not creating:
            current = self.get(quote_id)
            merged = {**{k: getattr(current, k) for k in ("rule", "rule_description", "embargo_until", "second_hand",
                                                         "via_outlet", "translated", "language")}, **row}
        rule = merged.get("rule") or "on_record"
        if rule not in RULES:
            raise InvalidInput(f"“{rule}” is not a ground rule. Use one of: {', '.join(RULES)}.")
        if rule == "background" and not merged.get("rule_description"):
            raise InvalidInput("A background quote needs the agreed description, "
                               "e.g. “a senior State Department official”.")
        if rule == "embargoed" and not merged.get("embargo_until"):
            raise InvalidInput("An embargoed quote needs the date and time the embargo ends.")
        _check_provenance(row, merged)
        return row

    @staticmethod
    def _check_span(row: dict) -> None:
        start, end = row.get("span_start"), row.get("span_end")
        if (start is None) != (end is None) and ("span_start" in row and "span_end" in row):
            raise InvalidInput("A location in the source needs both a start and an end.")
        if start is not None and end is not None and not 0 <= start <= end:
            raise InvalidInput("The location in the source is invalid: it must start before it ends.")


def provenance_text(second_hand: bool, via_outlet: str, translated: bool, language: str) -> str:
    """Both provenance facts in words: 'Second-hand, via El Comercio; translated from Spanish'."""
    parts = []
    if second_hand:
        parts.append(f"Second-hand, via {via_outlet}" if via_outlet else "Second-hand")
    if translated:
        origin = language_name(language)
        parts.append(f"translated from {origin}" if origin else "translated")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else "First-hand"


def _provenance_of(item: dict) -> tuple[int, str, int, str]:
    """``(second_hand, via_outlet, translated, language)`` of a dict of quote fields, as stored."""
    return (int(bool(item.get("second_hand"))), (item.get("via_outlet") or "").strip(),
            int(bool(item.get("translated"))), (item.get("language") or "").strip())


def _check_provenance(row: dict, merged: dict) -> None:
    """Store the flags as 0/1 and make sure each one has what it needs.

    :raises InvalidInput: a flag that is not yes or no, a second-hand quote without its
        outlet, a translated one without its language.
    """
    for key in ("second_hand", "translated"):
        if key in row:
            if row[key] not in (True, False, 0, 1, None):
                raise InvalidInput(f"“{row[key]}” is not a yes or no for {key.replace('_', '-')}. Use true or false.")
            row[key] = int(bool(row[key]))
    if merged.get("second_hand") and not merged.get("via_outlet"):
        raise InvalidInput("A second-hand quote needs the outlet it was taken from, e.g. “El Comercio”.")
    if merged.get("translated") and not merged.get("language"):
        raise InvalidInput("A translated quote needs the language it was said in, e.g. “Spanish”.")
    if "attribution_evidence" in row:
        evidence = row["attribution_evidence"] or {}
        if not isinstance(evidence, dict):
            raise InvalidInput("The attribution evidence of a quote must be a set of named values.")
        row["attribution_evidence"] = json.dumps(evidence, ensure_ascii=False, sort_keys=True)
