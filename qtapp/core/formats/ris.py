"""Sources as RIS (read and written by rispy), the tagged format every reference manager imports.

Each kind gets the RIS type Zotero uses for the same thing (``NEWS`` for an article in an
outlet, ``ELEC`` for a web page, ``PCOMM`` for an interview or an email …); the exact kind
travels in ``M3`` (type of work), so our own import gives back the same source. ``DA`` keeps
the date at its precision (``2023/11//``), ``Y2`` the accessed date, ``ID`` the source's uuid.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TextIO

import rispy

from ..dates import PartialDate
from ..errors import ImportFailed, VerbatimError
from ..names import Name
from ..progress import Progress
from ..schema import MEDIA, SOURCE_KINDS
from ..sources import KIND_LABELS, Source
from .references import publishable_sources
from .reports import ExportReport
from .selection import Selection

if TYPE_CHECKING:
    from ..library import Library

_RIS_TYPE = {"article": "NEWS", "interview": "PCOMM", "press_conference": "GEN", "speech": "GEN",
             "broadcast": "VIDEO", "social_post": "BLOG", "document": "RPRT", "email": "ICOMM",
             "podcast": "SOUND", "other": "GEN"}
_KIND_FROM_RIS = {"NEWS": "article", "MGZN": "article", "JOUR": "article", "ELEC": "article", "WEB": "article",
                  "BLOG": "social_post", "PCOMM": "interview", "ICOMM": "email", "VIDEO": "broadcast",
                  "MPCT": "broadcast", "SOUND": "podcast", "RPRT": "document", "GOVDOC": "document",
                  "STAT": "document", "BILL": "document", "CASE": "document", "HEAR": "document", "GEN": "other"}
_KIND_FROM_LABEL = {label.lower(): kind for kind, label in KIND_LABELS.items()}
# Role → (RIS list field, tag): authors are AU, editors A2, hosts and interviewers A3/A4.
_ROLE_FIELDS = {"author": "authors", "editor": "secondary_authors", "host": "tertiary_authors",
                "interviewer": "subsidiary_authors"}


# CSL variables kept beside the columns that RIS has a tag for (docs/export.md lists the rest).
CSL_TAGS = {"volume": "volume", "issue": "number", "page": "start_page", "edition": "edition", "DOI": "doi",
            "ISBN": "issn", "abstract": "abstract", "publisher": "publisher", "collection-title": "tertiary_title",
            "section": "section", "title-short": "short_title", "call-number": "call_number", "number": "note"}


class _PlainRisWriter(rispy.RisWriter):
    """rispy's writer without its "1." line before each record, which strict readers reject."""

    def set_header(self, count: int) -> str:
        return ""


def write_ris(lib: Library, selection: Selection, out: TextIO, *, progress: Progress | None = None,
              now: dt.datetime | None = None) -> ExportReport:
    """Write the publishable sources of ``selection`` to ``out`` as RIS records."""
    sources, withheld = publishable_sources(lib, selection, now=now, progress=progress)
    out.write(rispy.dumps([_record(s) for s in sources], implementation=_PlainRisWriter))
    return ExportReport(len(sources), withheld, noun="source")


def _record(source: Source) -> dict:
    ris_type = _RIS_TYPE.get(source.kind, "GEN")
    if source.kind == "article" and source.url and not source.outlet:
        ris_type = "ELEC"
    record: dict = {"type_of_reference": ris_type, "id": source.uuid, "title": source.title,
                    "type_of_work": KIND_LABELS.get(source.kind, ""), "secondary_title": source.outlet,
                    "place_published": source.place, "language": source.language,
                    "urls": [source.url] if source.url else [], "custom1": source.medium or ""}
    if source.date:
        record["year"] = str(source.date.year)
        record["date"] = _ris_date(source.date)
    if source.date_end:
        record["custom2"] = source.date_end.iso
    if source.accessed:
        record["access_date"] = _ris_date(source.accessed)
    for role, field in _ROLE_FIELDS.items():
        people = source.people(role)
        if people:
            record[field] = [_ris_name(n) for n in people]
    for variable, key in CSL_TAGS.items():
        value = source.csl_variables.get(variable)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and not record.get(key):
            record[key] = str(value)
    if isinstance(source.csl_variables.get("note"), str):
        record["notes"] = [source.csl_variables["note"]]
    return {k: v for k, v in record.items() if v}


