"""The Checks tab: findings shown, accepted with a reason, the diff, and "use the source's words"."""

import pytest

from qtapp.core.checks import check_quotes, is_stale, recheck
from qtapp.core.query import QuoteQuery
from qtapp.gui.checks import findings_panel
from qtapp.gui.checks.diff_view import marked_html
from qtapp.gui.checks.findings_panel import FindingsPanel
from qtapp.gui.checks.run_checks import check_in_background, summary_text

TEXT = "“The bakery will stay open on Sundays, but not in August,” said owner Mila Horvat on Tuesday."


@pytest.fixture
def altered(library):
    horvat = library.speakers.add("Mila Horvat")
    source = library.sources.add("article", "Bakery", text=TEXT)
    qid = library.quotes.add("The bakery will stay open on Sundays, even in August", horvat, source_id=source)
    check_quotes(library, [qid])
    return library, qid


@pytest.fixture
def panel(qtbot, library):
    widget = FindingsPanel(library)
    qtbot.addWidget(widget)
    return widget


def test_nothing_selected(panel):
    assert "Select a quote" in panel.status.text()
    assert panel.findings.count() == 0 and not panel.recheck.isEnabled()


def test_an_altered_quote_shows_its_findings_and_the_marked_diff(panel, altered):
    _, qid = altered
    panel.set_quote(qid)
    assert "Blocks publication" in panel.status.text()
    texts = [panel.findings.item(i).text() for i in range(panel.findings.count())]
    assert texts[0].startswith("Blocking · Verbatim")
    assert not panel.diff.isHidden()
    assert "line-through" in panel.diff.quote_view.toHtml() and "even" in panel.diff.quote_view.toPlainText()
    assert panel.diff.source_view.toPlainText() == "The bakery will stay open on Sundays, but not in August"


def test_use_the_source_words_is_an_undoable_edit_that_clears_the_finding(qtbot, panel, altered):
    library, qid = altered
    panel.set_quote(qid)
    with qtbot.waitSignal(panel.quote_did_change, timeout=2000) as signal:
        panel.use_source.click()
    assert signal.args == [qid]
    assert library.quotes.get(qid).words == "The bakery will stay open on Sundays, but not in August"
    assert is_stale(library, qid)                   # the window's re-check runs it (test_rechecks.py)
    assert "checking again" in panel.status.text()
    recheck(library)
    panel.refresh()
    assert library.quotes.get(qid).check_status != "blocking"
    assert panel.diff.isHidden()
    library.undo()
    assert library.quotes.get(qid).words == "The bakery will stay open on Sundays, even in August"


def test_accepting_a_finding_with_a_reason(panel, altered, monkeypatch):
    library, qid = altered
    panel.set_quote(qid)
    monkeypatch.setattr(findings_panel, "ask_reason", lambda parent, message: None)
    panel.accept.click()
    assert library.quotes.get(qid).check_status == "blocking"      # cancelled: nothing changed
    monkeypatch.setattr(findings_panel, "ask_reason", lambda parent, message: "The owner corrected herself later")
    panel.accept.click()
    assert library.quotes.get(qid).check_status != "blocking"
    assert "Accepted: The owner corrected herself later" in panel.findings.item(0).text()
    assert not panel.accept.isEnabled()


def test_marked_html_escapes_and_marks_missing_words():
    assert marked_html("a <b> c", [(2, 5)], "[{}]") == "a [&lt;b&gt;] c"
    assert marked_html("a c", [(2, 2)], "[{}]") == "a [‸]c"


def test_checking_the_library_in_the_background(qtbot, altered):
    library, qid = altered
    library.db.execute("UPDATE quotes SET check_status = NULL")
    done = {}
    op = check_in_background(None, library, on_done=lambda summary: done.setdefault("summary", summary))
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert done["summary"].blocking == [qid]
    assert "1 block publication" in summary_text(done["summary"])
    assert library.quotes.count(QuoteQuery(needs_attention=True)) == 1


def test_the_panel_waits_while_background_work_holds_the_library(panel, altered, monkeypatch):
    _, qid = altered
    monkeypatch.setattr(findings_panel, "is_busy", lambda: True)
    panel.set_quote(qid)
    assert "Checking" in panel.status.text() and panel.findings.count() == 0
    monkeypatch.setattr(findings_panel, "is_busy", lambda: False)
    findings_panel.busy_state.changed.emit(False)
    assert "Blocks publication" in panel.status.text() and panel.findings.count() > 0


def test_a_quote_with_a_time_shows_the_transcript_cue_beside_its_words(panel, library):
    from .recording_helpers import transcript_source
    source, text, spans = transcript_source(library)
    start = text.index("The seawall")
    chair = library.speakers.add("Dana Chair")
    said = library.quotes.add("The seawall budget is forty million.", chair,
                              source_id=source, span_start=start, span_end=spans[1][1])
    panel.set_quote(said)
    assert panel.transcript.isVisibleTo(panel)
    assert panel.transcript.text() == ("Quote: “The seawall budget is forty million.”\n"
                                       "Transcript at 0:02–0:04: CHAIR: The seawall budget is forty million.")
    untimed = library.quotes.add("We never discussed it.", chair)
    panel.set_quote(untimed)
    assert not panel.transcript.isVisibleTo(panel)


def test_using_the_source_words_of_a_quote_the_search_then_leaves_out_raises_nothing(qtbot, altered):
    from .window_helpers import open_window, settle
    library, qid = altered
    window = open_window(qtbot, library)
    window.search.set_text("even")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    settle(qtbot, window)
    assert window.select_quote(qid)
    window.detail.setCurrentWidget(window.detail.checks_tab)
    panel = window.detail.checks
    assert panel.quote_id == qid and not panel.use_source.isHidden()
    with qtbot.waitSignal(panel.quote_did_change, timeout=2000) as signal:
        panel.use_source.click()           # the words lose "even": the list re-reads without the quote
    settle(qtbot, window)
    assert signal.args == [qid] and window.model.rowCount() == 0
    assert library.quotes.get(qid).words == "The bakery will stay open on Sundays, but not in August"
    window.close()
