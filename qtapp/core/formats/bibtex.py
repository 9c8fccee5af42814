"""Sources as BibTeX (bibtexparser 2 for the file, pylatexenc for LaTeX escapes).

The file is UTF-8 with LaTeX escapes only for LaTeX's own special characters. Zotero,
JabRef and biber read what this writes: ``@article`` for an article in an outlet,
``@online`` for a web page or post, ``@techreport`` for a document issued by a body,
``@misc`` for the rest. The exact kind travels in biblatex's ``entrysubtype``, the date in
biblatex's ``date`` (keeping partial dates and ranges) as well as ``year``/``month``, so our
own import gives back the same source. Bodies are written as ``{Port Authority}`` so that
no style splits them into given and family names.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from typing import TYPE_CHECKING, TextIO

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.model import Entry, Field
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import (
    RULE_DICT,
    RULE_REGEX,
    UnicodeToLatexConversionRule,
    UnicodeToLatexEncoder,
)

from ..cite.csl import date_from_csl, date_to_csl
from ..dates import PartialDate, parse_date
from ..errors import ImportFailed, VerbatimError
from ..names import Name
from ..progress import Progress
from ..schema import MEDIA, SOURCE_KINDS
from ..sources import Source
from .references import publishable_sources
from .reports import ExportReport
from .selection import Selection

if TYPE_CHECKING:
    from ..library import Library

NAME_FIELDS = ("author", "editor", "host", "interviewer", "translator")
_VERBATIM_FIELDS = ("url", "urldate", "date", "entrysubtype", "medium", "doi", "isbn", "issn", "eventdate",
                    "origdate")  # written without LaTeX escapes
_IDENTIFIERS = ("url", "doi", "isbn", "issn")   # free text among them: braces and backslashes percent-encoded
# CSL variables kept beside the columns that biblatex has a field for (docs/export.md lists the rest).
CSL_FIELDS = {"volume": "volume", "issue": "issue", "number": "number", "page": "pages", "edition": "edition",
              "collection-title": "series", "genre": "type", "DOI": "doi", "ISBN": "isbn", "ISSN": "issn",
              "abstract": "abstract", "note": "note", "event-title": "eventtitle", "event-place": "venue",
              "title-short": "shorttitle", "publisher": "publisher", "section": "chapter"}
CSL_DATES = {"event-date": "eventdate", "original-date": "origdate"}
_TYPE_FROM_BIBTEX = {"article": "article", "online": "article", "www": "article", "techreport": "document",
                     "report": "document", "book": "document", "manual": "document", "misc": "other",
                     "unpublished": "document", "inproceedings": "speech"}
_OUTLET_FIELDS = ("journal", "journaltitle", "institution", "organization", "publisher", "howpublished")
# The file is UTF-8 (as Zotero and biber write and read it), so only what LaTeX would read as
# markup is escaped: its special characters, and the ligatures ("--", "``", "?`") that a
# reader would turn into other characters. Each escape decodes back to exactly what was written.
# bibtexparser logs every broken block; read_bibtex reports the first one itself, once.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
_ENCODER = UnicodeToLatexEncoder(conversion_rules=[
    UnicodeToLatexConversionRule(RULE_REGEX, [(re.compile(r"([-`'?!])(?=[-`'])"), r"\1{}")]),
    UnicodeToLatexConversionRule(RULE_DICT, {
        ord("\\"): r"\textbackslash{}", ord("{"): r"\{", ord("}"): r"\}", ord("&"): r"\&", ord("%"): r"\%",
        ord("$"): r"\$", ord("#"): r"\#", ord("_"): r"\_", ord("~"): r"\textasciitilde{}"}),
], non_ascii_only=False, unknown_char_policy="keep", unknown_char_warning=False)
_DECODER = LatexNodes2Text()


def write_bibtex(lib: Library, selection: Selection, out: TextIO, *, progress: Progress | None = None,
                 now: dt.datetime | None = None) -> ExportReport:
    """Write the publishable sources of ``selection`` to ``out`` as BibTeX entries."""
    sources, withheld = publishable_sources(lib, selection, now=now, progress=progress)
    library = bibtexparser.Library()
    keys: set[str] = set()
    for source in sources:
        library.add(_entry(source, keys))
    out.write(bibtexparser.write_string(library, prepend_middleware=[
        middlewares.MergeNameParts(name_fields=NAME_FIELDS), middlewares.MergeCoAuthors(name_fields=NAME_FIELDS)]))
    return ExportReport(len(sources), withheld, noun="source")


def _entry(source: Source, keys: set[str]) -> Entry:
    outlet_field, entry_type = {"article": ("journal", "article"), "document": ("institution", "techreport"),
                                "social_post": ("howpublished", "online")}.get(source.kind, ("howpublished", "misc"))
    if source.kind == "article" and not source.outlet and source.url:
        outlet_field, entry_type = "howpublished", "online"
    values: dict[str, object] = {"title": source.title, outlet_field: source.outlet, "address": source.place,
                                 "language": source.language, "url": source.url, "entrysubtype": source.kind,
                                 "medium": source.medium or ""}
    if source.date:
        values["date"] = source.date.iso + (f"/{source.date_end.iso}" if source.date_end else "")
        values["year"] = str(source.date.year)
        if source.date.month:
            values["month"] = str(source.date.month)
    if source.accessed:
        values["urldate"] = source.accessed.iso
    values.update(_csl_values(source.csl_variables, values))
    for role in NAME_FIELDS:
        people = source.people(role)
        if people:
            values[role] = [_name_parts(n) for n in people]
    for key in _IDENTIFIERS:
        if isinstance(values.get(key), str):
            values[key] = _unbraced(values[key])
    fields = [Field(k, v if k in _VERBATIM_FIELDS or not isinstance(v, str) else _ENCODER.unicode_to_latex(v))
              for k, v in values.items() if v]
    return Entry(entry_type, _key(source, keys), fields)


def _csl_values(variables: dict, taken: dict) -> dict:
    """The kept CSL variables biblatex can hold: text and numbers as they are, plain dates as ISO."""
    out = {key: str(variables[v]) for v, key in CSL_FIELDS.items()
           if isinstance(variables.get(v), (str, int)) and not isinstance(variables[v], bool) and not taken.get(key)}
    for variable, key in CSL_DATES.items():
        try:
            start, end = date_from_csl(variables[variable]) if variable in variables else (None, None)
        except VerbatimError:
            continue
        if start:
            out[key] = start.iso + (f"/{end.iso}" if end else "")
    return out


def _unbraced(value: str) -> str:
    """An address or identifier with its braces and backslashes percent-encoded: BibTeX writes
    them unescaped, so a stray brace, or a backslash before the closing one, would end the
    field early or never; in an address they must be percent-encoded anyway."""
    return value.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _name_parts(name: Name) -> middlewares.NameParts:
    if name.literal:
        return middlewares.NameParts(first=[], von=[], last=[_braced(name.literal)], jr=[])
    words = name.family.split()
    # A family name of several words, or one starting in lowercase, would be split by BibTeX
    # into "von" and "last" parts; braces keep it whole.
    whole = len(words) > 1 or name.family[:1].islower()
    return middlewares.NameParts(first=[_part(name.given)] if name.given else [],
                                 von=[_part(name.particle)] if name.particle else [],
                                 last=[_braced(name.family) if whole else _part(name.family)],
                                 jr=[_part(name.suffix)] if name.suffix else [])


def _part(text: str) -> str:
    """One part of a person's name, braced when it holds a comma, the word "and" or an escape,
    which name splitters would otherwise cut it at or stumble over."""
    encoded = _ENCODER.unicode_to_latex(text)
    splits = "," in text or any(w.lower() == "and" for w in text.split())
    return "{" + encoded + "}" if splits or encoded != text else encoded


def _braced(text: str) -> str:
    return "{" + _ENCODER.unicode_to_latex(text) + "}"


def _key(source: Source, keys: set[str]) -> str:
    """A readable, unique citation key: first family name or title word, year, a short id."""
    first = next((n.family or n.literal for _, n in source.names), "") or source.title or "source"
    word = unicodedata.normalize("NFKD", first.split()[0] if first.split() else "source")
    stem = re.sub(r"[^a-z0-9]", "", word.encode("ascii", "ignore").decode().lower()) or "source"
    key = f"{stem}{source.date.year if source.date else ''}_{source.uuid[:6]}"
    while key in keys:
        key += "x"
    keys.add(key)
    return key


def read_bibtex(text: str) -> list[dict]:
    """Source drafts (``lib.sources.add`` arguments) from BibTeX text.

    :raises ImportFailed: no entries, a broken entry (its line is said), or a date that cannot be read.
    """
    try:
        library = bibtexparser.parse_string(text, append_middleware=[
            middlewares.SeparateCoAuthors(name_fields=NAME_FIELDS),
            middlewares.SplitNameParts(name_fields=NAME_FIELDS)])
    except Exception as e:  # noqa: BLE001 - the parser's own failures on hostile input end here
        raise ImportFailed(f"This file cannot be read as BibTeX ({type(e).__name__}). "
                           "Export it again from your reference manager.") from None
    if library.failed_blocks:
        block = library.failed_blocks[0]
        reason = getattr(block.error, "abort_reason", "") or str(block.error) or "it is not valid BibTeX"
        # bibtexparser counts lines from 0; editors count from 1.
        raise ImportFailed(f"The BibTeX entry starting on line {block.start_line + 1} cannot be read: {reason} "
                           "Fix or remove it, then import again; nothing was imported.")
    if not library.entries:
        raise ImportFailed("No BibTeX entries were found in this file. Check that it is a .bib file.")
    drafts = []
    for entry in library.entries:
        try:
            drafts.append(_draft(entry))
        except VerbatimError as e:
            raise ImportFailed(f"The BibTeX entry “{entry.key}” cannot be read: {e}") from None
        except RecursionError:
            raise ImportFailed(f"The BibTeX entry “{entry.key}” cannot be read: its braces are nested too deeply. "
                               "Fix or remove it, then import again; nothing was imported.") from None
    return drafts


def _draft(entry: Entry) -> dict:
    f = {k.lower(): v for k, v in entry.fields_dict.items()}

    def text(key: str) -> str:
        field = f.get(key)
        if field is None or not isinstance(field.value, str):
            return ""
        raw = field.value if key in _VERBATIM_FIELDS else _DECODER.latex_to_text(field.value)
        return " ".join(raw.split())

    subtype = text("entrysubtype")
    kind = subtype if subtype in SOURCE_KINDS else _TYPE_FROM_BIBTEX.get(entry.entry_type.lower(), "other")
    draft: dict = {"kind": kind, "title": text("title"),
                   "outlet": next((text(k) for k in _OUTLET_FIELDS if text(k)), ""),
                   "place": text("address") or text("location"), "language": text("language"), "url": text("url")}
    if text("medium") in MEDIA:
        draft["medium"] = text("medium")
    draft["date"], draft["date_end"] = _dates(text("date"), text("year"), text("month"), text("day"))
    if text("urldate"):
        draft["accessed"] = parse_date(text("urldate"))
    draft["csl_variables"] = {v: text(key) for v, key in CSL_FIELDS.items()
                              if text(key) and not (key == "publisher" and draft["outlet"] == text(key))}
    for variable, key in CSL_DATES.items():
        if text(key):
            draft["csl_variables"][variable] = date_to_csl(*_dates(text(key), "", "", ""))
    draft["names"] = [(role, _name(parts)) for role in NAME_FIELDS if role in f and isinstance(f[role].value, list)
                      for parts in f[role].value]
    return {k: v for k, v in draft.items() if v}


def _name(parts: middlewares.NameParts) -> Name:
    def join(words: list[str]) -> str:
        return " ".join(_DECODER.latex_to_text(w) for w in words).strip()

    last = parts.last
    if not parts.first and not parts.von and len(last) == 1 and last[0].startswith("{") and last[0].endswith("}"):
        return Name(literal=join([last[0][1:-1]]))
    return Name(family=join(last), given=join(parts.first), particle=join(parts.von), suffix=join(parts.jr))


def _dates(date: str, year: str, month: str, day: str) -> tuple[PartialDate | None, PartialDate | None]:
    if date:
        start, _, end = date.partition("/")
        return parse_date(start), (parse_date(end) if end else None)
    if not year:
        return None, None
    return parse_date(" ".join(p for p in (day, month, year) if p) if not month.isdigit()
                      else f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day.isdigit() else "")), None
