"""Sources as CSL-JSON items and back: the data every citation style and Zotero read.

::

    item = source_to_csl(lib.sources.get(7))
    item["type"]                 # 'article-newspaper'
    lib.sources.add(**csl_to_source(item))

Each kind of source gets the CSL type Zotero gives the same thing, so a style prints it the
way Zotero does: an article is ``article-newspaper`` (``webpage`` when it has an address but
no outlet), a press conference is a ``speech`` with the genre "Press conference", a social
post is a ``post``, an official document issued by a body is a ``report``. Names stay
structured (a particle becomes ``non-dropping-particle``), organisations stay literal, and
partial dates and date ranges keep their precision.
"""

from __future__ import annotations

import copy

from ..dates import PartialDate, parse_date
from ..errors import InvalidInput
from ..names import Name
from ..sources import Source
from .variables import NAME, effective_type, kind_for, outlet_variable, place_variable

_MEDIUM = {"in_person": "In person", "phone": "Telephone", "video": "Video call", "email": "Email"}
_PRESS_CONFERENCE = "Press conference"


def csl_type(source: Source) -> str:
    """The CSL item type for a source: the one it was imported with, else the one Zotero would give it."""
    return effective_type(source.kind, source.csl_type, url=source.url, outlet=source.outlet)


def source_to_csl(source: Source) -> dict:
    """The source as one CSL-JSON item (``id`` is the source's uuid, stable across libraries).

    The columns give their variables, ``csl_variables`` every other one (and wins where an
    imported value could not be held by a column exactly), ``source_names`` the people. The
    source's text and private notes are never included: they are the reporter's material.
    """
    ctype = csl_type(source)
    item: dict = {"id": source.uuid, "type": ctype}
    item.update(_column_variables(source, ctype))
    if source.kind == "press_conference":
        item["genre"] = _PRESS_CONFERENCE
    for role, name in source.names:
        item.setdefault(role, []).append(name_to_csl(name))
    item.update(copy.deepcopy(source.csl_variables))
    return item


def _column_variables(source: Source, ctype: str) -> dict:
    values = {"title": source.title, outlet_variable(ctype): source.outlet, place_variable(ctype): source.place,
              "URL": source.url, "language": source.language,
              "medium": _MEDIUM.get(source.medium or "", "")}
    item = {k: v for k, v in values.items() if v}
    if source.date:
        item["issued"] = date_to_csl(source.date, source.date_end)
    if source.accessed:
        item["accessed"] = date_to_csl(source.accessed)
    return item


def csl_to_source(item: dict) -> dict:
    """Keyword arguments for ``lib.sources.add`` from one CSL-JSON item (Zotero's, or ours), losing nothing.

    What a column can hold exactly goes to the column; what it holds only approximately (a
    season, a raw date, spacing) goes to the column for display and sorting and is kept as
    given in ``csl_variables``; every other variable is kept there as given, names go to
    ``names`` with their CSL role. ``source_to_csl`` of the stored source gives the item back.

    :raises InvalidInput: the item is not a JSON object.
    """
    if not isinstance(item, dict):
        raise InvalidInput("A CSL-JSON item must be an object with a type and a title.")
    ctype = _text(item.get("type")) or "document"
    rest = {k: copy.deepcopy(v) for k, v in item.items() if k not in ("id", "type") and k not in NAME}
    fields: dict = {"kind": kind_for(ctype, _text(item.get("genre"))), "csl_type": ctype}
    if fields["kind"] == "press_conference" and rest.get("genre") == _PRESS_CONFERENCE:
        del rest["genre"]
    for column, variable in (("title", "title"), ("outlet", outlet_variable(ctype)),
                             ("place", place_variable(ctype)), ("url", "URL"), ("language", "language")):
        if variable in rest and _text(rest[variable]):
            fields[column] = _text(rest[variable])
            if fields[column] == rest[variable]:
                del rest[variable]
    medium = {v: k for k, v in _MEDIUM.items()}.get(_part(rest.get("medium")))
    if medium:
        fields["medium"] = medium
        del rest["medium"]
    _take_dates(rest, fields)
    fields["names"] = [(role, name_from_csl(entry)) for role in NAME if role in item
                       for entry in (item[role] if isinstance(item[role], list) else [item[role]])]
    fields["csl_variables"] = rest
    return fields


def _take_dates(rest: dict, fields: dict) -> None:
    """Issued and accessed dates into the date columns; kept as given too unless the columns say it exactly."""
    for variable, column in (("issued", "date"), ("accessed", "accessed")):
        if variable not in rest:
            continue
        try:
            start, end = date_from_csl(rest[variable])
        except InvalidInput:
            if not _is_csl_date(rest[variable]):
                raise
            continue  # valid CSL that no partial date can hold (a BC year, "Spring 2021"): kept as given
        if start is None:
            continue
        if variable == "accessed" or (end is not None and start.is_after(end)):
            end = None
        fields[column] = start
        if end is not None:
            fields["date_end"] = end
        if date_to_csl(start, end) == rest[variable]:
            del rest[variable]


