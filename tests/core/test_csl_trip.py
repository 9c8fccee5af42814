"""CSL-JSON → library → CSL-JSON loses nothing, and renders as the original did in citeproc-js."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.cite.csl import csl_to_source, source_to_csl

from ..citation_engine import needs_engine
from .csl_items import STYLES, csl_item, journalism_items, renderings, through_the_library

# CI runs a few hundred; bench/bench_csl_trip.py runs thousands and prints the match rate.
EXAMPLES = int(os.environ.get("VERBATIM_TRIP_EXAMPLES", "200"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(csl_item())
def test_every_variable_of_every_type_comes_back_identical(library, item):
    assert through_the_library(library, item) == item


def test_edited_columns_replace_what_was_kept_beside_them(library):
    item = {"id": "x", "type": "speech", "title": "Harbor  plan", "issued": {"raw": "Spring 2021"},
            "event-title": "Council", "publisher": "Harbor Council", "genre": "Press conference"}
    sid = library.sources.add(**csl_to_source(item))
    source = library.sources.get(sid)
    assert (source.kind, source.title, source.outlet) == ("press_conference", "Harbor plan", "Council")
    library.sources.update(sid, title="Harbor plan, revised", date="2021-04")
    back = source_to_csl(library.sources.get(sid))
    assert (back["title"], back["issued"], back["publisher"]) == (
        "Harbor plan, revised", {"date-parts": [[2021, 4]]}, "Harbor Council")


@needs_engine
# Items are rendered in batches: one call per style and batch, as a bibliography is.
@settings(max_examples=max(EXAMPLES // 50, 3), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(csl_item(for_rendering=True), min_size=10, max_size=30, unique_by=lambda i: i["id"]))
def test_citeproc_renders_the_trip_as_it_renders_the_original(library, items):
    tripped = [through_the_library(library, item) for item in items]
    for style in STYLES:
        assert renderings(tripped, style) == renderings(items, style), style


def test_journalism_references_come_back_identical(library):
    for item in journalism_items():
        assert through_the_library(library, item) == item, item["id"]


@needs_engine
@pytest.mark.parametrize("format", ["text", "html"])
def test_journalism_references_render_as_before_the_trip(library, format):
    items = journalism_items()
    tripped = [through_the_library(library, item) for item in items]
    for style in STYLES:
        assert renderings(tripped, style, format) == renderings(items, style, format), style
