"""Sources to CSL-JSON and back: types, structured names, partial dates and ranges."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.cite.csl import csl_to_source, date_from_csl, date_to_csl, source_to_csl
from qtapp.core.dates import PartialDate
from qtapp.core.errors import InvalidInput
from qtapp.core.names import Name


def _item(library, **fields):
    return source_to_csl(library.sources.get(library.sources.add(**fields)))


@pytest.mark.parametrize("fields, ctype", [
    ({"kind": "article", "outlet": "The Harbor Ledger"}, "article-newspaper"),
    ({"kind": "article", "url": "https://example.org/notes"}, "webpage"),
    ({"kind": "interview"}, "interview"),
    ({"kind": "press_conference", "outlet": "Port Authority briefing"}, "speech"),
    ({"kind": "speech"}, "speech"),
    ({"kind": "broadcast", "outlet": "Valley Public Radio"}, "broadcast"),
    ({"kind": "social_post", "outlet": "Bluesky"}, "post"),
    ({"kind": "document", "outlet": "Ministry of Canals"}, "report"),
    ({"kind": "document"}, "document"),
    ({"kind": "email"}, "personal_communication"),
    ({"kind": "podcast", "outlet": "Tidewater Talk"}, "podcast"),
    ({"kind": "other"}, "document"),
])
def test_each_kind_gets_the_csl_type_zotero_uses(library, fields, ctype):
    assert _item(library, title="A title", **fields)["type"] == ctype


def test_press_conference_keeps_its_event_place_and_genre(library):
    item = _item(library, kind="press_conference", title="Briefing on the flood barrier",
                 outlet="Harbor Council", place="Lindenport", date="2024-03-05")
    assert item["event-title"] == "Harbor Council"
    assert item["event-place"] == "Lindenport"
    assert item["genre"] == "Press conference"
    assert csl_to_source(item)["kind"] == "press_conference"


def test_interview_has_its_interviewer_and_medium(library):
    item = _item(library, kind="interview", title="Interview on dredging", medium="phone",
                 names=[("author", "Mara Quell"), ("interviewer", "Tomas Brev")])
    assert item["author"] == [{"family": "Quell", "given": "Mara"}]
    assert item["interviewer"] == [{"family": "Brev", "given": "Tomas"}]
    assert item["medium"] == "Telephone"


def test_names_stay_structured_and_organisations_literal(library):
    item = _item(library, title="t", names=[
        ("author", Name(family="Berg", given="Anneke", particle="van den")),
        ("author", Name(family="Ortiz", given="Luis", suffix="Jr.")),
        ("author", Name(literal="Coastal Wire Service")),
    ])
    assert item["author"] == [
        {"family": "Berg", "given": "Anneke", "non-dropping-particle": "van den"},
        {"family": "Ortiz", "given": "Luis", "suffix": "Jr."},
        {"literal": "Coastal Wire Service"},
    ]


def test_private_text_and_notes_never_leave(library):
    item = _item(library, title="t", text="the whole transcript", notes="my private note")
    assert "the whole transcript" not in str(item) and "my private note" not in str(item)


def test_partial_dates_and_ranges_keep_their_precision(library):
    item = _item(library, kind="speech", title="Summit", date="2023-11-28", date_end="2023-12-02",
                 url="https://example.org/s", accessed="2024-01-15")
    assert item["issued"] == {"date-parts": [[2023, 11, 28], [2023, 12, 2]]}
    assert item["accessed"] == {"date-parts": [[2024, 1, 15]]}
    back = csl_to_source(item)
    assert back["date"] == PartialDate(2023, 11, 28) and back["date_end"] == PartialDate(2023, 12, 2)


def test_range_ends_share_the_coarser_precision():
    assert date_to_csl(PartialDate(2023, 11), PartialDate(2023, 12, 2)) == {"date-parts": [[2023, 11], [2023, 12]]}
    assert date_to_csl(PartialDate(2023, 11, 2), PartialDate(2023, 11)) == {"date-parts": [[2023, 11]]}


def test_round_trip_through_the_library_keeps_every_cited_field(library):
    fields = dict(kind="broadcast", title="Evening bulletin", outlet="Valley Public Radio", place="Orrin",
                  date="2022", url="https://example.org/b", accessed="2024-02-01", language="en",
                  names=[("host", "Petra Voss"), ("author", "{Valley Newsroom}")])
    first = _item(library, **fields)
    second = source_to_csl(library.sources.get(library.sources.add(**csl_to_source(first))))
    assert {k: v for k, v in second.items() if k != "id"} == {k: v for k, v in first.items() if k != "id"}


def test_zotero_items_become_sources(library):
    zotero = {"id": "ITEM-1", "type": "article-magazine", "title": "The tide tables",
              "container-title": "Estuary Monthly", "issued": {"raw": "March 2021"},
              "author": [{"family": "Fontaine", "given": "Jean", "dropping-particle": "de"}, {"literal": "Staff"}]}
    sid = library.sources.add(**csl_to_source(zotero))
    source = library.sources.get(sid)
    assert (source.kind, source.outlet, source.date) == ("article", "Estuary Monthly", PartialDate(2021, 3))
    assert source.names == [("author", Name(family="Fontaine", given="Jean", dropping_particle="de")),
                            ("author", Name(literal="Staff"))]
    assert source_to_csl(source)["issued"] == {"raw": "March 2021"}


@pytest.mark.parametrize("bad", [{"date-parts": [["spring"]]}, 42, {"raw": "not a date at all"},
                                 {"date-parts": "2023"}, {"date-parts": [[20]]}, {"date-parts": [[2023, 2, 30]]}])
def test_unreadable_dates_say_what_is_wrong(bad):
    with pytest.raises(InvalidInput):
        date_from_csl(bad)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["year", "month", "day"]))
def test_any_partial_date_survives_the_trip(day, precision):
    date = PartialDate(day.year, None if precision == "year" else day.month, day.day if precision == "day" else None)
    assert date_from_csl(date_to_csl(date)) == (date, None)


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)


# One library takes every generated source: each add is independent of the ones before.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["type", "title", "issued", "accessed", "author", "host", "container-title",
                                        "publisher", "URL", "medium", "genre", "event-place", "note"]),
                       _JSONISH, max_size=8))
def test_any_item_becomes_a_source_or_a_clear_error(library, item):
    try:   # the reading refuses, or the core when it stores (an address that is not one)
        library.sources.add(**csl_to_source(item))
    except InvalidInput as e:
        assert str(e).strip()
