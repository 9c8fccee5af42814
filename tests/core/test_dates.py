"""Dates as reporters type them: precision kept, impossible dates refused, shown unambiguously."""

import datetime as dt

import pytest

from qtapp.core.dates import PartialDate, display_date, moment_text, parse_date
from qtapp.core.errors import InvalidInput

TODAY = dt.date(2024, 1, 5)


@pytest.mark.parametrize("typed, iso, shown", [
    ("9 Nov 2023", "2023-11-09", "Thu 9 Nov 2023"),
    ("2023-11", "2023-11", "November 2023"),
    ("November 2023", "2023-11", "November 2023"),
    ("2023", "2023", "2023"),
    ("2023-11-09", "2023-11-09", "Thu 9 Nov 2023"),
    ("  Nov.   9,  2023 ", "2023-11-09", "Thu 9 Nov 2023"),
])
def test_typed_dates_keep_their_precision(typed, iso, shown):
    d = parse_date(typed, today=TODAY)
    assert d.iso == iso
    assert d.display() == shown


def test_a_date_without_year_is_the_most_recent_one_not_in_the_future():
    assert parse_date("Nov. 9", today=TODAY).iso == "2023-11-09"
    assert parse_date("Jan 2", today=TODAY).iso == "2024-01-02"


def test_numeric_dates_follow_the_date_order_setting():
    assert parse_date("11/9/2023", order="month-first").iso == "2023-11-09"
    assert parse_date("11/9/2023", order="day-first").iso == "2023-09-11"


@pytest.mark.parametrize("typed", ["31 Feb 2023", "2023-02-30", "2023-13", "yesterday-ish", "", "\x00", "0000"])
def test_impossible_or_unreadable_dates_are_refused_with_a_message(typed):
    with pytest.raises(InvalidInput) as e:
        parse_date(typed, today=TODAY)
    assert len(str(e.value)) > 15


def test_partial_dates_compare_at_their_precision():
    month = PartialDate(2023, 11)
    assert not PartialDate(2023, 11, 30).is_after(month)
    assert PartialDate(2023, 12, 1).is_after(month)
    assert not PartialDate(2023).is_after(PartialDate(2023, 6, 1))
    assert PartialDate.from_iso("2023-11").last_day() == dt.date(2023, 11, 30)


def test_a_stored_moment_is_shown_in_local_time_and_reads_back_the_same():
    from qtapp.core.dates import display_moment, parse_datetime

    stored = "2024-03-20T07:00+00:00"
    shown = display_moment(stored)
    assert "Mar 2024" in shown and "T07" not in shown
    assert parse_datetime(shown).isoformat(timespec="minutes") == stored


@pytest.mark.parametrize("stored, shown", [("2023-11-09", "Thu 9 Nov 2023"), ("2023-11", "November 2023"),
                                           ("2023", "2023"), ("", ""), (None, ""), ("soon", "soon")])
def test_a_stored_date_reads_the_same_in_every_list_and_sheet(stored, shown):
    assert display_date(stored) == shown


def test_a_moment_reads_the_same_in_lists_backups_and_findings():
    moment = dt.datetime(2024, 3, 5, 8, 0, 15, tzinfo=dt.UTC)
    assert moment_text(moment) == "5 Mar 2024 08:00"
    assert moment_text(moment, seconds=True) == "5 Mar 2024 08:00:15"
