"""Hypothesis strategies for CSL-JSON items of every type over the whole CSL 1.0.2 variable set.

Used by the round-trip and oracle tests and by ``bench/bench_csl_trip.py``. Text is drawn
from what real references hold (accents, dashes, quotes, colons, markup, odd spacing), numbers
both as JSON numbers and as text ("12", "101–109", "A-3"), dates at every precision, as
ranges, seasons, circa, literal and raw, and names in every shape CSL allows.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

from qtapp.core.cite import variables
from qtapp.core.cite.csl import csl_to_source, source_to_csl
from qtapp.core.cite.render import render_citations

FIXTURES = Path(__file__).resolve().parent / "csl_fixtures" / "journalism.json"
STYLES = ("apa", "modern-language-association", "chicago-author-date", "chicago-note-bibliography")

# Set by the processor, not by a reference: kept by the library, but not generated for rendering.
PROCESSOR_SET = ("citation-number", "first-reference-note-number", "locator", "year-suffix", "citation-label",
                 "page-first")
WORDS = ("harbor", "Council", "dredging", "plan", "splits", "the", "of", "and", "Tide", "tables", "São Paulo",
         "Müller", "Ødegaard", "mayor’s", "“fair”", "vote", "on", "U.S.", "EU", "budget", "2024", "war", "peace",
         "Ministry", "Lindenport", "de", "van", "O’Neil", "report", "Q&A", "<i>Ledger</i>", "–", "—", "Marlow")
TEXT = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).flatmap(
    lambda words: st.sampled_from([" ".join(words), ": ".join([" ".join(words[:2]), " ".join(words[2:])]).strip(": "),
                                   "  ".join(words), " ".join(words) + "?"]))
NUMBER = st.one_of(st.integers(1, 3000), st.sampled_from(["12", "3", "101–109", "A-3", "12, 14", "2nd", "iv", "S1"]))
YEAR = st.integers(1850, 2030)


@st.composite
def date_parts(draw, precision: int | None = None) -> list[int]:
    parts = [draw(YEAR), draw(st.integers(1, 12)), draw(st.integers(1, 28))]
    return parts[:precision or draw(st.integers(1, 3))]


@st.composite
def csl_date(draw) -> dict:
    shape = draw(st.sampled_from(["single", "single", "range", "season", "circa", "literal", "raw"]))
    if shape == "single":
        return {"date-parts": [draw(date_parts())]}
    if shape == "range":
        return {"date-parts": [draw(date_parts()), draw(date_parts())]}
    if shape == "season":
        return {"date-parts": [[draw(YEAR)]], "season": draw(st.integers(1, 4))}
    if shape == "circa":
        return {"date-parts": [draw(date_parts())], "circa": True}
    if shape == "literal":
        return {"literal": draw(st.sampled_from(["n.d.", "Spring 2021", "forthcoming", "1990s"]))}
    return {"raw": draw(st.sampled_from(["March 2021", "2019-05-04", "5 May 2019", "2020"]))}


PERSON_PART = st.sampled_from(["Mara", "Quell", "Anneke", "Berg", "Jean", "Fontaine", "Luis", "Ortiz", "박지민",
                               "Łukasz", "Nguyen Van", "Smith-Jones", "O’Neil"])


@st.composite
def csl_name(draw) -> dict:
    if draw(st.booleans()) and draw(st.booleans()):
        return {"literal": draw(st.sampled_from(["Reuters", "Associated Press", "Harbor Council", "BBC News",
                                                  "Ministry of Canals", "the White House"]))}
    name = {"family": draw(PERSON_PART)}
    if draw(st.integers(0, 4)):
        name["given"] = draw(PERSON_PART)
    for key, values in (("non-dropping-particle", ["van den", "de", "van", "al"]), ("dropping-particle", ["de", "von"]),
                        ("suffix", ["Jr.", "III", "Sr."])):
        if draw(st.integers(0, 5)) == 0:
            name[key] = draw(st.sampled_from(values))
    if "suffix" in name and draw(st.booleans()):
        name["comma-suffix"] = True
    if draw(st.integers(0, 8)) == 0:
        name["static-ordering"] = True
    if draw(st.integers(0, 8)) == 0:
        name["parse-names"] = draw(st.booleans())
    return name


def _value(variable: str):
    if variable in variables.DATE:
        return csl_date()
    if variable in variables.NAME:
        return st.lists(csl_name(), min_size=1, max_size=3)
    if variable in variables.NUMBER:
        return NUMBER
    if variable == "URL":
        return st.sampled_from(["https://example.org/a", "https://news.example/2024/03/05/tide"])
    if variable == "DOI":
        return st.sampled_from(["10.1000/xyz123", "10.5555/harbor.2024.7"])
    if variable == "genre":
        return st.one_of(TEXT, st.sampled_from(["Press conference", "press briefing", "Radio broadcast",
                                                "Keynote address", "Editorial"]))
    if variable == "medium":
        return st.one_of(TEXT, st.sampled_from(["Telephone", "In person", "telephone", "Video call", "Email"]))
    if variable == "language":
        return st.sampled_from(["en", "en-US", "fr", "de-DE", "es"])
    return TEXT


ALL_VARIABLES = (*variables.STANDARD, *variables.NUMBER, *variables.DATE, *variables.NAME)


@st.composite
def csl_item(draw, *, for_rendering: bool = False) -> dict:
    """One CSL-JSON item of any type with any subset of the variables (usually a title and a date)."""
    pool = [v for v in ALL_VARIABLES if not (for_rendering and v in PROCESSOR_SET)]
    chosen = draw(st.sets(st.sampled_from(pool), max_size=14))
    chosen |= {v for v in ("title", "issued", "author") if draw(st.integers(0, 3))}
    item = {"id": f"item-{draw(st.integers(0, 10**6))}", "type": draw(st.sampled_from((*variables.TYPES, "podcast")))}
    for variable in sorted(chosen):
        item[variable] = draw(_value(variable))
    return item


def journalism_items() -> list[dict]:
    """Realistic journalists' references, one of each kind (newspaper in print and online, wire, …)."""
    return json.loads(FIXTURES.read_text(encoding="utf-8"))


def through_the_library(library, item: dict) -> dict:
    """The item after an import into the library and an export, with the original id."""
    back = source_to_csl(library.sources.get(library.sources.add(**csl_to_source(item))))
    return {**back, "id": item["id"]}


def renderings(items: list[dict], style: str, format: str = "text") -> list[dict]:
    """Each item's bibliography entry and citations (and notes), without and with a locator."""
    return [c.to_dict() for c in render_citations(items, style, format=format, locator="3")]
