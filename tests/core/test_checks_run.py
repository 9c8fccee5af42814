"""Running the checks: stored findings and status, acknowledgements, and the per-quote checks."""

import datetime as dt

import pytest

from qtapp.core.checks import acknowledge, check_library, check_quotes, findings_for
from qtapp.core.errors import Interrupted, InvalidInput, NotFound
from qtapp.core.query import QuoteQuery

TEXT = ("The port authority met on Friday. “We will not sell the old lighthouse,” said director Piet Vos. "
        "“It belongs to the town, and 300 volunteers keep it running.”")


@pytest.fixture
def setup(library):
    vos = library.speakers.add("Piet Vos")
    source = library.sources.add("article", "Lighthouse", outlet="Coast Courier", date="2024-03-08", text=TEXT)
    return library, vos, source


def _check(lib, qid, **kwargs):
    [result] = check_quotes(lib, [qid], **kwargs)
    return result


def _codes(result):
    return {f.code for f in result.findings}


def test_a_verbatim_attributed_quote_is_stored_as_fine(setup):
    lib, vos, source = setup
    qid = lib.quotes.add("We will not sell the old lighthouse", vos, source_id=source, said="2024-03-08",
                         second_hand=True, via_outlet="Coast Courier")
    result = _check(lib, qid)
    assert result.verdicts["verbatim"] == "exact"
    assert result.verdicts["speaker"].startswith("attributed")
    assert result.status == "info"          # only the second-hand note
    assert lib.quotes.get(qid).check_status == "info"
    assert lib.quotes.count(QuoteQuery(needs_attention=True)) == 0


def test_an_altered_quote_blocks_and_lists_in_needs_attention(setup):
    lib, vos, source = setup
    qid = lib.quotes.add("We will sell the old lighthouse", vos, source_id=source)
    result = _check(lib, qid)
    assert result.verdicts["verbatim"] == "altered"
    [altered] = [f for f in findings_for(lib, qid) if f.code == "altered"]
    assert altered.severity == "blocking" and altered.detail["serious"]
    assert TEXT[altered.span[0]:altered.span[1]] == "We will not sell the old lighthouse"
    assert lib.quotes.get(qid).check_status == "blocking"
    assert [r.id for r in lib.quotes.page(QuoteQuery(needs_attention=True))] == [qid]


def test_acknowledging_a_finding_clears_the_status_keeps_history_and_survives_a_rerun(setup):
    lib, vos, source = setup
    qid = lib.quotes.add("We will sell the old lighthouse", vos, source_id=source)
    _check(lib, qid)
    [altered] = [f for f in findings_for(lib, qid) if f.code == "altered"]
    with pytest.raises(InvalidInput):
        acknowledge(lib, altered.id, "  ")
    acknowledge(lib, altered.id, "Checked against the recording: he said it this way")
    assert lib.quotes.get(qid).check_status != "blocking"
    assert lib.quotes.count(QuoteQuery(needs_attention=True)) == 0
    history = [h for h in lib.quotes.history(qid) if h["field"] == "check acknowledged"]
    assert history and history[0]["new"].startswith("Checked against the recording")
    rerun = _check(lib, qid)
    [again] = [f for f in rerun.findings if f.code == "altered"]
    assert again.acknowledged_reason.startswith("Checked against the recording")
    assert rerun.status != "blocking"
    with pytest.raises(NotFound):
        acknowledge(lib, 999_999, "no such finding")


def test_a_new_finding_is_not_covered_by_an_old_acknowledgement(setup):
    lib, vos, source = setup
    qid = lib.quotes.add("We will sell the old lighthouse", vos, source_id=source)
    _check(lib, qid)
    [altered] = [f for f in findings_for(lib, qid) if f.code == "altered"]
    acknowledge(lib, altered.id, "fine")
    lib.quotes.update(qid, words="We will sell the lighthouse")      # same passage, another change
    assert _check(lib, qid).status == "blocking"


def test_ground_rules(setup):
    lib, vos, source = setup
    words = "We will not sell the old lighthouse"
    off = lib.quotes.add(words, vos, source_id=source, rule="off_record")
    deep = lib.quotes.add(words, vos, source_id=source, rule="deep_background")
    bg = lib.quotes.add(words, vos, source_id=source, rule="background", rule_description="a port official")
    now = dt.datetime(2024, 3, 9, 12, tzinfo=dt.UTC)
    later = lib.quotes.add(words, vos, source_id=source, rule="embargoed", embargo_until="2024-03-10 09:00 UTC")
    lifted = lib.quotes.add(words, vos, source_id=source, rule="embargoed", embargo_until="2024-03-01 09:00 UTC")
    results = {r.quote_id: r for r in check_quotes(lib, [off, deep, bg, later, lifted], now=now)}
    assert "off_record" in _codes(results[off]) and results[off].blocks
    assert "deep_background" in _codes(results[deep]) and results[deep].blocks
    [bg_finding] = [f for f in results[bg].findings if f.check == "ground_rule"]
    assert bg_finding.severity == "info" and "a port official" in bg_finding.message
    assert "embargoed" in _codes(results[later]) and results[later].blocks
    assert "embargo_lifted" in _codes(results[lifted])
    assert not any(f.check == "ground_rule" and f.severity == "blocking" for f in results[lifted].findings)


