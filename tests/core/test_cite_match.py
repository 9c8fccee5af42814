"""Verbatim's citations against citeproc-js's own, for invented sources of every kind.

``cite_expected/<style>.json`` holds what citeproc-js printed for ``items.json`` when run
directly under node (``generate.js``). The match rate per style must stay at or above the rate
measured and reported in docs/citations.md.
"""

import json
from pathlib import Path

import pytest

from qtapp.core.cite.csl import source_to_csl
from qtapp.core.cite.engine import citeproc_js_path
from qtapp.core.cite.render import render_citations

from .cite_samples import SAMPLE_SOURCES

EXPECTED = Path(__file__).with_name("cite_expected")
ITEMS = json.loads((EXPECTED / "items.json").read_text(encoding="utf-8"))
# Measured on these items (docs/citations.md): every field of every item, both formats, both locators.
MEASURED_MATCH_RATE = {"apa": 1.0, "mla": 1.0, "chicago-author-date": 1.0, "chicago-note-bibliography": 1.0}

needs_engine = pytest.mark.skipif(citeproc_js_path() is None, reason="citeproc-js is not installed (scripts/setup.sh)")


def match_rate(style: str) -> tuple[float, list[str]]:
    """Share of rendered fields equal to citeproc-js's, and a description of each difference."""
    expected = json.loads((EXPECTED / f"{style}.json").read_text(encoding="utf-8"))
    total, differences = 0, []
    for fmt, by_locator in expected.items():
        for locator, rows in by_locator.items():
            ours = {c.id: c.to_dict() for c in render_citations(ITEMS, style, format=fmt, locator=locator)}
            for row in rows:
                for field, want in row.items():
                    total += 1
                    got = ours[row["id"]].get(field)
                    if got != want:
                        differences.append(f"{fmt} {locator} {row['id']} {field}: {got!r} != {want!r}")
    return 1 - len(differences) / total, differences


@needs_engine
@pytest.mark.parametrize("style", sorted(MEASURED_MATCH_RATE))
def test_citations_match_citeproc_js(style):
    rate, differences = match_rate(style)
    assert rate >= MEASURED_MATCH_RATE[style], "\n".join(differences)


def test_reference_items_are_what_the_mapping_makes_today(library):
    """The reference files stay meaningful only while the sample sources still map to items.json."""
    items = [{**source_to_csl(library.sources.get(library.sources.add(**fields))), "id": f"s{n}"}
             for n, fields in enumerate(SAMPLE_SOURCES, 1)]
    assert items == ITEMS
