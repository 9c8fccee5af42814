"""The ground-rule decision every exporter relies on."""

import datetime as dt

import pytest

from qtapp.core.publish import ANONYMOUS, decide

NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def speaker(library):
    return library.speakers.add("Ilse Marrowby", description="a planning officer")


def test_on_record_is_named(library, speaker):
    q = library.quotes.add("The bridge opens in May.", speaker)
    d = decide(library, q, now=NOW)
    assert d.allowed and d.named and d.attribute_as == "Ilse Marrowby"


@pytest.mark.parametrize("rule", ["off_record", "deep_background"])
def test_off_record_and_deep_background_are_never_allowed(library, speaker, rule):
    d = decide(library, library.quotes.add("Nobody may read this.", speaker, rule=rule), now=NOW)
    assert not d.allowed and d.attribute_as == "" and not d.named
    assert rule.split("_")[0] in d.reason.replace(" ", "_")


def test_background_uses_only_the_agreed_description(library, speaker):
    q = library.quotes.add("The budget is short.", speaker, rule="background",
                           rule_description="an official in the planning office")
    d = decide(library, library.quotes.get(q), now=NOW)
    assert d.allowed and not d.named
    assert d.attribute_as == "an official in the planning office"
    assert "Marrowby" not in d.attribute_as + d.reason


def test_embargo_holds_until_its_time_then_lifts(library, speaker):
    q = library.quotes.add("Results at noon.", speaker, rule="embargoed", embargo_until="2024-06-01T12:00+00:00")
    assert not decide(library, q, now=NOW - dt.timedelta(minutes=1)).allowed
    after = decide(library, q, now=NOW)
    assert after.allowed and after.named and after.attribute_as == "Ilse Marrowby"


def test_naive_now_is_local_time(library, speaker):
    q = library.quotes.add("Results at noon.", speaker, rule="embargoed", embargo_until="2024-06-01T12:00+00:00")
    later = (NOW + dt.timedelta(hours=1)).astimezone().replace(tzinfo=None)
    assert decide(library, q, now=later).allowed


def test_confidential_speaker_is_never_named(library):
    hidden = library.speakers.add("Pell Dunmore", confidential=True, description="a ferry engineer")
    d = decide(library, library.quotes.add("The hull is cracked.", hidden), now=NOW)
    assert d.allowed and not d.named and d.attribute_as == "a ferry engineer"
    bare = library.speakers.add("Rook Avalley", confidential=True)
    d = decide(library, library.quotes.add("I was there.", bare), now=NOW)
    assert d.attribute_as == ANONYMOUS
    d = decide(library, library.quotes.add("Also there.", bare, rule="background", rule_description="a witness"),
               now=NOW)
    assert d.attribute_as == "a witness"


def test_embargo_lifted_for_a_confidential_speaker_stays_anonymous(library):
    hidden = library.speakers.add("Pell Dunmore", confidential=True)
    q = library.quotes.add("Figures follow.", hidden, rule="embargoed", embargo_until="2024-01-01T00:00+00:00")
    d = decide(library, q, now=NOW)
    assert d.allowed and not d.named and "Dunmore" not in d.attribute_as