def test_dates_compared_at_their_precision(setup):
    lib, vos, _ = setup
    month_source = lib.sources.add("article", "Month only", date="2024-03", text=TEXT)
    same_month = lib.quotes.add("We will not sell the old lighthouse", vos, source_id=month_source, said="2024-03-20")
    next_month = lib.quotes.add("We will not sell the old lighthouse", vos, source_id=month_source, said="2024-04-02")
    assert "said_after_source" not in _codes(_check(lib, same_month))
    assert "said_after_source" in _codes(_check(lib, next_month))


def test_duplicates_and_conflicts_found_through_the_index(setup):
    lib, vos, source = setup
    other = lib.speakers.add("Marta Keel")
    first = lib.quotes.add("It belongs to the town, and 300 volunteers keep it running", vos, source_id=source)
    twice = lib.quotes.add("It belongs to the town and 300 volunteers keep it running.", vos, source_id=source)
    elsewhere = lib.quotes.add("It belongs to the town, and 300 volunteers keep it running", other)
    unrelated = lib.quotes.add("The tide tables are printed every Sunday", other)
    results = {r.quote_id: r for r in check_quotes(lib, [first, twice, elsewhere, unrelated])}
    assert results[first].verdicts["duplicates"] == "conflict"
    assert {f.detail["other"] for f in results[first].findings if f.check == "duplicates"} == {twice, elsewhere}
    assert "Marta Keel" in next(f.message for f in results[first].findings if f.code == "conflict")
    assert "duplicate" in _codes(results[twice])
    assert results[unrelated].verdicts["duplicates"] == "unique"


def test_second_hand_and_unbalanced_marks(setup):
    lib, vos, source = setup
    second = lib.quotes.add("We will not sell the old lighthouse", vos, source_id=source,
                            second_hand=True, via_outlet="Coast Courier")
    marks = lib.quotes.add("We will not “sell the old lighthouse", vos, source_id=source)
    assert "second_hand" in _codes(_check(lib, second))
    assert _check(lib, second).verdicts["second_hand"] == "second_hand"
    assert _check(lib, marks).verdicts["marks"] == "unbalanced"
    assert _check(lib, second).verdicts["marks"] == "balanced"


def test_a_quote_carried_over_paragraphs_is_balanced_and_a_stray_mark_inside_one_is_not(setup):
    lib, vos, _source = setup
    carried = lib.quotes.add("We will not sell the old lighthouse.\n\n“It belongs to the town,\n  “and it stays.",
                             vos)
    stray = lib.quotes.add("We will not sell the old lighthouse.\n\n“It belongs “to the town.", vos)
    assert _check(lib, carried).verdicts["marks"] == "balanced"
    assert _check(lib, stray).verdicts["marks"] == "unbalanced"


def test_a_source_with_no_text_is_unverifiable_and_no_source_is_said(library):
    speaker = library.speakers.add("Marta Keel")
    empty = library.sources.add("interview", "Phone call")
    a = library.quotes.add("The tide tables are printed every Sunday", speaker, source_id=empty)
    b = library.quotes.add("The tide tables are printed every Sunday", speaker)
    results = check_quotes(library, [a, b])
    assert [r.verdicts["verbatim"] for r in results] == ["unverifiable", "no_source"]
    assert all(r.status in ("info", "warning") for r in results)


def test_the_library_run_reports_progress_and_can_be_cancelled(setup, progress_log):
    lib, vos, source = setup
    words = ["lamp", "keeper", "tide", "rock", "gull", "fog", "horn", "beam", "reef", "pier"]
    lib.quotes.add_many([{"words": f"The {words[i % 10]} and the {words[i // 10 % 10]} in year {i}",
                          "speaker_id": vos, "source_id": source} for i in range(450)])
    progress = progress_log()
    summary = check_library(lib, progress=progress)
    assert summary.total == 450 and progress.seen[0] == (0, 450) and progress.seen[-1] == (450, 450)
    assert sum(summary.by_status.values()) == 450
    with pytest.raises(Interrupted):
        check_library(lib, source_id=source, progress=progress_log(stop_at=200))


def test_an_attribution_line_that_does_not_name_the_outlet_is_flagged():
    from qtapp.core.checks import rules
    _, findings = rules.second_hand("second_hand", "El Mercurio", "article", "", "“We will stay,” Vos said.")
    assert "outlet_missing" in {f.code for f in findings}
    _, findings = rules.second_hand("second_hand", "El Mercurio", "article", "",
                                    "“We will stay,” Vos told El Mercurio.")
    assert "outlet_missing" not in {f.code for f in findings}


def test_a_partial_quote_that_leaves_out_its_negation_warns_with_the_word(setup):
    lib, vos, source = setup
    result = _check(lib, lib.quotes.add("sell the old lighthouse", vos, source_id=source))
    assert result.verdicts["verbatim"] == "exact"
    [edge] = [f for f in result.findings if f.code == "edge_changes_meaning"]
    assert edge.severity == "warning" and "“not” right before it" in edge.message
    assert TEXT[edge.span[0]:edge.span[1]] == "not"
