"""Provenance in the window: two independent controls in the quote form, the list's column, and
the review screen proposing both and storing both on accept."""

import pytest

from PySide6.QtCore import Qt

from qtapp.gui.capture.review import ReviewDialog
from qtapp.gui.detail.quote_form import QuoteForm
from qtapp.gui.models.quotes_model import provenance_label

ARTICLE = ("Finance Minister Ana Ruiz spoke to the Lima daily on Monday.\n\n"
           "“We will not raise taxes this year,” Ruiz told El Comercio in Spanish.\n\n"
           "“The deficit is under control,” she said at the airport.\n")


@pytest.fixture
def form(qtbot, library):
    ruiz = library.speakers.add("Ana Ruiz")
    quote_id = library.quotes.add("We will not raise taxes.", ruiz)
    widget = QuoteForm(library)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_quote(quote_id)
    return widget


def _type(qtbot, line, text):
    line.clear()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _stored(form):
    q = form.lib.quotes.get(form.quote.id)
    return q.second_hand, q.via_outlet, q.translated, q.language


def test_second_hand_and_translated_are_two_independent_controls(qtbot, form):
    assert not form.via.isEnabled() and not form.language.isEnabled()

    form.second_hand.click()
    assert form.via.isEnabled() and not form.language.isEnabled()
    assert _stored(form) == (False, "", False, "")          # waits for the outlet
    _type(qtbot, form.via, "El Comercio")
    assert _stored(form) == (True, "El Comercio", False, "")

    form.translated.click()
    assert form.language.isEnabled() and form.via.isEnabled()
    _type(qtbot, form.language, "Spanish")
    assert _stored(form) == (True, "El Comercio", True, "Spanish")
    (row,) = form.lib.quotes.page()
    assert provenance_label(row) == "Second-hand, via El Comercio; translated from Spanish"

    form.second_hand.click()
    assert _stored(form)[:3] == (False, "El Comercio", True)    # the other fact stays
    assert not form.via.isEnabled() and form.language.isEnabled()
    (row,) = form.lib.quotes.page()
    assert provenance_label(row) == "Translated from Spanish"

    form.lib.undo()
    form.show_quote(form.quote.id)
    assert form.second_hand.isChecked() and form.translated.isChecked()
    assert form.via.text() == "El Comercio" and form.language.text() == "Spanish"


def test_review_proposes_both_and_accepting_stores_both(qtbot, library):
    source_id = library.sources.add("article", "Budget", language="en", text=ARTICLE, date="2024-03-05")
    dialog = ReviewDialog(library, source_id)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.second_hand.isChecked() and dialog.via_edit.text() == "El Comercio"
    assert dialog.translated.isChecked() and dialog.language_edit.text() == "Spanish"
    assert dialog.table.item(0, 3).text() == "via El Comercio · from Spanish"
    dialog.table.selectRow(1)
    assert not dialog.second_hand.isChecked() and not dialog.translated.isChecked()
    assert not dialog.via_edit.isEnabled()

    dialog.translated.click()                       # the reporter knows this one was in Spanish too
    _type(qtbot, dialog.language_edit, "Spanish")
    assert dialog.items[1].translated and dialog.items[1].language == "Spanish" and dialog.items[1].via_outlet == ""
    assert dialog.table.item(1, 3).text() == "from Spanish"
    dialog.accept_all()
    with qtbot.waitSignal(dialog.quotes_logged) as logged:
        dialog.accept()
    first, second = (library.quotes.get(i) for i in logged.args[0])
    assert (first.second_hand, first.via_outlet, first.translated, first.language) == (
        True, "El Comercio", True, "Spanish")
    assert (second.second_hand, second.translated, second.language) == (False, True, "Spanish")
    assert first.attribution_evidence["mention"] == "Ruiz"
    assert second.attribution_evidence["how"] == "pronoun"
