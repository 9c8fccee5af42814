"""The review screen: nothing is logged until accepted; accepted quotes land as one step."""

from pathlib import Path

import pytest

from PySide6.QtWidgets import QDialog

from qtapp.core.importers import source_from_text
from qtapp.gui.capture.review import ACCEPTED, LOGGED, PENDING, REJECTED, ReviewDialog

ARTICLE = ("Mayor Ingrid Solberg opened the meeting.\n\n"
           "“We cannot wait for the next storm,” Solberg said.\n\n"
           "“This is the vote of the decade,” said councillor Tomas Reyes.\n\n"
           "“The walls will not be enough,” warned Amara Okafor, a hydrologist.\n")
SAMPLES = Path(__file__).parent.parent / "core" / "transcript_samples"   # made-up transcript exports


@pytest.fixture
def source_id(library):
    return library.sources.add("article", "Sea walls vote", text=ARTICLE, date="2024-03-05")


def test_accept_two_reject_one(qtbot, library, source_id):
    reyes = library.speakers.add("Tomas Reyes")
    dialog = ReviewDialog(library, source_id)
    qtbot.addWidget(dialog)
    assert [i.speaker for i in dialog.items] == ["Ingrid Solberg", "Tomas Reyes", "Amara Okafor"]
    assert library.quotes.count() == 0           # nothing logged by opening the screen

    dialog.accept_item(0)
    assert dialog.current_row() == 1             # moved on to the next undecided proposal
    dialog.reject_item(1)
    dialog.accept_item(2)
    assert [i.state for i in dialog.items] == [ACCEPTED, REJECTED, ACCEPTED]
    assert dialog.log_button.text() == "Log 2 quotes"

    with qtbot.waitSignal(dialog.quotes_logged) as logged:
        dialog.accept()
    ids = logged.args[0]
    quotes = [library.quotes.get(i) for i in ids]
    assert [q.words for q in quotes] == ["We cannot wait for the next storm", "The walls will not be enough"]
    for q in quotes:
        assert ARTICLE[q.span_start:q.span_end] == q.words
        assert q.source_id == source_id and q.said.iso == "2024-03-05"
    solberg = library.speakers.get(quotes[0].speaker_id)
    assert solberg.name == "Ingrid Solberg" and "Solberg" in solberg.aliases
    assert reyes not in {q.speaker_id for q in quotes}     # the rejected one was not logged

    assert library.undo() == "Log 2 quotes from Sea walls vote"   # one step, quotes and speakers
    assert library.quotes.count() == 0
    assert [n for _, n, _ in library.speakers.all()] == ["Tomas Reyes"]


def test_change_speaker_and_span_before_logging(qtbot, library, source_id):
    dialog = ReviewDialog(library, source_id)
    qtbot.addWidget(dialog)
    start = ARTICLE.index("the next storm")
    dialog.set_span(0, start, start + len("the next storm"))
    dialog.set_speaker(0, "Ingrid M. Solberg")
    dialog.accept_item(0)
    dialog.accept()
    (quote_id,) = [r.id for r in library.quotes.page()]
    q = library.quotes.get(quote_id)
    assert q.words == "the next storm" and q.span_start == start
    assert library.speakers.get(q.speaker_id).name == "Ingrid M. Solberg"


def test_accept_all_then_cancel_logs_nothing(qtbot, library, source_id):
    dialog = ReviewDialog(library, source_id)
    qtbot.addWidget(dialog)
    dialog.reject_item(0)
    dialog.accept_all()
    assert [i.state for i in dialog.items] == [REJECTED, ACCEPTED, ACCEPTED]
    dialog.reject()
    assert library.quotes.count() == 0


def test_a_quote_without_speaker_is_refused_with_a_message(qtbot, library, source_id, monkeypatch):
    shown = []
    monkeypatch.setattr("qtapp.gui.capture.review.show_error", lambda parent, exc: shown.append(str(exc)))
    dialog = ReviewDialog(library, source_id)
    qtbot.addWidget(dialog)
    dialog.set_speaker(0, "")
    dialog.accept_item(0)
    dialog.accept()
    assert shown and "has no speaker" in shown[0]
    assert library.quotes.count() == 0
    assert dialog.result() != QDialog.DialogCode.Accepted     # stays open for a speaker to be chosen


def test_a_long_text_is_read_in_the_background(qtbot, library, source_id, monkeypatch):
    monkeypatch.setattr("qtapp.gui.capture.review.RUN_IN_BACKGROUND_OVER", 10)
    dialog = ReviewDialog(library, source_id)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "Finding quotes…" and not dialog.log_button.isEnabled()
    qtbot.waitUntil(lambda: len(dialog.items) == 3, timeout=10_000)
    assert dialog.table.rowCount() == 3
    assert "3 proposed" in dialog.summary.text()


def test_a_source_without_quotes_says_so(qtbot, library):
    empty = library.sources.add("article", "Notice", text="The office is closed on Monday.")
    dialog = ReviewDialog(library, empty)
    qtbot.addWidget(dialog)
    assert dialog.items == [] and "No quotations" in dialog.summary.text()
    assert not dialog.log_button.isEnabled() and not dialog.accept_button.isEnabled()


def test_finding_quotes_again_proposes_only_what_is_new(qtbot, library, source_id):
    first = ReviewDialog(library, source_id)
    qtbot.addWidget(first)
    first.accept_item(0)
    first.accept_item(2)
    first.accept()
    assert library.quotes.count() == 2

    again = ReviewDialog(library, source_id)
    qtbot.addWidget(again)
    assert [i.state for i in again.items] == [LOGGED, PENDING, LOGGED]
    assert "2 already logged" in again.summary.text()
    again.table.selectRow(0)
    assert not again.accept_button.isEnabled() and "Already logged" in again.speaker_note.text()
    again.accept_item(0)                             # a logged row cannot be accepted again
    again.accept_all()
    assert [i.state for i in again.items] == [LOGGED, ACCEPTED, LOGGED]
    with qtbot.waitSignal(again.quotes_logged) as logged:
        again.accept()
    assert len(logged.args[0]) == 1 and library.quotes.count() == 3     # 0 duplicates


def test_a_transcript_proposes_each_labelled_turn_with_its_speaker_and_logs_it_with_its_time(qtbot, library):
    mara = library.speakers.add("Mara Quill")
    source = source_from_text(library, (SAMPLES / "trint.txt").read_text(encoding="utf-8"), title="Pier call")
    dialog = ReviewDialog(library, source)
    qtbot.addWidget(dialog)
    text = library.sources.get(source).text
    turns = [(i.speaker, text[i.start:i.end][:18]) for i in dialog.items]
    assert ("Speaker 1", "Thanks for making ") in turns and ("Mara Quill", "We expect the pier") in turns
    row = turns.index(("Mara Quill", "We expect the pier"))
    dialog.accept_item(row)
    with qtbot.waitSignal(dialog.quotes_logged) as logged:
        dialog.accept()
    quote = library.quotes.get(logged.args[0][0])
    assert (quote.speaker_id, quote.time_start, quote.time_end) == (mara, 7.0, 19.0)
