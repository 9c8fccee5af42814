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

from ..dates import PartialDate, parse_date
from ..errors import InvalidInput
from ..names import Name
from ..sources import Source

# Who the outlet is in CSL terms depends on the kind: the newspaper an article appeared in is
# its container, the network that aired a broadcast and the body that issued a document are
# publishers, the meeting where a speech was given is its event.
_OUTLET_FIELD = {
    "article-newspaper": "container-title", "webpage": "container-title", "post": "container-title",
    "interview": "container-title", "podcast": "container-title", "personal_communication": "container-title",
    "speech": "event-title", "broadcast": "publisher", "report": "publisher", "document": "publisher",
}
# Where words were said belongs to the event for spoken sources, to the publisher otherwise.
_PLACE_FIELD = {"speech": "event-place", "interview": "event-place", "broadcast": "event-place"}
_MEDIUM = {"in_person": "In person", "phone": "Telephone", "video": "Video call", "email": "Email"}
_NAME_ROLES = {"author": "author", "host": "host", "interviewer": "interviewer", "editor": "editor"}
_KIND_FROM_TYPE = {
    "article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
    "article": "article", "webpage": "article", "post-weblog": "article",
    "interview": "interview", "speech": "speech", "broadcast": "broadcast", "motion_picture": "broadcast",
    "post": "social_post", "report": "document", "document": "document", "legislation": "document",
    "legal_case": "document", "bill": "document", "regulation": "document",
    "personal_communication": "email", "podcast": "podcast",
}


def csl_type(source: Source) -> str:
    """The CSL item type for a source, as Zotero would type the same thing."""
    kind = source.kind
    if kind == "article":
        return "webpage" if source.url and not source.outlet else "article-newspaper"
    if kind in ("speech", "press_conference"):
        return "speech"
    if kind == "social_post":
        return "post"
    if kind == "document":
        return "report" if source.outlet else "document"
    if kind == "email":
        return "personal_communication"
    if kind in ("interview", "broadcast", "podcast"):
        return kind
    return "webpage" if source.url else "document"


def source_to_csl(source: Source) -> dict:
    """The source as one CSL-JSON item (``id`` is the source's uuid, stable across libraries).

    The source's text and private notes are never included: they are the reporter's material,
    not bibliographic data.
    """
    ctype = csl_type(source)
    item: dict = {"id": source.uuid, "type": ctype}
    if source.title:
        item["title"] = source.title
    if source.outlet:
        item[_OUTLET_FIELD.get(ctype, "publisher")] = source.outlet
    if source.place:
        item[_PLACE_FIELD.get(ctype, "publisher-place")] = source.place
    if source.kind == "press_conference":
        item["genre"] = "Press conference"
    if source.medium:
        item["medium"] = _MEDIUM[source.medium]
    if source.url:
        item["URL"] = source.url
    if source.language:
        item["language"] = source.language
    if source.date:
        item["issued"] = date_to_csl(source.date, source.date_end)
    if source.accessed:
        item["accessed"] = date_to_csl(source.accessed)
    for role, name in source.names:
        item.setdefault(_NAME_ROLES[role], []).append(name_to_csl(name))
    return item


def csl_to_source(item: dict) -> dict:
    """Keyword arguments for ``lib.sources.add`` from one CSL-JSON item (Zotero's, or ours).

    :returns: ``{"kind", "title", "names": [(role, Name)], "outlet", "date", ...}``; fields the
        item does not have are left out.
    :raises InvalidInput: the item is not a JSON object, or has a date that cannot be read.
    """
    if not isinstance(item, dict):
        raise InvalidInput("A CSL-JSON item must be an object with a type and a title.")
    ctype = str(item.get("type") or "")
    kind = _KIND_FROM_TYPE.get(ctype, "other")
    if kind == "speech" and "press" in str(item.get("genre") or "").lower():
        kind = "press_conference"
    fields: dict = {"kind": kind, "title": _text(item.get("title"))}
    outlet_keys = ("publisher", "container-title") if ctype in ("broadcast", "report", "document") else \
        ("container-title", "event-title", "event", "publisher")
    outlet = next((_text(item[k]) for k in outlet_keys if _text(item.get(k))), "")
    if outlet:
        fields["outlet"] = outlet
    place = next((_text(item[k]) for k in ("event-place", "publisher-place") if _text(item.get(k))), "")
    if place:
        fields["place"] = place
    if _text(item.get("URL")):
        fields["url"] = _text(item["URL"])
    if _text(item.get("language")):
        fields["language"] = _text(item["language"])
    medium = {v.lower(): k for k, v in _MEDIUM.items()}.get(_text(item.get("medium")).lower())
    if medium:
        fields["medium"] = medium
    if _text(item.get("note")):
        fields["notes"] = _text(item["note"])
    if item.get("issued"):
        start, end = date_from_csl(item["issued"])
        fields["date"] = start
        if end:
            fields["date_end"] = end
    if item.get("accessed"):
        fields["accessed"] = date_from_csl(item["accessed"])[0]
    names = []
    for role, variable in _NAME_ROLES.items():
        entries = item.get(variable) or []
        for entry in entries if isinstance(entries, list) else [entries]:
            name = name_from_csl(entry)
            if name.display():
                names.append((role, name))
    fields["names"] = names
    return {k: v for k, v in fields.items() if v is not None}


def name_to_csl(name: Name) -> dict:
    """One CSL name: ``{"literal"}`` for a body, else family/given/particle/suffix parts."""
    if name.literal:
        return {"literal": name.literal}
    parts = {"family": name.family, "given": name.given, "non-dropping-particle": name.particle,
             "suffix": name.suffix}
    return {k: v for k, v in parts.items() if v}


def name_from_csl(entry: dict) -> Name:
    """A :class:`Name` from a CSL name; a dropping particle stays after the given names.

    Keeping "Jean de" as the given name is lossless: citeproc-js reads a trailing lowercase
    particle of a given name as the dropping particle, as it does for Zotero's own data.
    """
    if not isinstance(entry, dict):
        return Name(literal=_text(entry))
    if _text(entry.get("literal")):
        return Name(literal=_text(entry["literal"]))
    given = " ".join(p for p in (_text(entry.get("given")), _text(entry.get("dropping-particle"))) if p)
    if not _text(entry.get("family")):
        return Name(literal=given)
    return Name(family=_text(entry["family"]), given=given,
                particle=_text(entry.get("non-dropping-particle")), suffix=_text(entry.get("suffix")))


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
