"""Duplicates at capture: Find Quotes knows what is logged, and the same words logged under two
ground rules block both and make every channel apply the stricter rule."""

import datetime as dt

import pytest

from qtapp.core.checks import findings_for, recheck
from qtapp.core.checks.conflicts import effective_rule
from qtapp.core.errors import InvalidInput, NotFound
from qtapp.core.extract import Accepted, extract_quotes, known_speakers_of, log_accepted, mark_logged
from qtapp.core.publish import decide_fields

TEXT = ("“We will not close the shelter this winter,” said Ines Calder, the city's housing chief. "
        "“The money is there,” Calder added. “Nobody sleeps outside while I am here.”")
NOW = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def interview(library):
    calder = library.speakers.add("Ines Calder", aliases=["Calder"])
    source = library.sources.add("interview", "Calder interview", date="2023-12-01", text=TEXT)
    return library, calder, source


def _log_all(lib, source):
    proposals = mark_logged(lib, source, extract_quotes(TEXT, known_speakers_of(lib)))
    new = [p for p in proposals if p.logged_id is None]
    return proposals, log_accepted(lib, source, [Accepted(p.quote, p.start, p.end, p.speaker or "Ines Calder",
                                                          p.speaker_id) for p in new])


def test_finding_quotes_again_marks_every_logged_span(interview):
    lib, _calder, source = interview
    first, ids = _log_all(lib, source)
    assert len(ids) == len(first) >= 3
    again, more = _log_all(lib, source)
    assert [p.logged_id for p in again] == ids and more == []


def test_a_quote_logged_by_hand_without_a_place_is_found_in_the_text(interview):
    lib, calder, source = interview
    qid = lib.quotes.add("The money is there", calder, source_id=source)
    logged = {p.quote: p.logged_id for p in mark_logged(lib, source, extract_quotes(TEXT))}
    assert logged["The money is there"] == qid
    assert list(logged.values()).count(None) == len(logged) - 1


def test_logging_an_already_logged_span_is_refused_with_its_id(interview):
    lib, calder, source = interview
    [p, *_] = extract_quotes(TEXT)
    log_accepted(lib, source, [Accepted(p.quote, p.start, p.end, "Ines Calder", calder)])
    with pytest.raises(InvalidInput, match=r"already logged from this source\. Reject it here"):
        log_accepted(lib, source, [Accepted(p.quote, p.start, p.end, "Ines Calder", calder)])


def test_same_words_under_another_rule_block_both_and_the_stricter_rule_applies(interview):
    lib, calder, source = interview
    secret = lib.quotes.add("Nobody sleeps outside while I am here.", calder, source_id=source, rule="off_record")
    again = lib.quotes.add("Nobody sleeps outside while I am here.", calder, source_id=source)
    recheck(lib)
    for qid, other in ((secret, again), (again, secret)):
        [conflict] = [f for f in findings_for(lib, qid) if f.code == "rule_conflict"]
        assert conflict.severity == "blocking" and conflict.detail["other"] == other
    rule = effective_rule(lib, again, NOW)
    assert (rule.rule, rule.conflicts) == ("off_record", [secret])
    assert not decide_fields(rule=rule.rule, rule_description=rule.rule_description, embargo_until=rule.embargo_until,
                             speaker_name="Ines Calder", speaker_description="", confidential=False, now=NOW).allowed
    lib.quotes.update(again, rule="off_record")       # resolved: the rules agree
    recheck(lib)
    assert not any(f.code == "rule_conflict" for f in findings_for(lib, again))
    assert effective_rule(lib, again, NOW).conflicts == []


@pytest.mark.parametrize("rules, expected", [
    ([{"rule": "on_record"}, {"rule": "background", "rule_description": "a city official"}],
     ("background", "a city official", None)),
    ([{"rule": "background", "rule_description": "a city official"},
      {"rule": "embargoed", "embargo_until": "2031-01-01T09:00"}],
     ("embargoed", "", "2031-01-01T09:00+00:00")),
    ([{"rule": "embargoed", "embargo_until": "2020-01-01T09:00"},     # lifted by NOW
      {"rule": "background", "rule_description": "a city official"}],
     ("background", "a city official", None)),
    ([{"rule": "embargoed", "embargo_until": "2031-01-01T09:00"},
      {"rule": "embargoed", "embargo_until": "2032-06-01T09:00"}],
     ("embargoed", "", "2032-06-01T09:00+00:00")),
    ([{"rule": "deep_background"}, {"rule": "off_record"}], ("off_record", "", None)),
])
def test_the_stricter_rule_is_what_may_be_published_at_that_moment(interview, rules, expected):
    lib, calder, source = interview
    ids = [lib.quotes.add("The money is there.", calder, source_id=source, **fields) for fields in rules]
    for qid in ids:
        rule = effective_rule(lib, qid, NOW)
        assert (rule.rule, rule.rule_description, rule.embargo_until) == expected


def test_a_quote_without_conflict_keeps_its_own_rule(interview):
    lib, calder, source = interview
    qid = lib.quotes.add("The money is there.", calder, source_id=source, rule="background",
                         rule_description="a city official")
    lib.quotes.add("Nobody sleeps outside while I am here.", calder, source_id=source, rule="off_record")
    elsewhere = lib.sources.add("article", "Another day", text=TEXT)
    lib.quotes.add("The money is there.", calder, source_id=elsewhere)   # another source: no conflict
    rule = effective_rule(lib, qid, NOW)
    assert (rule.rule, rule.rule_description, rule.conflicts) == ("background", "a city official", [])
    with pytest.raises(NotFound):
        effective_rule(lib, 999)


def test_rerunning_find_quotes_on_the_seed_article_proposes_no_duplicates(shared_dir, library):
    text = (shared_dir / "fixtures" / "seed" / "article.txt").read_text(encoding="utf-8")
    source = library.sources.add("article", "Seed", text=text)
    proposals = extract_quotes(text, known_speakers_of(library))
    log_accepted(library, source, [Accepted(p.quote, p.start, p.end, p.speaker or "Unknown", p.speaker_id)
                                   for p in proposals])
    again = mark_logged(library, source, extract_quotes(text, known_speakers_of(library)))
    assert len(again) == len(proposals) and all(p.logged_id is not None for p in again)