def _is_csl_date(value) -> bool:
    """A date a citation processor reads: numeric date-parts, or a literal or raw text."""
    if not isinstance(value, dict):
        return False
    parts = value.get("date-parts")
    if parts is None:
        return any(isinstance(value.get(k), str) for k in ("raw", "literal"))
    return isinstance(parts, list) and all(
        isinstance(p, list) and all(isinstance(n, int) or (isinstance(n, str) and n.lstrip("-").isdigit()) for n in p)
        for p in parts)


# CSL name keys and the Name fields that hold them.
_NAME_PARTS = (("family", "family"), ("given", "given"), ("dropping-particle", "dropping_particle"),
               ("non-dropping-particle", "particle"), ("suffix", "suffix"), ("literal", "literal"))
_NAME_FLAGS = (("comma-suffix", "comma_suffix"), ("static-ordering", "static_ordering"))


def name_to_csl(name: Name) -> dict:
    """One CSL name: the parts it has (``{"literal"}`` for a body), and its flags when set."""
    entry = {key: getattr(name, attr) for key, attr in _NAME_PARTS if getattr(name, attr)}
    entry.update({key: True for key, attr in _NAME_FLAGS if getattr(name, attr)})
    if name.parse_names is not None:
        entry["parse-names"] = name.parse_names
    return entry


def name_from_csl(entry) -> Name:
    """A :class:`Name` from a CSL name, every part as given; anything but an object is a literal."""
    if not isinstance(entry, dict):
        return Name(literal=_text(entry))
    parts = {attr: _part(entry.get(key)) for key, attr in _NAME_PARTS}
    flags = {attr: entry.get(key) in (True, "true", 1) for key, attr in _NAME_FLAGS}
    parse = entry.get("parse-names")
    return Name(**parts, **flags, parse_names=None if parse is None else parse in (True, "true", 1))


def _part(value) -> str:
    return value if isinstance(value, str) else _text(value)


def date_to_csl(start: PartialDate, end: PartialDate | None = None) -> dict:
    """``{"date-parts": [[2023, 11]]}``: only the parts that are known; a range has two.

    Both ends of a range are given to the coarser precision of the two (November 2023 to
    2 December 2023 becomes November–December 2023): citeproc-js rejects ranges whose ends
    have different numbers of parts.
    """
    parts = [_date_parts(start)]
    if end and end != start:
        length = min(len(parts[0]), len(_date_parts(end)))
        parts = [parts[0][:length], _date_parts(end)[:length]]
        if parts[0] == parts[1]:
            parts = parts[:1]
    return {"date-parts": parts}


def date_from_csl(value) -> tuple[PartialDate | None, PartialDate | None]:
    """Start and end of a CSL date (date-parts, or raw/literal text as Zotero may write it).

    :raises InvalidInput: the date cannot be read.
    """
    if isinstance(value, str):
        return parse_date(value), None
    if not isinstance(value, dict):
        raise InvalidInput(f"{value!r} is not a CSL date. Use {{\"date-parts\": [[2023, 11, 9]]}}.")
    parts = value.get("date-parts")
    if parts:
        if not isinstance(parts, list) or not all(isinstance(p, list) for p in parts):
            raise InvalidInput(f"{parts!r} is not a list of dates. Use date-parts such as [[2023, 11, 9]].")
        dates = [_from_parts(p) for p in parts[:2] if p and p[0] not in (None, "")]
        return (dates[0] if dates else None), (dates[1] if len(dates) > 1 else None)
    text = _text(value.get("raw") or value.get("literal"))
    if not text:
        return None, None
    return parse_date(text), None


def _date_parts(date: PartialDate) -> list[int]:
    return [p for p in (date.year, date.month, date.day) if p is not None]


def _from_parts(parts: list) -> PartialDate:
    try:
        numbers = [int(p) for p in parts[:3]]
        if not 1000 <= numbers[0] <= 9999:
            raise ValueError
    except (TypeError, ValueError):
        raise InvalidInput(f"{parts!r} is not a date: date-parts must be numbers, e.g. [2023, 11, 9].") from None
    # Seasons are coded as months 13–16 in CSL; the year is what survives of them.
    if len(numbers) > 1 and not 1 <= numbers[1] <= 12:
        numbers = numbers[:1]
    return PartialDate(*numbers)


def _text(value) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""