def _ris_date(date: PartialDate) -> str:
    """RIS dates are YYYY/MM/DD/ with unknown parts left empty: '2023/11//'."""
    return f"{date.year:04d}/{f'{date.month:02d}' if date.month else ''}/{f'{date.day:02d}' if date.day else ''}/"


def _ris_name(name: Name) -> str:
    # RIS reads "Family, Given, Suffix"; a body is one part, which has no comma to split on.
    if name.literal:
        return name.literal.replace(",", "")
    family = " ".join(p for p in (name.particle, name.family) if p)
    return ", ".join(p for p in (family, name.given, name.suffix) if p)


def read_ris(text: str) -> list[dict]:
    """Source drafts (``lib.sources.add`` arguments) from RIS text.

    :raises ImportFailed: the text is not RIS, or a record's date cannot be read.
    """
    try:
        records = rispy.loads(text.lstrip("\ufeff"))
    except (OSError, ValueError, IndexError) as e:
        raise ImportFailed(f"This is not a RIS file ({e}). Export it again as RIS.") from None
    if not records:
        raise ImportFailed("No RIS records were found in this file. Each record starts with a line 'TY  - '.")
    drafts = []
    for number, record in enumerate(records, 1):
        try:
            drafts.append(_draft(record))
        except VerbatimError as e:
            raise ImportFailed(f"Record {number} of the RIS file cannot be read: {e}") from None
    return drafts


def _draft(record: dict) -> dict:
    def text(key: str) -> str:
        value = record.get(key)
        return " ".join(str(value).split()) if value else ""

    kind = _KIND_FROM_LABEL.get(text("type_of_work").lower()) or _KIND_FROM_RIS.get(text("type_of_reference"), "other")
    urls = record.get("urls") or []
    draft: dict = {
        "kind": kind if kind in SOURCE_KINDS else "other",
        "title": text("title") or text("primary_title"),
        "outlet": text("secondary_title") or text("journal_name") or text("publisher"),
        "place": text("place_published"), "language": text("language"),
        "url": " ".join(str(urls[0]).split()) if urls else "",
        "date": _read_date(text("date")) or _read_date(text("year") or text("publication_year")),
        "date_end": _read_date(text("custom2")),
        "accessed": _read_date(text("access_date")),
        "names": [(role, _read_name(n)) for role, field in _ROLE_FIELDS.items() for n in record.get(field) or ()]
                 + [("author", _read_name(n)) for n in record.get("first_authors") or ()],
    }
    if text("custom1") in MEDIA:
        draft["medium"] = text("custom1")
    draft["csl_variables"] = {v: text(key) for v, key in CSL_TAGS.items()
                              if text(key) and not (key == "publisher" and draft["outlet"] == text(key))}
    if record.get("notes"):
        draft["csl_variables"]["note"] = "\n".join(str(n) for n in record["notes"])
    if text("id"):
        draft["uuid"] = text("id")
    return {k: v for k, v in draft.items() if v}


def _read_date(text: str) -> PartialDate | None:
    """'2023/11//', '2023/11/09/', '2023-11', '2023' → a date at the precision given."""
    parts = [p for p in text.replace("-", "/").split("/")]
    numbers = []
    for part in parts[:3]:
        if not part.strip().isdigit():
            break
        numbers.append(int(part))
    if not numbers:
        return None
    return PartialDate(*numbers)


def _read_name(text: str) -> Name:
    """'van der Berg, José, Jr' → a Name; one part with no comma is a body."""
    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) == 1:
        return Name(literal=parts[0])
    words = parts[0].split()
    # Leading lowercase words of the family part are its particle ("van der", "de la").
    cut = next((i for i, w in enumerate(words) if not w[:1].islower()), len(words) - 1)
    cut = min(cut, len(words) - 1)
    return Name(family=" ".join(words[cut:]), given=parts[1], particle=" ".join(words[:cut]),
                suffix=", ".join(parts[2:]))
