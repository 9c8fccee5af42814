"""The search box language."""

import datetime as dt

from qtapp.core.dates import PartialDate
from qtapp.core.search import parse_search, search_problems


def test_filters_and_phrases_are_understood():
    q = parse_search('speaker:"Secretary Blinken" source:Seoul tag:korea rule:background '
                     'after:2023-11 before:"9 Dec 2023" "very closely" watch*')
    assert q.speaker == "Secretary Blinken"
    assert q.source == "Seoul" and q.tag == "korea" and q.rule == "background"
    assert q.after == PartialDate(2023, 11)
    assert q.before == PartialDate(2023, 12, 9)
    assert q.text == '"very closely" watch*'


def test_unreadable_filters_become_problems_not_errors():
    text = "after:31/02/2023 rule:sideways words"
    q = parse_search(text, today=dt.date(2024, 1, 1))
    assert q.after is None and q.rule == ""
    assert q.text == "words"
    problems = search_problems(text)
    assert any("after" in p for p in problems) and any("sideways" in p for p in problems)


def test_unknown_keys_are_searched_as_words():
    assert parse_search("http://example.org note:x").text == "http://example.org note:x"
