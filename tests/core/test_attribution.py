"""News-style attribution lines: names, titles on the day, occasions, AP dates, ground rules."""

import datetime as dt

import pytest

from qtapp.core.attribution import ap_date, attribution_line, quote_with_attribution, quote_with_citation
from qtapp.core.cite.engine import citeproc_js_path
from qtapp.core.dates import PartialDate
from qtapp.core.errors import ExportBlocked
from qtapp.core.speakers import Role


@pytest.fixture
def quell(library):
    return library.speakers.add("Mara Quell", roles=[
        Role("deputy harbor master", start=PartialDate(2019), end=PartialDate(2022, 12)),
        Role("harbor master", start=PartialDate(2023, 1))])


@pytest.fixture
def briefing(library):
    return library.sources.add("press_conference", "Briefing on the flood barrier", outlet="Harbor Council",
                               place="Lindenport", date="2023-11-09",
                               names=[("author", "{Harbor Council}")])


@pytest.mark.parametrize("date, text", [
    (PartialDate(2023, 11, 9), "Nov. 9, 2023"), (PartialDate(2024, 3, 5), "March 5, 2024"),
    (PartialDate(2024, 9, 30), "Sept. 30, 2024"), (PartialDate(2024, 7, 4), "July 4, 2024"),
    (PartialDate(2023, 11), "November 2023"), (PartialDate(2021), "2021"),
])
def test_dates_follow_ap_style(date, text):
    assert ap_date(date) == text


def test_named_speaker_gets_the_title_held_that_day_and_the_occasion(library, quell, briefing):
    q = library.quotes.add("The barrier will hold.", quell, source_id=briefing, said="2023-11-09")
    assert quote_with_attribution(library, q) == (
        "“The barrier will hold,” said Mara Quell, harbor master, at a news conference in Lindenport "
        "on Nov. 9, 2023.")
    earlier = library.quotes.add("We need a barrier.", quell, said="2021-05")
    assert attribution_line(library, earlier) == "said Mara Quell, deputy harbor master, in May 2021."


def test_speaker_without_title_reads_name_said(library, briefing):
    voss = library.speakers.add("Petra Voss")
    q = library.quotes.add("Is it safe?", voss, source_id=briefing)
    assert quote_with_attribution(library, q) == (
        "“Is it safe?” Petra Voss said at a news conference in Lindenport on Nov. 9, 2023.")


def test_second_hand_quote_names_the_outlet_it_came_from(library, quell):
    q = library.quotes.add("The money is not there.", quell, second_hand=True,
                           via_outlet="Valley Courier", said="2024-02-01")
    assert attribution_line(library, q) == "Mara Quell, harbor master, told Valley Courier on Feb. 1, 2024."
    voss = library.speakers.add("Petra Voss")
    plain = library.quotes.add("overdue", voss, second_hand=True, via_outlet="Valley Courier")
    assert quote_with_attribution(library, plain) == "“overdue,” Petra Voss told Valley Courier."


def test_background_quote_shows_only_the_agreed_description(library, quell, briefing):
    q = library.quotes.add("The vote is rigged.", quell, source_id=briefing, rule="background",
                           rule_description="an official who was in the room")
    line = quote_with_attribution(library, q)
    assert line == "“The vote is rigged,” an official who was in the room said on Nov. 9, 2023."
    for identifying in ("Quell", "harbor master", "Lindenport", "news conference"):
        assert identifying not in line


def test_confidential_speaker_is_never_named(library):
    whistle = library.speakers.add("Oskar Fenn", confidential=True, description="a canal engineer",
                                   roles=[Role("chief engineer")])
    q = library.quotes.add("The locks leak.", whistle)
    line = quote_with_attribution(library, q)
    assert line == "“The locks leak,” a canal engineer said."
    with pytest.raises(ExportBlocked):
        quote_with_citation(library, q, "apa")


@pytest.mark.parametrize("rule", ["off_record", "deep_background"])
def test_off_record_and_deep_background_never_leave(library, quell, rule):
    q = library.quotes.add("Between us, it will fail.", quell, rule=rule)
    for copy in (attribution_line, quote_with_attribution):
        with pytest.raises(ExportBlocked, match="cannot be copied"):
            copy(library, q)
    with pytest.raises(ExportBlocked):
        quote_with_citation(library, q, "apa")


def test_embargoed_quote_waits_for_its_time(library, quell):
    q = library.quotes.add("The barrier opens Monday.", quell, rule="embargoed", embargo_until="2030-01-01 09:00")
    with pytest.raises(ExportBlocked, match="embargoed"):
        quote_with_attribution(library, q, when=dt.datetime(2029, 12, 31, tzinfo=dt.UTC))
    later = dt.datetime(2030, 1, 2, tzinfo=dt.UTC)
    assert quote_with_attribution(library, q, when=later).startswith("“The barrier opens Monday,” said Mara Quell")


def test_inner_quotation_marks_become_single(library, quell):
    q = library.quotes.add('They called it "a wall of paper".', quell)
    assert quote_with_attribution(library, q).startswith("“They called it ‘a wall of paper’,”")


@pytest.mark.skipif(citeproc_js_path() is None, reason="citeproc-js is not installed (scripts/setup.sh)")
def test_quote_with_citation_cites_its_source_at_its_time(library, quell, briefing):
    q = library.quotes.add("The barrier will hold.", quell, source_id=briefing, time_start=872.4, time_end=875)
    assert quote_with_citation(library, q, "apa") == "“The barrier will hold” (Harbor Council, 2023, 14:32)."
    note = quote_with_citation(library, q, "chicago-note-bibliography")
    assert note.startswith("“The barrier will hold.”¹\n\n1. Harbor Council, “Briefing on the Flood Barrier,”")
    assert "at 14:32" in note
    html = quote_with_citation(library, q, "chicago-note-bibliography", format="html")
    assert html.startswith("“The barrier will hold.”<sup>1</sup><br><br>1. Harbor Council, ")
    ampersand = library.quotes.add("Locks & dams <first>.", quell, source_id=briefing)
    assert quote_with_citation(library, ampersand, "mla", format="html") == \
        "“Locks &amp; dams &lt;first&gt;” (Harbor Council)."
    without_source = library.quotes.add("Later words.", quell)
    with pytest.raises(ExportBlocked, match="no source"):
        quote_with_citation(library, without_source, "apa")
